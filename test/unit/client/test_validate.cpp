// Every validation error: InvalidArgumentError naming the operation and the problem, thrown by
// encode before it writes anything.
#include "codec_support.hpp"

using namespace dynaq;
using Catch::Matchers::Contains;

namespace {

template <class Request>
void require_invalid(const Request& request, const std::string& fragment) {
    std::string out = "untouched";
    try {
        detail::encode(request, out);
        FAIL("no InvalidArgumentError; encoded " << out);
    } catch (const InvalidArgumentError& e) {
        CHECK_THAT(e.what(), Contains(std::string(detail::operation_traits<Request>::name) + ": "));
        CHECK_THAT(e.what(), Contains(fragment));
    }
    CHECK(out == "untouched");
}

template <class Request>
void require_valid(const Request& request) {
    std::string out;
    CHECK_NOTHROW(detail::encode(request, out));
    CHECK_FALSE(out.empty());
}

const Item key{{"pk", "a"}};

GetItemRequest get(std::string table = "orders") {
    return {.table_name = std::move(table), .key = key};
}

} // namespace

TEST_CASE("validate: table and index names", "[client][validate]") {
    require_valid(get("abc"));
    require_valid(get(std::string(255, 'x')));
    require_valid(get("Az09_.-"));
    require_invalid(get("ab"), "table_name \"ab\" is invalid");
    require_invalid(get(""), "table_name");
    require_invalid(get(std::string(256, 'x')), "3 to 255 characters");
    require_invalid(get("my table"), "table_name");
    require_invalid(get("orders/1"), "table_name");
    require_invalid(get("tablé"), "table_name");
    require_invalid(DeleteTableRequest{"x"}, "table_name");
    require_invalid(DescribeTableRequest{"x"}, "table_name");
    require_invalid(DescribeTimeToLiveRequest{"x"}, "table_name");

    QueryRequest q{.table_name = "orders",
                   .index_name = "ix",
                   .key_condition_expression = "pk = :p",
                   .expression_attribute_values = {{":p", "a"}}};
    require_invalid(q, "index_name \"ix\"");
    ScanRequest s{.table_name = "orders", .index_name = "bad index"};
    require_invalid(s, "index_name");
}

TEST_CASE("validate: keys", "[client][validate]") {
    auto r = get();
    r.key = {};
    require_invalid(r, "key is missing");
    r.key = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
    require_invalid(r, "key has 3 attributes");
    r.key = {{"pk", ""}};
    require_invalid(r, "pk");
    r.key = {{"pk", true}};
    require_invalid(r, "pk");
    r.key = {{"pk", "a"}, {"sk", Number("1.5")}};
    require_valid(r);

    require_invalid(UpdateItemRequest{.table_name = "orders"}, "key is missing");
    require_invalid(DeleteItemRequest{.table_name = "orders", .key = {{"pk", List{}}}}, "pk");
}

TEST_CASE("validate: items", "[client][validate]") {
    require_invalid(PutItemRequest{.table_name = "orders"}, "item is empty");
    require_invalid(
        PutItemRequest{.table_name = "orders", .item = {{"pk", "a"}, {"s", StringSet{}}}}, "item");
    require_invalid(
        PutItemRequest{.table_name = "orders", .item = {{"pk", "a"}, {"s", StringSet{"x", "x"}}}},
        "item");
}

TEST_CASE("validate: expressions and placeholders", "[client][validate]") {
    auto r = get();
    r.projection_expression = "";
    require_invalid(r, "projection_expression is empty");

    r.projection_expression = "#a, b";
    r.expression_attribute_names = {{"#a", "a"}};
    require_valid(r);
    r.expression_attribute_names = {{"a", "a"}};
    require_invalid(r, "key \"a\" must be '#'");
    r.expression_attribute_names = {{"#a-b", "a"}};
    require_invalid(r, "key \"#a-b\" must be '#'");
    r.expression_attribute_names = {{"#a", ""}};
    require_invalid(r, "to an empty name");
    r.expression_attribute_names = {{"#a", "a"}, {"#unused", "u"}};
    require_invalid(r, "defines \"#unused\" but no expression uses it");
    r.expression_attribute_names = {};
    require_invalid(r, "uses \"#a\" but expression_attribute_names does not define it");
    r.projection_expression = "# , b";
    require_invalid(r, "lone '#'");

    PutItemRequest p{.table_name = "orders", .item = key, .condition_expression = "size(x) > :n"};
    require_invalid(p, "uses \":n\" but expression_attribute_values does not define it");
    p.expression_attribute_values = {{":n", 1}, {":extra", 2}};
    require_invalid(p, "defines \":extra\" but no expression uses it");
    p.expression_attribute_values = {{"n", 1}};
    require_invalid(p, "key \"n\" must be ':'");
    p.expression_attribute_values = {{":n", NumberSet{}}};
    require_invalid(p, "expression_attribute_values");
    p.expression_attribute_values = {{":n", 1}};
    require_valid(p);
    p.condition_expression = "";
    p.expression_attribute_values = {};
    require_invalid(p, "condition_expression is empty");

    // Names or values without any expression to use them.
    require_invalid(DeleteItemRequest{.table_name = "orders",
                                      .key = key,
                                      .expression_attribute_names = {{"#a", "a"}}},
                    "no expression uses it");

    UpdateItemRequest u{.table_name = "orders",
                        .key = key,
                        .update_expression = "SET #n = :n",
                        .condition_expression = "attribute_exists(#k)",
                        .expression_attribute_names = {{"#n", "name"}, {"#k", "pk"}},
                        .expression_attribute_values = {{":n", "x"}}};
    require_valid(u);
    u.update_expression = "";
    require_invalid(u, "update_expression is empty");
}

TEST_CASE("validate: return values allowed per operation", "[client][validate]") {
    PutItemRequest p{.table_name = "orders", .item = key, .return_values = ReturnValues::all_old};
    require_valid(p);
    p.return_values = ReturnValues::all_new;
    require_invalid(p, "return_values must be none or all_old, got ALL_NEW");
    DeleteItemRequest d{.table_name = "orders", .key = key, .return_values = ReturnValues::none};
    require_valid(d);
    d.return_values = ReturnValues::updated_old;
    require_invalid(d, "got UPDATED_OLD");
    require_valid(UpdateItemRequest{
        .table_name = "orders", .key = key, .return_values = ReturnValues::updated_new});
}

TEST_CASE("validate: Query and Scan", "[client][validate]") {
    QueryRequest q{.table_name = "orders",
                   .key_condition_expression = "pk = :p",
                   .expression_attribute_values = {{":p", "a"}}};
    require_valid(q);

    SECTION("key condition") {
        q.key_condition_expression = "";
        q.expression_attribute_values = {};
        require_invalid(q, "key_condition_expression is required");
    }
    SECTION("limit") {
        q.limit = 0;
        require_invalid(q, "limit must be at least 1, got 0");
        q.limit = -5;
        require_invalid(q, "got -5");
        q.limit = 1;
        require_valid(q);
    }
    SECTION("exclusive start key") {
        q.exclusive_start_key = Item{};
        require_invalid(q, "exclusive_start_key is empty");
        q.exclusive_start_key = Item{{"pk", "a"}, {"sk", Null{}}};
        require_invalid(q, "sk");
        // An index's start key holds the table key and the index key.
        q.exclusive_start_key = Item{{"pk", "a"}, {"sk", 1}, {"gpk", "b"}, {"gsk", 2}};
        require_valid(q);
    }
    SECTION("select") {
        q.select = Select::count;
        require_valid(q);
        q.projection_expression = "pk";
        require_invalid(q, "select COUNT cannot be combined with projection_expression");
        q.select = Select::all_attributes;
        require_invalid(q, "select ALL_ATTRIBUTES cannot be combined");
        q.select = Select::specific_attributes;
        require_valid(q);
        q.projection_expression.reset();
        require_invalid(q, "select SPECIFIC_ATTRIBUTES needs a projection_expression");
        q.select = Select::all_projected_attributes;
        require_invalid(q, "needs an index_name");
        q.index_name = "by-status";
        require_valid(q);
    }
    SECTION("filter") {
        q.filter_expression = "";
        require_invalid(q, "filter_expression is empty");
    }
    SECTION("scan: select and limit share the checks") {
        require_invalid(ScanRequest{.table_name = "orders",
                                    .projection_expression = "pk",
                                    .select = Select::count},
                        "select COUNT cannot be combined");
        require_invalid(ScanRequest{.table_name = "orders", .limit = 0},
                        "limit must be at least 1");
    }
}

TEST_CASE("validate: Scan segments", "[client][validate]") {
    ScanRequest s{.table_name = "orders"};
    s.segment = 0;
    require_invalid(s, "set both or neither");
    s.segment.reset();
    s.total_segments = 4;
    require_invalid(s, "set both or neither");
    s.segment = 3;
    require_valid(s);
    s.segment = 4;
    require_invalid(s, "segment must be 0 to total_segments - 1, got 4");
    s.segment = -1;
    require_invalid(s, "got -1");
    s.segment = 0;
    s.total_segments = 0;
    require_invalid(s, "total_segments must be 1 to 1000000, got 0");
    s.total_segments = 1'000'001;
    require_invalid(s, "got 1000001");
    s.total_segments = 1'000'000;
    s.segment = 999'999;
    require_valid(s);
}

TEST_CASE("validate: BatchGetItem", "[client][validate]") {
    require_invalid(BatchGetItemRequest{}, "request_items is empty");

    BatchGetItemRequest r;
    for (int i = 0; i < 60; ++i) {
        r.request_items["orders"].keys.push_back({{"pk", i}});
        r.request_items["customers"].keys.push_back({{"pk", i}});
    }
    require_invalid(r, "request_items has 120 keys; the limit is 100");
    r.request_items["customers"].keys.resize(40);
    require_valid(r); // exactly 100
    r.request_items["customers"].keys.push_back({{"pk", 0}});
    require_invalid(r, "has 101 keys");

    require_invalid(BatchGetItemRequest{.request_items = {{"orders", {}}}},
                    "table \"orders\" has no keys");
    require_invalid(BatchGetItemRequest{.request_items = {{"x", {.keys = {key}}}}},
                    "table name \"x\"");
    require_invalid(
        BatchGetItemRequest{.request_items = {{"orders", {.keys = {key, {{"pk", "b"}}, key}}}}},
        "lists the same key twice");
    require_invalid(BatchGetItemRequest{.request_items = {{"orders", {.keys = {Item{}}}}}},
                    "key is missing");
    require_invalid(
        BatchGetItemRequest{.request_items = {{"orders",
                                               {.keys = {key},
                                                .projection_expression = "a",
                                                .expression_attribute_names = {{"#b", "b"}}}}}},
        "defines \"#b\"");
}

TEST_CASE("validate: BatchWriteItem", "[client][validate]") {
    require_invalid(BatchWriteItemRequest{}, "request_items is empty");

    BatchWriteItemRequest r;
    for (int i = 0; i < 13; ++i) {
        r.request_items["orders"].push_back(PutRequest{{{"pk", i}}});
        r.request_items["audit"].push_back(DeleteRequest{{{"pk", i}}});
    }
    require_invalid(r, "request_items has 26 writes; the limit is 25");
    r.request_items["audit"].pop_back();
    require_valid(r);

    require_invalid(BatchWriteItemRequest{.request_items = {{"orders", {}}}},
                    "table \"orders\" has no writes");
    require_invalid(BatchWriteItemRequest{.request_items = {{"orders", {PutRequest{}}}}},
                    "put item is empty");
    require_invalid(BatchWriteItemRequest{.request_items = {{"orders", {DeleteRequest{}}}}},
                    "delete key is missing");
    require_invalid(BatchWriteItemRequest{.request_items = {{"a b c", {PutRequest{key}}}}},
                    "table name");
}

TEST_CASE("validate: TransactGetItems", "[client][validate]") {
    require_invalid(TransactGetItemsRequest{}, "transact_items must hold 1 to 100 items, got 0");
    TransactGetItemsRequest r;
    r.transact_items.assign(101, TransactGet{.table_name = "orders", .key = key});
    require_invalid(r, "got 101");
    r.transact_items.pop_back();
    require_valid(r);
    r.transact_items[7].key = {};
    require_invalid(r, "key is missing");
    r.transact_items[7] = {.table_name = "orders", .key = key, .projection_expression = ""};
    require_invalid(r, "projection_expression is empty");
}

TEST_CASE("validate: TransactWriteItems", "[client][validate]") {
    require_invalid(TransactWriteItemsRequest{}, "transact_items must hold 1 to 100 items, got 0");

    TransactWriteItemsRequest r;
    r.transact_items.assign(101, TransactDelete{.table_name = "orders", .key = key});
    require_invalid(r, "got 101");
    r.transact_items.resize(100);
    require_valid(r);

    r.transact_items.resize(1);
    r.client_request_token = "";
    require_invalid(r, "client_request_token must be 1 to 36 characters");
    r.client_request_token = std::string(37, 't');
    require_invalid(r, "client_request_token");
    r.client_request_token = std::string(36, 't');
    require_valid(r);

    r.transact_items = {TransactConditionCheck{.table_name = "orders", .key = key}};
    require_invalid(r, "a condition check needs a condition_expression");
    r.transact_items = {TransactUpdate{.table_name = "orders", .key = key}};
    require_invalid(r, "an update needs an update_expression");
    r.transact_items = {TransactPut{.table_name = "orders"}};
    require_invalid(r, "item is empty");
    r.transact_items = {TransactPut{.table_name = "x", .item = key}};
    require_invalid(r, "table_name \"x\"");
    r.transact_items = {TransactUpdate{.table_name = "orders",
                                       .key = key,
                                       .update_expression = "SET a = :a",
                                       .condition_expression = "b = :b",
                                       .expression_attribute_values = {{":a", 1}}}};
    require_invalid(r, "uses \":b\"");
    r.transact_items = {TransactConditionCheck{
        .table_name = "orders", .key = key, .condition_expression = "attribute_exists(#p)"}};
    require_invalid(r, "uses \"#p\"");
}

namespace {

CreateTableRequest table_request() {
    return {
        .table_name = "orders",
        .attribute_definitions = {{"pk", ScalarAttributeType::s},
                                  {"sk", ScalarAttributeType::n},
                                  {"status", ScalarAttributeType::s}},
        .key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}},
        .local_secondary_indexes = {{.index_name = "by-status-local",
                                     .key_schema = {{"pk", KeyType::hash},
                                                    {"status", KeyType::range}}}},
        .global_secondary_indexes = {{.index_name = "by-status",
                                      .key_schema = {{"status", KeyType::hash}}}},
        .billing_mode = BillingMode::pay_per_request,
    };
}

} // namespace

TEST_CASE("validate: CreateTable", "[client][validate]") {
    auto r = table_request();
    require_valid(r);

    SECTION("key schema") {
        r.key_schema = {};
        require_invalid(r, "key_schema must have a partition key and at most a sort key");
        r.key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}, {"x", KeyType::range}};
        require_invalid(r, "at most a sort key");
        r.key_schema = {{"sk", KeyType::range}, {"pk", KeyType::hash}};
        require_invalid(r, "must start with the partition (HASH) key");
        r.key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::hash}};
        require_invalid(r, "the second element must be the sort (RANGE) key");
        r.key_schema = {{"pk", KeyType::hash}, {"pk", KeyType::range}};
        require_invalid(r, "uses \"pk\" twice");
        r.key_schema = {{"", KeyType::hash}};
        require_invalid(r, "attribute_name must be 1 to 255 characters");
    }
    SECTION("attribute definitions") {
        r.attribute_definitions.pop_back();
        require_invalid(r, "key attribute \"status\" is missing from attribute_definitions");
        r = table_request();
        r.attribute_definitions.push_back({"extra", ScalarAttributeType::s});
        require_invalid(r, "defines \"extra\", which no key schema uses");
        r = table_request();
        r.attribute_definitions.push_back({"pk", ScalarAttributeType::n});
        require_invalid(r, "defines \"pk\" twice");
    }
    SECTION("billing and throughput") {
        r.provisioned_throughput = ProvisionedThroughput{5, 5};
        require_invalid(r,
                        "provisioned_throughput must be unset with billing mode PAY_PER_REQUEST");
        r.provisioned_throughput.reset();
        r.global_secondary_indexes[0].provisioned_throughput = ProvisionedThroughput{1, 1};
        require_invalid(r, "provisioned_throughput of index \"by-status\" must be unset");

        r.billing_mode.reset(); // provisioned by default
        require_invalid(r, "provisioned_throughput is required with billing mode PROVISIONED");
        r.provisioned_throughput = ProvisionedThroughput{5, 5};
        require_valid(r);
        r.global_secondary_indexes[0].provisioned_throughput.reset();
        require_invalid(r, "provisioned_throughput of index \"by-status\" is required");
        r.global_secondary_indexes[0].provisioned_throughput = ProvisionedThroughput{1, 0};
        require_invalid(r, "capacity units must be at least 1");
        r.global_secondary_indexes[0].provisioned_throughput = ProvisionedThroughput{1, 1};
        r.provisioned_throughput = ProvisionedThroughput{0, 5};
        require_invalid(r, "capacity units must be at least 1");
    }
    SECTION("indexes") {
        r.key_schema.pop_back();
        r.attribute_definitions.erase(r.attribute_definitions.begin() + 1); // sk
        require_invalid(r, "local secondary indexes need a table with a sort key");
        r = table_request();
        r.local_secondary_indexes[0].key_schema = {{"pk", KeyType::hash}};
        require_invalid(r, "must be the table's partition key and a sort key");
        r = table_request();
        r.local_secondary_indexes[0].key_schema = {{"status", KeyType::hash},
                                                   {"sk", KeyType::range}};
        require_invalid(r, "must be the table's partition key and a sort key");
        r = table_request();
        r.global_secondary_indexes[0].index_name = "by-status-local";
        require_invalid(r, "index name \"by-status-local\" is used twice");
        r = table_request();
        r.global_secondary_indexes[0].index_name = "g";
        require_invalid(r, "global secondary index name \"g\"");
        r = table_request();
        r.local_secondary_indexes[0].index_name = "l";
        require_invalid(r, "local secondary index name \"l\"");
        r = table_request();
        r.global_secondary_indexes[0].key_schema = {{"status", KeyType::range}};
        require_invalid(r, "key_schema of index \"by-status\" must start with the partition");
    }
    SECTION("projections") {
        r.global_secondary_indexes[0].projection = {ProjectionType::include, {}};
        require_invalid(r, "index \"by-status\": projection INCLUDE needs non_key_attributes");
        r.global_secondary_indexes[0].projection = {ProjectionType::keys_only, {"x"}};
        require_invalid(r, "non_key_attributes are only allowed with INCLUDE");
        r.global_secondary_indexes[0].projection = {ProjectionType::include, {"x"}};
        require_valid(r);
        r.local_secondary_indexes[0].projection = {ProjectionType::all, {"x"}};
        require_invalid(r, "index \"by-status-local\": non_key_attributes");
    }
    SECTION("stream and tags") {
        r.stream_specification = StreamSpecification{true, std::nullopt};
        require_invalid(r, "enables a stream without a stream_view_type");
        r.stream_specification = StreamSpecification{false, std::nullopt};
        require_valid(r);
        r.tags = {{"", "v"}};
        require_invalid(r, "a tag has an empty key");
    }
}

TEST_CASE("validate: ListTables", "[client][validate]") {
    require_valid(ListTablesRequest{.limit = 100});
    require_invalid(ListTablesRequest{.limit = 0}, "limit must be at least 1");
    require_invalid(ListTablesRequest{.limit = 101}, "limit must be at most 100, got 101");
    require_invalid(ListTablesRequest{.exclusive_start_table_name = "x"},
                    "exclusive_start_table_name \"x\"");
}

TEST_CASE("validate: UpdateTable", "[client][validate]") {
    require_invalid(UpdateTableRequest{.table_name = "orders"}, "nothing to update");
    require_valid(UpdateTableRequest{.table_name = "orders", .deletion_protection_enabled = false});
    require_invalid(UpdateTableRequest{.table_name = "orders",
                                       .billing_mode = BillingMode::pay_per_request,
                                       .provisioned_throughput = ProvisionedThroughput{1, 1}},
                    "must be unset with billing mode PAY_PER_REQUEST");
    require_invalid(UpdateTableRequest{.table_name = "orders",
                                       .provisioned_throughput = ProvisionedThroughput{0, 1}},
                    "capacity units must be at least 1");

    UpdateTableRequest r{
        .table_name = "orders",
        .global_secondary_index_updates = {GlobalSecondaryIndex{
            .index_name = "by-region", .key_schema = {{"region", KeyType::hash}}}}};
    require_invalid(r, "key attribute \"region\" is missing from attribute_definitions");
    r.attribute_definitions = {{"region", ScalarAttributeType::s}};
    require_valid(r);
    std::get<GlobalSecondaryIndex>(r.global_secondary_index_updates[0]).provisioned_throughput =
        ProvisionedThroughput{0, 0};
    require_invalid(r, "provisioned_throughput of index \"by-region\"");

    require_invalid(
        UpdateTableRequest{
            .table_name = "orders",
            .global_secondary_index_updates = {UpdateGlobalSecondaryIndex{"by-status", {1, 0}}}},
        "capacity units must be at least 1");
    require_invalid(
        UpdateTableRequest{.table_name = "orders",
                           .global_secondary_index_updates = {DeleteGlobalSecondaryIndex{"x"}}},
        "global secondary index name \"x\"");
    require_invalid(UpdateTableRequest{.table_name = "orders",
                                       .stream_specification = StreamSpecification{true, {}}},
                    "without a stream_view_type");
}

TEST_CASE("validate: UpdateTimeToLive", "[client][validate]") {
    require_valid(UpdateTimeToLiveRequest{"sessions", {false, "ttl"}});
    require_invalid(UpdateTimeToLiveRequest{"sessions", {true, ""}},
                    "time_to_live_specification.attribute_name must be 1 to 255 characters");
    require_invalid(UpdateTimeToLiveRequest{"sessions", {true, std::string(256, 'a')}},
                    "attribute_name");
    require_invalid(UpdateTimeToLiveRequest{"s", {true, "ttl"}}, "table_name");
}

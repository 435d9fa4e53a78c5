// TableSchema: accessors, validation (seed §7 row 18) and the CreateTable request it produces
// (seed §1.5, Appendix A.14).
#include <dynaq/error.hpp>
#include <dynaq/table_schema.hpp>

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace dynaq;

namespace {

constexpr auto S = ScalarAttributeType::s;
constexpr auto N = ScalarAttributeType::n;
constexpr auto B = ScalarAttributeType::b;

// Checks that validate() throws InvalidArgumentError and that the message names everything in
// `fragments` (the table, the index, the attribute...).
void check_rejected(const TableSchema& schema, std::initializer_list<std::string_view> fragments) {
    try {
        validate(schema);
        FAIL("validate() accepted the schema");
    } catch (const InvalidArgumentError& e) {
        const std::string what = e.what();
        INFO(what);
        for (auto fragment : fragments)
            CHECK(what.find(fragment) != std::string::npos);
    }
}

SecondaryIndex make_index(std::string name, KeyDefinition pk,
                          std::optional<KeyDefinition> sk = {}) {
    return {.name = std::move(name), .partition_key = std::move(pk), .sort_key = std::move(sk)};
}

// The seed unit test's table (§5.1), with the LSI corrected to share the table's partition key.
TableSchema seed_test_table() {
    return {
        .table_name = "my_table",
        .global_secondary_indexes = {make_index("gsi", {"gsi_pk"}, KeyDefinition{"gsi_sk"})},
        .local_secondary_indexes = {make_index("lsi", {"pk"}, KeyDefinition{"lsi_sk"})},
        .throughput = ProvisionedThroughput{50, 10},
    };
}

std::vector<std::string> names(const std::vector<AttributeDefinition>& defs) {
    std::vector<std::string> out;
    for (const auto& d : defs)
        out.push_back(d.attribute_name);
    return out;
}

} // namespace

// ---- accessors ------------------------------------------------------------------------------

TEST_CASE("TableSchema: defaults are pk/sk strings, pay per request") {
    const TableSchema schema{.table_name = "users"};
    CHECK(schema.partition_key == KeyDefinition{"pk", S});
    REQUIRE(schema.sort_key);
    CHECK(*schema.sort_key == KeyDefinition{"sk", S});
    CHECK(schema.key_names() == std::vector<std::string>{"pk", "sk"});
    CHECK(schema.effective_billing_mode() == BillingMode::pay_per_request);
    CHECK_NOTHROW(validate(schema));
}

TEST_CASE("TableSchema: key_names of a hash-only table") {
    const TableSchema schema{.table_name = "users", .partition_key = {"id", N}, .sort_key = {}};
    CHECK(schema.key_names() == std::vector<std::string>{"id"});
}

TEST_CASE("TableSchema: find_index and is_global_index") {
    const auto schema = seed_test_table();
    const auto* gsi = schema.find_index("gsi");
    REQUIRE(gsi);
    CHECK(gsi == &schema.global_secondary_indexes[0]);
    const auto* lsi = schema.find_index("lsi");
    REQUIRE(lsi);
    CHECK(lsi == &schema.local_secondary_indexes[0]);
    CHECK(schema.find_index("nope") == nullptr);
    CHECK(schema.find_index("") == nullptr);

    CHECK(schema.is_global_index("gsi"));
    CHECK_FALSE(schema.is_global_index("lsi"));
    CHECK_FALSE(schema.is_global_index("nope"));
}

TEST_CASE("TableSchema: effective billing mode follows throughput unless stated") {
    TableSchema schema{.table_name = "users"};
    CHECK(schema.effective_billing_mode() == BillingMode::pay_per_request);
    schema.throughput = ProvisionedThroughput{5, 5};
    CHECK(schema.effective_billing_mode() == BillingMode::provisioned);
    schema.billing_mode = BillingMode::pay_per_request;
    CHECK(schema.effective_billing_mode() == BillingMode::pay_per_request);
    schema.throughput.reset();
    schema.billing_mode = BillingMode::provisioned;
    CHECK(schema.effective_billing_mode() == BillingMode::provisioned);
}

// ---- validate -------------------------------------------------------------------------------

TEST_CASE("validate: well-formed schemas pass") {
    CHECK_NOTHROW(validate(seed_test_table()));
    CHECK_NOTHROW(validate(TableSchema{.table_name = "abc", .sort_key = {}}));
    CHECK_NOTHROW(validate(TableSchema{.table_name = std::string(255, 'a')}));
    CHECK_NOTHROW(validate(TableSchema{.table_name = "Az09_.-"}));

    TableSchema full{
        .table_name = "orders",
        .partition_key = {"customer", S},
        .sort_key = KeyDefinition{"created", N},
        .billing_mode = BillingMode::provisioned,
        .throughput = ProvisionedThroughput{1, 1},
    };
    for (int i = 0; i < 20; ++i) {
        auto gsi = make_index("gsi_" + std::to_string(i), {"g" + std::to_string(i), B});
        gsi.throughput = ProvisionedThroughput{2, 3};
        full.global_secondary_indexes.push_back(gsi);
    }
    for (int i = 0; i < 5; ++i) {
        auto lsi = make_index("lsi_" + std::to_string(i), {"customer", S},
                              KeyDefinition{"l" + std::to_string(i), S});
        lsi.projection = ProjectionType::include;
        lsi.non_key_attributes = {"a", "b"};
        full.local_secondary_indexes.push_back(lsi);
    }
    full.global_secondary_indexes[0].projection = ProjectionType::keys_only;
    CHECK_NOTHROW(validate(full));

    full.billing_mode.reset(); // implied by throughput
    CHECK_NOTHROW(validate(full));
}

TEST_CASE("validate: table name") {
    check_rejected(TableSchema{.table_name = ""}, {"table name \"\"", "3 to 255"});
    check_rejected(TableSchema{.table_name = "ab"}, {"\"ab\"", "3 to 255"});
    check_rejected(TableSchema{.table_name = std::string(256, 'a')}, {"table name", "3 to 255"});
    check_rejected(TableSchema{.table_name = "my table"}, {"\"my table\""});
    check_rejected(TableSchema{.table_name = "caf\xc3\xa9"}, {"table name"});
    check_rejected(TableSchema{.table_name = "a/b/c"}, {"\"a/b/c\""});
}

TEST_CASE("validate: index names") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].name = "g";
    check_rejected(schema, {"\"my_table\"", "index name \"g\"", "3 to 255"});

    schema = seed_test_table();
    schema.local_secondary_indexes[0].name = "lsi index";
    check_rejected(schema, {"index name \"lsi index\""});
}

TEST_CASE("validate: empty key names") {
    check_rejected(TableSchema{.table_name = "users", .partition_key = {""}},
                   {"\"users\"", "the table", "empty partition key"});
    check_rejected(TableSchema{.table_name = "users", .sort_key = KeyDefinition{""}},
                   {"the table", "empty sort key"});

    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].partition_key.name = "";
    check_rejected(schema, {"global index \"gsi\"", "empty partition key"});
    schema = seed_test_table();
    schema.global_secondary_indexes[0].sort_key = KeyDefinition{""};
    check_rejected(schema, {"global index \"gsi\"", "empty sort key"});
    schema = seed_test_table();
    schema.local_secondary_indexes[0].sort_key = KeyDefinition{""};
    check_rejected(schema, {"local index \"lsi\"", "empty sort key"});
}

TEST_CASE("validate: key names longer than 255 bytes") {
    check_rejected(TableSchema{.table_name = "users", .partition_key = {std::string(256, 'k')}},
                   {"partition key", "255"});
    CHECK_NOTHROW(
        validate(TableSchema{.table_name = "users", .partition_key = {std::string(255, 'k')}}));
}

TEST_CASE("validate: a sort key named like the partition key") {
    check_rejected(TableSchema{.table_name = "users", .sort_key = KeyDefinition{"pk"}},
                   {"\"users\"", "the table", "sort key \"pk\"", "same name"});
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].sort_key = KeyDefinition{"gsi_pk"};
    check_rejected(schema, {"global index \"gsi\"", "sort key \"gsi_pk\"", "same name"});
}

TEST_CASE("validate: duplicate index names, also across global and local") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes.push_back(make_index("gsi", {"other"}));
    check_rejected(schema, {"index name \"gsi\"", "twice"});

    schema = seed_test_table();
    schema.local_secondary_indexes[0].name = "gsi";
    check_rejected(schema, {"index name \"gsi\"", "twice"});
}

TEST_CASE("validate: the seed's LSI with its own partition key is rejected") {
    // §5.1 test_create_table used lsi(lsi_pk, sk), which DynamoDB refuses; the seed sent it.
    auto schema = seed_test_table();
    schema.local_secondary_indexes = {make_index("lsi", {"lsi_pk"}, KeyDefinition{"sk"})};
    check_rejected(schema, {"\"my_table\"", "local index \"lsi\"", "partition key \"lsi_pk\"",
                            "table's partition key \"pk\""});
    CHECK_THROWS_AS(create_table_request(schema), InvalidArgumentError);
}

TEST_CASE("validate: a local index needs a sort key, and a table with one") {
    auto schema = seed_test_table();
    schema.local_secondary_indexes[0].sort_key.reset();
    check_rejected(schema, {"local index \"lsi\"", "no sort key"});

    schema = seed_test_table();
    schema.sort_key.reset();
    check_rejected(schema, {"local index \"lsi\"", "table with a sort key"});
}

TEST_CASE("validate: index count limits") {
    TableSchema schema{.table_name = "users"};
    for (int i = 0; i < 21; ++i)
        schema.global_secondary_indexes.push_back(
            make_index("gsi_" + std::to_string(i), {"g" + std::to_string(i)}));
    check_rejected(schema, {"21 global indexes", "at most 20"});

    schema.global_secondary_indexes.clear();
    for (int i = 0; i < 6; ++i)
        schema.local_secondary_indexes.push_back(
            make_index("lsi_" + std::to_string(i), {"pk"}, KeyDefinition{"l" + std::to_string(i)}));
    check_rejected(schema, {"6 local indexes", "at most 5"});
}

TEST_CASE("validate: projections") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].projection = ProjectionType::include;
    check_rejected(schema, {"global index \"gsi\"", "INCLUDE", "at least one"});

    schema.global_secondary_indexes[0].non_key_attributes = {"name", ""};
    check_rejected(schema, {"global index \"gsi\"", "empty name"});

    schema.global_secondary_indexes[0].non_key_attributes = {"name"};
    CHECK_NOTHROW(validate(schema));

    for (auto type : {ProjectionType::all, ProjectionType::keys_only}) {
        schema = seed_test_table();
        schema.local_secondary_indexes[0].projection = type;
        schema.local_secondary_indexes[0].non_key_attributes = {"name"};
        check_rejected(schema, {"local index \"lsi\"", "only allowed with projection INCLUDE",
                                std::string_view(to_string(type))});
    }
}

TEST_CASE("validate: at most 100 projected attributes over all indexes") {
    auto schema = seed_test_table();
    auto& gsi = schema.global_secondary_indexes[0];
    gsi.projection = ProjectionType::include;
    for (int i = 0; i < 60; ++i)
        gsi.non_key_attributes.push_back("a" + std::to_string(i));
    auto& lsi = schema.local_secondary_indexes[0];
    lsi.projection = ProjectionType::include;
    for (int i = 0; i < 40; ++i)
        lsi.non_key_attributes.push_back("a" + std::to_string(i));
    CHECK_NOTHROW(validate(schema));
    lsi.non_key_attributes.push_back("one_more");
    check_rejected(schema, {"101 projected", "at most 100"});
}

TEST_CASE("validate: throughput on a pay-per-request table or index") {
    check_rejected(TableSchema{.table_name = "users",
                               .billing_mode = BillingMode::pay_per_request,
                               .throughput = ProvisionedThroughput{5, 5}},
                   {"\"users\"", "PAY_PER_REQUEST"});

    // The seed accepted a GSI with its own throughput on a pay-per-request table.
    TableSchema schema{.table_name = "users",
                       .global_secondary_indexes = {make_index("by_email", {"email"})}};
    schema.global_secondary_indexes[0].throughput = ProvisionedThroughput{5, 5};
    check_rejected(schema, {"global index \"by_email\"", "pay-per-request"});

    auto local = seed_test_table();
    local.local_secondary_indexes[0].throughput = ProvisionedThroughput{5, 5};
    check_rejected(local, {"local index \"lsi\"", "not allowed on a local index"});
}

TEST_CASE("validate: throughput values below 1") {
    for (auto t : {ProvisionedThroughput{0, 5}, ProvisionedThroughput{5, 0},
                   ProvisionedThroughput{-1, -1}}) {
        check_rejected(TableSchema{.table_name = "users", .throughput = t},
                       {"the table", "at least 1"});
        auto schema = seed_test_table();
        schema.global_secondary_indexes[0].throughput = t;
        check_rejected(
            schema, {"global index \"gsi\"", "at least 1", std::to_string(t.read_capacity_units)});
    }
}

TEST_CASE("validate: a billing mode that contradicts throughput") {
    check_rejected(TableSchema{.table_name = "users", .billing_mode = BillingMode::provisioned},
                   {"\"users\"", "PROVISIONED needs throughput"});
    CHECK_NOTHROW(
        validate(TableSchema{.table_name = "users", .billing_mode = BillingMode::pay_per_request}));
}

TEST_CASE("validate: one attribute with two types") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].sort_key = KeyDefinition{"sk", N};
    check_rejected(schema, {"\"my_table\"", "attribute \"sk\"", "declared as S", "and as N",
                            "table's sort key", "global index \"gsi\""});

    schema = seed_test_table();
    schema.local_secondary_indexes[0].partition_key.type = B;
    check_rejected(schema, {"attribute \"pk\"", "S", "B", "local index \"lsi\""});
}

// ---- attribute_definitions ------------------------------------------------------------------

TEST_CASE("attribute_definitions: table keys, then global, then local, each once") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes.push_back(make_index("by_sk", {"sk"}, KeyDefinition{"gsi_pk"}));
    const auto defs = attribute_definitions(schema);
    CHECK(names(defs) == std::vector<std::string>{"pk", "sk", "gsi_pk", "gsi_sk", "lsi_sk"});
    for (const auto& d : defs)
        CHECK(d.attribute_type == S);
}

TEST_CASE("attribute_definitions: keeps each declared type") {
    const TableSchema schema{
        .table_name = "t_x",
        .partition_key = {"id", N},
        .sort_key = KeyDefinition{"blob", B},
        .global_secondary_indexes = {make_index("g_1", {"n", N}, KeyDefinition{"id", N})},
    };
    CHECK(attribute_definitions(schema) ==
          std::vector<AttributeDefinition>{{"id", N}, {"blob", B}, {"n", N}});
}

TEST_CASE("attribute_definitions: a type conflict names the attribute and both types") {
    TableSchema schema{
        .table_name = "users",
        .global_secondary_indexes = {make_index("by_pk", {"pk", N})},
    };
    CHECK_THROWS_AS(attribute_definitions(schema), InvalidArgumentError);
    CHECK_THROWS_WITH(attribute_definitions(schema),
                      Catch::Contains("attribute \"pk\"") && Catch::Contains("as S") &&
                          Catch::Contains("as N") && Catch::Contains("\"by_pk\""));
}

// ---- create_table_request -------------------------------------------------------------------

TEST_CASE("create_table_request: Appendix A.14, provisioned with gsi_name_age") {
    const TableSchema schema{
        .table_name = "test_table",
        .global_secondary_indexes = {make_index("gsi_name_age", {"name", S},
                                                KeyDefinition{"age", N})},
        .throughput = ProvisionedThroughput{50, 10},
    };
    const auto r = create_table_request(schema);
    CHECK(r.table_name == "test_table");
    CHECK(r.attribute_definitions ==
          std::vector<AttributeDefinition>{{"pk", S}, {"sk", S}, {"name", S}, {"age", N}});
    CHECK(r.key_schema ==
          std::vector<KeySchemaElement>{{"pk", KeyType::hash}, {"sk", KeyType::range}});
    REQUIRE(r.global_secondary_indexes.size() == 1);
    const auto& gsi = r.global_secondary_indexes[0];
    CHECK(gsi.index_name == "gsi_name_age");
    CHECK(gsi.key_schema ==
          std::vector<KeySchemaElement>{{"name", KeyType::hash}, {"age", KeyType::range}});
    CHECK(gsi.projection == IndexProjection{ProjectionType::all, {}});
    CHECK(gsi.provisioned_throughput == ProvisionedThroughput{50, 10});
    CHECK(r.local_secondary_indexes.empty());
    CHECK(r.provisioned_throughput == ProvisionedThroughput{50, 10});
    CHECK(r.billing_mode == BillingMode::provisioned);
    // Nothing the schema does not cover.
    CHECK_FALSE(r.stream_specification);
    CHECK_FALSE(r.sse_specification);
    CHECK(r.tags.empty());
    CHECK_FALSE(r.table_class);
    CHECK_FALSE(r.deletion_protection_enabled);
}

TEST_CASE("create_table_request: pay per request has no throughput anywhere") {
    const TableSchema schema{
        .table_name = "test_table",
        .global_secondary_indexes = {make_index("gsi_name_age", {"name", S},
                                                KeyDefinition{"age", N})},
    };
    const auto r = create_table_request(schema);
    CHECK(r.billing_mode == BillingMode::pay_per_request);
    CHECK_FALSE(r.provisioned_throughput);
    REQUIRE(r.global_secondary_indexes.size() == 1);
    CHECK_FALSE(r.global_secondary_indexes[0].provisioned_throughput);

    const auto bare = create_table_request(TableSchema{.table_name = "test_table"});
    CHECK(bare == CreateTableRequest{
                      .table_name = "test_table",
                      .attribute_definitions = {{"pk", S}, {"sk", S}},
                      .key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}},
                      .billing_mode = BillingMode::pay_per_request,
                  });
}

TEST_CASE("create_table_request: the seed unit-test table, LSI corrected") {
    const auto r = create_table_request(seed_test_table());
    CHECK(r == CreateTableRequest{
                   .table_name = "my_table",
                   .attribute_definitions =
                       {{"pk", S}, {"sk", S}, {"gsi_pk", S}, {"gsi_sk", S}, {"lsi_sk", S}},
                   .key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}},
                   .local_secondary_indexes = {{
                       .index_name = "lsi",
                       .key_schema = {{"pk", KeyType::hash}, {"lsi_sk", KeyType::range}},
                       .projection = {ProjectionType::all, {}},
                   }},
                   .global_secondary_indexes = {{
                       .index_name = "gsi",
                       .key_schema = {{"gsi_pk", KeyType::hash}, {"gsi_sk", KeyType::range}},
                       .projection = {ProjectionType::all, {}},
                       .provisioned_throughput = ProvisionedThroughput{50, 10},
                   }},
                   .billing_mode = BillingMode::provisioned,
                   .provisioned_throughput = ProvisionedThroughput{50, 10},
               });
}

TEST_CASE("create_table_request: a GSI's own throughput wins over the table's") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].throughput = ProvisionedThroughput{7, 3};
    schema.global_secondary_indexes.push_back(make_index("inherits", {"x"}));
    const auto r = create_table_request(schema);
    REQUIRE(r.global_secondary_indexes.size() == 2);
    CHECK(r.global_secondary_indexes[0].provisioned_throughput == ProvisionedThroughput{7, 3});
    CHECK(r.global_secondary_indexes[1].provisioned_throughput == ProvisionedThroughput{50, 10});
    // Inheriting copies; the schema keeps saying "no throughput of its own".
    CHECK_FALSE(schema.global_secondary_indexes[1].throughput);
}

TEST_CASE("create_table_request: projections KEYS_ONLY and INCLUDE") {
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].projection = ProjectionType::keys_only;
    schema.local_secondary_indexes[0].projection = ProjectionType::include;
    schema.local_secondary_indexes[0].non_key_attributes = {"name", "email"};
    const auto r = create_table_request(schema);
    CHECK(r.global_secondary_indexes[0].projection ==
          IndexProjection{ProjectionType::keys_only, {}});
    CHECK(r.local_secondary_indexes[0].projection ==
          IndexProjection{ProjectionType::include, {"name", "email"}});
}

TEST_CASE("create_table_request: hash-only table and hash-only index") {
    const TableSchema schema{
        .table_name = "sessions",
        .partition_key = {"id", B},
        .sort_key = {},
        .global_secondary_indexes = {make_index("by_user", {"user", S})},
    };
    const auto r = create_table_request(schema);
    CHECK(r.key_schema == std::vector<KeySchemaElement>{{"id", KeyType::hash}});
    CHECK(r.attribute_definitions == std::vector<AttributeDefinition>{{"id", B}, {"user", S}});
    CHECK(r.global_secondary_indexes[0].key_schema ==
          std::vector<KeySchemaElement>{{"user", KeyType::hash}});
}

TEST_CASE("create_table_request: validates first") {
    CHECK_THROWS_AS(create_table_request(TableSchema{.table_name = "x"}), InvalidArgumentError);
    auto schema = seed_test_table();
    schema.global_secondary_indexes[0].sort_key = KeyDefinition{"pk", N};
    CHECK_THROWS_WITH(create_table_request(schema), Catch::Contains("attribute \"pk\""));
}

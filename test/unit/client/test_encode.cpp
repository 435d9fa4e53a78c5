// Every request type with every field set, against JSON written from the DynamoDB API
// reference; and the minimal forms, where absent optionals must not appear at all.
#include "codec_support.hpp"

using namespace dynaq;
using dynaq_test::encode;
using dynaq_test::require_encodes_to;

namespace {

const Item order_key{{"pk", "customer#7"}, {"sk", 42}};

} // namespace

TEST_CASE("encode: operation_traits name every operation as X-Amz-Target expects",
          "[client][encode]") {
    using detail::operation_traits;
    STATIC_REQUIRE(operation_traits<GetItemRequest>::name == "GetItem");
    STATIC_REQUIRE(operation_traits<TransactWriteItemsRequest>::name == "TransactWriteItems");
    STATIC_REQUIRE(operation_traits<DescribeTimeToLiveRequest>::name == "DescribeTimeToLive");
    STATIC_REQUIRE(std::is_same_v<operation_traits<ScanRequest>::response_type, QueryResponse>);
    STATIC_REQUIRE(
        std::is_same_v<operation_traits<DeleteItemRequest>::response_type, WriteItemResponse>);
    STATIC_REQUIRE(detail::Operation<UpdateTableRequest>);
    STATIC_REQUIRE_FALSE(detail::Operation<Item>);
}

TEST_CASE("encode: encode appends to the caller's buffer", "[client][encode]") {
    std::string out = "prefix:";
    detail::encode(DescribeTableRequest{"users"}, out);
    CHECK(out == R"j(prefix:{"TableName":"users"})j");
}

TEST_CASE("encode: GetItem", "[client][encode]") {
    SECTION("all fields") {
        GetItemRequest r{
            .table_name = "orders",
            .key = order_key,
            .projection_expression = "#s, total",
            .expression_attribute_names = {{"#s", "status"}},
            .consistent_read = true,
            .return_consumed_capacity = ReturnConsumedCapacity::indexes,
        };
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}},
            "ProjectionExpression": "#s, total",
            "ExpressionAttributeNames": {"#s": "status"},
            "ConsistentRead": true,
            "ReturnConsumedCapacity": "INDEXES"
        })j");
    }
    SECTION("minimal") {
        require_encodes_to(GetItemRequest{.table_name = "orders", .key = {{"pk", "a"}}},
                           R"j({"TableName": "orders", "Key": {"pk": {"S": "a"}}})j");
    }
}

TEST_CASE("encode: PutItem", "[client][encode]") {
    SECTION("all fields") {
        PutItemRequest r{
            .table_name = "orders",
            .item = {{"pk", "customer#7"},
                     {"sk", 42},
                     {"paid", true},
                     {"lines", List{"a", 2}},
                     {"blob", Binary(std::string("\x01\x02\x03", 3))}},
            .condition_expression = "attribute_not_exists(pk) OR #v < :v",
            .expression_attribute_names = {{"#v", "version"}},
            .expression_attribute_values = {{":v", 3}},
            .return_values = ReturnValues::all_old,
            .return_values_on_condition_check_failure =
                ReturnValuesOnConditionCheckFailure::all_old,
            .return_consumed_capacity = ReturnConsumedCapacity::total,
            .return_item_collection_metrics = ReturnItemCollectionMetrics::size,
        };
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "Item": {
                "pk": {"S": "customer#7"}, "sk": {"N": "42"}, "paid": {"BOOL": true},
                "lines": {"L": [{"S": "a"}, {"N": "2"}]}, "blob": {"B": "AQID"}
            },
            "ConditionExpression": "attribute_not_exists(pk) OR #v < :v",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":v": {"N": "3"}},
            "ReturnValues": "ALL_OLD",
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            "ReturnConsumedCapacity": "TOTAL",
            "ReturnItemCollectionMetrics": "SIZE"
        })j");
    }
    SECTION("minimal") {
        require_encodes_to(PutItemRequest{.table_name = "orders", .item = {{"pk", "a"}}},
                           R"j({"TableName": "orders", "Item": {"pk": {"S": "a"}}})j");
    }
}

TEST_CASE("encode: UpdateItem", "[client][encode]") {
    UpdateItemRequest r{
        .table_name = "orders",
        .key = order_key,
        .update_expression = "SET #s = :s ADD tags :t REMOVE obsolete",
        .condition_expression = "attribute_exists(pk)",
        .expression_attribute_names = {{"#s", "status"}},
        .expression_attribute_values = {{":s", "shipped"}, {":t", StringSet{"x", "y"}}},
        .return_values = ReturnValues::updated_new,
        .return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::none,
        .return_consumed_capacity = ReturnConsumedCapacity::none,
        .return_item_collection_metrics = ReturnItemCollectionMetrics::none,
    };
    require_encodes_to(r, R"j({
        "TableName": "orders",
        "Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}},
        "UpdateExpression": "SET #s = :s ADD tags :t REMOVE obsolete",
        "ConditionExpression": "attribute_exists(pk)",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": "shipped"}, ":t": {"SS": ["x", "y"]}},
        "ReturnValues": "UPDATED_NEW",
        "ReturnValuesOnConditionCheckFailure": "NONE",
        "ReturnConsumedCapacity": "NONE",
        "ReturnItemCollectionMetrics": "NONE"
})j");
}

TEST_CASE("encode: DeleteItem", "[client][encode]") {
    DeleteItemRequest r{
        .table_name = "orders",
        .key = order_key,
        .condition_expression = "#s = :s",
        .expression_attribute_names = {{"#s", "status"}},
        .expression_attribute_values = {{":s", "cancelled"}},
        .return_values = ReturnValues::all_old,
        .return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::all_old,
        .return_consumed_capacity = ReturnConsumedCapacity::total,
        .return_item_collection_metrics = ReturnItemCollectionMetrics::size,
    };
    require_encodes_to(r, R"j({
        "TableName": "orders",
        "Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}},
        "ConditionExpression": "#s = :s",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": "cancelled"}},
        "ReturnValues": "ALL_OLD",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        "ReturnConsumedCapacity": "TOTAL",
        "ReturnItemCollectionMetrics": "SIZE"
    })j");
}

TEST_CASE("encode: Query", "[client][encode]") {
    SECTION("all fields") {
        QueryRequest r{
            .table_name = "orders",
            .index_name = "by-status",
            .key_condition_expression = "#s = :s AND begins_with(sk, :p)",
            .filter_expression = "total > :min",
            .projection_expression = "pk, sk, total",
            .expression_attribute_names = {{"#s", "status"}},
            .expression_attribute_values = {{":s", "open"}, {":p", "2024-"}, {":min", 100}},
            .limit = 25,
            .exclusive_start_key = Item{{"pk", "customer#7"}, {"sk", 40}, {"status", "open"}},
            .scan_index_forward = false,
            .consistent_read = false,
            .select = Select::specific_attributes,
            .return_consumed_capacity = ReturnConsumedCapacity::indexes,
        };
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "IndexName": "by-status",
            "KeyConditionExpression": "#s = :s AND begins_with(sk, :p)",
            "FilterExpression": "total > :min",
            "ProjectionExpression": "pk, sk, total",
            "ExpressionAttributeNames": {"#s": "status"},
            "ExpressionAttributeValues": {
                ":s": {"S": "open"}, ":p": {"S": "2024-"}, ":min": {"N": "100"}
            },
            "Limit": 25,
            "ExclusiveStartKey": {
                "pk": {"S": "customer#7"}, "sk": {"N": "40"}, "status": {"S": "open"}
            },
            "ScanIndexForward": false,
            "ConsistentRead": false,
            "Select": "SPECIFIC_ATTRIBUTES",
            "ReturnConsumedCapacity": "INDEXES"
        })j");
    }
    SECTION("count") {
        QueryRequest r{.table_name = "orders",
                       .key_condition_expression = "pk = :pk",
                       .expression_attribute_values = {{":pk", "customer#7"}},
                       .select = Select::count};
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": "customer#7"}},
            "Select": "COUNT"
        })j");
    }
}

TEST_CASE("encode: Scan", "[client][encode]") {
    SECTION("all fields") {
        ScanRequest r{
            .table_name = "orders",
            .index_name = "by-status",
            .filter_expression = "contains(#n, :n)",
            .projection_expression = "pk, #n",
            .expression_attribute_names = {{"#n", "name"}},
            .expression_attribute_values = {{":n", "ada"}},
            .limit = 1000,
            .exclusive_start_key = Item{{"pk", "customer#9"}},
            .consistent_read = true,
            .select = Select::specific_attributes,
            .segment = 3,
            .total_segments = 8,
            .return_consumed_capacity = ReturnConsumedCapacity::total,
        };
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "IndexName": "by-status",
            "FilterExpression": "contains(#n, :n)",
            "ProjectionExpression": "pk, #n",
            "ExpressionAttributeNames": {"#n": "name"},
            "ExpressionAttributeValues": {":n": {"S": "ada"}},
            "Limit": 1000,
            "ExclusiveStartKey": {"pk": {"S": "customer#9"}},
            "ConsistentRead": true,
            "Select": "SPECIFIC_ATTRIBUTES",
            "Segment": 3,
            "TotalSegments": 8,
            "ReturnConsumedCapacity": "TOTAL"
        })j");
    }
    SECTION("minimal") {
        require_encodes_to(ScanRequest{.table_name = "orders"}, R"j({"TableName": "orders"})j");
    }
}

TEST_CASE("encode: BatchGetItem", "[client][encode]") {
    BatchGetItemRequest r{
        .request_items =
            {
                {"orders",
                 {.keys = {order_key, {{"pk", "customer#8"}, {"sk", 1}}},
                  .projection_expression = "pk, sk, #t",
                  .expression_attribute_names = {{"#t", "total"}},
                  .consistent_read = true}},
                {"blobs", {.keys = {{{"id", Binary(std::string("\x01\x02\x03", 3))}}}}},
            },
        .return_consumed_capacity = ReturnConsumedCapacity::total,
    };
    require_encodes_to(r, R"j({
        "RequestItems": {
            "orders": {
                "Keys": [
                    {"pk": {"S": "customer#7"}, "sk": {"N": "42"}},
                    {"pk": {"S": "customer#8"}, "sk": {"N": "1"}}
                ],
                "ProjectionExpression": "pk, sk, #t",
                "ExpressionAttributeNames": {"#t": "total"},
                "ConsistentRead": true
            },
            "blobs": {"Keys": [{"id": {"B": "AQID"}}]}
        },
        "ReturnConsumedCapacity": "TOTAL"
    })j");
}

TEST_CASE("encode: BatchWriteItem", "[client][encode]") {
    BatchWriteItemRequest r{
        .request_items =
            {
                {"orders",
                 {PutRequest{{{"pk", "customer#7"}, {"sk", 43}, {"total", 10}}},
                  DeleteRequest{order_key}}},
                {"audit", {PutRequest{{{"id", "e1"}, {"note", Null{}}}}}},
            },
        .return_consumed_capacity = ReturnConsumedCapacity::indexes,
        .return_item_collection_metrics = ReturnItemCollectionMetrics::size,
    };
    require_encodes_to(r, R"j({
        "RequestItems": {
            "orders": [
                {"PutRequest": {"Item": {
                    "pk": {"S": "customer#7"}, "sk": {"N": "43"}, "total": {"N": "10"}
                }}},
                {"DeleteRequest": {"Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}}}}
            ],
            "audit": [
                {"PutRequest": {"Item": {"id": {"S": "e1"}, "note": {"NULL": true}}}}
            ]
        },
        "ReturnConsumedCapacity": "INDEXES",
        "ReturnItemCollectionMetrics": "SIZE"
    })j");
}

TEST_CASE("encode: TransactGetItems", "[client][encode]") {
    TransactGetItemsRequest r{
        .transact_items =
            {
                {.table_name = "orders",
                 .key = order_key,
                 .projection_expression = "#t",
                 .expression_attribute_names = {{"#t", "total"}}},
                {.table_name = "customers", .key = {{"pk", "customer#7"}}},
            },
        .return_consumed_capacity = ReturnConsumedCapacity::total,
    };
    require_encodes_to(r, R"j({
        "TransactItems": [
            {"Get": {
                "TableName": "orders",
                "Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}},
                "ProjectionExpression": "#t",
                "ExpressionAttributeNames": {"#t": "total"}
            }},
            {"Get": {"TableName": "customers", "Key": {"pk": {"S": "customer#7"}}}}
        ],
        "ReturnConsumedCapacity": "TOTAL"
    })j");
}

TEST_CASE("encode: TransactWriteItems", "[client][encode]") {
    TransactWriteItemsRequest r{
        .transact_items =
            {
                TransactConditionCheck{
                    .table_name = "customers",
                    .key = {{"pk", "customer#7"}},
                    .condition_expression = "#st = :active",
                    .expression_attribute_names = {{"#st", "state"}},
                    .expression_attribute_values = {{":active", "active"}},
                    .return_values_on_condition_check_failure =
                        ReturnValuesOnConditionCheckFailure::all_old,
                },
                TransactPut{
                    .table_name = "orders",
                    .item = {{"pk", "customer#7"}, {"sk", 44}},
                    .condition_expression = "attribute_not_exists(pk)",
                },
                TransactDelete{
                    .table_name = "carts",
                    .key = {{"pk", "customer#7"}},
                    .condition_expression = "size(#i) > :zero",
                    .expression_attribute_names = {{"#i", "items"}},
                    .expression_attribute_values = {{":zero", 0}},
                    .return_values_on_condition_check_failure =
                        ReturnValuesOnConditionCheckFailure::none,
                },
                TransactUpdate{
                    .table_name = "customers",
                    .key = {{"pk", "customer#8"}},
                    .update_expression = "ADD order_count :one",
                    .condition_expression = "attribute_exists(pk)",
                    .expression_attribute_values = {{":one", 1}},
                },
            },
        .client_request_token = "b8e4c6c2-4a8e-4bd9-9f3e-1f6f0c0a2d11",
        .return_consumed_capacity = ReturnConsumedCapacity::indexes,
        .return_item_collection_metrics = ReturnItemCollectionMetrics::size,
    };
    require_encodes_to(r, R"j({
        "TransactItems": [
            {"ConditionCheck": {
                "TableName": "customers",
                "Key": {"pk": {"S": "customer#7"}},
                "ConditionExpression": "#st = :active",
                "ExpressionAttributeNames": {"#st": "state"},
                "ExpressionAttributeValues": {":active": {"S": "active"}},
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"
            }},
            {"Put": {
                "TableName": "orders",
                "Item": {"pk": {"S": "customer#7"}, "sk": {"N": "44"}},
                "ConditionExpression": "attribute_not_exists(pk)"
        }
        },
            {"Delete": {
                "TableName": "carts",
                "Key": {"pk": {"S": "customer#7"}},
                "ConditionExpression": "size(#i) > :zero",
                "ExpressionAttributeNames": {"#i": "items"},
                "ExpressionAttributeValues": {":zero": {"N": "0"}},
                "ReturnValuesOnConditionCheckFailure": "NONE"
            }},
            {"Update": {
                "TableName": "customers",
                "Key": {"pk": {"S": "customer#8"}},
                "UpdateExpression": "ADD order_count :one",
                "ConditionExpression": "attribute_exists(pk)",
                "ExpressionAttributeValues": {":one": {"N": "1"}}
            }}
        ],
        "ClientRequestToken": "b8e4c6c2-4a8e-4bd9-9f3e-1f6f0c0a2d11",
        "ReturnConsumedCapacity": "INDEXES",
        "ReturnItemCollectionMetrics": "SIZE"
        })j");
}

TEST_CASE("encode: CreateTable", "[client][encode]") {
    SECTION("provisioned, with every option") {
        CreateTableRequest r{
            .table_name = "orders",
            .attribute_definitions = {{"pk", ScalarAttributeType::s},
                                      {"sk", ScalarAttributeType::n},
                                      {"status", ScalarAttributeType::s},
                                      {"placed", ScalarAttributeType::b}},
            .key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}},
            .local_secondary_indexes = {{
                .index_name = "by-placed",
                .key_schema = {{"pk", KeyType::hash}, {"placed", KeyType::range}},
                .projection = {ProjectionType::keys_only, {}},
            }},
            .global_secondary_indexes = {{
                .index_name = "by-status",
                .key_schema = {{"status", KeyType::hash}, {"sk", KeyType::range}},
                .projection = {ProjectionType::include, {"total", "currency"}},
                .provisioned_throughput = ProvisionedThroughput{5, 2},
            }},
            .billing_mode = BillingMode::provisioned,
            .provisioned_throughput = ProvisionedThroughput{50, 10},
            .stream_specification = StreamSpecification{true, StreamViewType::new_and_old_images},
            .sse_specification = SseSpecification{true, SseType::kms, "alias/orders"},
            .tags = {{"team", "checkout"}, {"env", ""}},
            .table_class = TableClass::standard_infrequent_access,
            .deletion_protection_enabled = true,
        };
        require_encodes_to(r, R"j({
            "TableName": "orders",
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
                {"AttributeName": "status", "AttributeType": "S"},
                {"AttributeName": "placed", "AttributeType": "B"}
            ],
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}
            ],
            "LocalSecondaryIndexes": [{
                "IndexName": "by-placed",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "placed", "KeyType": "RANGE"}
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"}
            }],
            "GlobalSecondaryIndexes": [{
                "IndexName": "by-status",
                "KeySchema": [
                    {"AttributeName": "status", "KeyType": "HASH"},
                    {"AttributeName": "sk", "KeyType": "RANGE"}
                ],
                "Projection": {
                    "ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "currency"]
                },
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 2}
            }],
            "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": {"ReadCapacityUnits": 50, "WriteCapacityUnits": 10},
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            "SSESpecification": {"Enabled": true, "SSEType": "KMS", "KMSMasterKeyId": "alias/orders"},
            "Tags": [{"Key": "team", "Value": "checkout"}, {"Key": "env", "Value": ""}],
            "TableClass": "STANDARD_INFREQUENT_ACCESS",
            "DeletionProtectionEnabled": true
        })j");
    }
    SECTION("on demand, as the seed's create_table without capacity sends it") {
        CreateTableRequest r{
            .table_name = "records",
            .attribute_definitions = {{"pk", ScalarAttributeType::s},
                                      {"sk", ScalarAttributeType::s}},
            .key_schema = {{"pk", KeyType::hash}, {"sk", KeyType::range}},
            .billing_mode = BillingMode::pay_per_request,
        };
        require_encodes_to(r, R"j({
            "TableName": "records",
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"}
            ],
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"}
            ],
            "BillingMode": "PAY_PER_REQUEST"
        })j");
    }
}

TEST_CASE("encode: DeleteTable, DescribeTable, DescribeTimeToLive", "[client][encode]") {
    require_encodes_to(DeleteTableRequest{"orders"}, R"j({"TableName": "orders"})j");
    require_encodes_to(DescribeTableRequest{"orders"}, R"j({"TableName": "orders"})j");
    require_encodes_to(DescribeTimeToLiveRequest{"orders"}, R"j({"TableName": "orders"})j");
}

TEST_CASE("encode: ListTables", "[client][encode]") {
    require_encodes_to(ListTablesRequest{}, "{}");
    require_encodes_to(ListTablesRequest{.exclusive_start_table_name = "orders", .limit = 2},
                       R"j({"ExclusiveStartTableName": "orders", "Limit": 2})j");
}

TEST_CASE("encode: UpdateTable", "[client][encode]") {
    UpdateTableRequest r{
        .table_name = "orders",
        .attribute_definitions = {{"region", ScalarAttributeType::s}},
        .billing_mode = BillingMode::provisioned,
        .provisioned_throughput = ProvisionedThroughput{100, 20},
        .global_secondary_index_updates =
            {
                GlobalSecondaryIndex{
                    .index_name = "by-region",
                    .key_schema = {{"region", KeyType::hash}},
                    .projection = {ProjectionType::all, {}},
                    .provisioned_throughput = ProvisionedThroughput{10, 5},
                },
                UpdateGlobalSecondaryIndex{"by-status", {7, 3}},
                DeleteGlobalSecondaryIndex{"by-legacy"},
            },
        .stream_specification = StreamSpecification{false, std::nullopt},
        .sse_specification = SseSpecification{.enabled = false},
        .table_class = TableClass::standard,
        .deletion_protection_enabled = false,
    };
    require_encodes_to(r, R"j({
        "TableName": "orders",
        "AttributeDefinitions": [{"AttributeName": "region", "AttributeType": "S"}],
        "BillingMode": "PROVISIONED",
        "ProvisionedThroughput": {"ReadCapacityUnits": 100, "WriteCapacityUnits": 20},
        "GlobalSecondaryIndexUpdates": [
            {"Create": {
                "IndexName": "by-region",
                "KeySchema": [{"AttributeName": "region", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 5}
            }},
            {"Update": {
                "IndexName": "by-status",
                "ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 3}
            }},
            {"Delete": {"IndexName": "by-legacy"}}
        ],
        "StreamSpecification": {"StreamEnabled": false},
        "SSESpecification": {"Enabled": false},
        "TableClass": "STANDARD",
        "DeletionProtectionEnabled": false
    })j");

    SECTION("switching to on-demand sends only the billing mode") {
        require_encodes_to(UpdateTableRequest{.table_name = "orders",
                                              .billing_mode = BillingMode::pay_per_request},
                           R"j({"TableName": "orders", "BillingMode": "PAY_PER_REQUEST"})j");
    }
}

TEST_CASE("encode: UpdateTimeToLive", "[client][encode]") {
    require_encodes_to(UpdateTimeToLiveRequest{"sessions", {true, "expires_at"}}, R"j({
        "TableName": "sessions",
        "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires_at"}
    })j");
}

TEST_CASE("encode: encoding escapes strings and keeps numbers as their text", "[client][encode]") {
    PutItemRequest r{.table_name = "t_1.x-y",
                     .item = {{"pk", "quote\" back\\slash \n tab\t é"},
                              {"n", Number("-1.50E+3")},
                              {"big", Number("12345678901234567890123456789012345678")}}};
    const auto doc = dynaq_test::parse_json(encode(r));
    const auto& item = doc["Item"];
    CHECK(std::string(item["pk"]["S"].GetString()) == "quote\" back\\slash \n tab\t é");
    CHECK(std::string(item["n"]["N"].GetString()) == "-1.50E+3");
    CHECK(std::string(item["big"]["N"].GetString()) == "12345678901234567890123456789012345678");
}

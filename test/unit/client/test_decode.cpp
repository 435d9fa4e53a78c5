// Responses as the DynamoDB API reference documents them, and malformed ones.
#include "codec_support.hpp"

using namespace dynaq;
using Catch::Matchers::Contains;
using dynaq_test::decode;

namespace {

Timestamp at_ms(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

} // namespace

TEST_CASE("decode: GetItem with and without an item", "[client][decode]") {
    SECTION("found") {
        const auto r = decode<GetItemResponse>(R"j({
            "Item": {
                "pk": {"S": "customer#7"}, "sk": {"N": "42"},
                "tags": {"SS": ["a", "b"]}, "gone": {"NULL": true}
            },
            "ConsumedCapacity": {"TableName": "orders", "CapacityUnits": 0.5}
        })j");
        REQUIRE(r.item);
        CHECK(*r.item == Item{{"pk", "customer#7"},
                              {"sk", 42},
                              {"tags", StringSet{"b", "a"}},
                              {"gone", Null{}}});
        REQUIRE(r.consumed_capacity);
        CHECK(r.consumed_capacity->table_name == "orders");
        CHECK(r.consumed_capacity->capacity_units == 0.5);
        CHECK_FALSE(r.consumed_capacity->table);
    }
    SECTION("not found: an empty body") {
        const auto r = decode<GetItemResponse>("{}");
        CHECK_FALSE(r.item);
        CHECK_FALSE(r.consumed_capacity);
    }
    SECTION("unknown members are ignored") {
        const auto r = decode<GetItemResponse>(
            R"j({"SomethingNew": [1, {"x": null}], "Item": {"pk": {"S": "a"}}})j");
        CHECK(r.item == Item{{"pk", "a"}});
    }
}

TEST_CASE("decode: writes: Attributes, INDEXES capacity and item collection metrics",
          "[client][decode]") {
    const auto r = decode<WriteItemResponse>(R"j({
        "Attributes": {"pk": {"S": "customer#7"}, "version": {"N": "4"}},
        "ConsumedCapacity": {
            "TableName": "orders",
            "CapacityUnits": 3,
            "WriteCapacityUnits": 3,
            "Table": {"CapacityUnits": 1, "WriteCapacityUnits": 1},
            "LocalSecondaryIndexes": {"by-placed": {"CapacityUnits": 1, "WriteCapacityUnits": 1}},
            "GlobalSecondaryIndexes": {"by-status": {"CapacityUnits": 1, "WriteCapacityUnits": 1}}
        },
        "ItemCollectionMetrics": {
            "ItemCollectionKey": {"pk": {"S": "customer#7"}},
            "SizeEstimateRangeGB": [0.0, 1.0]
        }
    })j");
    CHECK(r.attributes == Item{{"pk", "customer#7"}, {"version", 4}});
    REQUIRE(r.consumed_capacity);
    const ConsumedCapacity& c = *r.consumed_capacity;
    CHECK(c.capacity_units == 3.0);
    CHECK(c.write_capacity_units == 3.0);
    CHECK_FALSE(c.read_capacity_units);
    CHECK(c.table == Capacity{.write_capacity_units = 1.0, .capacity_units = 1.0});
    CHECK(c.local_secondary_indexes.at("by-placed").capacity_units == 1.0);
    CHECK(c.global_secondary_indexes.at("by-status").write_capacity_units == 1.0);
    REQUIRE(r.item_collection_metrics);
    CHECK(r.item_collection_metrics->item_collection_key == Item{{"pk", "customer#7"}});
    CHECK(r.item_collection_metrics->size_estimate_range_gb == std::vector<double>{0.0, 1.0});
}

TEST_CASE("decode: Query page with LastEvaluatedKey", "[client][decode]") {
    const auto r = decode<QueryResponse>(R"j({
        "Count": 2,
        "ScannedCount": 5,
        "Items": [
            {"pk": {"S": "customer#7"}, "sk": {"N": "1"}},
            {"pk": {"S": "customer#7"}, "sk": {"N": "2"}, "note": {"M": {"x": {"L": []}}}}
        ],
        "LastEvaluatedKey": {"pk": {"S": "customer#7"}, "sk": {"N": "2"}},
        "ConsumedCapacity": {"TableName": "orders", "CapacityUnits": 1.5}
    })j");
    CHECK(r.count == 2);
    CHECK(r.scanned_count == 5);
    REQUIRE(r.items.size() == 2);
    CHECK(r.items[1].at("note") == AttributeValue(Map{{"x", List{}}}));
    REQUIRE(r.last_evaluated_key);
    CHECK(*r.last_evaluated_key == Item{{"pk", "customer#7"}, {"sk", 2}});
    CHECK(r.consumed_capacity->capacity_units == 1.5);

    SECTION("the key goes straight into the next request") {
        QueryRequest next{.table_name = "orders",
                          .key_condition_expression = "pk = :pk",
                          .expression_attribute_values = {{":pk", "customer#7"}}};
        next.exclusive_start_key = r.last_evaluated_key;
        const auto doc = dynaq_test::parse_json(dynaq_test::encode(next));
        CHECK(doc["ExclusiveStartKey"] ==
              dynaq_test::parse_json(R"j({"pk": {"S": "customer#7"}, "sk": {"N": "2"}})j"));
    }
}

TEST_CASE("decode: Scan with Select COUNT and the last page", "[client][decode]") {
    const auto r = decode<ScanResponse>(R"j({"Count": 17, "ScannedCount": 40})j");
    CHECK(r.items.empty());
    CHECK(r.count == 17);
    CHECK(r.scanned_count == 40);
    CHECK_FALSE(r.last_evaluated_key);
}

TEST_CASE("decode: BatchGetItem with UnprocessedKeys", "[client][decode]") {
    constexpr std::string_view unprocessed = R"j({
        "orders": {
            "Keys": [{"pk": {"S": "customer#9"}, "sk": {"N": "1"}}],
            "ProjectionExpression": "pk, #t",
            "ExpressionAttributeNames": {"#t": "total"},
            "ConsistentRead": true
        }
    })j";
    const std::string body = R"j({
        "Responses": {
            "orders": [
                {"pk": {"S": "customer#7"}, "sk": {"N": "42"}, "total": {"N": "10.25"}},
                {"pk": {"S": "customer#8"}, "sk": {"N": "1"}, "total": {"N": "3"}}
            ],
            "customers": []
        },
        "UnprocessedKeys": )j" +
                             std::string(unprocessed) + R"j(,
        "ConsumedCapacity": [
            {"TableName": "orders", "CapacityUnits": 1},
            {"TableName": "customers", "CapacityUnits": 0.5}
        ]
    })j";
    const auto r = decode<BatchGetItemResponse>(body);
    REQUIRE(r.responses.size() == 2);
    CHECK(r.responses.at("orders").size() == 2);
    CHECK(r.responses.at("orders")[0].at("total") == AttributeValue(Number("10.25")));
    CHECK(r.responses.at("customers").empty());
    REQUIRE(r.consumed_capacity.size() == 2);
    CHECK(r.consumed_capacity[1].table_name == "customers");
    CHECK(r.consumed_capacity[1].capacity_units == 0.5);

    REQUIRE(r.unprocessed_keys.size() == 1);
    const KeysAndAttributes& k = r.unprocessed_keys.at("orders");
    CHECK(k.keys == std::vector<Item>{{{"pk", "customer#9"}, {"sk", 1}}});
    CHECK(k.projection_expression == "pk, #t");
    CHECK(k.expression_attribute_names == ExpressionAttributeNames{{"#t", "total"}});
    CHECK(k.consistent_read == true);

    SECTION("UnprocessedKeys re-sent as RequestItems is the same JSON") {
        const BatchGetItemRequest retry{.request_items = r.unprocessed_keys};
        const auto doc = dynaq_test::parse_json(dynaq_test::encode(retry));
        CHECK(doc["RequestItems"] == dynaq_test::parse_json(unprocessed));
    }
}

TEST_CASE("decode: BatchWriteItem with UnprocessedItems", "[client][decode]") {
    constexpr std::string_view unprocessed = R"j({
        "orders": [
            {"PutRequest": {"Item": {"pk": {"S": "customer#7"}, "sk": {"N": "43"}}}},
            {"DeleteRequest": {"Key": {"pk": {"S": "customer#7"}, "sk": {"N": "42"}}}}
        ]
    })j";
    const std::string body = R"j({
        "UnprocessedItems": )j" +
                             std::string(unprocessed) + R"j(,
        "ItemCollectionMetrics": {
            "orders": [
                {"ItemCollectionKey": {"pk": {"S": "customer#7"}}, "SizeEstimateRangeGB": [1, 2]}
            ]
        },
        "ConsumedCapacity": [{"TableName": "orders", "CapacityUnits": 2}]
    })j";
    const auto r = decode<BatchWriteItemResponse>(body);
    REQUIRE(r.unprocessed_items.at("orders").size() == 2);
    CHECK(r.unprocessed_items.at("orders")[0] ==
          WriteRequest(PutRequest{{{"pk", "customer#7"}, {"sk", 43}}}));
    CHECK(r.unprocessed_items.at("orders")[1] ==
          WriteRequest(DeleteRequest{{{"pk", "customer#7"}, {"sk", 42}}}));
    CHECK(r.item_collection_metrics.at("orders").at(0).size_estimate_range_gb ==
          std::vector<double>{1.0, 2.0});
    CHECK(r.consumed_capacity.at(0).capacity_units == 2.0);

    SECTION("UnprocessedItems re-sent as RequestItems is the same JSON") {
        const BatchWriteItemRequest retry{.request_items = r.unprocessed_items};
        const auto doc = dynaq_test::parse_json(dynaq_test::encode(retry));
        CHECK(doc["RequestItems"] == dynaq_test::parse_json(unprocessed));
    }
    SECTION("everything written") {
        const auto done = decode<BatchWriteItemResponse>(R"j({"UnprocessedItems": {}})j");
        CHECK(done.unprocessed_items.empty());
        CHECK(done.item_collection_metrics.empty());
    }
}

TEST_CASE("decode: TransactGetItems keeps request order and marks missing items",
          "[client][decode]") {
    const auto r = decode<TransactGetItemsResponse>(R"j({
        "Responses": [
            {"Item": {"pk": {"S": "customer#7"}, "total": {"N": "10"}}},
            {},
            {"Item": {"pk": {"S": "customer#9"}}}
        ],
        "ConsumedCapacity": [{"TableName": "orders", "CapacityUnits": 6, "ReadCapacityUnits": 6}]
    })j");
    REQUIRE(r.responses.size() == 3);
    CHECK(r.responses[0] == Item{{"pk", "customer#7"}, {"total", 10}});
    CHECK_FALSE(r.responses[1]);
    CHECK(r.responses[2] == Item{{"pk", "customer#9"}});
    CHECK(r.consumed_capacity.at(0).read_capacity_units == 6.0);
}

TEST_CASE("decode: a reused response object is replaced, not appended to", "[client][decode]") {
    const detail::JsonDocument first(R"j({"Responses": [{"Item": {"pk": {"S": "a"}}}, {}]})j");
    const detail::JsonDocument second(R"j({"Responses": [{}]})j");
    TransactGetItemsResponse out;
    detail::decode(first.root(), out);
    REQUIRE(out.responses.size() == 2);
    detail::decode(second.root(), out);
    REQUIRE(out.responses.size() == 1);
    CHECK_FALSE(out.responses[0]);

    const detail::JsonDocument batch(R"j({"Responses": {"t": [{"pk": {"S": "a"}}]}})j");
    BatchGetItemResponse b;
    detail::decode(batch.root(), b);
    detail::decode(batch.root(), b);
    CHECK(b.responses.at("t").size() == 1);
}

TEST_CASE("decode: TransactWriteItems", "[client][decode]") {
    const auto r = decode<TransactWriteItemsResponse>(R"j({
        "ConsumedCapacity": [{"TableName": "orders", "CapacityUnits": 4}],
        "ItemCollectionMetrics": {"orders": [{"ItemCollectionKey": {"pk": {"S": "c"}},
                                              "SizeEstimateRangeGB": [0, 1]}]}
    })j");
    CHECK(r.consumed_capacity.at(0).capacity_units == 4.0);
    CHECK(r.item_collection_metrics.at("orders").at(0).item_collection_key == Item{{"pk", "c"}});
    CHECK(decode<TransactWriteItemsResponse>("{}") == TransactWriteItemsResponse{});
}

namespace {

// A table with an LSI and a GSI (still backfilling), streams and KMS encryption.
constexpr std::string_view orders_description = R"j({
    "TableName": "orders",
    "TableArn": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
    "TableId": "5b1e7c3a-0d2f-4e58-9c61-2f7b8e0a4d93",
    "TableStatus": "UPDATING",
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
    "CreationDateTime": 1.700000000123E9,
    "ProvisionedThroughput": {
        "LastIncreaseDateTime": 1700000500.5,
        "NumberOfDecreasesToday": 1,
        "ReadCapacityUnits": 50,
        "WriteCapacityUnits": 10
    },
    "TableSizeBytes": 123456789012,
    "ItemCount": 4242,
    "BillingModeSummary": {"BillingMode": "PROVISIONED"},
    "LocalSecondaryIndexes": [{
        "IndexName": "by-placed",
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "placed", "KeyType": "RANGE"}
        ],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
        "IndexSizeBytes": 2048,
        "ItemCount": 4242,
        "IndexArn": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-placed"
    }],
    "GlobalSecondaryIndexes": [{
        "IndexName": "by-status",
        "KeySchema": [
            {"AttributeName": "status", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"}
        ],
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]},
        "IndexStatus": "CREATING",
        "Backfilling": true,
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5, "WriteCapacityUnits": 2
        },
        "IndexSizeBytes": 0,
        "ItemCount": 0,
        "IndexArn": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by-status"
    }],
    "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
    "LatestStreamLabel": "2023-11-14T22:13:20.123",
    "LatestStreamArn": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2023-11-14T22:13:20.123",
    "SSEDescription": {
        "Status": "ENABLED", "SSEType": "KMS",
        "KMSMasterKeyArn": "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c"
    },
    "TableClassSummary": {"TableClass": "STANDARD", "LastUpdateDateTime": 1700000000},
    "DeletionProtectionEnabled": true
})j";

} // namespace

TEST_CASE("decode: DescribeTable of a table with GSIs and LSIs", "[client][decode]") {
    const auto r =
        decode<DescribeTableResponse>(R"j({"Table": )j" + std::string(orders_description) + "}");
    const TableDescription& t = r.table;
    CHECK(t.table_name == "orders");
    CHECK(t.table_arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
    CHECK(t.table_id == "5b1e7c3a-0d2f-4e58-9c61-2f7b8e0a4d93");
    CHECK(t.table_status == TableStatus::updating);
    CHECK(t.attribute_definitions ==
          std::vector<AttributeDefinition>{{"pk", ScalarAttributeType::s},
                                           {"sk", ScalarAttributeType::n},
                                           {"status", ScalarAttributeType::s},
                                           {"placed", ScalarAttributeType::b}});
    CHECK(t.key_schema ==
          std::vector<KeySchemaElement>{{"pk", KeyType::hash}, {"sk", KeyType::range}});
    CHECK(t.creation_date_time == at_ms(1'700'000'000'123));
    REQUIRE(t.provisioned_throughput);
    CHECK(t.provisioned_throughput->last_increase_date_time == at_ms(1'700'000'500'500));
    CHECK_FALSE(t.provisioned_throughput->last_decrease_date_time);
    CHECK(t.provisioned_throughput->number_of_decreases_today == 1);
    CHECK(t.provisioned_throughput->read_capacity_units == 50);
    CHECK(t.provisioned_throughput->write_capacity_units == 10);
    CHECK(t.table_size_bytes == 123456789012);
    CHECK(t.item_count == 4242);
    REQUIRE(t.billing_mode_summary);
    CHECK(t.billing_mode_summary->billing_mode == BillingMode::provisioned);

    REQUIRE(t.local_secondary_indexes.size() == 1);
    const auto& lsi = t.local_secondary_indexes[0];
    CHECK(lsi.index_name == "by-placed");
    CHECK(lsi.key_schema[1] == KeySchemaElement{"placed", KeyType::range});
    CHECK(lsi.projection == IndexProjection{ProjectionType::keys_only, {}});
    CHECK(lsi.index_size_bytes == 2048);
    CHECK(lsi.index_arn.ends_with("/index/by-placed"));

    REQUIRE(t.global_secondary_indexes.size() == 1);
    const auto& gsi = t.global_secondary_indexes[0];
    CHECK(gsi.index_name == "by-status");
    CHECK(gsi.projection == IndexProjection{ProjectionType::include, {"total"}});
    CHECK(gsi.index_status == IndexStatus::creating);
    CHECK(gsi.backfilling == true);
    REQUIRE(gsi.provisioned_throughput);
    CHECK(gsi.provisioned_throughput->read_capacity_units == 5);
    CHECK(gsi.item_count == 0);

    CHECK(t.stream_specification == StreamSpecification{true, StreamViewType::new_image});
    CHECK(t.latest_stream_label == "2023-11-14T22:13:20.123");
    CHECK(t.latest_stream_arn->ends_with("/stream/2023-11-14T22:13:20.123"));
    REQUIRE(t.sse_description);
    CHECK(t.sse_description->status == SseStatus::enabled);
    CHECK(t.sse_description->sse_type == SseType::kms);
    CHECK(t.sse_description->kms_master_key_arn ==
          "arn:aws:kms:eu-west-1:123456789012:key/0f1e2d3c");
    REQUIRE(t.table_class_summary);
    CHECK(t.table_class_summary->table_class == TableClass::standard);
    CHECK(t.table_class_summary->last_update_date_time == at_ms(1'700'000'000'000));
    CHECK(t.deletion_protection_enabled == true);
}

TEST_CASE("decode: CreateTable, UpdateTable and DeleteTable answer with a TableDescription",
          "[client][decode]") {
    const std::string body = R"j({"TableDescription": )j" + std::string(orders_description) + "}";
    const auto described =
        decode<DescribeTableResponse>(R"j({"Table": )j" + std::string(orders_description) + "}");
    CHECK(decode<CreateTableResponse>(body).table_description == described.table);
    CHECK(decode<UpdateTableResponse>(body).table_description == described.table);
    CHECK(decode<DeleteTableResponse>(body).table_description == described.table);

    SECTION("a new on-demand table, as CreateTable returns it") {
        const auto r = decode<CreateTableResponse>(R"j({"TableDescription": {
            "TableName": "records",
            "TableStatus": "CREATING",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "CreationDateTime": 1700000000,
            "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                                      "WriteCapacityUnits": 0},
            "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
            "TableSizeBytes": 0,
            "ItemCount": 0
        }})j");
        const TableDescription& t = r.table_description;
        CHECK(t.table_status == TableStatus::creating);
        CHECK(t.billing_mode_summary->billing_mode == BillingMode::pay_per_request);
        CHECK(t.provisioned_throughput->read_capacity_units == 0);
        CHECK(t.local_secondary_indexes.empty());
        CHECK(t.global_secondary_indexes.empty());
        CHECK_FALSE(t.stream_specification);
    }
}

TEST_CASE("decode: a status newer than this library is unknown, not an error", "[client][decode]") {
    const auto r = decode<DescribeTableResponse>(R"j({"Table": {
        "TableName": "orders", "TableStatus": "SOME_FUTURE_STATUS",
        "GlobalSecondaryIndexes": [{"IndexName": "gsi", "IndexStatus": "RESTING"}]
    }})j");
    CHECK(r.table.table_status == TableStatus::unknown);
    CHECK(r.table.global_secondary_indexes.at(0).index_status == IndexStatus::unknown);
}

TEST_CASE("decode: ListTables pagination", "[client][decode]") {
    const auto first = decode<ListTablesResponse>(R"j({"TableNames": ["a-table", "b-table"],
                                        "LastEvaluatedTableName": "b-table"})j");
    CHECK(first.table_names == std::vector<std::string>{"a-table", "b-table"});
    REQUIRE(first.last_evaluated_table_name == "b-table");

    ListTablesRequest next{.limit = 2};
    next.exclusive_start_table_name = first.last_evaluated_table_name;
    dynaq_test::require_encodes_to(next, R"j({"ExclusiveStartTableName": "b-table", "Limit": 2})j");

    const auto last = decode<ListTablesResponse>(R"j({"TableNames": ["c-table"]})j");
    CHECK(last.table_names == std::vector<std::string>{"c-table"});
    CHECK_FALSE(last.last_evaluated_table_name);
}

TEST_CASE("decode: DescribeTimeToLive and UpdateTimeToLive", "[client][decode]") {
    const auto enabled = decode<DescribeTimeToLiveResponse>(
        R"j({"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED",
                                      "AttributeName": "expires_at"}})j");
    CHECK(enabled.time_to_live_description ==
          TimeToLiveDescription{TimeToLiveStatus::enabled, "expires_at"});

    const auto never = decode<DescribeTimeToLiveResponse>(
        R"j({"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}})j");
    CHECK(never.time_to_live_description.time_to_live_status == TimeToLiveStatus::disabled);
    CHECK_FALSE(never.time_to_live_description.attribute_name);

    const auto updated = decode<UpdateTimeToLiveResponse>(
        R"j({"TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires_at"}})j");
    CHECK(updated.time_to_live_specification == TimeToLiveSpecification{true, "expires_at"});
}

namespace {

template <class Response>
void require_protocol_error(std::string_view body, const std::string& fragment) {
    INFO("body: " << body);
    try {
        (void)decode<Response>(body);
        FAIL("no ProtocolError");
    } catch (const ProtocolError& e) {
        CHECK_THAT(e.what(), Contains(fragment));
    }
}

} // namespace

TEST_CASE("decode: malformed responses are ProtocolErrors naming the path", "[client][decode]") {
    SECTION("item operations") {
        require_protocol_error<GetItemResponse>(R"j({"Item": []})j", "Item");
        require_protocol_error<GetItemResponse>(R"j({"Item": {"pk": {"Q": "x"}}})j", "Item.pk");
        require_protocol_error<GetItemResponse>(R"j({"ConsumedCapacity": "lots"})j",
                                                "ConsumedCapacity");
        require_protocol_error<GetItemResponse>(
            R"j({"ConsumedCapacity": {"Table": {"CapacityUnits": true}}})j",
            "ConsumedCapacity.Table.CapacityUnits");
        require_protocol_error<GetItemResponse>(
            R"j({"ConsumedCapacity": {"GlobalSecondaryIndexes": {"gsi": []}}})j",
            "ConsumedCapacity.GlobalSecondaryIndexes.gsi");
        require_protocol_error<WriteItemResponse>(
            R"j({"ItemCollectionMetrics": {"SizeEstimateRangeGB": [1, "big"]}})j",
            "ItemCollectionMetrics.SizeEstimateRangeGB[1]");
        require_protocol_error<WriteItemResponse>(R"j({"Attributes": {"n": {"N": "1e999"}}})j",
                                                  "Attributes.n");
    }
    SECTION("query and scan") {
        require_protocol_error<QueryResponse>(R"j({"Items": {}})j", "Items");
        require_protocol_error<QueryResponse>(R"j({"Items": [{"a": {"S": "x"}}, 7]})j", "Items[1]");
        require_protocol_error<QueryResponse>(R"j({"Count": true})j", "Count");
        require_protocol_error<QueryResponse>(R"j({"Count": 1.5})j", "Count");
        require_protocol_error<QueryResponse>(R"j({"LastEvaluatedKey": "pk"})j",
                                              "LastEvaluatedKey");
    }
    SECTION("batch") {
        require_protocol_error<BatchGetItemResponse>(R"j({"Responses": []})j", "Responses");
        require_protocol_error<BatchGetItemResponse>(R"j({"Responses": {"t": {}}})j",
                                                     "Responses.t");
        require_protocol_error<BatchGetItemResponse>(
            R"j({"UnprocessedKeys": {"t": {"Keys": [{"pk": {"S": "a"}}], "ConsistentRead": "yes"}}})j",
            "UnprocessedKeys.t.ConsistentRead");
        require_protocol_error<BatchGetItemResponse>(
            R"j({"UnprocessedKeys": {"t": {"ExpressionAttributeNames": {"#a": false}}}})j",
            "UnprocessedKeys.t.ExpressionAttributeNames.#a");
        require_protocol_error<BatchGetItemResponse>(R"j({"ConsumedCapacity": {}})j",
                                                     "ConsumedCapacity");
        require_protocol_error<BatchWriteItemResponse>(
            R"j({"UnprocessedItems": {"t": [{"UpsertRequest": {}}]}})j", "UnprocessedItems.t[0]");
        require_protocol_error<BatchWriteItemResponse>(
            R"j({"UnprocessedItems": {"t": [{"PutRequest": {}}]}})j",
            "UnprocessedItems.t[0].PutRequest.Item");
        require_protocol_error<BatchWriteItemResponse>(
            R"j({"UnprocessedItems": {"t": [{"DeleteRequest": {"Key": 1}}]}})j",
            "UnprocessedItems.t[0].DeleteRequest.Key");
        require_protocol_error<BatchWriteItemResponse>(R"j({"ItemCollectionMetrics": {"t": {}}})j",
                                                       "ItemCollectionMetrics.t");
    }
    SECTION("transactions") {
        require_protocol_error<TransactGetItemsResponse>(R"j({"Responses": [[]]})j",
                                                         "Responses[0]");
        require_protocol_error<TransactGetItemsResponse>(R"j({"Responses": [{"Item": true}]})j",
                                                         "Responses[0].Item");
        require_protocol_error<TransactWriteItemsResponse>(R"j({"ConsumedCapacity": [1]})j",
                                                           "ConsumedCapacity[0]");
    }
    SECTION("control plane") {
        require_protocol_error<DescribeTableResponse>("{}", "Table");
        require_protocol_error<DescribeTableResponse>(R"j({"Table": {}})j", "Table.TableName");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "KeySchema": [{"AttributeName": "a",
                                                          "KeyType": "DIAGONAL"}]}})j",
            "Table.KeySchema[0].KeyType");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "AttributeDefinitions": [{"AttributeName": "a"}]}})j",
            "Table.AttributeDefinitions[0].AttributeType");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "ItemCount": "many"}})j", "Table.ItemCount");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "CreationDateTime": "yesterday"}})j",
            "Table.CreationDateTime");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "CreationDateTime": 1e300}})j",
            "Table.CreationDateTime");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "GlobalSecondaryIndexes": [{"IndexName": "g",
                "Projection": {"NonKeyAttributes": [false]}}]}})j",
            "Table.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes[0]");
        require_protocol_error<DescribeTableResponse>(
            R"j({"Table": {"TableName": "t", "BillingModeSummary": {"BillingMode": "FREE"}}})j",
            "Table.BillingModeSummary.BillingMode");
        require_protocol_error<CreateTableResponse>(R"j({"TableDescription": []})j",
                                                    "TableDescription");
        require_protocol_error<ListTablesResponse>(R"j({"TableNames": "orders"})j", "TableNames");
        require_protocol_error<ListTablesResponse>(R"j({"TableNames": ["a", null]})j",
                                                   "TableNames[1]");
        require_protocol_error<DescribeTimeToLiveResponse>("{}", "TimeToLiveDescription");
        require_protocol_error<UpdateTimeToLiveResponse>(
            R"j({"TimeToLiveSpecification": {"AttributeName": "ttl"}})j",
            "TimeToLiveSpecification.Enabled");
    }
}

#pragma once
// Fixtures of the item, query, batch, transaction, table and TTL operations (their detailed
// field-by-field tests are test_encode.cpp and test_decode.cpp).
#include "operation_fixture.hpp"

namespace dynaq_test {

using namespace dynaq;

template <>
struct fixture<GetItemRequest> {
    static Sample<GetItemRequest> get() {
        return {
            .request = {.table_name = "users", .key = {{"pk", "u1"}}},
            .request_json = R"j({"TableName": "users", "Key": {"pk": {"S": "u1"}}})j",
            .invalid = GetItemRequest{.table_name = "users"},
            .response_json = R"j({"Item": {"pk": {"S": "u1"}, "n": {"N": "3"}}})j",
            .response = {.item = Item{{"pk", "u1"}, {"n", 3}}},
        };
    }
};

template <class Request>
Sample<Request> write_sample(Request request, std::string_view json) {
    Request invalid = request;
    invalid.table_name = "x";
    return {
        .request = std::move(request),
        .request_json = json,
        .invalid = std::move(invalid),
        .response_json = R"j({"Attributes": {"pk": {"S": "u1"}}})j",
        .response = {.attributes = Item{{"pk", "u1"}}},
    };
}

template <>
struct fixture<PutItemRequest> {
    static Sample<PutItemRequest> get() {
        return write_sample(PutItemRequest{.table_name = "users", .item = {{"pk", "u1"}}},
                            R"j({"TableName": "users", "Item": {"pk": {"S": "u1"}}})j");
    }
};

template <>
struct fixture<UpdateItemRequest> {
    static Sample<UpdateItemRequest> get() {
        return write_sample(UpdateItemRequest{.table_name = "users",
                                              .key = {{"pk", "u1"}},
                                              .update_expression = "SET n = :n",
                                              .expression_attribute_values = {{":n", 1}}},
                            R"j({"TableName": "users", "Key": {"pk": {"S": "u1"}},
                 "UpdateExpression": "SET n = :n",
                 "ExpressionAttributeValues": {":n": {"N": "1"}}})j");
    }
};

template <>
struct fixture<DeleteItemRequest> {
    static Sample<DeleteItemRequest> get() {
        return write_sample(DeleteItemRequest{.table_name = "users", .key = {{"pk", "u1"}}},
                            R"j({"TableName": "users", "Key": {"pk": {"S": "u1"}}})j");
    }
};

template <class Request>
Sample<Request> page_sample(Request request, std::string_view json) {
    Request invalid = request;
    invalid.limit = 0;
    return {
        .request = std::move(request),
        .request_json = json,
        .invalid = std::move(invalid),
        .response_json = R"j({"Items": [{"pk": {"S": "u1"}}], "Count": 1, "ScannedCount": 2,
                              "LastEvaluatedKey": {"pk": {"S": "u1"}}})j",
        .response = {.items = {Item{{"pk", "u1"}}},
                     .count = 1,
                     .scanned_count = 2,
                     .last_evaluated_key = Item{{"pk", "u1"}}},
    };
}

template <>
struct fixture<QueryRequest> {
    static Sample<QueryRequest> get() {
        return page_sample(QueryRequest{.table_name = "users",
                                        .key_condition_expression = "pk = :p",
                                        .expression_attribute_values = {{":p", "u1"}}},
                           R"j({"TableName": "users", "KeyConditionExpression": "pk = :p",
                                "ExpressionAttributeValues": {":p": {"S": "u1"}}})j");
    }
};

template <>
struct fixture<ScanRequest> {
    static Sample<ScanRequest> get() {
        return page_sample(ScanRequest{.table_name = "users", .limit = 10},
                           R"j({"TableName": "users", "Limit": 10})j");
    }
};

template <>
struct fixture<BatchGetItemRequest> {
    static Sample<BatchGetItemRequest> get() {
        return {
            .request = {.request_items = {{"users", {.keys = {Item{{"pk", "u1"}}}}}}},
            .request_json = R"j({"RequestItems": {"users": {"Keys": [{"pk": {"S": "u1"}}]}}})j",
            .invalid = BatchGetItemRequest{},
            .response_json = R"j({"Responses": {"users": [{"pk": {"S": "u1"}}]},
                                  "UnprocessedKeys": {}})j",
            .response = {.responses = {{"users", {Item{{"pk", "u1"}}}}}},
        };
    }
};

template <>
struct fixture<BatchWriteItemRequest> {
    static Sample<BatchWriteItemRequest> get() {
        return {
            .request = {.request_items = {{"users", {DeleteRequest{.key = {{"pk", "u1"}}}}}}},
            .request_json = R"j({"RequestItems": {"users": [
                                    {"DeleteRequest": {"Key": {"pk": {"S": "u1"}}}}]}})j",
            .invalid = BatchWriteItemRequest{},
            .response_json = R"j({"UnprocessedItems": {"users": [
                                     {"PutRequest": {"Item": {"pk": {"S": "u2"}}}}]}})j",
            .response = {.unprocessed_items = {{"users", {PutRequest{.item = {{"pk", "u2"}}}}}}},
        };
    }
};

template <>
struct fixture<TransactGetItemsRequest> {
    static Sample<TransactGetItemsRequest> get() {
        return {
            .request = {.transact_items = {{.table_name = "users", .key = {{"pk", "u1"}}}}},
            .request_json = R"j({"TransactItems": [
                                 {"Get": {"TableName": "users", "Key": {"pk": {"S": "u1"}}}}]})j",
            .invalid = TransactGetItemsRequest{},
            .response_json = R"j({"Responses": [{"Item": {"pk": {"S": "u1"}}}, {}]})j",
            .response = {.responses = {Item{{"pk", "u1"}}, std::nullopt}},
        };
    }
};

template <>
struct fixture<TransactWriteItemsRequest> {
    static Sample<TransactWriteItemsRequest> get() {
        return {
            .request = {.transact_items = {TransactPut{.table_name = "users",
                                                       .item = {{"pk", "u1"}}}},
                        .client_request_token = "token-1"},
            .request_json = R"j({"TransactItems": [
                                   {"Put": {"TableName": "users", "Item": {"pk": {"S": "u1"}}}}],
                                 "ClientRequestToken": "token-1"})j",
            .invalid = TransactWriteItemsRequest{},
            .response_json = R"j({"ConsumedCapacity": [{"TableName": "users",
                                                        "CapacityUnits": 2}]})j",
            .response = {.consumed_capacity = {{.table_name = "users", .capacity_units = 2.0}}},
        };
    }
};

inline constexpr std::string_view users_table_json =
    R"j({"TableName": "users", "TableStatus": "ACTIVE",
         "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
         "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]})j";

inline TableDescription users_table() {
    return {.table_name = "users",
            .table_status = TableStatus::active,
            .attribute_definitions = {{"pk", ScalarAttributeType::s}},
            .key_schema = {{"pk", KeyType::hash}}};
}

template <>
struct fixture<CreateTableRequest> {
    static Sample<CreateTableRequest> get() {
        static const std::string body =
            std::string(R"j({"TableDescription": )j") + std::string(users_table_json) + "}";
        CreateTableRequest r{.table_name = "users",
                             .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                             .key_schema = {{"pk", KeyType::hash}}};
        r.billing_mode = BillingMode::pay_per_request;
        CreateTableRequest invalid = r;
        invalid.key_schema.clear();
        return {
            .request = r,
            .request_json = R"j({"TableName": "users",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "BillingMode": "PAY_PER_REQUEST"})j",
            .invalid = invalid,
            .response_json = body,
            .response = {.table_description = users_table()},
        };
    }
};

/// The control-plane requests that name only a table, answered with a table description in
/// member `member`.
template <class Request>
Sample<Request> table_name_sample(std::string_view member) {
    static std::string body;
    body = "{\"" + std::string(member) + "\": " + std::string(users_table_json) + "}";
    Sample<Request> s{
        .request = {.table_name = "users"},
        .request_json = R"j({"TableName": "users"})j",
        .invalid = Request{.table_name = "u"},
        .response_json = body,
    };
    return s;
}

template <>
struct fixture<DeleteTableRequest> {
    static Sample<DeleteTableRequest> get() {
        auto s = table_name_sample<DeleteTableRequest>("TableDescription");
        s.response.table_description = users_table();
        return s;
    }
};

template <>
struct fixture<DescribeTableRequest> {
    static Sample<DescribeTableRequest> get() {
        auto s = table_name_sample<DescribeTableRequest>("Table");
        s.response.table = users_table();
        return s;
    }
};

template <>
struct fixture<ListTablesRequest> {
    static Sample<ListTablesRequest> get() {
        return {
            .request = {.exclusive_start_table_name = "orders", .limit = 2},
            .request_json = R"j({"ExclusiveStartTableName": "orders", "Limit": 2})j",
            .invalid = ListTablesRequest{.limit = 101},
            .response_json = R"j({"TableNames": ["products", "users"],
                                  "LastEvaluatedTableName": "users"})j",
            .response = {.table_names = {"products", "users"},
                         .last_evaluated_table_name = "users"},
        };
    }
};

template <>
struct fixture<UpdateTableRequest> {
    static Sample<UpdateTableRequest> get() {
        static const std::string body =
            std::string(R"j({"TableDescription": )j") + std::string(users_table_json) + "}";
        return {
            .request = {.table_name = "users", .deletion_protection_enabled = true},
            .request_json = R"j({"TableName": "users", "DeletionProtectionEnabled": true})j",
            .invalid = UpdateTableRequest{.table_name = "users"},
            .response_json = body,
            .response = {.table_description = users_table()},
        };
    }
};

template <>
struct fixture<UpdateTimeToLiveRequest> {
    static Sample<UpdateTimeToLiveRequest> get() {
        return {
            .request = {.table_name = "users",
                        .time_to_live_specification = {.enabled = true,
                                                       .attribute_name = "expires"}},
            .request_json = R"j({"TableName": "users", "TimeToLiveSpecification":
                                 {"Enabled": true, "AttributeName": "expires"}})j",
            .invalid = UpdateTimeToLiveRequest{.table_name = "users"},
            .response_json = R"j({"TimeToLiveSpecification":
                                  {"Enabled": true, "AttributeName": "expires"}})j",
            .response = {.time_to_live_specification = {.enabled = true,
                                                        .attribute_name = "expires"}},
        };
    }
};

template <>
struct fixture<DescribeTimeToLiveRequest> {
    static Sample<DescribeTimeToLiveRequest> get() {
        return {
            .request = {.table_name = "users"},
            .request_json = R"j({"TableName": "users"})j",
            .invalid = DescribeTimeToLiveRequest{.table_name = ""},
            .response_json = R"j({"TimeToLiveDescription":
                                  {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}})j",
            .response = {.time_to_live_description = {.time_to_live_status =
                                                          TimeToLiveStatus::enabled,
                                                      .attribute_name = "expires"}},
        };
    }
};

} // namespace dynaq_test

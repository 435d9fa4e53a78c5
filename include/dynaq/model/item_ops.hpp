#pragma once
// Single-item operations: GetItem, PutItem, UpdateItem, DeleteItem.
//
//   dynaq::UpdateItemRequest req{.table_name = "users", .key = {{"pk", "user#1"}}};
//   req.update_expression = "SET #n = :n";
//   req.expression_attribute_names = {{"#n", "name"}};
//   req.expression_attribute_values = {{":n", "Ada"}};
//   req.return_values = dynaq::ReturnValues::all_new;
//
// Absent optionals and empty maps are left out of the request, so DynamoDB's defaults apply.
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <optional>
#include <string>

namespace dynaq {

struct GetItemRequest {
    std::string table_name{};
    Item key{};
    std::optional<std::string> projection_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    std::optional<bool> consistent_read{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const GetItemRequest&) const = default;
};

struct GetItemResponse {
    /// Absent when no item has the key.
    std::optional<Item> item{};
    std::optional<ConsumedCapacity> consumed_capacity{};

    bool operator==(const GetItemResponse&) const = default;
};

struct PutItemRequest {
    std::string table_name{};
    Item item{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    /// PutItem accepts only none and all_old.
    std::optional<ReturnValues> return_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};

    bool operator==(const PutItemRequest&) const = default;
};

struct UpdateItemRequest {
    std::string table_name{};
    Item key{};
    /// Without one, UpdateItem only creates the item (key attributes only) if it is missing.
    std::optional<std::string> update_expression{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<ReturnValues> return_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};

    bool operator==(const UpdateItemRequest&) const = default;
};

struct DeleteItemRequest {
    std::string table_name{};
    Item key{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    /// DeleteItem accepts only none and all_old.
    std::optional<ReturnValues> return_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};

    bool operator==(const DeleteItemRequest&) const = default;
};

/// The three writes answer with the same shape.
struct WriteItemResponse {
    /// What ReturnValues asked for; absent for NONE, or for ALL_OLD when there was no item.
    std::optional<Item> attributes{};
    std::optional<ConsumedCapacity> consumed_capacity{};
    std::optional<ItemCollectionMetrics> item_collection_metrics{};

    bool operator==(const WriteItemResponse&) const = default;
};
using PutItemResponse = WriteItemResponse;
using UpdateItemResponse = WriteItemResponse;
using DeleteItemResponse = WriteItemResponse;

} // namespace dynaq

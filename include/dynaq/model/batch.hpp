#pragma once
// BatchGetItem and BatchWriteItem. What DynamoDB did not process comes back in the shape of the
// request, so a retry is an assignment:
//
//   req.request_items = std::move(response.unprocessed_keys);   // then send req again
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dynaq {

/// The keys to read from one table, and how.
struct KeysAndAttributes {
    std::vector<Item> keys{};
    std::optional<std::string> projection_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    std::optional<bool> consistent_read{};

    bool operator==(const KeysAndAttributes&) const = default;
};

struct BatchGetItemRequest {
    /// Table name -> keys; at most 100 keys over all tables.
    std::map<std::string, KeysAndAttributes> request_items{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const BatchGetItemRequest&) const = default;
};

struct BatchGetItemResponse {
    /// Table name -> the items found, in no particular order.
    std::map<std::string, std::vector<Item>> responses{};
    /// Same shape as BatchGetItemRequest::request_items; empty when everything was read.
    std::map<std::string, KeysAndAttributes> unprocessed_keys{};
    std::vector<ConsumedCapacity> consumed_capacity{};

    bool operator==(const BatchGetItemResponse&) const = default;
};

struct PutRequest {
    Item item{};

    bool operator==(const PutRequest&) const = default;
};

struct DeleteRequest {
    Item key{};

    bool operator==(const DeleteRequest&) const = default;
};

using WriteRequest = std::variant<PutRequest, DeleteRequest>;

struct BatchWriteItemRequest {
    /// Table name -> writes; at most 25 writes over all tables.
    std::map<std::string, std::vector<WriteRequest>> request_items{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};

    bool operator==(const BatchWriteItemRequest&) const = default;
};

struct BatchWriteItemResponse {
    /// Same shape as BatchWriteItemRequest::request_items; empty when everything was written.
    std::map<std::string, std::vector<WriteRequest>> unprocessed_items{};
    std::map<std::string, std::vector<ItemCollectionMetrics>> item_collection_metrics{};
    std::vector<ConsumedCapacity> consumed_capacity{};

    bool operator==(const BatchWriteItemResponse&) const = default;
};

} // namespace dynaq

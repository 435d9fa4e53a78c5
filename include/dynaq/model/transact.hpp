#pragma once
// TransactGetItems and TransactWriteItems: up to 100 actions that succeed or fail together.
// A cancelled transaction throws TransactionCanceledError, whose reasons() follow the order
// of transact_items.
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dynaq {

struct TransactGet {
    std::string table_name{};
    Item key{};
    std::optional<std::string> projection_expression{};
    ExpressionAttributeNames expression_attribute_names{};

    bool operator==(const TransactGet&) const = default;
};

struct TransactGetItemsRequest {
    std::vector<TransactGet> transact_items{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const TransactGetItemsRequest&) const = default;
};

struct TransactGetItemsResponse {
    /// One entry per transact_items entry, in order; empty where no item has the key.
    std::vector<std::optional<Item>> responses{};
    std::vector<ConsumedCapacity> consumed_capacity{};

    bool operator==(const TransactGetItemsResponse&) const = default;
};

/// Fails the transaction unless `condition_expression` holds for the item; writes nothing.
struct TransactConditionCheck {
    std::string table_name{};
    Item key{};
    std::string condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const TransactConditionCheck&) const = default;
};

struct TransactPut {
    std::string table_name{};
    Item item{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const TransactPut&) const = default;
};

struct TransactDelete {
    std::string table_name{};
    Item key{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const TransactDelete&) const = default;
};

struct TransactUpdate {
    std::string table_name{};
    Item key{};
    std::string update_expression{};
    std::optional<std::string> condition_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const TransactUpdate&) const = default;
};

using TransactWriteItem =
    std::variant<TransactConditionCheck, TransactPut, TransactDelete, TransactUpdate>;

struct TransactWriteItemsRequest {
    std::vector<TransactWriteItem> transact_items{};
    /// Makes the call idempotent for 10 minutes: a retry with the same token is not applied
    /// twice. 1 to 36 characters.
    std::optional<std::string> client_request_token{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    std::optional<ReturnItemCollectionMetrics> return_item_collection_metrics{};

    bool operator==(const TransactWriteItemsRequest&) const = default;
};

struct TransactWriteItemsResponse {
    std::vector<ConsumedCapacity> consumed_capacity{};
    /// Table name -> metrics for each item collection written.
    std::map<std::string, std::vector<ItemCollectionMetrics>> item_collection_metrics{};

    bool operator==(const TransactWriteItemsResponse&) const = default;
};

} // namespace dynaq

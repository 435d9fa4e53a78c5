#pragma once
// PartiQL: SQL-like statements over items. Values go in `parameters`, one per `?`, never into
// the statement text.
//
//   auto page = co_await client.execute_statement(
//       {.statement = "SELECT * FROM users WHERE pk = ?", .parameters = {"user#1"}});
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

/// One page of a statement's results; continue with next_token.
struct ExecuteStatementRequest {
    /// 1 to 8192 characters.
    std::string statement{};
    std::vector<AttributeValue> parameters{};
    std::optional<bool> consistent_read{};
    std::optional<std::string> next_token{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};
    /// Items to evaluate (not to return) before stopping; at least 1.
    std::optional<std::int32_t> limit{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const ExecuteStatementRequest&) const = default;
};

struct ExecuteStatementResponse {
    std::vector<Item> items{};
    std::optional<std::string> next_token{};
    std::optional<ConsumedCapacity> consumed_capacity{};
    /// Where a page cut short by `limit` stopped.
    std::optional<Item> last_evaluated_key{};

    bool operator==(const ExecuteStatementResponse&) const = default;
};

struct BatchStatementRequest {
    std::string statement{};
    std::vector<AttributeValue> parameters{};
    std::optional<bool> consistent_read{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const BatchStatementRequest&) const = default;
};

/// 1 to 25 statements, all reads or all writes; each succeeds or fails on its own.
struct BatchExecuteStatementRequest {
    std::vector<BatchStatementRequest> statements{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const BatchExecuteStatementRequest&) const = default;
};

/// Why one statement of a batch failed; `code` is DynamoDB's (ConditionalCheckFailed,
/// ValidationError, ThrottlingError, ...).
struct BatchStatementError {
    std::optional<std::string> code{};
    std::optional<std::string> message{};
    /// The item as it was, when return_values_on_condition_check_failure asked for it.
    std::optional<Item> item{};

    bool operator==(const BatchStatementError&) const = default;
};

struct BatchStatementResponse {
    std::optional<BatchStatementError> error{};
    std::optional<std::string> table_name{};
    std::optional<Item> item{};

    bool operator==(const BatchStatementResponse&) const = default;
};

struct BatchExecuteStatementResponse {
    /// One per statement, in order.
    std::vector<BatchStatementResponse> responses{};
    std::vector<ConsumedCapacity> consumed_capacity{};

    bool operator==(const BatchExecuteStatementResponse&) const = default;
};

struct ParameterizedStatement {
    std::string statement{};
    std::vector<AttributeValue> parameters{};
    std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure{};

    bool operator==(const ParameterizedStatement&) const = default;
};

/// 1 to 100 statements that succeed or fail together (TransactionCanceledError).
struct ExecuteTransactionRequest {
    std::vector<ParameterizedStatement> transact_statements{};
    /// Makes the call idempotent for 10 minutes; 1 to 36 characters.
    std::optional<std::string> client_request_token{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const ExecuteTransactionRequest&) const = default;
};

struct ExecuteTransactionResponse {
    /// For a read transaction, one entry per statement, empty where no item matched.
    std::vector<std::optional<Item>> responses{};
    std::vector<ConsumedCapacity> consumed_capacity{};

    bool operator==(const ExecuteTransactionResponse&) const = default;
};

} // namespace dynaq

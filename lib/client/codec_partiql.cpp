// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction. Parameters are sent as
// AttributeValues in "Parameters", never spliced into the statement.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

/// "Statement" and its "Parameters" (left out when there are none: DynamoDB rejects []).
void write_statement(JsonWriter& w, const std::string& statement,
                     const std::vector<AttributeValue>& parameters) {
    write_string_member(w, "Statement", statement);
    if (parameters.empty())
        return;
    write_key(w, "Parameters");
    w.StartArray();
    for (std::size_t i = 0; i < parameters.size(); ++i)
        write_value(w, parameters[i], element_path("parameters", i));
    w.EndArray();
}

} // namespace

void encode(const ExecuteStatementRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_statement(w, r.statement, r.parameters);
        write_optional(w, "ConsistentRead", r.consistent_read);
        write_optional(w, "NextToken", r.next_token);
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
        write_optional(w, "Limit", r.limit);
        write_optional(w, "ReturnValuesOnConditionCheckFailure",
                       r.return_values_on_condition_check_failure);
    });
}

void encode(const BatchExecuteStatementRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "Statements");
        w.StartArray();
        for (const auto& s : r.statements) {
            w.StartObject();
            write_statement(w, s.statement, s.parameters);
            write_optional(w, "ConsistentRead", s.consistent_read);
            write_optional(w, "ReturnValuesOnConditionCheckFailure",
                           s.return_values_on_condition_check_failure);
            w.EndObject();
        }
        w.EndArray();
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    });
}

void encode(const ExecuteTransactionRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "TransactStatements");
        w.StartArray();
        for (const auto& s : r.transact_statements) {
            w.StartObject();
            write_statement(w, s.statement, s.parameters);
            write_optional(w, "ReturnValuesOnConditionCheckFailure",
                           s.return_values_on_condition_check_failure);
            w.EndObject();
        }
        w.EndArray();
        write_optional(w, "ClientRequestToken", r.client_request_token);
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    });
}

void decode(const JsonValue& root, ExecuteStatementResponse& out) {
    out = {};
    expect_object(root, "response");
    out.items = optional_items(root, "Items", "");
    if (auto token = optional_string(root, "NextToken", ""))
        out.next_token.emplace(*token);
    out.consumed_capacity = read_consumed_capacity(root);
    out.last_evaluated_key = optional_item(root, "LastEvaluatedKey", "");
}

void decode(const JsonValue& root, BatchExecuteStatementResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "Responses", "", [&](const JsonValue& e, const std::string& path) {
        expect_object(e, path);
        BatchStatementResponse response;
        if (const JsonValue* error = find_member(e, "Error")) {
            const std::string where = member_path(path, "Error");
            expect_object(*error, where);
            BatchStatementError& err = response.error.emplace();
            if (auto code = optional_string(*error, "Code", where))
                err.code.emplace(*code);
            if (auto message = optional_string(*error, "Message", where))
                err.message.emplace(*message);
            err.item = optional_item(*error, "Item", where);
        }
        if (auto table = optional_string(e, "TableName", path))
            response.table_name.emplace(*table);
        response.item = optional_item(e, "Item", path);
        out.responses.push_back(std::move(response));
    });
    out.consumed_capacity = read_consumed_capacity_list(root);
}

void decode(const JsonValue& root, ExecuteTransactionResponse& out) {
    // The same shape as TransactGetItems' answer: one ItemResponse per statement.
    TransactGetItemsResponse same;
    decode(root, same);
    out = {.responses = std::move(same.responses),
           .consumed_capacity = std::move(same.consumed_capacity)};
}

} // namespace dynaq::detail

#pragma once
// Fixtures of the PartiQL operations.
#include "fixtures_core.hpp"

namespace dynaq_test {

template <>
struct fixture<ExecuteStatementRequest> {
    static Sample<ExecuteStatementRequest> get() {
        return {
            .request = {.statement = R"(SELECT * FROM "users" WHERE pk = ? AND n > ?)",
                        .parameters = {"u1", 3},
                        .consistent_read = true,
                        .next_token = "page-2",
                        .return_consumed_capacity = ReturnConsumedCapacity::total,
                        .limit = 50,
                        .return_values_on_condition_check_failure =
                            ReturnValuesOnConditionCheckFailure::all_old},
            .request_json = R"j({"Statement": "SELECT * FROM \"users\" WHERE pk = ? AND n > ?",
                "Parameters": [{"S": "u1"}, {"N": "3"}], "ConsistentRead": true,
                "NextToken": "page-2", "ReturnConsumedCapacity": "TOTAL", "Limit": 50,
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})j",
            .invalid = ExecuteStatementRequest{.statement = ""},
            .response_json = R"j({"Items": [{"pk": {"S": "u1"}, "n": {"N": "4"}}],
                "NextToken": "page-3",
                "ConsumedCapacity": {"TableName": "users", "CapacityUnits": 0.5},
                "LastEvaluatedKey": {"pk": {"S": "u1"}}})j",
            .response = {.items = {Item{{"pk", "u1"}, {"n", 4}}},
                         .next_token = "page-3",
                         .consumed_capacity =
                             ConsumedCapacity{.table_name = "users", .capacity_units = 0.5},
                         .last_evaluated_key = Item{{"pk", "u1"}}},
        };
    }
};

template <>
struct fixture<BatchExecuteStatementRequest> {
    static Sample<BatchExecuteStatementRequest> get() {
        return {
            .request = {.statements = {{.statement = R"(UPDATE "users" SET n = n + 1 WHERE pk = ?)",
                                        .parameters = {"u1"},
                                        .return_values_on_condition_check_failure =
                                            ReturnValuesOnConditionCheckFailure::all_old},
                                       {.statement = R"(DELETE FROM "users" WHERE pk = 'u2')"}},
                        .return_consumed_capacity = ReturnConsumedCapacity::indexes},
            .request_json = R"j({"Statements": [
                {"Statement": "UPDATE \"users\" SET n = n + 1 WHERE pk = ?",
                 "Parameters": [{"S": "u1"}], "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
                {"Statement": "DELETE FROM \"users\" WHERE pk = 'u2'"}],
                "ReturnConsumedCapacity": "INDEXES"})j",
            .invalid =
                BatchExecuteStatementRequest{.statements = std::vector<BatchStatementRequest>(
                                                 26, {.statement = "SELECT 1"})},
            .response_json = R"j({"Responses": [
                {"TableName": "users", "Item": {"pk": {"S": "u1"}}},
                {"TableName": "users", "Error": {"Code": "ConditionalCheckFailed",
                    "Message": "The conditional request failed",
                    "Item": {"pk": {"S": "u2"}}}}],
                "ConsumedCapacity": [{"TableName": "users", "CapacityUnits": 2}]})j",
            .response = {.responses = {{.table_name = "users", .item = Item{{"pk", "u1"}}},
                                       {.error =
                                            BatchStatementError{
                                                .code = "ConditionalCheckFailed",
                                                .message = "The conditional request failed",
                                                .item = Item{{"pk", "u2"}}},
                                        .table_name = "users"}},
                         .consumed_capacity = {{.table_name = "users", .capacity_units = 2.0}}},
        };
    }
};

template <>
struct fixture<ExecuteTransactionRequest> {
    static Sample<ExecuteTransactionRequest> get() {
        return {
            .request =
                {.transact_statements = {{.statement = R"(SELECT * FROM "users" WHERE pk = ?)",
                                          .parameters = {"u1"}},
                                         {.statement = R"(SELECT * FROM "users" WHERE pk = ?)",
                                          .parameters = {"u9"}}},
                 .client_request_token = "tx-1",
                 .return_consumed_capacity = ReturnConsumedCapacity::total},
            .request_json = R"j({"TransactStatements": [
                {"Statement": "SELECT * FROM \"users\" WHERE pk = ?", "Parameters": [{"S": "u1"}]},
                {"Statement": "SELECT * FROM \"users\" WHERE pk = ?", "Parameters": [{"S": "u9"}]}],
                "ClientRequestToken": "tx-1", "ReturnConsumedCapacity": "TOTAL"})j",
            .invalid = ExecuteTransactionRequest{.transact_statements = {{.statement = "SELECT 1"}},
                                                 .client_request_token = std::string(37, 't')},
            .response_json = R"j({"Responses": [{"Item": {"pk": {"S": "u1"}}}, {}],
                "ConsumedCapacity": [{"TableName": "users", "CapacityUnits": 4}]})j",
            .response = {.responses = {Item{{"pk", "u1"}}, std::nullopt},
                         .consumed_capacity = {{.table_name = "users", .capacity_units = 4.0}}},
        };
    }
};

} // namespace dynaq_test

#pragma once
// DynamoDB's documented limits, each once, with where the API reference (service version
// 2012-08-10, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/) states it. The
// request validation, the Table layer's batch planning and the expression builders check
// against these, so input DynamoDB is certain to reject fails before anything is sent.
#include <cstddef>
#include <cstdint>

namespace dynaq::limits {

/// An item's size, attribute names and values together: 400 KB (API_PutItem: "the maximum
/// item size is 400 KB"; the same for UpdateItem and BatchWriteItem's PutRequest).
inline constexpr std::size_t item_bytes = 400 * 1024;

/// Keys in one BatchGetItem request: 100 (API_BatchGetItem: "as many as 100 items").
inline constexpr std::size_t batch_get_keys = 100;
/// Put and delete requests in one BatchWriteItem request: 25 (API_BatchWriteItem: "as many
/// as 25 put or delete requests").
inline constexpr std::size_t batch_write_items = 25;
/// The data one BatchGetItem returns or one BatchWriteItem writes: 16 MB (API_BatchGetItem:
/// "up to 16 MB of data"; API_BatchWriteItem: "up to 16 MB of data").
inline constexpr std::size_t batch_request_bytes = 16 * 1024 * 1024;

/// Actions in one TransactWriteItems or TransactGetItems request, and statements in one
/// ExecuteTransaction: 100 (API_TransactWriteItems, API_TransactGetItems, TransactItems
/// "Maximum number of 100 items"; API_ExecuteTransaction, TransactStatements).
inline constexpr std::size_t transact_items = 100;
/// Statements in one BatchExecuteStatement request: 25 (API_BatchExecuteStatement, Statements
/// "Maximum number of 25 items").
inline constexpr std::size_t batch_statements = 25;
/// A PartiQL statement's length: 8192 characters (API_ExecuteStatement, Statement "Maximum
/// length of 8192").
inline constexpr std::size_t statement_length = 8192;

/// A table or index name: 3 to 255 characters of [a-zA-Z0-9_.-] (API_CreateTable, TableName
/// and IndexName "Length Constraints: Minimum length of 3. Maximum length of 255").
inline constexpr std::size_t table_name_min = 3;
inline constexpr std::size_t table_name_max = 255;
/// An attribute name in a key schema or attribute definition: 1 to 255 bytes
/// (API_KeySchemaElement and API_AttributeDefinition, AttributeName).
inline constexpr std::size_t key_attribute_name_max = 255;
/// Non-key attributes projected into secondary indexes, summed over all of a table's indexes:
/// 100 (API_Projection, NonKeyAttributes).
inline constexpr std::size_t projected_attributes = 100;

/// Operands of one IN comparison: 100 (Developer Guide, "Comparison operator and function
/// reference": "up to 100 values").
inline constexpr std::size_t in_operands = 100;

/// ListTables' Limit: 1 to 100 (API_ListTables, Limit); ListBackups' Limit the same
/// (API_ListBackups, Limit).
inline constexpr std::int32_t list_tables_limit = 100;
inline constexpr std::int32_t list_backups_limit = 100;
/// Scan's TotalSegments: 1 to 1,000,000 (API_Scan, TotalSegments).
inline constexpr std::int32_t total_segments = 1'000'000;

} // namespace dynaq::limits

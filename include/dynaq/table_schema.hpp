#pragma once
// The shape of a table as the Table layer knows it: keys with their types, secondary indexes,
// and how it is billed. A value type; validate() checks it before CreateTable is ever sent.
//
//   dynaq::TableSchema users{
//       .table_name = "users",
//       .global_secondary_indexes = {{.name = "by_email",
//                                     .partition_key = {"email"},
//                                     .projection = dynaq::ProjectionType::keys_only}},
//   };   // pk (S) and sk (S) by default, pay per request
#include <dynaq/export.hpp>
#include <dynaq/model/table_ops.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dynaq {

/// A key attribute: its name and its type (S, N or B).
struct KeyDefinition {
    std::string name{};
    ScalarAttributeType type = ScalarAttributeType::s;

    bool operator==(const KeyDefinition&) const = default;
};

/// A global or local secondary index.
struct SecondaryIndex {
    std::string name{};
    KeyDefinition partition_key{};
    std::optional<KeyDefinition> sort_key{};
    ProjectionType projection = ProjectionType::all;
    /// The projected non-key attributes; required with ProjectionType::include only.
    std::vector<std::string> non_key_attributes{};
    /// A global index's own throughput on a provisioned table; when absent there, the table's
    /// is used. Not allowed on local indexes or pay-per-request tables.
    std::optional<ProvisionedThroughput> throughput{};

    bool operator==(const SecondaryIndex&) const = default;
};

struct DYNAQ_API TableSchema {
    std::string table_name{};
    KeyDefinition partition_key{"pk"};
    /// Empty for a hash-only table.
    std::optional<KeyDefinition> sort_key = KeyDefinition{"sk"};
    std::vector<SecondaryIndex> global_secondary_indexes{};
    /// Local indexes share the table's partition key and need a sort key of their own.
    std::vector<SecondaryIndex> local_secondary_indexes{};
    /// PROVISIONED when `throughput` is set, else PAY_PER_REQUEST (the Python library's rule);
    /// set it to say so explicitly (then it must agree with `throughput`).
    std::optional<BillingMode> billing_mode{};
    std::optional<ProvisionedThroughput> throughput{};

    /// The table's key attribute names: partition key, then the sort key if any.
    [[nodiscard]] std::vector<std::string> key_names() const;
    /// The index named `name` (global or local), or nullptr.
    [[nodiscard]] const SecondaryIndex* find_index(std::string_view name) const noexcept;
    /// Whether the index is a global one (false for local or unknown names).
    [[nodiscard]] bool is_global_index(std::string_view name) const noexcept;
    [[nodiscard]] BillingMode effective_billing_mode() const noexcept;
};

/// Throws InvalidArgumentError, naming the problem, for: an invalid table or index name
/// (3-255 of [A-Za-z0-9_.-]), an empty key name (or one over 255 bytes), a sort key named like
/// the partition key, duplicate index names (global and local share one namespace), a local
/// index whose partition key differs from the table's, that has no sort key, or on a table
/// without a sort key, more than 20 global or 5 local indexes, INCLUDE without attributes (or
/// attributes without INCLUDE, or an empty attribute name), more than 100 projected non-key
/// attributes summed over all indexes, throughput on a pay-per-request table or index or on
/// any local index, throughput values below 1, a billing mode that contradicts `throughput`
/// (PROVISIONED without it, PAY_PER_REQUEST with it), and one attribute declared with two
/// different types across the table and its indexes. Messages after the name check start
/// with `table "<name>": `.
DYNAQ_API void validate(const TableSchema& schema);

/// Every key attribute of the table and its indexes, each once: the table's keys first, then
/// global then local index keys, in declaration order. Throws InvalidArgumentError when one
/// name is declared with two types.
[[nodiscard]] DYNAQ_API std::vector<AttributeDefinition>
attribute_definitions(const TableSchema& schema);

/// The schema of an existing table as DescribeTable reports it: key names and types, indexes
/// with their keys and projections, billing mode and provisioned throughput (kept only where
/// it is provisioned), so a Table can be opened on a table this program did not declare.
/// Throws ProtocolError when the description lacks a partition key or a key attribute's
/// definition.
[[nodiscard]] DYNAQ_API TableSchema schema_from_description(const TableDescription& description);

/// The CreateTable request for the schema (validated first). BillingMode is always set
/// (PROVISIONED or PAY_PER_REQUEST). A provisioned table's global indexes without their own
/// throughput get the table's; nothing in `schema` is modified.
[[nodiscard]] DYNAQ_API CreateTableRequest create_table_request(const TableSchema& schema);

} // namespace dynaq

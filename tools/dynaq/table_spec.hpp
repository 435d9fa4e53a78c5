#pragma once
// `create`'s table shape, from flags or from a CreateTable JSON file. Pure, unit-tested.
//
// Flags: --pk NAME[:TYPE] --sk NAME[:TYPE] --gsi NAME=PK[:TYPE][,SK[:TYPE]] (repeatable)
// --lsi NAME=SK[:TYPE] (repeatable) --rcu N --wcu N; TYPE is S (default), N or B; indexes
// project ALL; without --rcu/--wcu the table is PAY_PER_REQUEST.
// File: the JSON of `aws dynamodb create-table --cli-input-json` (AttributeDefinitions,
// KeySchema, GlobalSecondaryIndexes, ...), sent as it is apart from the table name, which the
// command line sets, and PAY_PER_REQUEST when the file sets neither billing nor throughput.
#include <dynaq/table_schema.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq_cli {

struct TableFlags {
    std::string table{};
    std::optional<std::string> pk{};
    std::optional<std::string> sk{};
    std::vector<std::string> gsis{};
    std::vector<std::string> lsis{};
    std::optional<std::int64_t> rcu{};
    std::optional<std::int64_t> wcu{};
};

/// "name:N" -> {name, N}; a suffix that is not a type is part of the name.
[[nodiscard]] dynaq::KeyDefinition parse_key_spec(std::string_view spec);

/// The schema the flags describe, validated. Throws dynaq::InvalidArgumentError.
[[nodiscard]] dynaq::TableSchema schema_from_flags(const TableFlags& flags);

/// The CreateTable request body for a --from-file document. Throws
/// dynaq::InvalidArgumentError when it is not a JSON object or names another table.
[[nodiscard]] std::string create_table_body(std::string_view file_json, std::string_view table);

} // namespace dynaq_cli

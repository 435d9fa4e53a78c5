#pragma once
// DynamoDB's naming rule for tables and indexes, for code that checks names before sending them.
#include <dynaq/export.hpp>
#include <string_view>

namespace dynaq {

/// 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.': what DynamoDB accepts as a table or
/// index name (such a name also never needs escaping in JSON).
[[nodiscard]] DYNAQ_API bool is_valid_table_name(std::string_view name) noexcept;

} // namespace dynaq

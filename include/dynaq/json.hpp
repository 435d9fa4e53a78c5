#pragma once
// DynamoDB's typed JSON for items and values, e.g. {"pk":{"S":"user#1"},"age":{"N":"42"}}:
// the format of the AWS CLI, DynamoDB Streams exports and the low-level API.
//
//   dynaq::Item item = dynaq::item_from_json(R"({"pk":{"S":"a"}})");
//   std::string text = dynaq::to_json(item);
//
// Printing with operator<< gives the same text (with invalid parts shown as best it can
// instead of throwing), so Items and AttributeValues read well in logs and test failures.
#include <dynaq/export.hpp>
#include <dynaq/value.hpp>

#include <iosfwd>
#include <string>
#include <string_view>

namespace dynaq {

/// Encodes compactly with attributes in name order. Throws InvalidArgumentError for what
/// DynamoDB would reject: empty sets, duplicate set members, invalid UTF-8.
[[nodiscard]] DYNAQ_API std::string to_json(const Item& item);
[[nodiscard]] DYNAQ_API std::string to_json(const AttributeValue& value);

/// Parses typed JSON strictly (one type key per value, valid numbers and base64). Throws
/// InvalidArgumentError naming the offending path or JSON offset.
[[nodiscard]] DYNAQ_API Item item_from_json(std::string_view json);
[[nodiscard]] DYNAQ_API AttributeValue value_from_json(std::string_view json);

DYNAQ_API std::ostream& operator<<(std::ostream& os, const AttributeValue& value);
DYNAQ_API std::ostream& operator<<(std::ostream& os, const Item& item);

} // namespace dynaq

#pragma once
// Items as the plain JSON people write by hand, instead of DynamoDB's typed JSON (json.hpp):
//
//   dynaq::Item item =
//   dynaq::item_from_plain_json(R"({"pk":"user#1","age":42,"tags":{"$SS":["a"]}})"); std::string
//   line = dynaq::to_plain_json(item);
//
// The mapping:
//   string -> S          number -> N (the exact text: never through double)
//   true/false -> BOOL   null -> NULL          array -> L          object -> M
// What plain JSON cannot say is written as an object with exactly one member whose name is a
// tag; these are accepted on input and always produced on output, so output reads back as the
// same item:
//   {"$SS": ["a", "b"]}      string set          {"$B": "<base64>"}   binary
//   {"$NS": [1, 2.5]}        number set          {"$BS": ["<base64>", ...]}  binary set
//   {"$M": {...}}            a map taken as it is: how a map whose only attribute is named
//                            "$SS", "$NS", "$BS", "$B" or "$M" is written (its members are
//                            still read with these rules).
// Any other object, including one whose single name starts with '$', is a map.
//
// Numbers must be ones DynamoDB accepts (at most 38 significant digits, magnitude 1e-130 to
// below 1e126, or zero); output writes them as valid JSON numbers with the same value (a
// number stored as "+5." comes out as 5). Sets must be non-empty, without repeated members.
// Strings and attribute names must be valid UTF-8.
//
// PlainJsonOptions::binary_attributes names top-level attributes whose values are plain
// base64 strings instead ({"photo":"iVBOR..."}): read as B, and B written back the same way.
//
// Errors are InvalidArgumentError naming the offset (malformed JSON) or the path of the
// value ("tags[2]: invalid base64").
#include <dynaq/export.hpp>
#include <dynaq/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace dynaq {

struct PlainJsonOptions {
    /// Top-level attributes whose JSON strings are base64 binary (B), both ways.
    std::vector<std::string> binary_attributes{};
};

/// Parses one JSON object as an item. Nothing but whitespace may follow it.
[[nodiscard]] DYNAQ_API Item item_from_plain_json(std::string_view json);
[[nodiscard]] DYNAQ_API Item item_from_plain_json(std::string_view json,
                                                  const PlainJsonOptions& options);
/// Parses any JSON value.
[[nodiscard]] DYNAQ_API AttributeValue value_from_plain_json(std::string_view json);

/// Encodes compactly, attributes in name order. Throws InvalidArgumentError for what DynamoDB
/// would not have stored: empty sets, repeated set members, invalid UTF-8.
[[nodiscard]] DYNAQ_API std::string to_plain_json(const Item& item);
[[nodiscard]] DYNAQ_API std::string to_plain_json(const Item& item,
                                                  const PlainJsonOptions& options);
[[nodiscard]] DYNAQ_API std::string to_plain_json(const AttributeValue& value);
/// The item's encoding appended to `out`, for writers that reuse one buffer.
DYNAQ_API void append_plain_json(std::string& out, const Item& item,
                                 const PlainJsonOptions& options);

} // namespace dynaq

#pragma once
// Internal JSON helpers shared by the codec, the error decoder and the operation encoders.
// RapidJSON stays out of the public headers; only lib/ and tests include this.
//
// Encoding writes straight into a caller-owned std::string (cleared and reused per request,
// so steady-state encoding allocates nothing). Decoding parses with
// kParseNumbersAsStringsFlag: every JSON number arrives as its text, never through double.
// RapidJSON asserts on a wrong-type access, so every accessor here checks the type first and
// throws dynaq::ProtocolError naming the path instead.
#include <dynaq/error.hpp>
#include <dynaq/value.hpp>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

/// RapidJSON output stream that appends to a std::string.
struct StringSink {
    using Ch = char;
    std::string* out;
    void Put(char c) { out->push_back(c); }
    void Flush() {}
};

using JsonWriter = rapidjson::Writer<StringSink>;
using JsonValue = rapidjson::Value;

/// Writes `name` as an object key.
inline void write_key(JsonWriter& w, std::string_view name) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}
inline void write_string(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

/// {"S":"x"}, {"N":"1"}, {"B":"<base64>"}, ... Validates sets (non-empty, no duplicates) and
/// UTF-8 as it goes and throws InvalidArgumentError naming `where`.
void write_value(JsonWriter& w, const AttributeValue& v);
/// {"name":{"S":"x"},...}
void write_item(JsonWriter& w, const Item& item);

/// A parsed response body. Keeps the buffer the document points into alive.
class JsonDocument {
public:
    /// Throws ProtocolError (with the parse error and offset) for malformed JSON or a
    /// top-level value that is not an object.
    explicit JsonDocument(std::string_view body);

    [[nodiscard]] const JsonValue& root() const noexcept { return doc_; }

private:
    std::string buffer_; // parsed in situ
    rapidjson::Document doc_;
};

/// The member `name` of object `obj`, or nullptr when absent or JSON null.
[[nodiscard]] const JsonValue* find_member(const JsonValue& obj, std::string_view name) noexcept;

/// Required/optional typed members. `where` is the path used in error messages ("Items[3].pk").
[[nodiscard]] const JsonValue& require_member(const JsonValue& obj, std::string_view name,
                                              std::string_view where);
[[nodiscard]] std::string_view require_string(const JsonValue& obj, std::string_view name,
                                              std::string_view where);
[[nodiscard]] std::optional<std::string_view> optional_string(const JsonValue& obj,
                                                              std::string_view name,
                                                              std::string_view where);
/// Integers arrive as text (numbers-as-strings); parsed and range checked.
[[nodiscard]] std::optional<std::int64_t> optional_int(const JsonValue& obj, std::string_view name,
                                                       std::string_view where);
[[nodiscard]] std::optional<double> optional_double(const JsonValue& obj, std::string_view name,
                                                    std::string_view where);
[[nodiscard]] std::optional<bool> optional_bool(const JsonValue& obj, std::string_view name,
                                                std::string_view where);
/// Throws ProtocolError unless `v` is an object / array.
const JsonValue& expect_object(const JsonValue& v, std::string_view where);
const JsonValue& expect_array(const JsonValue& v, std::string_view where);

/// {"S":"x"} -> AttributeValue. Throws ProtocolError naming `where` for anything malformed.
[[nodiscard]] AttributeValue read_value(const JsonValue& v, std::string_view where);
/// {"a":{"S":"x"},...} -> Item.
[[nodiscard]] Item read_item(const JsonValue& v, std::string_view where);

} // namespace dynaq::detail

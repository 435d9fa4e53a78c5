#pragma once
// Internal JSON helpers shared by the codec, the error decoder and the operation encoders.
// RapidJSON stays out of the public headers; only lib/ and tests include this.
//
// Encoding writes straight into a caller-owned std::string (cleared and reused per request,
// so steady-state encoding allocates nothing). Decoding parses with
// kParseNumbersAsStringsFlag, so an item's numbers keep their exact text; in the DOM of the
// other members a JSON number becomes an int64 or a double (counts, sizes, times).
// RapidJSON asserts on a wrong-type access, so every accessor here checks the type first and
// throws dynaq::ProtocolError naming the path instead.
#include "codec/json_padding.hpp"
#include <dynaq/error.hpp>
#include <dynaq/value.hpp>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq::detail {

/// RapidJSON output stream that appends to a std::string.
struct StringSink {
    using Ch = char;
    std::string* out;
    void Put(char c) { out->push_back(c); }
    void Flush() {}
};

/// The allocator of a JsonWriter's nesting stack. Left to itself the Writer news a
/// CrtAllocator and grows its stack on the heap: two allocations per document.
using JsonWriterStack = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using JsonWriter =
    rapidjson::Writer<StringSink, rapidjson::UTF8<>, rapidjson::UTF8<>, JsonWriterStack>;
using JsonValue = rapidjson::Value;

/// A JsonWriter whose stack lives in this object (on the caller's stack, as a local): a
/// document nested as deep as DynamoDB allows costs it no allocation; deeper spills to the heap.
class StackJsonWriter {
public:
    explicit StackJsonWriter(StringSink& sink) : writer_(sink, &stack_, initial_depth) {}
    StackJsonWriter(const StackJsonWriter&) = delete;
    StackJsonWriter& operator=(const StackJsonWriter&) = delete;
    JsonWriter& get() noexcept { return writer_; }

private:
    // A level is 16 bytes; 40 covers an item's 32 levels, the request's own and the pool's
    // bookkeeping.
    static constexpr std::size_t initial_depth = 40;
    alignas(std::max_align_t) char buffer_[1024];
    JsonWriterStack stack_{buffer_, sizeof buffer_, sizeof buffer_};
    JsonWriter writer_;
};

/// Writes `name` as an object key.
inline void write_key(JsonWriter& w, std::string_view name) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}
inline void write_string(JsonWriter& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

/// {"S":"x"}, {"N":"1"}, {"B":"<base64>"}, ... Validates sets (non-empty, no duplicates) and
/// UTF-8 as it goes and throws InvalidArgumentError naming `where` (default "value"), e.g.
/// "ExpressionAttributeValues.:v.tags: empty string set (DynamoDB rejects empty sets)".
/// After an exception the output holds a partial document: discard it.
void write_value(JsonWriter& w, const AttributeValue& v);
void write_value(JsonWriter& w, const AttributeValue& v, std::string_view where);
/// {"name":{"S":"x"},...}; `where` defaults to "item".
void write_item(JsonWriter& w, const Item& item);
void write_item(JsonWriter& w, const Item& item, std::string_view where);

/// The same encoders without a Writer: append the JSON text to `out`.
void append_value(std::string& out, const AttributeValue& v, std::string_view where);
void append_item(std::string& out, const Item& item, std::string_view where);

/// Where a response carries items, and in what shape: decoded straight into Items while
/// parsing (no DOM in between), borrowing their text from the body.
enum class ItemShape {
    item,           ///< "Item": {attributes}
    items,          ///< "Items": [{attributes}, ...]
    items_by_table, ///< "Responses": {"table": [{attributes}, ...], ...}
};
struct ItemMember {
    std::string_view name; ///< a member of the top-level object
    ItemShape shape;
};

/// A parsed response body. Keeps the text the document points into alive.
///
/// Parsing is strict JSON (RFC 8259: no comments, NaN or trailing commas; invalid UTF-8 and
/// unpaired surrogate escapes such as "\udc00" are errors; nothing but whitespace may follow
/// the root) and iterative, so deeply nested input cannot exhaust the stack. Strings point into the
/// text and numbers arrive as strings that are NOT NUL-terminated: always use GetStringLength()
/// (or the helpers below). Movable: the text and the DOM's pool are on the heap, so the
/// document's pointers stay valid.
///
/// The top-level members named by `item_members` are not in root(): they are decoded into Items
/// (which share the body) while parsing, and handed out by take_item / take_items /
/// take_items_by_table. Everything else is a small DOM, built only when there is something else.
class JsonDocument {
public:
    /// Throws ProtocolError (with the parse error and offset) for malformed JSON or a
    /// top-level value that is not an object.
    explicit JsonDocument(std::string_view body);
    /// The same, parsing `body` in place: a response's body is not needed afterwards, and
    /// copying a page of a megabyte costs as much as parsing it.
    explicit JsonDocument(std::string&& body);
    explicit JsonDocument(const char* body) : JsonDocument(std::string_view(body)) {}
    /// Parses in place, decoding the `item_members` into Items. Their errors name the path
    /// ("Items[3].age: invalid number ...") as read_item's do.
    JsonDocument(std::string&& body, std::span<const ItemMember> item_members);
    JsonDocument(JsonDocument&&) noexcept;
    JsonDocument& operator=(JsonDocument&&) noexcept;
    ~JsonDocument();

    [[nodiscard]] const JsonValue& root() const noexcept { return root_; }

    /// The decoded member `name` (one of the item members), moved out; empty when absent.
    [[nodiscard]] std::optional<Item> take_item(std::string_view name);
    [[nodiscard]] std::vector<Item> take_items(std::string_view name);
    [[nodiscard]] std::map<std::string, std::vector<Item>>
    take_items_by_table(std::string_view name);

    /// What was decoded of one item member.
    struct Decoded {
        ItemMember member{};
        bool present = false;
        std::optional<Item> item{};
        std::vector<Item> items{};
        std::map<std::string, std::vector<Item>> by_table{};
    };
    /// No response has more members that carry items (Query: Items and LastEvaluatedKey).
    static constexpr std::size_t max_item_members = 2;

private:
    using Pool = rapidjson::MemoryPoolAllocator<>;
    void parse(std::span<const ItemMember> item_members);
    Decoded* decoded(std::string_view name);

    PageRef page_; // the text, parsed in situ; decoded Items share it
    // Only when root() has members: a GetItem answer has none besides its item. Sized to the
    // text: RapidJSON's default 64 KB chunk is 60 times a small answer.
    std::unique_ptr<Pool> pool_;
    JsonValue root_{rapidjson::kObjectType};
    std::array<Decoded, max_item_members> decoded_{}; // in place: no allocation for it
    std::size_t decoded_count_ = 0;
};

/// The text of a string value (which must be a string: check IsString() first).
[[nodiscard]] inline std::string_view string_view_of(const JsonValue& v) noexcept {
    return {v.GetString(), v.GetStringLength()};
}

/// The member `name` of object `obj`, or nullptr when absent or JSON null.
[[nodiscard]] const JsonValue* find_member(const JsonValue& obj, std::string_view name) noexcept;

/// Required/optional typed members. `where` is the path used in error messages ("Items[3].pk").
[[nodiscard]] const JsonValue& require_member(const JsonValue& obj, std::string_view name,
                                              std::string_view where);
[[nodiscard]] std::string_view require_string(const JsonValue& obj, std::string_view name,
                                              std::string_view where);
[[nodiscard]] std::optional<std::string_view>
optional_string(const JsonValue& obj, std::string_view name, std::string_view where);
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

/// {"S":"x"} -> AttributeValue. Throws ProtocolError naming `where` for anything DynamoDB
/// would not have sent: not exactly one type key, an unknown type, a JSON type other than the
/// one the type key calls for ({"N":5} and {"S":1} included: JsonDocument keeps JSON numbers
/// as numbers), an invalid number or base64 text, NULL not true, an empty or repeated
/// attribute name at the top of an item, an empty set or a set with a repeated member, and
/// more than max_nesting_levels levels.
[[nodiscard]] AttributeValue read_value(const JsonValue& v, std::string_view where);
/// {"a":{"S":"x"},...} -> Item.
[[nodiscard]] Item read_item(const JsonValue& v, std::string_view where);
/// [{"a":{"S":"x"}},...] -> items; errors name the element ("Items[3].age").
[[nodiscard]] std::vector<Item> read_items(const JsonValue& v, std::string_view where);

/// DynamoDB stores values up to 32 levels deep, an item's own attributes being level 1 and
/// each M or L adding one (beyond: "Nesting Levels have exceeded supported limits"; the
/// developer guide's quotas, "Nested attribute depth"). Deeper values are an
/// InvalidArgumentError when encoding and a ProtocolError when decoding.
inline constexpr int max_nesting_levels = 32;
/// Deepest JSON nesting JsonDocument keeps in its DOM: an item nested max_nesting_levels
/// deep (two JSON levels per AttributeValue) inside a response's few levels of its own.
inline constexpr std::size_t max_dom_depth = 2 * max_nesting_levels + 8;

} // namespace dynaq::detail

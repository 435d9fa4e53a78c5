#include "table/batch_plan.hpp"
#include "table/item_size.hpp"
#include <dynaq/error.hpp>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

namespace dynaq::detail {

namespace {

// What one write adds to a request besides its item or key: roughly the JSON framing
// ({"PutRequest":{"Item":...}}). Counted so that many tiny writes cannot add up past the
// request limit unnoticed; the limits are far from tight in practice (25 x 400 KB < 16 MB).
constexpr std::size_t per_write_overhead = 32;

// Strings and numbers are cut to this many bytes in error messages: a key can be large.
constexpr std::size_t description_limit = 64;
// Binary keys are shown as hex of at most this many bytes.
constexpr std::size_t binary_description_limit = 32;

// Where a key came from, for error messages. Turned into text only when something is wrong,
// so planning thousands of rows does not build thousands of strings.
struct KeySource {
    static constexpr std::size_t no_row = static_cast<std::size_t>(-1);

    std::string_view what; // "item", "delete key", "rows", ...
    std::size_t row = no_row;

    [[nodiscard]] std::string str() const {
        std::string out(what);
        if (row != no_row)
            out += '[' + std::to_string(row) + ']';
        return out;
    }
};

void check_key_names(std::span<const std::string> key_names) {
    if (key_names.empty() || key_names.size() > 2)
        throw InvalidArgumentError("a primary key has 1 or 2 attributes, got " +
                                   std::to_string(key_names.size()) + " key attribute names");
    if (key_names.size() == 2 && key_names[0] == key_names[1])
        throw InvalidArgumentError("the partition and sort key cannot both be \"" + key_names[0] +
                                   '"');
}

Item extract_key_from(const Item& item, std::span<const std::string> key_names,
                      const KeySource& source) {
    check_key_names(key_names);
    Item key;
    for (const std::string& name : key_names) {
        const auto it = item.find(name);
        if (it == item.end())
            throw InvalidArgumentError(source.str() + ": key attribute \"" + name +
                                       "\" is missing");
        try {
            validate_key_value(it->second, name);
        } catch (const InvalidArgumentError& e) {
            // The message starts with the attribute name: put the source in front of it.
            throw InvalidArgumentError(source.str() + '.' + e.what());
        }
        key.emplace(name, it->second);
    }
    return key;
}

// ---- signatures ----------------------------------------------------------------------------
//
// Every value is encoded as a type tag followed by a self-delimiting body (length-prefixed
// bytes, or a member count followed by encoded members), so no encoding is a prefix of
// another and a concatenation of encodings can be read back one way only: the signature is
// injective. Equal values (as DynamoDB compares them) give equal text because numbers are
// canonicalised and set members sorted.

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// A number's value as "[-]<significant digits>e<power of ten of the first digit>", or "0":
// "1", "1.0", "+1", "001" and "10e-1" all give "1e0". The text was validated by Number.
std::string canonical_number(std::string_view text) {
    // Saturated, like Number's own parser: values this large are outside DynamoDB's range.
    constexpr std::int64_t exponent_cap = 1'000'000'000'000LL;
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    std::string digits;
    std::int64_t int_len = 0; // digits before the decimal point
    bool after_point = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            after_point = true;
        } else if (is_digit(text[i])) {
            digits += text[i];
            if (!after_point)
                ++int_len;
        }
    }
    std::int64_t exponent = 0;
    if (i < text.size()) { // at 'e'
        ++i;
        bool exponent_negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            exponent_negative = text[i++] == '-';
        for (; i < text.size() && is_digit(text[i]); ++i)
            if (exponent < exponent_cap)
                exponent = exponent * 10 + (text[i] - '0');
        if (exponent_negative)
            exponent = -exponent;
    }
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos)
        return "0"; // zero, whatever its sign and exponent
    const std::size_t last = digits.find_last_not_of('0');
    std::string out = negative ? "-" : "";
    out.append(digits, first, last - first + 1);
    out += 'e';
    out += std::to_string(int_len - 1 - static_cast<std::int64_t>(first) + exponent);
    return out;
}

void append_counted(std::string& out, std::string_view bytes) {
    out += std::to_string(bytes.size());
    out += ':';
    out += bytes;
}

void append_count(std::string& out, std::size_t count) {
    out += std::to_string(count);
    out += ':';
}

void append_encoding(std::string& out, const AttributeValue& value);

void append_members(std::string& out, const Map& map) {
    append_count(out, map.size());
    for (const Attribute* a : sorted_by_name(map)) {
        append_counted(out, a->first);
        append_encoding(out, a->second);
    }
}

// Sets are equal whatever the order of their members, so members are encoded and sorted.
template <class T, class Encode>
void append_set(std::string& out, char tag, const SetOf<T>& set, Encode encode) {
    std::vector<std::string> members;
    members.reserve(set.size());
    for (const T& member : set) {
        std::string encoded;
        append_counted(encoded, encode(member));
        members.push_back(std::move(encoded));
    }
    std::sort(members.begin(), members.end());
    out += tag;
    append_count(out, members.size());
    for (const auto& m : members)
        out += m;
}

struct Encoder {
    std::string& out;

    void operator()(const Text& s) const {
        out += 'S';
        append_counted(out, s);
    }
    void operator()(const Number& n) const {
        out += 'N';
        append_counted(out, canonical_number(n.text()));
    }
    void operator()(const Binary& b) const {
        out += 'B';
        append_counted(out, b.bytes());
    }
    void operator()(const StringSet& s) const {
        append_set(out, 's', s, [](const std::string& m) { return m; });
    }
    void operator()(const NumberSet& s) const {
        append_set(out, 'n', s, [](const Number& m) { return canonical_number(m.text()); });
    }
    void operator()(const BinarySet& s) const {
        append_set(out, 'b', s, [](const Binary& m) { return m.bytes(); });
    }
    void operator()(const Map& m) const {
        out += 'M';
        append_members(out, m);
    }
    void operator()(const List& l) const {
        out += 'L';
        append_count(out, l.size());
        for (const auto& v : l)
            append_encoding(out, v);
    }
    void operator()(Null) const { out += '0'; }
    void operator()(bool b) const { out += b ? 'T' : 'F'; }
};

void append_encoding(std::string& out, const AttributeValue& value) {
    std::visit(Encoder{out}, value.variant());
}

// ---- descriptions --------------------------------------------------------------------------

// At most `limit` bytes of `s`, not cutting a UTF-8 sequence in two.
std::string_view utf8_prefix(std::string_view s, std::size_t limit) {
    if (s.size() <= limit)
        return s;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U)
        --cut;
    return s.substr(0, cut);
}

void append_hex_byte(std::string& out, unsigned char byte) {
    constexpr std::string_view digits = "0123456789abcdef";
    out += digits[byte >> 4U];
    out += digits[byte & 0x0FU];
}

// Quoted, with quotes, backslashes and control characters escaped, so the message stays on one
// line and shows where the string ends.
void append_quoted(std::string& out, std::string_view s) {
    const std::string_view shown = utf8_prefix(s, description_limit);
    out += '"';
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20U || byte == 0x7FU) {
            out += "\\x";
            append_hex_byte(out, byte);
        } else {
            out += c;
        }
    }
    if (shown.size() < s.size())
        out += "...";
    out += '"';
}

// Hex ("0x00ff"); long values are cut and their length given ("0x0102...(40 bytes)").
void append_binary(std::string& out, std::string_view bytes) {
    out += "0x";
    const std::size_t shown = std::min(bytes.size(), binary_description_limit);
    for (std::size_t i = 0; i < shown; ++i)
        append_hex_byte(out, static_cast<unsigned char>(bytes[i]));
    if (shown < bytes.size())
        out += "...(" + std::to_string(bytes.size()) + " bytes)";
}

void append_description(std::string& out, const AttributeValue& value) {
    if (const auto* s = value.get_if<Text>()) {
        append_quoted(out, *s);
    } else if (const auto* n = value.get_if<Number>()) {
        const std::string_view shown = utf8_prefix(n->text(), description_limit);
        out += shown;
        if (shown.size() < n->text().size())
            out += "...";
    } else if (const auto* b = value.get_if<Binary>()) {
        append_binary(out, b->bytes());
    } else {
        // Not a key type; only the type is worth showing.
        out += '<';
        out += to_string(value.type());
        out += '>';
    }
}

// ---- writes --------------------------------------------------------------------------------

// A write's signature and size, measured before the request is moved into its PendingWrite.
struct Measured {
    std::string signature;
    std::size_t bytes = 0;
};

Measured measure_put(const Item& item, std::span<const std::string> key_names) {
    const Item key = extract_key_from(item, key_names, KeySource{"put item"});
    const std::size_t size = item_size(item);
    if (size > max_item_bytes)
        throw InvalidArgumentError("item " + describe_key(key) + " is " + std::to_string(size) +
                                   " bytes; DynamoDB's limit is " + std::to_string(max_item_bytes));
    return {key_signature(key), size + per_write_overhead};
}

Measured measure_delete(const Item& given, std::span<const std::string> key_names) {
    const Item key = extract_key_from(given, key_names, KeySource{"delete key"});
    // DynamoDB rejects a key with attributes beyond the primary key; say which one.
    for (const auto& [name, value] : given)
        if (!key.contains(name))
            throw InvalidArgumentError("delete key " + describe_key(key) + " has attribute \"" +
                                       name + "\", which is not part of the primary key");
    return {key_signature(key), item_size(key) + per_write_overhead};
}

// Would adding `bytes` to a request already holding `used` bytes exceed `max_bytes`? Written
// so it cannot overflow (`used` itself may exceed max_bytes when one write was too large).
bool exceeds(std::size_t used, std::size_t bytes, std::size_t max_bytes) noexcept {
    return used > max_bytes || bytes > max_bytes - used;
}

void check_max_count(std::size_t max_count) {
    if (max_count == 0)
        throw InvalidArgumentError("a batch request must hold at least one write or key");
}

std::vector<std::vector<std::size_t>> chunk_indices(std::size_t count, std::size_t max_count) {
    std::vector<std::vector<std::size_t>> chunks;
    chunks.reserve((count + max_count - 1) / max_count);
    for (std::size_t begin = 0; begin < count; begin += max_count) {
        const std::size_t end = begin + std::min(max_count, count - begin);
        auto& chunk = chunks.emplace_back();
        chunk.reserve(end - begin);
        for (std::size_t i = begin; i < end; ++i)
            chunk.push_back(i);
    }
    return chunks;
}

} // namespace

Item extract_key(const Item& item, std::span<const std::string> key_names) {
    return extract_key_from(item, key_names, KeySource{"item"});
}

std::string key_signature(const Item& key) {
    std::string out;
    append_members(out, key);
    return out;
}

std::string describe_key(const Item& key) {
    std::string out = "{";
    bool first = true;
    for (const Attribute* a : sorted_by_name(key)) {
        if (!first)
            out += ", ";
        first = false;
        out += a->first;
        out += ": ";
        append_description(out, a->second);
    }
    out += '}';
    return out;
}

PendingWrite prepare_write(WriteRequest request, std::span<const std::string> key_names) {
    Measured measured = std::holds_alternative<PutRequest>(request)
                            ? measure_put(std::get<PutRequest>(request).item, key_names)
                            : measure_delete(std::get<DeleteRequest>(request).key, key_names);
    return {std::move(request), std::move(measured.signature), measured.bytes};
}

std::size_t dedupe_last_wins(std::vector<PendingWrite>& writes) {
    // First pass: the index of each signature's last occurrence. The views point into
    // `writes`, which is not modified until the flags are computed.
    std::unordered_map<std::string_view, std::size_t> last_index;
    last_index.reserve(writes.size());
    for (std::size_t i = 0; i < writes.size(); ++i)
        last_index[writes[i].signature] = i;
    if (last_index.size() == writes.size())
        return 0;

    std::vector<bool> keep(writes.size());
    for (std::size_t i = 0; i < writes.size(); ++i)
        keep[i] = last_index.find(writes[i].signature)->second == i;

    // Survivors stay at the position of their last occurrence, relative to each other: a key
    // written again later moves after the writes that came between.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < writes.size(); ++i) {
        if (!keep[i])
            continue;
        if (kept != i)
            writes[kept] = std::move(writes[i]);
        ++kept;
    }
    const std::size_t removed = writes.size() - kept;
    writes.resize(kept);
    return removed;
}

std::vector<std::vector<PendingWrite>> chunk_writes(std::vector<PendingWrite> writes,
                                                    std::size_t max_count, std::size_t max_bytes) {
    check_max_count(max_count);
    std::vector<std::vector<PendingWrite>> chunks;
    std::vector<PendingWrite> current;
    std::size_t current_bytes = 0;
    for (auto& write : writes) {
        // A write larger than max_bytes on its own still goes, alone: the current chunk is
        // closed first, and the next write closes it again.
        if (!current.empty() &&
            (current.size() == max_count || exceeds(current_bytes, write.bytes, max_bytes))) {
            chunks.push_back(std::move(current));
            current.clear();
            current_bytes = 0;
        }
        current_bytes += write.bytes;
        current.push_back(std::move(write));
    }
    if (!current.empty())
        chunks.push_back(std::move(current));
    return chunks;
}

GetPlan plan_gets(std::span<const Item> rows, std::span<const std::string> key_names,
                  std::size_t max_count) {
    check_max_count(max_count);
    check_key_names(key_names);
    GetPlan plan;
    plan.row_to_key.reserve(rows.size());
    std::unordered_map<std::string, std::size_t> key_index; // signature -> index in plan.keys
    for (std::size_t row = 0; row < rows.size(); ++row) {
        Item key = extract_key_from(rows[row], key_names, KeySource{"rows", row});
        std::string signature = key_signature(key);
        const auto [it, inserted] = key_index.try_emplace(signature, plan.keys.size());
        if (inserted) {
            plan.keys.push_back(std::move(key));
            plan.signatures.push_back(std::move(signature));
        }
        plan.row_to_key.push_back(it->second);
    }
    plan.chunks = chunk_indices(plan.keys.size(), max_count);
    return plan;
}

} // namespace dynaq::detail

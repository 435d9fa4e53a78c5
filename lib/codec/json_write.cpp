// Encoder for DynamoDB's typed JSON. It appends to the output string directly instead of going
// through rapidjson::Writer's one-character-at-a-time Put(): strings are copied in runs
// between the characters that need escaping, base64 is written in place, and validation
// (sets, UTF-8) happens in the same pass.
#include "checks.hpp"
#include "path.hpp"

#include "codec/base64.hpp"
#include "codec/json.hpp"
#include <dynaq/json.hpp>

#include <array>
#include <cstdint>
#include <ostream>

namespace dynaq::detail {

namespace {

// rapidjson::Writer keeps its stream in a protected member. Naming it through a derived class
// is the standard-conforming way to reach it; the Writer is still used for what it tracks
// (separators and nesting), see write_value().
struct SinkAccess : JsonWriter {
    static std::string& out(JsonWriter& w) { return *(w.*(&SinkAccess::os_))->out; }
};

enum CharClass : std::uint8_t { plain, escape, multibyte };

constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> t{};
    for (unsigned c = 0; c < 256; ++c)
        t[c] = c < 0x20 || c == '"' || c == '\\' ? escape : (c >= 0x80 ? multibyte : plain);
    return t;
}

constexpr auto char_classes = make_classes();

void append_escape(std::string& out, unsigned char c) {
    switch (c) {
    case '"':
        out += "\\\"";
        return;
    case '\\':
        out += "\\\\";
        return;
    case '\b':
        out += "\\b";
        return;
    case '\f':
        out += "\\f";
        return;
    case '\n':
        out += "\\n";
        return;
    case '\r':
        out += "\\r";
        return;
    case '\t':
        out += "\\t";
        return;
    default: {
        constexpr char hex[] = "0123456789ABCDEF";
        const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(u, sizeof u);
    }
    }
}

class Encoder {
public:
    // `strict` is false only for debug printing, which must show any value, even one that
    // DynamoDB would reject.
    Encoder(std::string& out, bool strict) noexcept : out_(out), strict_(strict) {}

    // `level` is v's own: 1 for an item's attribute, one more inside each M or L.
    void value(const AttributeValue& v, const Path& path, int level = 1) {
        if (strict_ && level > max_nesting_levels)
            throw InvalidArgumentError(path.message(too_deep));
        switch (v.type()) {
        case Type::S:
            out_ += R"({"S":)";
            string(v.as_string(), path, "string");
            out_ += '}';
            return;
        case Type::N:
            out_ += R"({"N":)";
            number(v.as_number());
            out_ += '}';
            return;
        case Type::B:
            out_ += R"({"B":)";
            binary(v.as_binary());
            out_ += '}';
            return;
        case Type::SS:
            set(R"({"SS":[)", v.as_string_set(), path);
            return;
        case Type::NS:
            set(R"({"NS":[)", v.as_number_set(), path);
            return;
        case Type::BS:
            set(R"({"BS":[)", v.as_binary_set(), path);
            return;
        case Type::M:
            out_ += R"({"M":)";
            map(v.as_map(), path, level + 1);
            out_ += '}';
            return;
        case Type::L: {
            out_ += R"({"L":[)";
            const List& list = v.as_list();
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (i)
                    out_ += ',';
                value(list[i], path.element(i), level + 1);
            }
            out_ += "]}";
            return;
        }
        case Type::Null:
            out_ += R"({"NULL":true})";
            return;
        case Type::Bool:
            out_ += v.as_bool() ? R"({"BOOL":true})" : R"({"BOOL":false})";
            return;
        }
    }

    // `level` is the members' level; at 1 (an item's own attributes) names must not be empty.
    void map(const Map& m, const Path& path, int level = 1) {
        out_ += '{';
        bool first = true;
        for (const auto& [name, v] : m) {
            if (!first)
                out_ += ',';
            first = false;
            if (strict_ && level == 1 && name.empty())
                throw InvalidArgumentError(path.message(empty_name));
            string(name, path, "attribute name");
            out_ += ':';
            value(v, path.member(name), level);
        }
        out_ += '}';
    }

private:
    template <class T>
    void set(const char* open, const SetOf<T>& s, const Path& path) {
        if (strict_)
            check_set(s, path);
        out_ += open;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (i)
                out_ += ',';
            member(s.values[i], path.element(i));
        }
        out_ += "]}";
    }

    void member(const std::string& s, const Path& path) { string(s, path, "string"); }
    void member(const Number& n, const Path&) { number(n); }
    void member(const Binary& b, const Path&) { binary(b); }

    // Validated text never needs escaping.
    void number(const Number& n) {
        out_ += '"';
        out_ += n.text();
        out_ += '"';
    }

    void binary(const Binary& b) {
        out_ += '"';
        base64_encode(b.bytes(), out_);
        out_ += '"';
    }

    void string(std::string_view s, const Path& path, std::string_view what) {
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const std::size_t n = s.size();
        out_.reserve(out_.size() + n + 2);
        out_ += '"';
        std::size_t run = 0; // start of the bytes not yet copied
        std::size_t i = 0;
        while (i < n) {
            const std::uint8_t cls = char_classes[p[i]];
            if (cls == plain) {
                ++i;
                continue;
            }
            if (cls == multibyte) {
                if (const std::size_t len = utf8_sequence(p + i, n - i)) {
                    i += len;
                    continue;
                }
                if (strict_)
                    throw InvalidArgumentError(path.message(std::string(what) +
                                                            " is not valid UTF-8 (byte " +
                                                            std::to_string(i) + ')'));
                out_.append(s.data() + run, i - run);
                out_ += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
                run = ++i;
                continue;
            }
            out_.append(s.data() + run, i - run);
            append_escape(out_, p[i]);
            run = ++i;
        }
        out_.append(s.data() + run, n - run);
        out_ += '"';
    }

    std::string& out_;
    bool strict_;
};

} // namespace

// The Writer emits the separator in front of the value and records that a value was written;
// the empty raw value leaves the writing itself to the Encoder.
void write_value(JsonWriter& w, const AttributeValue& v, std::string_view where) {
    w.RawValue("", 0, rapidjson::kObjectType);
    Encoder(SinkAccess::out(w), true).value(v, Path(where));
}

void write_item(JsonWriter& w, const Item& item, std::string_view where) {
    w.RawValue("", 0, rapidjson::kObjectType);
    Encoder(SinkAccess::out(w), true).map(item, Path(where));
}

void write_value(JsonWriter& w, const AttributeValue& v) {
    write_value(w, v, "value");
}
void write_item(JsonWriter& w, const Item& item) {
    write_item(w, item, "item");
}

void append_value(std::string& out, const AttributeValue& v, std::string_view where) {
    Encoder(out, true).value(v, Path(where));
}

void append_item(std::string& out, const Item& item, std::string_view where) {
    Encoder(out, true).map(item, Path(where));
}

} // namespace dynaq::detail

namespace dynaq {

std::string to_json(const Item& item) {
    std::string out;
    detail::append_item(out, item, "item");
    return out;
}

std::string to_json(const AttributeValue& value) {
    std::string out;
    detail::append_value(out, value, "value");
    return out;
}

std::ostream& operator<<(std::ostream& os, const AttributeValue& value) {
    std::string out;
    detail::Encoder(out, false).value(value, detail::Path("value"));
    return os << out;
}

std::ostream& operator<<(std::ostream& os, const Item& item) {
    std::string out;
    detail::Encoder(out, false).map(item, detail::Path("item"));
    return os << out;
}

} // namespace dynaq

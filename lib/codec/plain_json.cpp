// Plain JSON <-> Item (see plain_json.hpp for the mapping and the "$" tags).
//
// Reading goes through rapidjson's SAX reader with numbers delivered as text (RawNumber), so
// 12 and "12" stay apart (N and S) and no number ever passes through a double. Values are
// built bottom-up on an explicit stack of open containers; a one-member tag object is turned
// into its set or binary when it closes.
#include "checks.hpp"
#include "path.hpp"

#include "codec/base64.hpp"
#include "codec/json.hpp"
#include <dynaq/plain_json.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace dynaq {

namespace {

constexpr std::string_view tag_ss = "$SS";
constexpr std::string_view tag_ns = "$NS";
constexpr std::string_view tag_bs = "$BS";
constexpr std::string_view tag_b = "$B";
constexpr std::string_view tag_m = "$M";

bool is_tag(std::string_view name) noexcept {
    return name == tag_ss || name == tag_ns || name == tag_bs || name == tag_b || name == tag_m;
}

bool is_binary_attribute(const PlainJsonOptions* options, std::string_view name) {
    return options != nullptr &&
           std::find(options->binary_attributes.begin(), options->binary_attributes.end(), name) !=
               options->binary_attributes.end();
}

// Thrown out of the conversion helpers with the problem only; the reader adds the path.
struct Problem {
    std::string what;
};

Binary decode_base64(const AttributeValue& v) {
    const Text* text = v.get_if<Text>();
    if (text == nullptr)
        throw Problem{"expected a base64 string"};
    std::string bytes;
    if (!detail::base64_decode(*text, bytes))
        throw Problem{"invalid base64"};
    return Binary(bytes);
}

template <class T, class Convert>
SetOf<T> set_from(const AttributeValue& v, std::string_view tag, Convert convert) {
    const List* list = v.get_if<List>();
    if (list == nullptr)
        throw Problem{std::string(tag) + " needs an array"};
    SetOf<T> set;
    set.values.reserve(list->size());
    for (const AttributeValue& member : *list)
        set.values.push_back(T(convert(member)));
    return set;
}

// The value of a one-member object whose member is a tag.
AttributeValue untag(std::string_view tag, AttributeValue value) {
    AttributeValue out;
    if (tag == tag_b) {
        out = decode_base64(value);
    } else if (tag == tag_ss) {
        out = set_from<std::string>(value, tag, [](const AttributeValue& m) {
            if (!m.is_string())
                throw Problem{"$SS members must be strings"};
            return m.as_string();
        });
    } else if (tag == tag_ns) {
        out = set_from<Number>(value, tag, [](const AttributeValue& m) {
            if (!m.is_number())
                throw Problem{"$NS members must be numbers"};
            return m.as_number();
        });
    } else if (tag == tag_bs) {
        out = set_from<Binary>(value, tag, decode_base64);
    } else { // $M
        if (!value.is_map())
            throw Problem{"$M needs an object"};
        return value;
    }
    try {
        validate(out, "");
    } catch (const InvalidArgumentError& e) {
        throw Problem{e.what()};
    }
    return out;
}

// An object that has closed: its members as a map, or the tagged value it stands for.
AttributeValue close_object(Map members) {
    if (members.size() == 1 && is_tag(members.begin()->first)) {
        Attribute& only = *members.begin();
        return untag(only.first, std::move(only.second));
    }
    return members;
}

class Builder {
public:
    Builder(bool item_root, const PlainJsonOptions* options) :
        item_root_(item_root), options_(options) {}

    bool Null() { return add(dynaq::Null{}); }
    bool Bool(bool b) { return add(b); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
        try {
            return add(Number(std::string_view(s, n)));
        } catch (const InvalidArgumentError& e) {
            return fail(e.what());
        }
    }
    bool String(const char* s, rapidjson::SizeType n, bool) {
        std::string text(s, n);
        if (detail::find_invalid_utf8(text) != detail::no_error)
            return fail("string is not valid UTF-8");
        if (stack_.size() == 1 && item_root_ && is_binary_attribute(options_, stack_[0].key)) {
            std::string bytes;
            if (!detail::base64_decode(text, bytes))
                return fail("invalid base64 (a binary attribute)");
            return add(Binary(bytes));
        }
        return add(std::move(text));
    }
    bool StartObject() { return open(true); }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        Frame& f = stack_.back();
        f.key.assign(s, n);
        if (detail::find_invalid_utf8(f.key) != detail::no_error)
            return fail("attribute name is not valid UTF-8");
        if (f.map.contains(f.key))
            return fail("duplicate attribute " + detail::quoted_excerpt(f.key));
        // A second member means this is no tag object after all: the first member, read as a
        // literal map on the chance that it was the inside of {"$M": ...}, gets its tags back.
        if (f.map.size() == 1 && f.literal_first) {
            f.literal_first = false;
            auto first = f.map.begin();
            if (first->second.is_map()) {
                try {
                    first->second = close_object(std::move(first->second.as_map()));
                } catch (const Problem& p) {
                    f.key = first->first;
                    return fail(p.what);
                }
            }
        }
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(false); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    // Not produced with kParseNumbersAsStringsFlag; present because the Handler concept needs
    // them.
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(std::int64_t) { return false; }
    bool Uint64(std::uint64_t) { return false; }
    bool Double(double) { return false; }

    [[nodiscard]] const std::optional<std::string>& error() const noexcept { return error_; }
    [[nodiscard]] AttributeValue& result() noexcept { return result_; }

private:
    struct Frame {
        bool object = false;
        bool literal = false;       // the inside of a {"$M": ...}: a map, never a tag
        bool literal_first = false; // the first member was opened as such an inside
        std::string key{};          // the member being read (objects)
        Map map{};
        List list{};
    };

    bool open(bool object) {
        // A bound for the stack only (a tag object such as {"$M": ...} takes two frames): the
        // encoder enforces DynamoDB's own nesting limit on the Item built here.
        if (stack_.size() >= std::size_t{2} * detail::max_nesting_levels + 2)
            return fail("values nested too deeply");
        bool literal = false;
        if (object && !stack_.empty()) {
            Frame& parent = stack_.back();
            literal = parent.object && parent.map.empty() && parent.key == tag_m;
            parent.literal_first = literal;
        }
        stack_.push_back(Frame{.object = object, .literal = literal});
        return true;
    }

    bool close() {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (!f.object)
            return add(std::move(f.list));
        if (f.literal || (stack_.empty() && item_root_))
            return add(std::move(f.map));
        try {
            return add(close_object(std::move(f.map)));
        } catch (const Problem& p) {
            stack_.push_back(std::move(f)); // so that the path names the tag object
            stack_.back().key.clear();
            return fail(p.what);
        }
    }

    bool add(AttributeValue v) {
        if (stack_.empty()) {
            result_ = std::move(v);
            return true;
        }
        Frame& f = stack_.back();
        if (f.object)
            f.map.emplace(f.key, std::move(v));
        else
            f.list.push_back(std::move(v));
        return true;
    }

    bool fail(std::string problem) {
        std::string path;
        for (const Frame& f : stack_) {
            if (f.object) {
                if (f.key.empty())
                    continue;
                if (!path.empty())
                    path += '.';
                path += f.key;
            } else {
                path += '[' + std::to_string(f.list.size()) + ']';
            }
        }
        error_ = path.empty() ? std::move(problem) : path + ": " + problem;
        return false;
    }

    bool item_root_;
    const PlainJsonOptions* options_;
    std::vector<Frame> stack_;
    AttributeValue result_;
    std::optional<std::string> error_;
};

AttributeValue parse(std::string_view json, bool item_root, const PlainJsonOptions* options) {
    constexpr unsigned flags = rapidjson::kParseNumbersAsStringsFlag |
                               rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseIterativeFlag;
    rapidjson::MemoryStream stream(json.data(), json.size());
    rapidjson::Reader reader;
    Builder builder(item_root, options);
    const rapidjson::ParseResult parsed = reader.Parse<flags>(stream, builder);
    if (builder.error())
        throw InvalidArgumentError(*builder.error());
    if (parsed.IsError())
        throw InvalidArgumentError("malformed JSON at offset " + std::to_string(parsed.Offset()) +
                                   ": " + rapidjson::GetParseError_En(parsed.Code()));
    for (std::size_t i = stream.Tell(); i < json.size(); ++i) {
        const char c = json[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            throw InvalidArgumentError("malformed JSON at offset " + std::to_string(i) +
                                       ": unexpected data after the value");
    }
    return std::move(builder.result());
}

// ---- Writing ----------------------------------------------------------------------------

// DynamoDB's number grammar is wider than JSON's ("+5", ".5", "5.", "007"): the same value in
// JSON's spelling. Digits are never changed, so the value stays exact.
void write_number(detail::JsonWriter& w, const Number& n, std::string& scratch) {
    std::string_view t = n.text();
    scratch.clear();
    if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
        if (t[0] == '-')
            scratch += '-';
        t.remove_prefix(1);
    }
    const std::size_t exp_at = std::min(t.find_first_of("eE"), t.size());
    std::string_view mantissa = t.substr(0, exp_at);
    const std::string_view exponent = t.substr(exp_at);
    const std::size_t dot = std::min(mantissa.find('.'), mantissa.size());
    std::string_view whole = mantissa.substr(0, dot);
    std::string_view fraction = dot < mantissa.size() ? mantissa.substr(dot + 1) : "";
    while (whole.size() > 1 && whole[0] == '0')
        whole.remove_prefix(1);
    scratch += whole.empty() ? "0" : whole;
    if (!fraction.empty()) {
        scratch += '.';
        scratch += fraction;
    }
    scratch += exponent;
    w.RawValue(scratch.data(), scratch.size(), rapidjson::kNumberType);
}

class Writer {
public:
    explicit Writer(std::string& out) : sink_{&out} {}

    void item(const Item& item, const PlainJsonOptions* options) {
        const detail::Path root("");
        w_.StartObject();
        // In name order, like the maps inside.
        for (const Attribute* a : sorted_by_name(item)) {
            const detail::Path path = root.member(a->first);
            detail::check_utf8(a->first, path, "attribute name");
            detail::write_key(w_, a->first);
            if (a->second.is_binary() && is_binary_attribute(options, a->first))
                base64(a->second.as_binary());
            else
                value(a->second, path);
        }
        w_.EndObject();
    }

    void value(const AttributeValue& v, const detail::Path& path) {
        switch (v.type()) {
        case Type::S:
            detail::check_utf8(v.as_string(), path, "string");
            detail::write_string(w_, v.as_string());
            break;
        case Type::N:
            write_number(w_, v.as_number(), scratch_);
            break;
        case Type::Bool:
            w_.Bool(v.as_bool());
            break;
        case Type::Null:
            w_.Null();
            break;
        case Type::L: {
            const List& list = v.as_list();
            w_.StartArray();
            for (std::size_t i = 0; i < list.size(); ++i)
                value(list[i], path.element(i));
            w_.EndArray();
            break;
        }
        case Type::M:
            map(v.as_map(), path);
            break;
        case Type::B:
            tagged(tag_b, [&] { base64(v.as_binary()); });
            break;
        case Type::SS:
            set(tag_ss, v.as_string_set(), path, [&](const std::string& s, const detail::Path& p) {
                detail::check_utf8(s, p, "string");
                detail::write_string(w_, s);
            });
            break;
        case Type::NS:
            set(tag_ns, v.as_number_set(), path,
                [&](const Number& n, const detail::Path&) { write_number(w_, n, scratch_); });
            break;
        case Type::BS:
            set(tag_bs, v.as_binary_set(), path,
                [&](const Binary& b, const detail::Path&) { base64(b); });
            break;
        }
    }

private:
    void map(const Map& m, const detail::Path& path) {
        // A lone member named like a tag would read back as that tag: wrap the map in $M.
        const bool wrap = m.size() == 1 && is_tag(m.begin()->first);
        if (wrap) {
            w_.StartObject();
            detail::write_key(w_, tag_m);
        }
        w_.StartObject();
        // In name order: the output is for people and diffs, and DynamoDB's order is arbitrary.
        for (const Attribute* a : sorted_by_name(m)) {
            const detail::Path member = path.member(a->first);
            detail::check_utf8(a->first, member, "attribute name");
            detail::write_key(w_, a->first);
            value(a->second, member);
        }
        w_.EndObject();
        if (wrap)
            w_.EndObject();
    }

    template <class F>
    void tagged(std::string_view tag, F body) {
        w_.StartObject();
        detail::write_key(w_, tag);
        body();
        w_.EndObject();
    }

    template <class T, class F>
    void set(std::string_view tag, const SetOf<T>& s, const detail::Path& path, F member) {
        detail::check_set(s, path);
        tagged(tag, [&] {
            w_.StartArray();
            for (std::size_t i = 0; i < s.size(); ++i)
                member(s.values[i], path.element(i));
            w_.EndArray();
        });
    }

    void base64(const Binary& b) {
        scratch_.clear();
        detail::base64_encode(b.bytes(), scratch_);
        detail::write_string(w_, scratch_);
    }

    detail::StringSink sink_;
    detail::StackJsonWriter writer_{sink_};
    detail::JsonWriter& w_ = writer_.get();
    std::string scratch_;
};

} // namespace

Item item_from_plain_json(std::string_view json) {
    return item_from_plain_json(json, PlainJsonOptions{});
}

Item item_from_plain_json(std::string_view json, const PlainJsonOptions& options) {
    AttributeValue v = parse(json, true, &options);
    if (!v.is_map())
        throw InvalidArgumentError("expected a JSON object (an item), got " +
                                   std::string(v.is_list() ? "an array" : "a scalar"));
    return std::move(v.as_map());
}

AttributeValue value_from_plain_json(std::string_view json) {
    return parse(json, false, nullptr);
}

void append_plain_json(std::string& out, const Item& item, const PlainJsonOptions& options) {
    Writer(out).item(item, &options);
}

std::string to_plain_json(const Item& item) {
    return to_plain_json(item, PlainJsonOptions{});
}

std::string to_plain_json(const Item& item, const PlainJsonOptions& options) {
    std::string out;
    append_plain_json(out, item, options);
    return out;
}

std::string to_plain_json(const AttributeValue& value) {
    std::string out;
    Writer(out).value(value, detail::Path(""));
    return out;
}

} // namespace dynaq

#include "checks.hpp"
#include "path.hpp"

#include "codec/base64.hpp"
#include "codec/json.hpp"
#include <dynaq/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <tuple>
#include <type_traits>

namespace dynaq::detail {

namespace {

[[noreturn]] void fail(const Path& path, std::string_view problem) {
    throw ProtocolError(path.message(problem));
}

const JsonValue& string_at(const JsonValue& v, const Path& path) {
    if (!v.IsString())
        fail(path, "expected a string");
    return v;
}

Number number_at(const JsonValue& v, const Path& path) {
    try {
        return Number(string_view_of(string_at(v, path)));
    } catch (const InvalidArgumentError& e) {
        fail(path, e.what());
    }
}

Binary binary_at(const JsonValue& v, const Path& path) {
    std::string bytes;
    if (!base64_decode(string_view_of(string_at(v, path)), bytes))
        fail(path, "invalid base64");
    return Binary(bytes);
}

std::string text_at(const JsonValue& v, const Path& path) {
    return std::string(string_view_of(string_at(v, path)));
}

template <class T, class Convert>
SetOf<T> set_at(const JsonValue& v, const Path& path, Convert convert) {
    if (!v.IsArray())
        fail(path, "expected an array");
    SetOf<T> out;
    out.values.reserve(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
        out.values.push_back(convert(v[i], path.element(i)));
    check_decoded_set(out, path);
    return out;
}

// `level` is the level of the map's members: 1 for an item's own attributes, whose names
// DynamoDB requires to be non-empty (names inside an M may be empty).
Map map_at(const JsonValue& obj, const Path& path, int level);

// `level` is v's own: 1 for an item's attribute, one more inside each M or L.
AttributeValue value_at(const JsonValue& v, const Path& path, int level) {
    if (level > max_nesting_levels)
        fail(path, too_deep);
    if (!v.IsObject())
        fail(path, "expected an AttributeValue object");
    if (v.MemberCount() != 1)
        fail(path, v.MemberCount() == 0 ? "AttributeValue has no type key"
                                        : "AttributeValue has more than one type key");
    const auto& member = *v.MemberBegin();
    const std::string_view type = string_view_of(member.name);
    const JsonValue& x = member.value;
    if (type == "S")
        return text_at(x, path);
    if (type == "N")
        return number_at(x, path);
    if (type == "M") {
        if (!x.IsObject())
            fail(path, "expected an object of attributes");
        return map_at(x, path, level + 1);
    }
    if (type == "L") {
        if (!x.IsArray())
            fail(path, "expected an array");
        List list;
        list.reserve(x.Size());
        for (rapidjson::SizeType i = 0; i < x.Size(); ++i)
            list.push_back(value_at(x[i], path.element(i), level + 1));
        return list;
    }
    if (type == "B")
        return binary_at(x, path);
    if (type == "BOOL") {
        if (!x.IsBool())
            fail(path, "BOOL must be true or false");
        return x.IsTrue();
    }
    if (type == "NULL") {
        // DynamoDB only ever writes true here and rejects false on input.
        if (!x.IsTrue())
            fail(path, "NULL must be true");
        return Null{};
    }
    if (type == "SS")
        return set_at<std::string>(x, path, text_at);
    if (type == "NS")
        return set_at<Number>(x, path, number_at);
    if (type == "BS")
        return set_at<Binary>(x, path, binary_at);
    fail(path, "unknown AttributeValue type " + quoted_excerpt(type));
}

Map map_at(const JsonValue& obj, const Path& path, int level) {
    Map out;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        const std::string_view name = string_view_of(it->name);
        if (level == 1 && name.empty())
            fail(path, empty_name);
        const std::size_t before = out.size();
        // DynamoDB does not sort attributes, but when they happen to arrive sorted the end
        // hint makes each insertion constant time; otherwise it costs one extra comparison.
        out.emplace(name, value_at(it->value, path.member(name), level));
        if (out.size() == before)
            fail(path, "duplicate attribute " + quoted_excerpt(name));
    }
    return out;
}

const JsonValue& object_at(const JsonValue& v, const Path& path) {
    if (!v.IsObject())
        fail(path, "expected an object");
    return v;
}

const JsonValue* member_at(const JsonValue& obj, std::string_view name, std::string_view where) {
    return find_member(object_at(obj, Path(where)), name);
}

[[noreturn]] void fail_member(std::string_view where, std::string_view name,
                              std::string_view problem) {
    const Path parent(where);
    fail(parent.member(name), problem);
}

std::string_view member_string(const JsonValue& m, std::string_view where, std::string_view name) {
    if (!m.IsString())
        fail_member(where, name, "expected a string");
    return string_view_of(m);
}

} // namespace

const JsonValue* find_member(const JsonValue& obj, std::string_view name) noexcept {
    if (!obj.IsObject())
        return nullptr;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it)
        if (string_view_of(it->name) == name)
            return it->value.IsNull() ? nullptr : &it->value;
    return nullptr;
}

const JsonValue& require_member(const JsonValue& obj, std::string_view name,
                                std::string_view where) {
    if (const JsonValue* m = member_at(obj, name, where))
        return *m;
    fail_member(where, name, "missing");
}

std::string_view require_string(const JsonValue& obj, std::string_view name,
                                std::string_view where) {
    return member_string(require_member(obj, name, where), where, name);
}

std::optional<std::string_view> optional_string(const JsonValue& obj, std::string_view name,
                                                std::string_view where) {
    const JsonValue* m = member_at(obj, name, where);
    if (!m)
        return std::nullopt;
    return member_string(*m, where, name);
}

namespace {

// JsonDocument keeps a JSON number as an int64 when it is one, as a double otherwise. A JSON
// string holding the number passes too (harmless, and some DynamoDB implementations quote).
template <class T>
std::optional<T> number_member(const JsonValue& obj, std::string_view name, std::string_view where,
                               std::string_view expected) {
    const JsonValue* m = member_at(obj, name, where);
    if (!m)
        return std::nullopt;
    if constexpr (std::is_same_v<T, double>) {
        if (m->IsNumber())
            return m->GetDouble();
    } else {
        if (m->IsInt64())
            return m->GetInt64();
        if (m->IsNumber()) {
            char text[32];
            const auto end = std::to_chars(text, text + sizeof text, m->GetDouble()).ptr;
            fail_member(where, name,
                        std::string("expected ") + std::string(expected) + ", got " +
                            std::string(text, end));
        }
    }
    if (!m->IsString())
        fail_member(where, name, std::string("expected ") + std::string(expected));
    const std::string_view text = string_view_of(*m);
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        fail_member(where, name,
                    std::string("expected ") + std::string(expected) + ", got " +
                        quoted_excerpt(text));
    return value;
}

} // namespace

std::optional<std::int64_t> optional_int(const JsonValue& obj, std::string_view name,
                                         std::string_view where) {
    return number_member<std::int64_t>(obj, name, where, "an integer");
}

std::optional<double> optional_double(const JsonValue& obj, std::string_view name,
                                      std::string_view where) {
    return number_member<double>(obj, name, where, "a number");
}

std::optional<bool> optional_bool(const JsonValue& obj, std::string_view name,
                                  std::string_view where) {
    const JsonValue* m = member_at(obj, name, where);
    if (!m)
        return std::nullopt;
    if (!m->IsBool())
        fail_member(where, name, "expected true or false");
    return m->IsTrue();
}

const JsonValue& expect_object(const JsonValue& v, std::string_view where) {
    return object_at(v, Path(where));
}

const JsonValue& expect_array(const JsonValue& v, std::string_view where) {
    if (!v.IsArray())
        fail(Path(where), "expected an array");
    return v;
}

AttributeValue read_value(const JsonValue& v, std::string_view where) {
    return value_at(v, Path(where), 1);
}

Item read_item(const JsonValue& v, std::string_view where) {
    const Path path(where);
    if (!v.IsObject())
        fail(path, "expected an object of attributes");
    return map_at(v, path, 1);
}

std::vector<Item> read_items(const JsonValue& v, std::string_view where) {
    const Path path(where);
    expect_array(v, where);
    std::vector<Item> out;
    out.reserve(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
        const Path element = path.element(i);
        if (!v[i].IsObject())
            fail(element, "expected an object of attributes");
        out.push_back(map_at(v[i], element, 1));
    }
    return out;
}

} // namespace dynaq::detail

namespace dynaq {

namespace {

// Text given by the caller is the caller's input, not a response: report it as such.
template <class F>
auto parse_user_json(std::string_view json, F read) {
    try {
        const detail::JsonDocument doc(json);
        return read(doc.root());
    } catch (const ProtocolError& e) {
        throw InvalidArgumentError(e.what());
    }
}

} // namespace

Item item_from_json(std::string_view json) {
    return parse_user_json(json,
                           [](const detail::JsonValue& v) { return detail::read_item(v, ""); });
}

AttributeValue value_from_json(std::string_view json) {
    return parse_user_json(json,
                           [](const detail::JsonValue& v) { return detail::read_value(v, ""); });
}

} // namespace dynaq

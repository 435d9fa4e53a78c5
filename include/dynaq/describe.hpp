#pragma once
// Plain structs as DynamoDB items, through Boost.Describe:
//
//   struct User {
//       std::string pk;
//       int age = 0;
//       std::optional<std::string> nickname;   // omitted when empty
//       std::set<std::string> tags;            // SS; omitted when empty
//   };
//   BOOST_DESCRIBE_STRUCT(User, (), (pk, age, nickname, tags))
//
//   dynaq::Item item = dynaq::to_item(user);
//   User back = dynaq::from_item<User>(item);
//
// Field types and their DynamoDB types:
//   std::string -> S; bool -> BOOL; integers -> N (range checked on read); float/double -> N
//   (shortest text that reads back exactly; NaN and infinities are rejected); Number -> N;
//   Binary and std::vector<std::byte> -> B; std::optional<X> -> X, omitted when empty, and
//   absent or NULL reads as empty; std::vector<X> -> L; std::set of strings / numbers /
//   Binary -> SS / NS / BS, omitted when empty (DynamoDB cannot store an empty set) and read
//   as empty when absent; std::map<std::string, X> -> M; nested described structs -> M;
//   described enums -> S (the enumerator's name); AttributeValue and Item pass through.
//
// Other types plug in by specializing dynaq::value_traits (see below). Attributes of the
// item that the struct does not describe are ignored on read.
//
// Errors name the field: a missing attribute throws InvalidArgumentError
// "missing attribute 'age' for User", a wrong type throws TypeMismatchError
// "User.age: expected N, got S"; nested fields show their path ("Order.lines[2].qty: ...").
#include <dynaq/export.hpp>
#include <dynaq/value.hpp>

#include <boost/core/type_name.hpp>
#include <boost/describe/enum_from_string.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dynaq {

/// Customization point. A specialization provides
///   static AttributeValue to_value(const T&);
///   static T from_value(const AttributeValue&);   // throw TypeMismatchError on a wrong type
/// and optionally
///   static bool omit(const T&);     // true: the attribute is not written at all
///   static T missing();             // the value of an absent attribute (else it is required)
template <class T>
struct value_traits;

namespace detail {

/// A conversion error inside a record, with the path of the field ("address.zip",
/// "lines[2].qty"); to_item/from_item turn it into the final message with the type name.
class DYNAQ_API RecordFieldError : public InvalidArgumentError {
public:
    enum class Kind { missing, mismatch, invalid };

    RecordFieldError(std::string path, std::string problem, Kind kind) :
        InvalidArgumentError(path + ": " + problem), path_(std::move(path)),
        problem_(std::move(problem)), kind_(kind) {}

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
    [[nodiscard]] Kind kind() const noexcept { return kind_; }

private:
    std::string path_;
    std::string problem_;
    Kind kind_;
};

/// One step of a path, rendered only when an error needs it.
struct Segment {
    std::string_view name;
    std::size_t index = 0;
    bool is_index = false;

    [[nodiscard]] std::string prefix_to(const std::string& rest) const {
        std::string out = is_index ? '[' + std::to_string(index) + ']' : std::string(name);
        if (!rest.empty() && rest.front() != '[')
            out += '.';
        return out + rest;
    }
};

/// Runs `f`, adding `segment` to the path of any conversion error it throws.
template <class F>
decltype(auto) at_segment(const Segment& segment, F&& f) {
    using Kind = RecordFieldError::Kind;
    try {
        return std::forward<F>(f)();
    } catch (const RecordFieldError& e) {
        throw RecordFieldError(segment.prefix_to(e.path()), e.problem(), e.kind());
    } catch (const TypeMismatchError& e) {
        throw RecordFieldError(segment.prefix_to({}), e.what(), Kind::mismatch);
    } catch (const InvalidArgumentError& e) {
        throw RecordFieldError(segment.prefix_to({}), e.what(), Kind::invalid);
    }
}

/// "app::User" -> "User": messages name the struct as it is usually written.
template <class T>
std::string short_type_name() {
    std::string name = boost::core::type_name<T>();
    const auto template_start = name.find('<');
    const auto scope = name.rfind("::", template_start);
    return scope == std::string::npos ? name : name.substr(scope + 2);
}

template <class T>
[[noreturn]] void rethrow_for(const RecordFieldError& e) {
    const std::string type = short_type_name<T>();
    switch (e.kind()) {
    case RecordFieldError::Kind::missing:
        throw InvalidArgumentError("missing attribute '" + e.path() + "' for " + type);
    case RecordFieldError::Kind::mismatch:
        throw TypeMismatchError(type + '.' + e.path() + ": " + e.problem());
    case RecordFieldError::Kind::invalid:
        break;
    }
    throw InvalidArgumentError(type + '.' + e.path() + ": " + e.problem());
}

template <class T>
concept Record =
    std::is_class_v<T> && !std::is_union_v<T> && boost::describe::has_describe_members<T>::value;

template <class T>
concept DescribedEnum = std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;

template <class T>
concept Integer = std::integral<T> && !std::same_as<T, bool>;

template <class T>
concept HasOmit = requires(const T& v) {
    { value_traits<T>::omit(v) } -> std::convertible_to<bool>;
};

template <class T>
concept HasMissing = requires {
    { value_traits<T>::missing() } -> std::convertible_to<T>;
};

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_any_access |
                                                            boost::describe::mod_inherited>;

template <class T>
Map record_to_map(const T& obj) {
    Map out;
    boost::mp11::mp_for_each<members_of<T>>([&](auto member) {
        const auto& field = obj.*member.pointer;
        using F = std::remove_cvref_t<decltype(field)>;
        if constexpr (HasOmit<F>)
            if (value_traits<F>::omit(field))
                return;
        out.emplace(member.name, at_segment(Segment{member.name},
                                            [&] { return value_traits<F>::to_value(field); }));
    });
    return out;
}

template <class T>
T record_from_map(const Map& m) {
    T obj{};
    boost::mp11::mp_for_each<members_of<T>>([&](auto member) {
        auto& field = obj.*member.pointer;
        using F = std::remove_cvref_t<decltype(field)>;
        const auto it = m.find(std::string_view(member.name));
        if (it == m.end()) {
            if constexpr (HasMissing<F>) {
                field = value_traits<F>::missing();
                return;
            } else {
                throw RecordFieldError(member.name, "missing", RecordFieldError::Kind::missing);
            }
        }
        field = at_segment(Segment{member.name},
                           [&] { return value_traits<F>::from_value(it->second); });
    });
    return obj;
}

template <class T>
std::string integer_name() {
    return (std::is_signed_v<T> ? "int" : "uint") + std::to_string(sizeof(T) * 8);
}

/// The number as T, exactly; TypeMismatchError when it has a fraction or does not fit.
template <Integer T>
T number_as(const Number& n) {
    if constexpr (std::is_signed_v<T>) {
        const std::int64_t v = n.to_int64();
        if (v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max())
            return static_cast<T>(v);
    } else {
        const std::uint64_t v = n.to_uint64();
        if (v <= std::numeric_limits<T>::max())
            return static_cast<T>(v);
    }
    throw TypeMismatchError("cannot convert number \"" + n.text() + "\" to " + integer_name<T>() +
                            ": it is out of range");
}

template <std::floating_point T>
T number_as(const Number& n) {
    static_assert(!std::is_same_v<T, long double>, "long double has no exact DynamoDB mapping");
    const double d = n.to_double();
    if constexpr (std::is_same_v<T, float>) {
        if (std::abs(d) > static_cast<double>(std::numeric_limits<float>::max()))
            throw TypeMismatchError("cannot convert number \"" + n.text() +
                                    "\" to float: it is out of range");
    }
    return static_cast<T>(d);
}

template <class T>
requires std::same_as<T, Number> T number_as(const Number& n) {
    return n;
}

template <std::floating_point T>
Number float_number(T v) {
    static_assert(!std::is_same_v<T, long double>, "long double has no exact DynamoDB mapping");
    if constexpr (std::is_same_v<T, float>) {
        if (std::isnan(v) || std::isinf(v))
            return Number::from_double(static_cast<double>(v)); // throws the same error
        // Shortest text for the float itself: 0.1f is "0.1", not its double expansion.
        char buf[32];
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        return Number(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
    } else {
        return Number::from_double(v);
    }
}

template <class X>
concept NumberLike = Integer<X> || std::floating_point<X> || std::same_as<X, Number>;

template <class X>
Number to_number(const X& v) {
    if constexpr (std::floating_point<X>)
        return float_number(v);
    else
        return Number(v);
}

template <class T>
std::set<T> set_from(const SetOf<T>& s) {
    return std::set<T>(s.begin(), s.end());
}

} // namespace detail

template <>
struct value_traits<std::string> {
    static AttributeValue to_value(const std::string& v) { return v; }
    static std::string from_value(const AttributeValue& v) { return v.as_string().str(); }
};

template <>
struct value_traits<bool> {
    static AttributeValue to_value(bool v) { return v; }
    static bool from_value(const AttributeValue& v) { return v.as_bool(); }
};

template <detail::NumberLike T>
struct value_traits<T> {
    static AttributeValue to_value(const T& v) { return detail::to_number(v); }
    static T from_value(const AttributeValue& v) { return detail::number_as<T>(v.as_number()); }
};

template <>
struct value_traits<Binary> {
    static AttributeValue to_value(const Binary& v) { return v; }
    static Binary from_value(const AttributeValue& v) { return v.as_binary(); }
};

template <>
struct value_traits<std::vector<std::byte>> {
    static AttributeValue to_value(const std::vector<std::byte>& v) {
        return Binary(v.data(), v.size());
    }
    static std::vector<std::byte> from_value(const AttributeValue& v) {
        const std::string_view b = v.as_binary().bytes();
        const auto* p = reinterpret_cast<const std::byte*>(b.data());
        return std::vector<std::byte>(p, p + b.size());
    }
};

template <>
struct value_traits<AttributeValue> {
    static AttributeValue to_value(const AttributeValue& v) { return v; }
    static AttributeValue from_value(const AttributeValue& v) { return v; }
};

template <>
struct value_traits<Map> {
    static AttributeValue to_value(const Map& v) { return v; }
    static Map from_value(const AttributeValue& v) { return v.as_map(); }
};

template <class X>
struct value_traits<std::optional<X>> {
    static bool omit(const std::optional<X>& v) { return !v.has_value(); }
    static std::optional<X> missing() { return std::nullopt; }
    /// Only reached inside lists and maps, where an empty optional has to be something.
    static AttributeValue to_value(const std::optional<X>& v) {
        return v ? value_traits<X>::to_value(*v) : AttributeValue(Null{});
    }
    static std::optional<X> from_value(const AttributeValue& v) {
        if (v.is_null())
            return std::nullopt;
        return value_traits<X>::from_value(v);
    }
};

template <class X>
requires(!std::same_as<X, std::byte>) struct value_traits<std::vector<X>> {
    static AttributeValue to_value(const std::vector<X>& v) {
        List out;
        out.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(
                detail::at_segment({{}, i, true}, [&] { return value_traits<X>::to_value(v[i]); }));
        return out;
    }
    static std::vector<X> from_value(const AttributeValue& v) {
        const List& list = v.as_list();
        std::vector<X> out;
        out.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i)
            out.push_back(detail::at_segment({{}, i, true},
                                             [&] { return value_traits<X>::from_value(list[i]); }));
        return out;
    }
};

template <class X>
struct value_traits<std::map<std::string, X>> {
    static AttributeValue to_value(const std::map<std::string, X>& v) {
        Map out;
        out.reserve(v.size());
        // Not a structured binding: clang 14 cannot capture one in the lambda.
        for (const auto& entry : v)
            out.emplace(entry.first, detail::at_segment({entry.first}, [&] {
                            return value_traits<X>::to_value(entry.second);
                        }));
        return out;
    }
    static std::map<std::string, X> from_value(const AttributeValue& v) {
        std::map<std::string, X> out;
        for (const auto& entry : v.as_map())
            out.emplace(entry.first.str(), detail::at_segment({entry.first}, [&] {
                            return value_traits<X>::from_value(entry.second);
                        }));
        return out;
    }
};

/// Sets map to SS, NS or BS by their element type; DynamoDB cannot store an empty set, so an
/// empty one is omitted and an absent one reads as empty.
template <class X>
requires std::same_as<X, std::string> || detail::NumberLike<X> || std::same_as<X, Binary>
struct value_traits<std::set<X>> {
    static bool omit(const std::set<X>& v) { return v.empty(); }
    static std::set<X> missing() { return {}; }
    static AttributeValue to_value(const std::set<X>& v) {
        if constexpr (std::same_as<X, std::string>) {
            return StringSet(std::vector<std::string>(v.begin(), v.end()));
        } else if constexpr (std::same_as<X, Binary>) {
            return BinarySet(std::vector<Binary>(v.begin(), v.end()));
        } else {
            NumberSet out;
            out.values.reserve(v.size());
            for (const X& x : v)
                out.values.push_back(detail::to_number(x));
            return out;
        }
    }
    static std::set<X> from_value(const AttributeValue& v) {
        if constexpr (std::same_as<X, std::string>) {
            return detail::set_from(v.as_string_set());
        } else if constexpr (std::same_as<X, Binary>) {
            return detail::set_from(v.as_binary_set());
        } else {
            std::set<X> out;
            for (const Number& n : v.as_number_set())
                out.insert(detail::number_as<X>(n));
            return out;
        }
    }
};

template <detail::Record T>
struct value_traits<T> {
    static AttributeValue to_value(const T& v) { return detail::record_to_map(v); }
    static T from_value(const AttributeValue& v) { return detail::record_from_map<T>(v.as_map()); }
};

template <detail::DescribedEnum E>
struct value_traits<E> {
    static AttributeValue to_value(E v) {
        if (const char* name = boost::describe::enum_to_string(v, nullptr))
            return std::string(name);
        throw InvalidArgumentError("value " +
                                   std::to_string(static_cast<std::underlying_type_t<E>>(v)) +
                                   " is not an enumerator of " + detail::short_type_name<E>());
    }
    static E from_value(const AttributeValue& v) {
        E out{};
        if (!boost::describe::enum_from_string(v.as_string().str().c_str(), out))
            throw TypeMismatchError("\"" + v.as_string() + "\" is not an enumerator of " +
                                    detail::short_type_name<E>());
        return out;
    }
};

/// The struct's described members as an item (see the top of this header).
template <detail::Record T>
[[nodiscard]] Item to_item(const T& record) {
    try {
        return detail::record_to_map(record);
    } catch (const detail::RecordFieldError& e) {
        detail::rethrow_for<T>(e);
    }
}

/// The struct from an item; every non-optional, non-set member must be present.
template <detail::Record T>
[[nodiscard]] T from_item(const Item& item) {
    try {
        return detail::record_from_map<T>(item);
    } catch (const detail::RecordFieldError& e) {
        detail::rethrow_for<T>(e);
    }
}

} // namespace dynaq

#pragma once
// DynamoDB's AttributeValue as a C++ value type, and Item (attribute name -> value).
//
//   dynaq::Item item{{"pk", "user#1"}, {"age", 42}, {"tags", dynaq::StringSet{"a", "b"}}};
//
// Numbers keep their exact decimal text (DynamoDB numbers have 38 significant digits, more
// than any built-in type), so nothing is rounded on the way through. Conversions to built-in
// types are explicit and checked. Binary is its own type so bytes never pass for a string.
#include <dynaq/error.hpp>

#include <compare>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace dynaq {

/// A DynamoDB number: validated decimal text.
class Number {
public:
    /// Zero.
    Number() : text_("0") {}

    /// Parses and validates `text` (optional sign, digits, optional fraction and exponent;
    /// at most 38 significant digits; magnitude 1e-130 to 9.99..e125, or zero).
    /// Throws InvalidArgumentError otherwise.
    ///
    /// The grammar is what DynamoDB itself accepts:
    ///     [+-]? (D+ ('.' D*)? | '.' D+) ([eE] [+-]? D+)?
    /// so "+3", ".5", "5.", "007" and "0e1000" are valid; "", "-", ".", "1e", "e5", " 1", "0x1",
    /// "NaN" and "Infinity" are not. Leading and trailing zeros do not count as significant
    /// digits (DynamoDB trims them), so "1000...0" (50 zeros) is valid and so is zero with any
    /// exponent. The text is kept exactly as given.
    explicit Number(std::string_view text);

    // Implicit: integers are exact. NOLINTNEXTLINE(google-explicit-constructor)
    template <std::integral T>
    requires(!std::same_as<T, bool>) Number(T value) : text_(std::to_string(value)) {}

    /// The shortest decimal text that reads back as `value`. Throws InvalidArgumentError for NaN
    /// and infinities, which DynamoDB cannot store.
    [[nodiscard]] static Number from_double(double value);

    /// The text as it will be sent (as given, or as received).
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

    /// Checked conversions. Throw TypeMismatchError when the number has a fraction or does not
    /// fit (integers), or cannot be represented within double's range (to_double rounds to the
    /// nearest double, which is the only loss it allows).
    [[nodiscard]] std::int64_t to_int64() const;
    [[nodiscard]] std::uint64_t to_uint64() const;
    [[nodiscard]] double to_double() const;

    /// Numeric comparison ("1" == "1.0" == "10e-1"), as DynamoDB compares numbers.
    friend bool operator==(const Number& a, const Number& b);
    friend std::strong_ordering operator<=>(const Number& a, const Number& b);

    /// Writes text(): for debugging and test output.
    friend std::ostream& operator<<(std::ostream& os, const Number& n);

private:
    struct Unchecked {};
    Number(Unchecked, std::string text) : text_(std::move(text)) {}
    friend class NumberAccess;

    std::string text_;
};

/// Raw bytes (DynamoDB type B). Base64 on the wire, never here.
struct Binary {
    std::string bytes;

    Binary() = default;
    explicit Binary(std::string b) : bytes(std::move(b)) {}
    Binary(const void* data, std::size_t size) : bytes(static_cast<const char*>(data), size) {}

    friend bool operator==(const Binary&, const Binary&) = default;
    friend auto operator<=>(const Binary&, const Binary&) = default;
};

/// DynamoDB NULL.
struct Null {
    friend bool operator==(Null, Null) { return true; }
};

/// Sets keep insertion order here; DynamoDB rejects empty sets and duplicate members, and so
/// does the encoder, before anything is sent.
template <class T>
struct SetOf {
    std::vector<T> values;

    SetOf() = default;
    SetOf(std::initializer_list<T> init) : values(init) {}
    explicit SetOf(std::vector<T> v) : values(std::move(v)) {}

    [[nodiscard]] bool empty() const noexcept { return values.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return values.size(); }
    [[nodiscard]] auto begin() const noexcept { return values.begin(); }
    [[nodiscard]] auto end() const noexcept { return values.end(); }

    /// Set equality: same members, any order.
    friend bool operator==(const SetOf& a, const SetOf& b) {
        if (a.values.size() != b.values.size())
            return false;
        for (const auto& x : a.values) {
            bool found = false;
            for (const auto& y : b.values)
                if (x == y) {
                    found = true;
                    break;
                }
            if (!found)
                return false;
        }
        return true;
    }
};

using StringSet = SetOf<std::string>;
using NumberSet = SetOf<Number>;
using BinarySet = SetOf<Binary>;

class AttributeValue;
using List = std::vector<AttributeValue>;
using Map = std::map<std::string, AttributeValue, std::less<>>;
/// An item: attribute name -> value. Ordered, so encoding is deterministic.
using Item = Map;

/// The ten DynamoDB data types, named as on the wire.
enum class Type { S, N, B, SS, NS, BS, M, L, Null, Bool };

/// "S", "N", ..., "NULL", "BOOL".
[[nodiscard]] std::string_view to_string(Type t) noexcept;
std::ostream& operator<<(std::ostream& os, Type t);

class AttributeValue {
public:
    using Variant = std::variant<std::string, Number, Binary, StringSet, NumberSet, BinarySet, Map,
                                 List, Null, bool>;

    /// NULL.
    AttributeValue() : v_(Null{}) {}

    AttributeValue(std::string s) : v_(std::move(s)) {}        // NOLINT
    AttributeValue(std::string_view s) : v_(std::string(s)) {} // NOLINT
    AttributeValue(const char* s) : v_(std::string(s)) {}      // NOLINT
    AttributeValue(Number n) : v_(std::move(n)) {}             // NOLINT
    template <std::integral T>
    requires(!std::same_as<T, bool>) AttributeValue(T n) : v_(Number(n)) {} // NOLINT
    /// Doubles are not silently turned into DynamoDB numbers: use Number::from_double.
    AttributeValue(double) = delete;
    AttributeValue(float) = delete;
    AttributeValue(Binary b) : v_(std::move(b)) {}    // NOLINT
    AttributeValue(StringSet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(NumberSet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(BinarySet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(Map m) : v_(std::move(m)) {}       // NOLINT
    AttributeValue(List l) : v_(std::move(l)) {}      // NOLINT
    AttributeValue(Null n) : v_(n) {}                 // NOLINT
    // Only a real bool, never a pointer or an int, is BOOL.
    template <class B>
    requires std::same_as<B, bool> AttributeValue(B b) : v_(b) {} // NOLINT

    [[nodiscard]] Type type() const noexcept { return static_cast<Type>(v_.index()); }

    [[nodiscard]] bool is_string() const noexcept { return type() == Type::S; }
    [[nodiscard]] bool is_number() const noexcept { return type() == Type::N; }
    [[nodiscard]] bool is_binary() const noexcept { return type() == Type::B; }
    [[nodiscard]] bool is_map() const noexcept { return type() == Type::M; }
    [[nodiscard]] bool is_list() const noexcept { return type() == Type::L; }
    [[nodiscard]] bool is_null() const noexcept { return type() == Type::Null; }
    [[nodiscard]] bool is_bool() const noexcept { return type() == Type::Bool; }

    /// Typed access; throws TypeMismatchError naming both types when the value is another type.
    [[nodiscard]] const std::string& as_string() const { return get<std::string>(); }
    [[nodiscard]] const Number& as_number() const { return get<Number>(); }
    [[nodiscard]] const Binary& as_binary() const { return get<Binary>(); }
    [[nodiscard]] const StringSet& as_string_set() const { return get<StringSet>(); }
    [[nodiscard]] const NumberSet& as_number_set() const { return get<NumberSet>(); }
    [[nodiscard]] const BinarySet& as_binary_set() const { return get<BinarySet>(); }
    [[nodiscard]] const Map& as_map() const { return get<Map>(); }
    [[nodiscard]] const List& as_list() const { return get<List>(); }
    [[nodiscard]] bool as_bool() const { return get<bool>(); }
    [[nodiscard]] Map& as_map() { return get<Map>(); }
    [[nodiscard]] List& as_list() { return get<List>(); }

    template <class T>
    [[nodiscard]] const T& get() const {
        if (const T* p = std::get_if<T>(&v_))
            return *p;
        throw_mismatch(static_cast<Type>(Variant(std::in_place_type<T>).index()));
    }
    template <class T>
    [[nodiscard]] T& get() {
        if (T* p = std::get_if<T>(&v_))
            return *p;
        throw_mismatch(static_cast<Type>(Variant(std::in_place_type<T>).index()));
    }
    template <class T>
    [[nodiscard]] const T* get_if() const noexcept {
        return std::get_if<T>(&v_);
    }
    template <class T>
    [[nodiscard]] T* get_if() noexcept {
        return std::get_if<T>(&v_);
    }

    [[nodiscard]] const Variant& variant() const noexcept { return v_; }
    [[nodiscard]] Variant& variant() noexcept { return v_; }

    friend bool operator==(const AttributeValue& a, const AttributeValue& b) {
        return a.v_ == b.v_;
    }

private:
    [[noreturn]] void throw_mismatch(Type wanted) const;

    Variant v_;
};

/// Checks what DynamoDB would reject, so the error comes before anything is sent:
/// empty sets, duplicate set members, invalid UTF-8 in strings. `where` names the attribute
/// path in the message ("item.tags"). Throws InvalidArgumentError.
void validate(const AttributeValue& value, std::string_view where);
void validate(const Item& item, std::string_view where = "item");

/// Key attributes (partition and sort key values) must additionally be S, N or B and non-empty.
void validate_key_value(const AttributeValue& value, std::string_view attribute);

} // namespace dynaq

#pragma once
// DynamoDB's AttributeValue as a C++ value type, and Item (attribute name -> value).
//
//   dynaq::Item item{{"pk", "user#1"}, {"age", 42}, {"tags", dynaq::StringSet{"a", "b"}}};
//
// Numbers keep their exact decimal text (DynamoDB numbers have 38 significant digits, more
// than any built-in type), so nothing is rounded on the way through. Conversions to built-in
// types are explicit and checked. Binary is its own type so bytes never pass for a string.
//
// Storage. An Item is a flat array of (name, value) attributes, not a tree of nodes. Items
// decoded from a response do not copy their names, strings, numbers and binary payloads:
// those refer into the response body, which the Items decoded from it share (it lives as long
// as the last of them). What you build yourself owns its text. The rules that keep a borrowed
// view from ever dangling:
//   - moving an Item or a List keeps sharing the body (the storage moves with it);
//   - copying anything gives the copy its own storage (so a copy of one Item out of a 1 MB page
//     does not keep the page alive);
//   - moving a single value (AttributeValue, Number, Binary, Text) out of an Item or List gives
//     it its own storage too, since nothing else would keep the body alive.
// References into an Item or a List (from at(), operator[], find(), iteration) are invalidated
// by inserting into or erasing from that Item or List, as for std::vector.
#include <dynaq/error.hpp>
#include <dynaq/export.hpp>

#include <compare>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace dynaq {

namespace detail {
/// Tag of the constructors that refer to text without copying it. Internal: for the decoder,
/// which guarantees that the text outlives the value (the Item or List holding it keeps it).
struct Borrow {
    explicit Borrow() = default;
};
inline constexpr Borrow borrow{};
/// Tag of the constructors that move a value between slots of the same container (growing or
/// building it): a borrowed view stays borrowed, since the container still holds the storage.
struct Relocate {
    explicit Relocate() = default;
};
inline constexpr Relocate relocate{};
/// What decoded values borrow from: the response body they were parsed from, and the arrays
/// of the Items decoded from it (lib/codec/page.hpp).
class Page;
DYNAQ_API void page_add_ref(Page* page) noexcept;
DYNAQ_API void page_release(Page* page) noexcept;
/// Shares a Page among the Items decoded from it. Counted in the page itself, so that a page
/// and its first arrays take one allocation.
class PageRef {
public:
    PageRef() noexcept = default;
    /// Adopts one reference.
    explicit PageRef(Page* page) noexcept : page_(page) {}
    PageRef(const PageRef& other) noexcept : page_(other.page_) {
        if (page_ != nullptr)
            page_add_ref(page_);
    }
    PageRef(PageRef&& other) noexcept : page_(std::exchange(other.page_, nullptr)) {}
    PageRef& operator=(PageRef other) noexcept {
        std::swap(page_, other.page_);
        return *this;
    }
    ~PageRef() {
        if (page_ != nullptr)
            page_release(page_);
    }
    void reset() noexcept { PageRef().swap(*this); }
    void swap(PageRef& other) noexcept { std::swap(page_, other.page_); }
    [[nodiscard]] Page* get() const noexcept { return page_; }
    explicit operator bool() const noexcept { return page_ != nullptr; }

private:
    Page* page_ = nullptr;
};
using SharedText = PageRef;
class ItemBuilder;
} // namespace detail

/// Immutable text that is either owned (inline up to 22 bytes, else on the heap) or borrowed
/// from the storage of the Item it was decoded into. Reads as a std::string_view.
class DYNAQ_API Text {
public:
    Text() noexcept { tag_ = 0; }
    Text(std::string_view s) { assign_owned(s); }             // NOLINT(google-explicit-constructor)
    Text(const std::string& s) : Text(std::string_view(s)) {} // NOLINT
    Text(const char* s) : Text(std::string_view(s)) {}        // NOLINT
    Text(const Text& other) : Text(other.view()) {}
    /// Owned text is taken over; borrowed text is copied, because the moved-to value may outlive
    /// the storage it pointed into.
    Text(Text&& other) noexcept { take(other, false); }
    Text(detail::Borrow, std::string_view s) noexcept {
        tag_ = borrowed_tag;
        ext_ = {s.data(), s.size()};
    }
    Text(detail::Relocate, Text&& other) noexcept { take(other, true); }
    Text& operator=(const Text& other) {
        if (this != &other) {
            Text copy(other);
            release();
            take(copy, false);
        }
        return *this;
    }
    Text& operator=(Text&& other) noexcept {
        if (this != &other) {
            release();
            take(other, false);
        }
        return *this;
    }
    ~Text() { release(); }

    [[nodiscard]] std::string_view view() const noexcept {
        return tag_ <= max_inline ? std::string_view(inline_, tag_)
                                  : std::string_view(ext_.data, ext_.size);
    }
    operator std::string_view() const noexcept { return view(); } // NOLINT
    /// A copy, for the code that wants a std::string (what this text used to be).
    operator std::string() const { return std::string(view()); } // NOLINT
    [[nodiscard]] const char* data() const noexcept { return view().data(); }
    [[nodiscard]] std::size_t size() const noexcept { return view().size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
    [[nodiscard]] std::string str() const { return std::string(view()); }
    [[nodiscard]] bool starts_with(std::string_view s) const noexcept {
        return view().starts_with(s);
    }
    [[nodiscard]] bool starts_with(char c) const noexcept { return view().starts_with(c); }
    [[nodiscard]] bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }
    [[nodiscard]] bool ends_with(char c) const noexcept { return view().ends_with(c); }
    [[nodiscard]] std::string_view substr(std::size_t pos,
                                          std::size_t n = std::string_view::npos) const {
        return view().substr(pos, n);
    }
    [[nodiscard]] std::size_t find(std::string_view s, std::size_t pos = 0) const noexcept {
        return view().find(s, pos);
    }
    [[nodiscard]] std::size_t find(char c, std::size_t pos = 0) const noexcept {
        return view().find(c, pos);
    }
    /// True while the text refers into a decoded response body.
    [[nodiscard]] bool is_borrowed() const noexcept { return tag_ == borrowed_tag; }

    friend bool operator==(const Text& a, const Text& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const Text& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const Text& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const Text& a, const char* b) noexcept { return a.view() == b; }
    friend std::strong_ordering operator<=>(const Text& a, const Text& b) noexcept {
        return a.view() <=> b.view();
    }
    friend std::strong_ordering operator<=>(const Text& a, std::string_view b) noexcept {
        return a.view() <=> b;
    }
    friend std::strong_ordering operator<=>(const Text& a, const std::string& b) noexcept {
        return a.view() <=> std::string_view(b);
    }
    friend std::strong_ordering operator<=>(const Text& a, const char* b) noexcept {
        return a.view() <=> std::string_view(b);
    }
    // Concatenation, as with the std::string these used to be.
    friend std::string operator+(std::string a, const Text& b) { return std::move(a += b.view()); }
    friend std::string operator+(const Text& a, std::string_view b) {
        std::string out(a.view());
        return out += b;
    }
    friend std::string operator+(const Text& a, const char* b) { return a + std::string_view(b); }
    friend std::string operator+(const Text& a, char b) {
        std::string out(a.view());
        return out += b;
    }
    friend DYNAQ_API std::ostream& operator<<(std::ostream& os, const Text& t);

private:
    static constexpr unsigned char max_inline = 22;
    static constexpr unsigned char heap_tag = 0x80;
    static constexpr unsigned char borrowed_tag = 0x81;
    struct External {
        const char* data;
        std::size_t size;
    };

    void assign_owned(std::string_view s);
    void release() noexcept {
        if (tag_ == heap_tag)
            delete[] ext_.data;
    }
    // Leaves `other` empty. A borrowed view is kept only when `keep_borrow`; otherwise copied.
    void take(Text& other, bool keep_borrow) noexcept;

    union {
        char inline_[max_inline + 1]; // NUL-terminated when inline
        External ext_;
    };
    unsigned char tag_; // 0..22: inline size; heap_tag; borrowed_tag
};

/// A DynamoDB number: validated decimal text.
class DYNAQ_API Number {
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

    /// Validated like Number(text), but refers to `text` instead of copying it (decoder only).
    Number(detail::Borrow, std::string_view text);
    Number(detail::Relocate, Number&& other) noexcept :
        text_(detail::relocate, std::move(other.text_)) {}

    /// The shortest decimal text that reads back as `value`. Throws InvalidArgumentError for NaN
    /// and infinities, which DynamoDB cannot store.
    [[nodiscard]] static Number from_double(double value);

    /// The text as it will be sent (as given, or as received).
    [[nodiscard]] const Text& text() const noexcept { return text_; }

    /// Checked conversions. Throw TypeMismatchError when the number has a fraction or does not
    /// fit (integers), or cannot be represented within double's range (to_double rounds to the
    /// nearest double, which is the only loss it allows).
    [[nodiscard]] std::int64_t to_int64() const;
    [[nodiscard]] std::uint64_t to_uint64() const;
    [[nodiscard]] double to_double() const;

    /// Numeric comparison ("1" == "1.0" == "10e-1"), as DynamoDB compares numbers.
    friend DYNAQ_API bool operator==(const Number& a, const Number& b);
    friend DYNAQ_API std::strong_ordering operator<=>(const Number& a, const Number& b);

    /// Writes text(): for debugging and test output.
    friend DYNAQ_API std::ostream& operator<<(std::ostream& os, const Number& n);

private:
    static void check(std::string_view text);

    Text text_;
};

/// Raw bytes (DynamoDB type B). Base64 on the wire, never here.
class Binary {
public:
    Binary() = default;
    explicit Binary(std::string_view b) : bytes_(b) {}
    explicit Binary(const std::string& b) : bytes_(b) {}
    explicit Binary(const char* b) : bytes_(b) {}
    Binary(const void* data, std::size_t size) :
        bytes_(std::string_view(static_cast<const char*>(data), size)) {}
    Binary(detail::Borrow, std::string_view b) noexcept : bytes_(detail::borrow, b) {}
    Binary(detail::Relocate, Binary&& other) noexcept :
        bytes_(detail::relocate, std::move(other.bytes_)) {}

    /// The bytes (not text: may hold any byte, NUL included).
    [[nodiscard]] std::string_view bytes() const noexcept { return bytes_.view(); }
    [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }
    [[nodiscard]] bool empty() const noexcept { return bytes_.empty(); }

    friend bool operator==(const Binary&, const Binary&) = default;
    friend std::strong_ordering operator<=>(const Binary& a, const Binary& b) noexcept {
        return a.bytes_ <=> b.bytes_;
    }

private:
    Text bytes_;
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
struct Attribute;

/// An item, and a DynamoDB map (type M): attributes in one contiguous array, in the order they
/// were inserted or received (so encoding is deterministic), each name at most once. Equality
/// ignores the order. Lookups scan the names, which is fastest for the attribute counts items
/// have; see docs/architecture.md for the measurements.
class DYNAQ_API Item {
public:
    using value_type = Attribute;
    using iterator = Attribute*;
    using const_iterator = const Attribute*;
    using size_type = std::size_t;

    Item() noexcept;
    Item(std::initializer_list<Attribute> init);
    template <std::input_iterator It>
    Item(It first, It last);
    Item(const Item& other);
    Item(Item&& other) noexcept;
    Item& operator=(const Item& other);
    Item& operator=(Item&& other) noexcept;
    ~Item();

    [[nodiscard]] std::size_t size() const noexcept;
    [[nodiscard]] bool empty() const noexcept;
    void reserve(std::size_t n);
    void clear() noexcept;

    [[nodiscard]] iterator begin() noexcept;
    [[nodiscard]] iterator end() noexcept;
    [[nodiscard]] const_iterator begin() const noexcept;
    [[nodiscard]] const_iterator end() const noexcept;

    [[nodiscard]] iterator find(std::string_view name) noexcept;
    [[nodiscard]] const_iterator find(std::string_view name) const noexcept;
    [[nodiscard]] bool contains(std::string_view name) const noexcept;
    [[nodiscard]] std::size_t count(std::string_view name) const noexcept;
    /// Throws std::out_of_range naming the attribute when it is absent.
    [[nodiscard]] AttributeValue& at(std::string_view name);
    [[nodiscard]] const AttributeValue& at(std::string_view name) const;
    /// The value of `name`, inserting NULL when absent.
    AttributeValue& operator[](std::string_view name);

    /// Adds `name` unless present; the bool says whether it was added.
    std::pair<iterator, bool> emplace(std::string_view name, AttributeValue value);
    std::pair<iterator, bool> try_emplace(std::string_view name, AttributeValue value);
    /// Sets `name`, adding it when absent; the bool says whether it was added.
    std::pair<iterator, bool> insert_or_assign(std::string_view name, AttributeValue value);
    /// Removes `name`; returns how many were removed (0 or 1).
    std::size_t erase(std::string_view name);
    iterator erase(const_iterator pos);

    /// Same attributes with equal values, in any order.
    friend DYNAQ_API bool operator==(const Item& a, const Item& b);

private:
    friend class detail::ItemBuilder;
    iterator append(std::string_view name, AttributeValue&& value);
    void reallocate(std::size_t capacity);
    void destroy() noexcept;

    // What borrowed names and values refer into, and where a decoded item's array lives.
    detail::SharedText storage_;
    Attribute* data_ = nullptr;
    std::uint32_t size_ = 0;
    // Of the heap array data_ points to; 0 when there is none: no attributes, or an array
    // that a decoded item's page holds (and frees with the page).
    std::uint32_t capacity_ = 0;
};

/// The attributes of a map. Kept for the code written when it was a separate type.
using Map = Item;

/// A DynamoDB list (type L).
class DYNAQ_API List {
public:
    using value_type = AttributeValue;
    using iterator = std::vector<AttributeValue>::iterator;
    using const_iterator = std::vector<AttributeValue>::const_iterator;
    using size_type = std::size_t;

    List() noexcept;
    List(std::initializer_list<AttributeValue> init);
    explicit List(std::vector<AttributeValue> values) noexcept;
    List(const List& other);
    List(List&& other) noexcept;
    List& operator=(const List& other);
    List& operator=(List&& other) noexcept;
    ~List();

    [[nodiscard]] std::size_t size() const noexcept;
    [[nodiscard]] bool empty() const noexcept;
    void reserve(std::size_t n);
    void clear() noexcept;
    [[nodiscard]] iterator begin() noexcept;
    [[nodiscard]] iterator end() noexcept;
    [[nodiscard]] const_iterator begin() const noexcept;
    [[nodiscard]] const_iterator end() const noexcept;
    [[nodiscard]] AttributeValue& operator[](std::size_t i) noexcept;
    [[nodiscard]] const AttributeValue& operator[](std::size_t i) const noexcept;
    /// Throws std::out_of_range.
    [[nodiscard]] AttributeValue& at(std::size_t i);
    [[nodiscard]] const AttributeValue& at(std::size_t i) const;
    [[nodiscard]] AttributeValue& front() noexcept;
    [[nodiscard]] const AttributeValue& front() const noexcept;
    [[nodiscard]] AttributeValue& back() noexcept;
    [[nodiscard]] const AttributeValue& back() const noexcept;
    void push_back(AttributeValue value);
    template <class... Args>
    AttributeValue& emplace_back(Args&&... args);
    void pop_back() noexcept;
    /// The elements, as a vector.
    [[nodiscard]] const std::vector<AttributeValue>& values() const noexcept;

    /// Same elements in the same order.
    friend DYNAQ_API bool operator==(const List& a, const List& b);

private:
    friend class detail::ItemBuilder;
    void grow();

    std::vector<AttributeValue> values_;
    detail::SharedText storage_;
};

/// The ten DynamoDB data types, named as on the wire.
enum class Type { S, N, B, SS, NS, BS, M, L, Null, Bool };

/// "S", "N", ..., "NULL", "BOOL".
[[nodiscard]] DYNAQ_API std::string_view to_string(Type t) noexcept;
DYNAQ_API std::ostream& operator<<(std::ostream& os, Type t);

class DYNAQ_API AttributeValue {
public:
    using Variant =
        std::variant<Text, Number, Binary, StringSet, NumberSet, BinarySet, Item, List, Null, bool>;

    /// NULL.
    AttributeValue() noexcept : v_(Null{}) {}

    AttributeValue(std::string s) : v_(std::in_place_type<Text>, std::string_view(s)) {} // NOLINT
    AttributeValue(std::string_view s) : v_(std::in_place_type<Text>, s) {}              // NOLINT
    AttributeValue(const char* s) : v_(std::in_place_type<Text>, s) {}                   // NOLINT
    AttributeValue(Text s) : v_(std::move(s)) {}                                         // NOLINT
    AttributeValue(Number n) : v_(std::move(n)) {}                                       // NOLINT
    template <std::integral T>
    requires(!std::same_as<T, bool>) AttributeValue(T n) : v_(Number(n)) {} // NOLINT
    /// Doubles are not silently turned into DynamoDB numbers: use Number::from_double.
    AttributeValue(double) = delete;
    AttributeValue(float) = delete;
    AttributeValue(Binary b) : v_(std::move(b)) {}    // NOLINT
    AttributeValue(StringSet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(NumberSet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(BinarySet s) : v_(std::move(s)) {} // NOLINT
    AttributeValue(Item m) : v_(std::move(m)) {}      // NOLINT
    AttributeValue(List l) : v_(std::move(l)) {}      // NOLINT
    AttributeValue(Null n) : v_(n) {}                 // NOLINT
    // Only a real bool, never a pointer or an int, is BOOL.
    template <class B>
    requires std::same_as<B, bool> AttributeValue(B b) : v_(b) {} // NOLINT

    AttributeValue(const AttributeValue&) = default;
    AttributeValue& operator=(const AttributeValue&) = default;
    // Moves of a single value give it its own text (see the top of this header); the
    // alternatives' own move constructors do that.
    AttributeValue(AttributeValue&&) noexcept = default;
    AttributeValue& operator=(AttributeValue&&) noexcept = default;
    ~AttributeValue() = default;
    /// Moves keeping borrowed text borrowed: only within one container.
    AttributeValue(detail::Relocate, AttributeValue&& other) noexcept;

    [[nodiscard]] Type type() const noexcept { return static_cast<Type>(v_.index()); }

    [[nodiscard]] bool is_string() const noexcept { return type() == Type::S; }
    [[nodiscard]] bool is_number() const noexcept { return type() == Type::N; }
    [[nodiscard]] bool is_binary() const noexcept { return type() == Type::B; }
    [[nodiscard]] bool is_map() const noexcept { return type() == Type::M; }
    [[nodiscard]] bool is_list() const noexcept { return type() == Type::L; }
    [[nodiscard]] bool is_null() const noexcept { return type() == Type::Null; }
    [[nodiscard]] bool is_bool() const noexcept { return type() == Type::Bool; }

    /// Typed access; throws TypeMismatchError naming both types when the value is another type.
    [[nodiscard]] const Text& as_string() const { return get<Text>(); }
    [[nodiscard]] const Number& as_number() const { return get<Number>(); }
    [[nodiscard]] const Binary& as_binary() const { return get<Binary>(); }
    [[nodiscard]] const StringSet& as_string_set() const { return get<StringSet>(); }
    [[nodiscard]] const NumberSet& as_number_set() const { return get<NumberSet>(); }
    [[nodiscard]] const BinarySet& as_binary_set() const { return get<BinarySet>(); }
    [[nodiscard]] const Item& as_map() const { return get<Item>(); }
    [[nodiscard]] const List& as_list() const { return get<List>(); }
    [[nodiscard]] bool as_bool() const { return get<bool>(); }
    [[nodiscard]] Item& as_map() { return get<Item>(); }
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

/// One attribute of an Item: its name and its value. `first` and `second` as in a std::map,
/// so that `for (const auto& [name, value] : item)` and `it->second` read as before.
struct Attribute {
    Text first;
    AttributeValue second;

    Attribute(Text name, AttributeValue value) : first(std::move(name)), second(std::move(value)) {}
    /// A NULL attribute whose name refers into a decoded body (decoder only).
    Attribute(detail::Borrow, std::string_view name) noexcept : first(detail::borrow, name) {}
    Attribute(detail::Relocate, Attribute&& other) noexcept :
        first(detail::relocate, std::move(other.first)),
        second(detail::relocate, std::move(other.second)) {}

    [[nodiscard]] std::string_view name() const noexcept { return first.view(); }
    [[nodiscard]] const AttributeValue& value() const noexcept { return second; }
    [[nodiscard]] AttributeValue& value() noexcept { return second; }

    friend bool operator==(const Attribute&, const Attribute&) = default;
};

// Item and List members, defined here where Attribute and AttributeValue are complete.

inline Item::Item() noexcept = default;
inline Item::Item(std::initializer_list<Attribute> init) {
    reserve(init.size());
    for (const Attribute& a : init)
        insert_or_assign(a.first, a.second);
}
template <std::input_iterator It>
Item::Item(It first, It last) {
    for (; first != last; ++first)
        insert_or_assign((*first).first, (*first).second);
}
inline Item::Item(Item&& other) noexcept :
    storage_(std::move(other.storage_)), data_(std::exchange(other.data_, nullptr)),
    size_(std::exchange(other.size_, 0)), capacity_(std::exchange(other.capacity_, 0)) {}
inline Item& Item::operator=(const Item& other) {
    if (this != &other)
        *this = Item(other); // copies own their text, whatever they replace
    return *this;
}
inline Item& Item::operator=(Item&& other) noexcept {
    if (this != &other) {
        destroy(); // while the page our attributes may live in is still held
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
        storage_ = std::move(other.storage_);
    }
    return *this;
}
inline Item::~Item() {
    destroy();
}
inline std::size_t Item::size() const noexcept {
    return size_;
}
inline bool Item::empty() const noexcept {
    return size_ == 0;
}
inline void Item::reserve(std::size_t n) {
    if (n > capacity_ && n > size_)
        reallocate(n);
}
inline void Item::clear() noexcept {
    destroy();
    storage_.reset();
}
inline Item::iterator Item::begin() noexcept {
    return data_;
}
inline Item::iterator Item::end() noexcept {
    return data_ + size_;
}
inline Item::const_iterator Item::begin() const noexcept {
    return data_;
}
inline Item::const_iterator Item::end() const noexcept {
    return data_ + size_;
}
inline Item::const_iterator Item::find(std::string_view name) const noexcept {
    for (const_iterator it = begin(); it != end(); ++it)
        if (it->first.view() == name)
            return it;
    return end();
}
inline Item::iterator Item::find(std::string_view name) noexcept {
    return begin() + (std::as_const(*this).find(name) - std::as_const(*this).begin());
}
inline bool Item::contains(std::string_view name) const noexcept {
    return find(name) != end();
}
inline std::size_t Item::count(std::string_view name) const noexcept {
    return contains(name) ? 1 : 0;
}
inline AttributeValue& Item::operator[](std::string_view name) {
    if (auto it = find(name); it != end())
        return it->second;
    return append(name, AttributeValue())->second;
}
inline std::pair<Item::iterator, bool> Item::emplace(std::string_view name, AttributeValue value) {
    if (auto it = find(name); it != end())
        return {it, false};
    return {append(name, std::move(value)), true};
}
inline std::pair<Item::iterator, bool> Item::try_emplace(std::string_view name,
                                                         AttributeValue value) {
    return emplace(name, std::move(value));
}
inline std::pair<Item::iterator, bool> Item::insert_or_assign(std::string_view name,
                                                              AttributeValue value) {
    if (auto it = find(name); it != end()) {
        it->second = std::move(value);
        return {it, false};
    }
    return {append(name, std::move(value)), true};
}
inline std::size_t Item::erase(std::string_view name) {
    const auto it = find(name);
    if (it == end())
        return 0;
    erase(it);
    return 1;
}

inline List::List() noexcept = default;
inline List::List(std::initializer_list<AttributeValue> init) : values_(init) {}
inline List::List(std::vector<AttributeValue> values) noexcept : values_(std::move(values)) {}
inline List::List(const List& other) : values_(other.values_) {}
inline List::List(List&& other) noexcept = default;
inline List& List::operator=(const List& other) {
    values_ = other.values_; // copies own their text, whatever they replace
    storage_.reset();
    return *this;
}
inline List& List::operator=(List&& other) noexcept = default;
inline List::~List() = default;
inline std::size_t List::size() const noexcept {
    return values_.size();
}
inline bool List::empty() const noexcept {
    return values_.empty();
}
inline void List::clear() noexcept {
    values_.clear();
    storage_.reset();
}
inline List::iterator List::begin() noexcept {
    return values_.begin();
}
inline List::iterator List::end() noexcept {
    return values_.end();
}
inline List::const_iterator List::begin() const noexcept {
    return values_.begin();
}
inline List::const_iterator List::end() const noexcept {
    return values_.end();
}
inline AttributeValue& List::operator[](std::size_t i) noexcept {
    return values_[i];
}
inline const AttributeValue& List::operator[](std::size_t i) const noexcept {
    return values_[i];
}
inline AttributeValue& List::at(std::size_t i) {
    return values_.at(i);
}
inline const AttributeValue& List::at(std::size_t i) const {
    return values_.at(i);
}
inline AttributeValue& List::front() noexcept {
    return values_.front();
}
inline const AttributeValue& List::front() const noexcept {
    return values_.front();
}
inline AttributeValue& List::back() noexcept {
    return values_.back();
}
inline const AttributeValue& List::back() const noexcept {
    return values_.back();
}
inline void List::push_back(AttributeValue value) {
    emplace_back(std::move(value));
}
template <class... Args>
AttributeValue& List::emplace_back(Args&&... args) {
    if (values_.size() == values_.capacity())
        grow();
    return values_.emplace_back(std::forward<Args>(args)...);
}
inline void List::pop_back() noexcept {
    values_.pop_back();
}
inline const std::vector<AttributeValue>& List::values() const noexcept {
    return values_;
}
inline bool operator==(const List& a, const List& b) {
    return a.values_ == b.values_;
}

/// The attributes of `item` ordered by name: for output and encodings that must not depend on
/// the order in which attributes were inserted or received.
[[nodiscard]] DYNAQ_API std::vector<const Attribute*> sorted_by_name(const Item& item);

/// Checks what DynamoDB would reject, so the error comes before anything is sent:
/// empty sets, duplicate set members, invalid UTF-8 in strings. `where` names the attribute
/// path in the message ("item.tags"). Throws InvalidArgumentError.
DYNAQ_API void validate(const AttributeValue& value, std::string_view where);
DYNAQ_API void validate(const Item& item, std::string_view where = "item");

/// Key attributes (partition and sort key values) must additionally be S, N or B and non-empty.
DYNAQ_API void validate_key_value(const AttributeValue& value, std::string_view attribute);

} // namespace dynaq

#pragma once
// DynamoDB expressions built from C++ values instead of hand-written strings.
//
//   using namespace dynaq;
//   Placeholders ph;
//   query.key_condition_expression =
//       ph.render(key("pk") == "user#1" && key("sk").begins_with("order#"));
//   query.filter_expression = ph.render(attr("total") >= 100 && !attr("archived").exists());
//   query.projection_expression = ph.render(Projection{"sk", "total", "lines[0].sku"});
//   auto [names, values] = ph.release();
//
// Every attribute name goes through ExpressionAttributeNames (`#n0`, `#n1`, ...) and every value
// through ExpressionAttributeValues (`:v0`, `:v1`, ...), so reserved words and odd characters
// never matter and no placeholder is ever derived from user text. Placeholders are numbered in
// order of first use within one Placeholders context, equal names and equal values share one, and
// several expressions rendered through the same context share one namespace: the same input
// always renders to the same bytes.
//
// Code ported from the Python library keeps its shape: `raw("{age} < {age__value}")` templates
// and values bound by name from a data map (`named("age")`, `Placeholders(data)`), see the end of
// this header.
#include <dynaq/detail/expression_terms.hpp>
#include <dynaq/error.hpp>
#include <dynaq/export.hpp>
#include <dynaq/value.hpp>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace dynaq {

class Condition;
class Operand;

namespace detail {
struct ConditionNode;
struct UpdateCall;
struct RawTemplate;

/// between() and in() for the operand kinds they make sense on (paths and size()).
template <class Self>
class RangeTests {
public:
    /// `x BETWEEN low AND high` (inclusive).
    [[nodiscard]] Condition between(Operand low, Operand high) const;

    /// `x IN (a, b, ...)`: 1 to 100 candidates; a set is not a valid candidate.
    [[nodiscard]] Condition in(std::initializer_list<Operand> candidates) const;

    /// Every element of the range is one candidate (a StringSet or NumberSet works as a range).
    template <candidate_range R>
    [[nodiscard]] Condition in(R&& candidates) const;

    /// A List or set value, expanded into one candidate per element (for values known only at
    /// run time). Any other type throws InvalidArgumentError.
    template <std::same_as<AttributeValue> V>
    [[nodiscard]] Condition in(const V& list_or_set) const;
};
} // namespace detail

/// A document path: a top-level attribute name, then map members and list indices (`a.b[2].c`).
/// Every name becomes a `#n` placeholder; indices stay literal, as DynamoDB requires.
class DYNAQ_API Path : public detail::RangeTests<Path> {
public:
    /// One step: a name (the top-level attribute or a map member) or a list index.
    using Element = std::variant<std::string, std::size_t>;

    /// Parses `a.b[2].c`: names separated by dots, indices in brackets. Implicit so that
    /// `update.set("count", 1)` reads naturally. Throws InvalidArgumentError on an empty path or
    /// name, a path starting with an index, or a malformed index. A name that itself contains
    /// `.`, `[` or `]` must be given through path() instead.
    Path(std::string_view dotted); // NOLINT(google-explicit-constructor)
    Path(const char* dotted) : Path(std::string_view(dotted)) {}        // NOLINT
    Path(const std::string& dotted) : Path(std::string_view(dotted)) {} // NOLINT

    /// The path extended by the map member `name`, taken verbatim.
    [[nodiscard]] Path operator[](std::string_view name) const;

    /// The path extended by the list index `index` (negative throws InvalidArgumentError).
    template <detail::list_index I>
    [[nodiscard]] Path operator[](I index) const {
        if constexpr (std::is_signed_v<I>)
            if (index < 0)
                throw InvalidArgumentError("list index must not be negative in path " +
                                           to_string());
        return with_index(static_cast<std::size_t>(index));
    }

    [[nodiscard]] const std::vector<Element>& elements() const noexcept { return elements_; }

    /// `a.b[2].c`, for messages (names are shown as they are, without quoting).
    [[nodiscard]] std::string to_string() const;

    /// True when one path is a prefix of the other (or they are equal): DynamoDB rejects two such
    /// paths in one projection or update.
    [[nodiscard]] bool overlaps(const Path& other) const noexcept;

    /// `attribute_exists(path)`.
    [[nodiscard]] Condition exists() const;
    /// `attribute_not_exists(path)`.
    [[nodiscard]] Condition not_exists() const;
    /// `attribute_type(path, :t)` with t the type's wire name ("S", "NULL", ...).
    [[nodiscard]] Condition has_type(Type type) const;
    /// `begins_with(path, prefix)`; a literal prefix must be a string or binary.
    [[nodiscard]] Condition begins_with(Operand prefix) const;
    /// `contains(path, operand)`: substring of a string, or element of a set or list.
    [[nodiscard]] Condition contains(Operand element) const;

private:
    struct Verbatim {};
    Path(Verbatim, std::string name);
    [[nodiscard]] Path with_index(std::size_t index) const;
    friend DYNAQ_API Path path(std::string name);

    std::vector<Element> elements_;
};

/// Parses a document path: `attr("a.b[2].c")`. Same as the implicit conversion from text.
[[nodiscard]] inline Path attr(std::string_view dotted) {
    return Path(dotted);
}

/// The top-level attribute `name`, verbatim (dots and brackets are part of the name); extend it
/// with `[]`: `path("a")["b"][2]`. Throws InvalidArgumentError on an empty name.
[[nodiscard]] DYNAQ_API Path path(std::string name);

/// `size(path)`: the length of a string or binary, or the number of elements of a set, list or
/// map. Usable wherever a condition operand is.
class DYNAQ_API SizeOf : public detail::RangeTests<SizeOf> {
public:
    explicit SizeOf(Path path) : path_(std::move(path)) {}
    [[nodiscard]] const Path& path() const noexcept { return path_; }

private:
    Path path_;
};

[[nodiscard]] inline SizeOf size(Path path) {
    return SizeOf(std::move(path));
}

/// A value supplied later, by name, from the data map of the Placeholders context (the Python
/// library's `{x__value}`). Lets one expression be rendered against many data rows.
class DYNAQ_API NamedValue {
public:
    /// Throws InvalidArgumentError on an empty name.
    explicit NamedValue(std::string name);
    [[nodiscard]] const std::string& name() const noexcept { return name_; }

private:
    std::string name_;
};

[[nodiscard]] inline NamedValue named(std::string name) {
    return NamedValue(std::move(name));
}

/// An operand of a condition: a literal value, a path, a named value or size(path).
class Operand {
public:
    using Variant = std::variant<AttributeValue, Path, NamedValue, SizeOf>;

    Operand(Path p) : v_(std::move(p)) {}       // NOLINT(google-explicit-constructor)
    Operand(NamedValue n) : v_(std::move(n)) {} // NOLINT
    Operand(SizeOf s) : v_(std::move(s)) {}     // NOLINT
    /// Anything an AttributeValue is made from is a literal value: `attr("n") == "x"` compares
    /// with the string "x", never with an attribute named x.
    template <detail::literal T>
    Operand(T&& value) : v_(std::in_place_type<AttributeValue>, std::forward<T>(value)) {} // NOLINT

    [[nodiscard]] const Variant& variant() const noexcept { return v_; }

private:
    Variant v_;
};

/// A value operand: a literal or a named value (key conditions, ADD, DELETE).
class ValueOperand {
public:
    using Variant = std::variant<AttributeValue, NamedValue>;

    ValueOperand(NamedValue n) : v_(std::move(n)) {} // NOLINT(google-explicit-constructor)
    template <detail::literal T>
    // NOLINTNEXTLINE(google-explicit-constructor)
    ValueOperand(T&& value) : v_(std::in_place_type<AttributeValue>, std::forward<T>(value)) {}

    [[nodiscard]] const Variant& variant() const noexcept { return v_; }
    /// The literal, or nullptr for a named value.
    [[nodiscard]] const AttributeValue* literal() const noexcept {
        return std::get_if<AttributeValue>(&v_);
    }

private:
    Variant v_;
};

/// The condition operators, as the Python library's `Operator` named them (plus attribute_type).
enum class Op {
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    in,
    between,
    begins_with,
    contains,
    exists,
    not_exists,
    attribute_type,
};

/// The operator as DynamoDB spells it: "=", "<>", "IN", "BETWEEN", "begins_with", ...
[[nodiscard]] DYNAQ_API std::string_view to_string(Op op) noexcept;

/// A raw expression template in the Python library's syntax: `{a.b}` is a document path (as
/// attr() parses it), `{x__value}` the value named x in the data map. Any other text is copied as
/// it is; `#` and `:` are rejected there so hand-written placeholders never collide with
/// generated ones. A value slot that is the whole list of an `IN (...)` expands a List or set value
/// into one placeholder per element, as the Python library did.
class DYNAQ_API RawExpression {
public:
    /// Parses `text`; throws InvalidArgumentError on unbalanced braces, an empty slot, a bad path,
    /// or a `#` / `:` outside slots.
    explicit RawExpression(std::string_view text);

    [[nodiscard]] const std::string& text() const noexcept;

private:
    std::shared_ptr<const detail::RawTemplate> template_;
    friend class Placeholders;
};

[[nodiscard]] inline RawExpression raw(std::string_view text) {
    return RawExpression(text);
}

/// A condition for ConditionExpression or FilterExpression. Immutable; copies share structure.
/// Combine with `&&`, `||` and `!`; rendering parenthesises every AND/OR group nested in another
/// operator (and BETWEEN inside AND/OR/NOT), so the text never relies on DynamoDB's precedence.
class DYNAQ_API Condition {
public:
    /// A raw template used as a condition (it is parenthesised when combined).
    Condition(RawExpression raw); // NOLINT(google-explicit-constructor)

private:
    explicit Condition(std::shared_ptr<const detail::ConditionNode> node) :
        node_(std::move(node)) {}
    friend struct detail::ConditionAccess;

    std::shared_ptr<const detail::ConditionNode> node_;
};

[[nodiscard]] DYNAQ_API Condition operator&&(const Condition& a, const Condition& b);
[[nodiscard]] DYNAQ_API Condition operator||(const Condition& a, const Condition& b);
[[nodiscard]] DYNAQ_API Condition operator!(const Condition& c);

namespace detail {
/// Builds a leaf condition: `op` over `operands` (the subject first). Validates literal operands.
[[nodiscard]] DYNAQ_API Condition make_condition(Op op, std::vector<Operand> operands);
/// `subject IN (...)` from any range of candidates.
template <class R>
[[nodiscard]] Condition make_in(Operand subject, R&& candidates) {
    std::vector<Operand> operands{std::move(subject)};
    if constexpr (std::ranges::sized_range<R>)
        operands.reserve(std::ranges::size(candidates) + 1);
    for (auto&& c : candidates)
        operands.emplace_back(std::forward<decltype(c)>(c));
    return make_condition(Op::in, std::move(operands));
}
/// Expands a List or set value into IN candidates.
[[nodiscard]] DYNAQ_API Condition make_in_expanded(Operand subject,
                                                   const AttributeValue& list_or_set);
} // namespace detail

// Comparisons: at least one side is a path, size() or named value; the other may be a literal.
#define DYNAQ_EXPR_COMPARISON(symbol, op)                                                          \
    template <class L, class R>                                                                    \
    requires detail::comparable<L, R>                                                              \
    [[nodiscard]] Condition operator symbol(L&& l, R&& r) {                                        \
        return detail::make_condition(op,                                                          \
                                      {Operand(std::forward<L>(l)), Operand(std::forward<R>(r))}); \
    }
DYNAQ_EXPR_COMPARISON(==, Op::eq)
DYNAQ_EXPR_COMPARISON(!=, Op::ne)
DYNAQ_EXPR_COMPARISON(<, Op::lt)
DYNAQ_EXPR_COMPARISON(<=, Op::le)
DYNAQ_EXPR_COMPARISON(>, Op::gt)
DYNAQ_EXPR_COMPARISON(>=, Op::ge)
#undef DYNAQ_EXPR_COMPARISON

template <class Self>
Condition detail::RangeTests<Self>::between(Operand low, Operand high) const {
    return make_condition(
        Op::between, {Operand(static_cast<const Self&>(*this)), std::move(low), std::move(high)});
}

template <class Self>
Condition detail::RangeTests<Self>::in(std::initializer_list<Operand> candidates) const {
    return make_in(Operand(static_cast<const Self&>(*this)), candidates);
}

template <class Self>
template <detail::candidate_range R>
Condition detail::RangeTests<Self>::in(R&& candidates) const {
    return make_in(Operand(static_cast<const Self&>(*this)), std::forward<R>(candidates));
}

template <class Self>
template <std::same_as<AttributeValue> V>
Condition detail::RangeTests<Self>::in(const V& list_or_set) const {
    return make_in_expanded(Operand(static_cast<const Self&>(*this)), list_or_set);
}

// ---------------------------------------------------------------------------------------------
// Key conditions (Query): partition key equality, optionally AND one sort key condition.
// The types make anything else a compile error: `key("pk") == v` is a KeyEquals, the sort key
// operators give a SortKeyCondition, and only KeyEquals && SortKeyCondition forms a KeyCondition.

class SortKeyCondition;

/// `name = value` on a key attribute: a partition key condition, or a sort key one.
class DYNAQ_API KeyEquals {
private:
    KeyEquals(std::string name, ValueOperand value);
    friend class KeyAttribute;
    friend class SortKeyCondition;
    friend class KeyCondition;
    friend class Placeholders;

    std::string name_;
    ValueOperand value_;
};

/// A sort key condition: `=`, `<`, `<=`, `>`, `>=`, BETWEEN or begins_with on one key attribute.
class DYNAQ_API SortKeyCondition {
public:
    SortKeyCondition(
        const KeyEquals& eq); // NOLINT(google-explicit-constructor): = is a sort key op

private:
    SortKeyCondition(std::string name, Op op, ValueOperand value,
                     std::optional<ValueOperand> upper = std::nullopt);
    friend class KeyAttribute;
    friend class KeyCondition;
    friend class Placeholders;

    std::string name_;
    Op op_;
    ValueOperand value_;
    std::optional<ValueOperand> upper_; // BETWEEN's high bound
};

/// A key attribute, named verbatim (key attributes are always top-level names).
class DYNAQ_API KeyAttribute {
public:
    /// Throws InvalidArgumentError on an empty name.
    explicit KeyAttribute(std::string name);

    [[nodiscard]] const std::string& name() const noexcept { return name_; }

    [[nodiscard]] SortKeyCondition between(ValueOperand low, ValueOperand high) const;
    /// A literal prefix must be a string or binary (DynamoDB has no begins_with on numbers).
    [[nodiscard]] SortKeyCondition begins_with(ValueOperand prefix) const;

    [[nodiscard]] friend KeyEquals operator==(const KeyAttribute& k, ValueOperand v) {
        return k.equals(std::move(v));
    }
    [[nodiscard]] friend SortKeyCondition operator<(const KeyAttribute& k, ValueOperand v) {
        return k.compare(Op::lt, std::move(v));
    }
    [[nodiscard]] friend SortKeyCondition operator<=(const KeyAttribute& k, ValueOperand v) {
        return k.compare(Op::le, std::move(v));
    }
    [[nodiscard]] friend SortKeyCondition operator>(const KeyAttribute& k, ValueOperand v) {
        return k.compare(Op::gt, std::move(v));
    }
    [[nodiscard]] friend SortKeyCondition operator>=(const KeyAttribute& k, ValueOperand v) {
        return k.compare(Op::ge, std::move(v));
    }

private:
    [[nodiscard]] KeyEquals equals(ValueOperand v) const;
    [[nodiscard]] SortKeyCondition compare(Op op, ValueOperand v) const;
    std::string name_;
};

[[nodiscard]] inline KeyAttribute key(std::string name) {
    return KeyAttribute(std::move(name));
}

/// A KeyConditionExpression. Literal key values must be non-empty strings, numbers or binaries.
class DYNAQ_API KeyCondition {
public:
    KeyCondition(KeyEquals partition); // NOLINT(google-explicit-constructor)
    /// Throws InvalidArgumentError when both conditions name the same attribute.
    KeyCondition(KeyEquals partition, SortKeyCondition sort);

    /// Checks a general condition at run time (for code ported from the Python library, which
    /// built key conditions from ConditionExpression): it must be `k = v`, optionally AND one
    /// `=, <, <=, >, >=, BETWEEN, begins_with` condition on another top-level attribute, with value
    /// operands. Anything else throws InvalidArgumentError naming the offending operator.
    explicit KeyCondition(const Condition& condition);

    [[nodiscard]] const std::string& partition_key() const noexcept { return partition_.name_; }
    /// The sort key attribute, or nullptr when the condition has none.
    [[nodiscard]] const std::string* sort_key() const noexcept {
        return sort_ ? &sort_->name_ : nullptr;
    }

private:
    [[nodiscard]] static KeyCondition from(const Condition& condition);

    KeyEquals partition_;
    std::optional<SortKeyCondition> sort_;
    friend class Placeholders;
};

[[nodiscard]] inline KeyCondition operator&&(KeyEquals partition, SortKeyCondition sort) {
    return {std::move(partition), std::move(sort)};
}
/// The sort key condition may come first; the equality is still the partition key.
[[nodiscard]] inline KeyCondition operator&&(SortKeyCondition sort, KeyEquals partition) {
    return {std::move(partition), std::move(sort)};
}
/// Two equalities: the left one is the partition key.
[[nodiscard]] inline KeyCondition operator&&(KeyEquals partition, KeyEquals sort) {
    return {std::move(partition), SortKeyCondition(sort)};
}

// ---------------------------------------------------------------------------------------------
// Update expressions.

/// An operand of a SET value: a literal, a path, a named value, if_not_exists() or list_append().
class UpdateOperand {
public:
    using Call = std::shared_ptr<const detail::UpdateCall>;
    using Variant = std::variant<AttributeValue, Path, NamedValue, Call>;

    UpdateOperand(Path p) : v_(std::move(p)) {}       // NOLINT(google-explicit-constructor)
    UpdateOperand(NamedValue n) : v_(std::move(n)) {} // NOLINT
    template <detail::literal T>
    // NOLINTNEXTLINE(google-explicit-constructor)
    UpdateOperand(T&& value) : v_(std::in_place_type<AttributeValue>, std::forward<T>(value)) {}

    [[nodiscard]] const Variant& variant() const noexcept { return v_; }

private:
    explicit UpdateOperand(Call call) : v_(std::move(call)) {}
    friend DYNAQ_API UpdateOperand if_not_exists(Path path, UpdateOperand fallback);
    friend DYNAQ_API UpdateOperand list_append(UpdateOperand front, UpdateOperand back);

    Variant v_;
};

/// `if_not_exists(path, fallback)`: the attribute's value, or `fallback` when it is absent.
[[nodiscard]] DYNAQ_API UpdateOperand if_not_exists(Path path, UpdateOperand fallback);
/// `list_append(front, back)`: the two lists concatenated; literal operands must be Lists.
[[nodiscard]] DYNAQ_API UpdateOperand list_append(UpdateOperand front, UpdateOperand back);

/// The right-hand side of a SET action: one operand, or `a + b` / `a - b` (numbers). DynamoDB
/// allows a single `+` or `-`, so `a + b + c` does not compile.
class DYNAQ_API UpdateValue {
public:
    enum class Arithmetic : char { none = 0, plus = '+', minus = '-' };

    UpdateValue(UpdateOperand operand) : left_(std::move(operand)) {} // NOLINT
    UpdateValue(Path p) : left_(std::move(p)) {}                      // NOLINT
    UpdateValue(NamedValue n) : left_(std::move(n)) {}                // NOLINT
    template <detail::literal T>
    UpdateValue(T&& value) : left_(std::forward<T>(value)) {} // NOLINT
    /// `left + right` or `left - right`; literal operands must be numbers.
    UpdateValue(UpdateOperand left, Arithmetic op, UpdateOperand right);

    [[nodiscard]] const UpdateOperand& left() const noexcept { return left_; }
    [[nodiscard]] Arithmetic arithmetic() const noexcept { return op_; }
    /// Present unless arithmetic() is none.
    [[nodiscard]] const std::optional<UpdateOperand>& right() const noexcept { return right_; }

private:
    UpdateOperand left_;
    Arithmetic op_ = Arithmetic::none;
    std::optional<UpdateOperand> right_;
};

template <class L, class R>
requires detail::arithmetic<L, R>
[[nodiscard]] UpdateValue operator+(L&& l, R&& r) {
    return {UpdateOperand(std::forward<L>(l)), UpdateValue::Arithmetic::plus,
            UpdateOperand(std::forward<R>(r))};
}
template <class L, class R>
requires detail::arithmetic<L, R>
[[nodiscard]] UpdateValue operator-(L&& l, R&& r) {
    return {UpdateOperand(std::forward<L>(l)), UpdateValue::Arithmetic::minus,
            UpdateOperand(std::forward<R>(r))};
}

/// An UpdateExpression: SET, REMOVE, ADD and DELETE actions, rendered in that clause order and
/// in call order within a clause. Two actions on overlapping paths (`a` and `a.b`) throw
/// InvalidArgumentError, as DynamoDB would reject them.
class DYNAQ_API Update {
public:
    struct Set {
        Path target;
        UpdateValue value;
    };
    struct Change { // ADD and DELETE
        Path target;
        ValueOperand value;
    };

    /// `SET target = value`.
    Update& set(Path target, UpdateValue value);
    /// `SET target = if_not_exists(target, value)`: write only when the attribute is absent.
    Update& set_if_not_exists(Path target, UpdateOperand value);
    /// `REMOVE target`.
    Update& remove(Path target);
    /// `ADD target value`: adds to a number, or adds elements to a set. A literal must be a number
    /// or a set.
    Update& add(Path target, ValueOperand value);
    /// `DELETE target subset`: removes elements from a set. A literal must be a set.
    Update& delete_from_set(Path target, ValueOperand subset);
    /// Appends every action of `other` (the Python library's `&`).
    Update& merge(const Update& other);

    [[nodiscard]] bool empty() const noexcept {
        return sets_.empty() && removes_.empty() && adds_.empty() && deletes_.empty();
    }

    [[nodiscard]] const std::vector<Set>& sets() const noexcept { return sets_; }
    [[nodiscard]] const std::vector<Path>& removes() const noexcept { return removes_; }
    [[nodiscard]] const std::vector<Change>& adds() const noexcept { return adds_; }
    [[nodiscard]] const std::vector<Change>& deletes() const noexcept { return deletes_; }

private:
    void claim(const Path& target) const;

    std::vector<Set> sets_;
    std::vector<Path> removes_;
    std::vector<Change> adds_;
    std::vector<Change> deletes_;
};

/// A ProjectionExpression: the attributes to return, in the order given. An exact duplicate is
/// dropped; two overlapping paths (`a` and `a.b`) throw InvalidArgumentError.
class DYNAQ_API Projection {
public:
    Projection() = default;
    Projection(std::initializer_list<Path> paths);
    /// Any range of paths, or of text that parses as paths.
    template <detail::path_range R>
    explicit Projection(R&& paths) {
        for (auto&& p : paths)
            add(Path(std::forward<decltype(p)>(p)));
    }

    Projection& add(Path path);
    /// Adds every path of `other` (the Python library's `&`).
    Projection& merge(const Projection& other);

    [[nodiscard]] bool empty() const noexcept { return paths_.empty(); }
    [[nodiscard]] const std::vector<Path>& paths() const noexcept { return paths_; }

private:
    std::vector<Path> paths_;
};

// ---------------------------------------------------------------------------------------------
// Rendering.

/// ExpressionAttributeNames and ExpressionAttributeValues of one request.
struct ExpressionAttributes {
    std::map<std::string, std::string> names; // "#n0" -> attribute name
    Item values;                              // ":v0" -> value
};

/// One placeholder namespace, shared by every expression of one request. Rendering the same
/// expressions in the same order through a fresh context always gives the same strings.
/// A render that throws (InvalidArgumentError: a missing named value, a value of the wrong type,
/// an empty IN ...) takes back the placeholders it had allocated, so the context stays usable.
/// One context belongs to one request on one thread; rendering only reads the expressions, so one
/// expression may be rendered by several threads at once.
class DYNAQ_API Placeholders {
public:
    Placeholders() = default;
    /// `data` supplies the named values (named("x"), `{x__value}`).
    explicit Placeholders(Item data) : data_(std::move(data)) {}

    [[nodiscard]] std::string render(const Condition& condition);
    [[nodiscard]] std::string render(const KeyCondition& condition);
    /// Throws InvalidArgumentError on an empty update.
    [[nodiscard]] std::string render(const Update& update);
    /// Throws InvalidArgumentError on an empty projection.
    [[nodiscard]] std::string render(const Projection& projection);
    [[nodiscard]] std::string render(const RawExpression& expression);

    /// The placeholder for an attribute name, allocated on first use (`#n0`, `#n1`, ...).
    const std::string& name(std::string_view attribute);
    /// The placeholder for a value, allocated on first use (`:v0`, ...); equal values share one.
    const std::string& value(const AttributeValue& v);
    /// Appends the rendered path (`#n0.#n1[2]`) to `out`.
    void append_path(std::string& out, const Path& path);

    /// The data value named `v`; throws InvalidArgumentError when the data has no such entry.
    [[nodiscard]] const AttributeValue& data(const NamedValue& v) const;
    /// The literal, or the named value looked up in the data.
    [[nodiscard]] const AttributeValue& resolve(const ValueOperand& v) const;

    [[nodiscard]] const ExpressionAttributes& attributes() const noexcept { return attributes_; }
    /// Moves the names and values out and starts a new namespace (the data stays).
    [[nodiscard]] ExpressionAttributes release();

private:
    using IdMap = std::map<std::string, std::string, std::less<>>;
    struct Mark {
        std::size_t names;
        std::size_t values;
    };
    // A render either completes or leaves no placeholder behind: DynamoDB rejects unused names
    // and values, so a caller that catches the error must still get a consistent request.
    template <class F>
    std::string guarded(F&& render);
    void rollback(Mark mark) noexcept;

    Item data_;
    ExpressionAttributes attributes_;
    IdMap name_ids_;                           // attribute -> "#nK"
    IdMap value_ids_;                          // canonical encoding of the value -> ":vK"
    std::vector<IdMap::iterator> name_order_;  // allocation order, for rollback
    std::vector<IdMap::iterator> value_order_; // allocation order, for rollback
};

/// The expressions of one request; absent ones are not rendered. Meant for designated
/// initializers: `render_expressions({.condition = ..., .update = ...})`.
struct Expressions {
    std::optional<KeyCondition> key_condition = std::nullopt;
    std::optional<Condition> filter = std::nullopt;
    std::optional<Condition> condition = std::nullopt;
    std::optional<Update> update = std::nullopt;
    std::optional<Projection> projection = std::nullopt;
};

/// The rendered strings (empty when absent) and the shared names and values.
struct RenderedExpressions {
    std::string key_condition;
    std::string filter;
    std::string condition;
    std::string update;
    std::string projection;
    std::map<std::string, std::string> names;
    Item values;
};

/// Renders every present expression through one context, in the member order of Expressions.
[[nodiscard]] DYNAQ_API RenderedExpressions render_expressions(const Expressions& expressions,
                                                               Item data = {});

// ---------------------------------------------------------------------------------------------
// The Python library's ConditionExpression(key, operator, value): `key` is parsed as a path and
// the value is the data entry named `value_name` (by default the key itself), so
// `condition("age", Op::lt)` is `attr("age") < named("age")`. exists and not_exists take no
// value; BETWEEN takes two value names. Misuse throws InvalidArgumentError.
[[nodiscard]] DYNAQ_API Condition condition(std::string_view key, Op op = Op::eq);
[[nodiscard]] DYNAQ_API Condition condition(std::string_view key, Op op, std::string value_name);
[[nodiscard]] DYNAQ_API Condition condition(std::string_view key, Op op, std::string low_name,
                                            std::string high_name);

} // namespace dynaq

// Building conditions: leaf tests, logical combinations, and the checks on literal operands.
#include "internal.hpp"

#include <dynaq/limits.hpp>

#include <array>

namespace dynaq {

namespace detail {

namespace {

constexpr std::size_t max_in_candidates = limits::in_operands;

bool is_set(Type t) noexcept {
    return t == Type::SS || t == Type::NS || t == Type::BS;
}

bool is_type_name(const AttributeValue& v) noexcept {
    const auto* s = v.get_if<Text>();
    if (s == nullptr)
        return false;
    for (int t = 0; t <= static_cast<int>(Type::Bool); ++t)
        if (*s == to_string(static_cast<Type>(t)))
            return true;
    return false;
}

[[noreturn]] void wrong_type(Op op, std::string_view wanted, const AttributeValue& v) {
    throw InvalidArgumentError(std::string(to_string(op)) + " needs " + std::string(wanted) +
                               ", got a value of type " + std::string(to_string(v.type())));
}

Condition combine(ConditionNode::Shape shape, const Condition& a, const Condition* b) {
    // Children are shared, not copied: conditions are immutable once built.
    ConditionNode node;
    node.shape = shape;
    node.left = ConditionAccess::shared(a);
    if (b != nullptr)
        node.right = ConditionAccess::shared(*b);
    return ConditionAccess::make(std::move(node));
}

} // namespace

void check_condition_value(Op op, std::size_t position, const AttributeValue& v) {
    const Type t = v.type();
    switch (op) {
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::between:
        if (t != Type::S && t != Type::N && t != Type::B)
            wrong_type(op, "a string, number or binary (only those are ordered)", v);
        break;
    case Op::in:
        if (position > 0 && is_set(t))
            wrong_type(op,
                       "scalar candidates, not a set (pass the set itself to in() to expand "
                       "it)",
                       v);
        break;
    case Op::begins_with:
        if (position == 1 && t != Type::S && t != Type::B)
            wrong_type(op, "a string or binary prefix", v);
        break;
    case Op::attribute_type:
        if (position == 1 && !is_type_name(v))
            wrong_type(op, "a type name (S, N, B, SS, NS, BS, M, L, NULL or BOOL)", v);
        break;
    default:
        break;
    }
}

void check_candidate_count(std::size_t count) {
    if (count == 0)
        throw InvalidArgumentError("IN needs at least one candidate");
    if (count > max_in_candidates)
        throw InvalidArgumentError("IN takes at most 100 candidates, got " + std::to_string(count));
}

Condition make_condition(Op op, std::vector<Operand> operands) {
    bool all_literal_candidates = op == Op::in;
    for (std::size_t i = 0; i < operands.size(); ++i) {
        if (const auto* v = std::get_if<AttributeValue>(&operands[i].variant()))
            check_condition_value(op, i, *v);
        else if (i > 0)
            all_literal_candidates = false;
    }
    // Named values may still expand, so their count is only known when rendering.
    if (all_literal_candidates)
        check_candidate_count(operands.size() - 1);
    ConditionNode node;
    node.op = op;
    node.operands = std::move(operands);
    return ConditionAccess::make(std::move(node));
}

Condition make_in_expanded(Operand subject, const AttributeValue& list_or_set) {
    std::vector<Operand> operands{std::move(subject)};
    if (!for_each_element(list_or_set,
                          [&](AttributeValue e) { operands.emplace_back(std::move(e)); }))
        throw InvalidArgumentError(
            "in() needs a List or set value to expand, got a value of type " +
            std::string(to_string(list_or_set.type())));
    return make_condition(Op::in, std::move(operands));
}

} // namespace detail

std::string_view to_string(Op op) noexcept {
    static constexpr std::array<std::string_view, 13> spelling{"=",
                                                               "<>",
                                                               "<",
                                                               "<=",
                                                               ">",
                                                               ">=",
                                                               "IN",
                                                               "BETWEEN",
                                                               "begins_with",
                                                               "contains",
                                                               "attribute_exists",
                                                               "attribute_not_exists",
                                                               "attribute_type"};
    return spelling.at(static_cast<std::size_t>(op));
}

Condition::Condition(RawExpression raw) {
    detail::ConditionNode node;
    node.shape = detail::ConditionNode::Shape::raw;
    node.raw = std::move(raw);
    node_ = std::make_shared<const detail::ConditionNode>(std::move(node));
}

Condition operator&&(const Condition& a, const Condition& b) {
    return detail::combine(detail::ConditionNode::Shape::all, a, &b);
}

Condition operator||(const Condition& a, const Condition& b) {
    return detail::combine(detail::ConditionNode::Shape::any, a, &b);
}

Condition operator!(const Condition& c) {
    return detail::combine(detail::ConditionNode::Shape::negation, c, nullptr);
}

Condition Path::exists() const {
    return detail::make_condition(Op::exists, {*this});
}

Condition Path::not_exists() const {
    return detail::make_condition(Op::not_exists, {*this});
}

Condition Path::has_type(Type type) const {
    return detail::make_condition(Op::attribute_type, {*this, std::string(dynaq::to_string(type))});
}

Condition Path::begins_with(Operand prefix) const {
    return detail::make_condition(Op::begins_with, {*this, std::move(prefix)});
}

Condition Path::contains(Operand element) const {
    return detail::make_condition(Op::contains, {*this, std::move(element)});
}

} // namespace dynaq

// Key conditions: the typed builders, the run-time check of a general condition, and rendering.
// DynamoDB's KeyConditionExpression grammar has no parentheses, so nothing here adds any.
#include "internal.hpp"

namespace dynaq {

void detail::check_key_value(Op op, const AttributeValue& v, std::string_view key) {
    const Type t = v.type();
    const std::string where = "key condition on \"" + std::string(key) + "\"";
    if (op == Op::begins_with && t != Type::S && t != Type::B)
        throw InvalidArgumentError(where + ": begins_with needs a string or binary prefix, got " +
                                   std::string(to_string(t)));
    if (t != Type::S && t != Type::N && t != Type::B)
        throw InvalidArgumentError(where + ": key values are strings, numbers or binaries, got " +
                                   std::string(to_string(t)));
    const auto* s = v.get_if<Text>();
    const auto* b = v.get_if<Binary>();
    if ((s != nullptr && s->empty()) || (b != nullptr && b->empty()))
        throw InvalidArgumentError(where + ": key values must not be empty");
}

namespace {

void check_literal(Op op, const ValueOperand& v, std::string_view key) {
    if (const AttributeValue* literal = v.literal())
        detail::check_key_value(op, *literal, key);
}

} // namespace

KeyEquals::KeyEquals(std::string name, ValueOperand value) :
    name_(std::move(name)), value_(std::move(value)) {
    check_literal(Op::eq, value_, name_);
}

SortKeyCondition::SortKeyCondition(const KeyEquals& eq) :
    name_(eq.name_), op_(Op::eq), value_(eq.value_) {}

SortKeyCondition::SortKeyCondition(std::string name, Op op, ValueOperand value,
                                   std::optional<ValueOperand> upper) :
    name_(std::move(name)),
    op_(op), value_(std::move(value)), upper_(std::move(upper)) {
    check_literal(op_, value_, name_);
    if (upper_)
        check_literal(op_, *upper_, name_);
}

KeyAttribute::KeyAttribute(std::string name) : name_(std::move(name)) {
    if (name_.empty())
        throw InvalidArgumentError("empty key attribute name");
}

KeyEquals KeyAttribute::equals(ValueOperand v) const {
    return {name_, std::move(v)};
}

SortKeyCondition KeyAttribute::compare(Op op, ValueOperand v) const {
    return {name_, op, std::move(v)};
}

SortKeyCondition KeyAttribute::between(ValueOperand low, ValueOperand high) const {
    return {name_, Op::between, std::move(low), std::move(high)};
}

SortKeyCondition KeyAttribute::begins_with(ValueOperand prefix) const {
    return {name_, Op::begins_with, std::move(prefix)};
}

KeyCondition::KeyCondition(KeyEquals partition) : partition_(std::move(partition)) {}

KeyCondition::KeyCondition(KeyEquals partition, SortKeyCondition sort) :
    partition_(std::move(partition)), sort_(std::move(sort)) {
    if (sort_->name_ == partition_.name_)
        throw InvalidArgumentError("a key condition names \"" + partition_.name_ +
                                   "\" twice; the sort key must be another attribute");
}

KeyCondition::KeyCondition(const Condition& condition) : KeyCondition(from(condition)) {}

namespace {

using detail::ConditionNode;

constexpr std::string_view key_shape =
    "a key condition is `partition key = value`, optionally AND one sort key condition";

/// One side of a key condition taken from a general condition tree.
struct KeyTest {
    std::string name;
    Op op;
    std::vector<ValueOperand> values;
};

Op mirrored(Op op) noexcept {
    switch (op) {
    case Op::lt:
        return Op::gt;
    case Op::le:
        return Op::ge;
    case Op::gt:
        return Op::lt;
    case Op::ge:
        return Op::le;
    default:
        return op;
    }
}

KeyTest key_test(const ConditionNode& n) {
    switch (n.shape) {
    case ConditionNode::Shape::test:
        break;
    case ConditionNode::Shape::any:
        throw InvalidArgumentError(std::string(key_shape) + "; found OR");
    case ConditionNode::Shape::negation:
        throw InvalidArgumentError(std::string(key_shape) + "; found NOT");
    case ConditionNode::Shape::raw:
        throw InvalidArgumentError(std::string(key_shape) + "; found a raw template");
    case ConditionNode::Shape::all:
        throw InvalidArgumentError(std::string(key_shape) + "; found a third part");
    }
    switch (n.op) {
    case Op::eq:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::between:
    case Op::begins_with:
        break;
    default:
        throw InvalidArgumentError("KeyConditionExpression does not support operator \"" +
                                   std::string(to_string(n.op)) + "\"");
    }
    // `5 < sk` is `sk > 5`.
    std::size_t subject = 0;
    Op op = n.op;
    if (n.operands.size() == 2 && !std::holds_alternative<Path>(n.operands[0].variant()) &&
        std::holds_alternative<Path>(n.operands[1].variant())) {
        subject = 1;
        op = mirrored(op);
    }
    const auto* path = std::get_if<Path>(&n.operands[subject].variant());
    if (path == nullptr || path->elements().size() != 1)
        throw InvalidArgumentError(std::string(key_shape) +
                                   "; the key must be a top-level attribute");
    KeyTest test{std::get<std::string>(path->elements().front()), op, {}};
    for (std::size_t i = 0; i < n.operands.size(); ++i) {
        if (i == subject)
            continue;
        const Operand::Variant& o = n.operands[i].variant();
        if (const auto* v = std::get_if<AttributeValue>(&o))
            test.values.emplace_back(*v);
        else if (const auto* named = std::get_if<NamedValue>(&o))
            test.values.emplace_back(*named);
        else
            throw InvalidArgumentError(std::string(key_shape) +
                                       "; key conditions compare with values, not attributes");
    }
    return test;
}

} // namespace

KeyCondition KeyCondition::from(const Condition& condition) {
    const ConditionNode& n = detail::ConditionAccess::node(condition);
    const bool two_parts = n.shape == ConditionNode::Shape::all;
    KeyTest partition = key_test(two_parts ? *n.left : n);
    std::optional<KeyTest> sort;
    if (two_parts) {
        sort = key_test(*n.right);
        if (partition.op != Op::eq && sort->op == Op::eq)
            std::swap(partition, *sort);
    }
    if (partition.op != Op::eq)
        throw InvalidArgumentError(std::string(key_shape) + "; no partition key equality");
    KeyEquals eq(std::move(partition.name), std::move(partition.values.front()));
    if (!sort)
        return KeyCondition(std::move(eq));
    std::optional<ValueOperand> upper;
    if (sort->values.size() > 1)
        upper = std::move(sort->values[1]);
    return {std::move(eq), SortKeyCondition(std::move(sort->name), sort->op,
                                            std::move(sort->values.front()), std::move(upper))};
}

std::string Placeholders::render(const KeyCondition& condition) {
    return guarded([&] {
        std::string out;
        auto put_value = [&](Op op, const ValueOperand& v, const std::string& key) {
            const AttributeValue& resolved = resolve(v);
            detail::check_key_value(op, resolved, key);
            out += value(resolved);
        };
        out += name(condition.partition_.name_);
        out += " = ";
        put_value(Op::eq, condition.partition_.value_, condition.partition_.name_);
        if (!condition.sort_)
            return out;
        const SortKeyCondition& sort = *condition.sort_;
        out += " AND ";
        if (sort.op_ == Op::begins_with) {
            out += "begins_with(";
            out += name(sort.name_);
            out += ", ";
            put_value(sort.op_, sort.value_, sort.name_);
            out += ')';
            return out;
        }
        out += name(sort.name_);
        out += ' ';
        out += to_string(sort.op_);
        out += ' ';
        put_value(sort.op_, sort.value_, sort.name_);
        if (sort.upper_) {
            out += " AND ";
            put_value(sort.op_, *sort.upper_, sort.name_);
        }
        return out;
    });
}

} // namespace dynaq

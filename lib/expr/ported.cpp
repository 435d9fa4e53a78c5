// The Python library's ConditionExpression(key, operator, value), for code ported from it.
#include "internal.hpp"

namespace dynaq {

Condition condition(std::string_view key, Op op) {
    switch (op) {
    case Op::exists:
    case Op::not_exists:
        return detail::make_condition(op, {Path(key)});
    case Op::between:
        throw InvalidArgumentError("BETWEEN needs two value names");
    default:
        // As in the seed: without a value name, the value is the data entry named like the key.
        return condition(key, op, std::string(key));
    }
}

Condition condition(std::string_view key, Op op, std::string value_name) {
    switch (op) {
    case Op::exists:
    case Op::not_exists:
        throw InvalidArgumentError(std::string(to_string(op)) + " takes no value");
    case Op::between:
        throw InvalidArgumentError("BETWEEN needs two value names");
    default:
        return detail::make_condition(op, {Path(key), NamedValue(std::move(value_name))});
    }
}

Condition condition(std::string_view key, Op op, std::string low_name, std::string high_name) {
    if (op != Op::between)
        throw InvalidArgumentError(std::string(to_string(op)) + " takes one value, not two");
    return Path(key).between(NamedValue(std::move(low_name)), NamedValue(std::move(high_name)));
}

} // namespace dynaq

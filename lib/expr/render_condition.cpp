// Rendering conditions. The parenthesis rules are the point of this file:
//  - a chain of the same operator (a AND b AND c) is written flat: AND and OR are associative;
//  - inside AND/OR, a group of the other operator, a raw template (it may hold an OR) and BETWEEN
//    (its own AND would read as a conjunction) are parenthesised;
//  - NOT's operand is parenthesised unless it is a function call.
// So the text never relies on DynamoDB's precedence, whatever shape the tree has.
#include "internal.hpp"

namespace dynaq {

namespace detail {

void append_candidate(Placeholders& ph, std::string& out, const AttributeValue& v,
                      std::size_t& count) {
    check_condition_value(Op::in, 1, v);
    if (count++ > 0)
        out += ", ";
    out += ph.value(v);
}

void append_expanded(Placeholders& ph, std::string& out, const AttributeValue& v,
                     std::size_t& count) {
    if (!for_each_element(v, [&](const AttributeValue& e) { append_candidate(ph, out, e, count); }))
        append_candidate(ph, out, v, count);
}

} // namespace detail

namespace {

using detail::ConditionNode;
using Shape = ConditionNode::Shape;

bool is_function(const ConditionNode& n) noexcept {
    if (n.shape != Shape::test)
        return false;
    switch (n.op) {
    case Op::exists:
    case Op::not_exists:
    case Op::attribute_type:
    case Op::begins_with:
    case Op::contains:
        return true;
    default:
        return false;
    }
}

class ConditionWriter {
public:
    ConditionWriter(Placeholders& ph, std::string& out) : ph_(ph), out_(out) {}

    void write(const ConditionNode& n) {
        switch (n.shape) {
        case Shape::test:
            write_test(n);
            break;
        case Shape::raw:
            out_ += ph_.render(*n.raw);
            break;
        case Shape::all:
            write_chain(n, " AND ");
            break;
        case Shape::any:
            write_chain(n, " OR ");
            break;
        case Shape::negation:
            out_ += "NOT ";
            write_parenthesised(*n.left, !is_function(*n.left));
            break;
        }
    }

private:
    void write_chain(const ConditionNode& n, std::string_view separator) {
        write_member(*n.left, n.shape, separator);
        out_ += separator;
        write_member(*n.right, n.shape, separator);
    }

    void write_member(const ConditionNode& child, Shape chain, std::string_view separator) {
        if (child.shape == chain) {
            write_chain(child, separator);
            return;
        }
        const bool group = child.shape == Shape::all || child.shape == Shape::any ||
                           child.shape == Shape::raw ||
                           (child.shape == Shape::test && child.op == Op::between);
        write_parenthesised(child, group);
    }

    void write_parenthesised(const ConditionNode& n, bool parenthesise) {
        if (parenthesise)
            out_ += '(';
        write(n);
        if (parenthesise)
            out_ += ')';
    }

    void write_test(const ConditionNode& n) {
        const std::string_view op = to_string(n.op);
        switch (n.op) {
        case Op::between:
            operand(n, 0);
            out_ += " BETWEEN ";
            operand(n, 1);
            out_ += " AND ";
            operand(n, 2);
            break;
        case Op::in:
            operand(n, 0);
            out_ += " IN (";
            write_candidates(n);
            out_ += ')';
            break;
        case Op::exists:
        case Op::not_exists:
        case Op::attribute_type:
        case Op::begins_with:
        case Op::contains:
            out_ += op;
            out_ += '(';
            for (std::size_t i = 0; i < n.operands.size(); ++i) {
                if (i > 0)
                    out_ += ", ";
                operand(n, i);
            }
            out_ += ')';
            break;
        default: // the comparisons
            operand(n, 0);
            out_ += ' ';
            out_ += op;
            out_ += ' ';
            operand(n, 1);
            break;
        }
    }

    void write_candidates(const ConditionNode& n) {
        std::size_t count = 0;
        for (std::size_t i = 1; i < n.operands.size(); ++i) {
            const Operand::Variant& o = n.operands[i].variant();
            if (const auto* v = std::get_if<AttributeValue>(&o)) {
                detail::append_candidate(ph_, out_, *v, count);
            } else if (const auto* named = std::get_if<NamedValue>(&o)) {
                // A named List or set stands for its elements, as data lists did in the seed.
                detail::append_expanded(ph_, out_, ph_.data(*named), count);
            } else {
                if (count++ > 0)
                    out_ += ", ";
                operand(n, i);
            }
        }
        detail::check_candidate_count(count);
    }

    void operand(const ConditionNode& n, std::size_t i) {
        std::visit(
            [&](const auto& o) {
                using T = std::remove_cvref_t<decltype(o)>;
                if constexpr (std::is_same_v<T, AttributeValue>) {
                    out_ += ph_.value(o);
                } else if constexpr (std::is_same_v<T, Path>) {
                    ph_.append_path(out_, o);
                } else if constexpr (std::is_same_v<T, NamedValue>) {
                    const AttributeValue& v = ph_.data(o);
                    detail::check_condition_value(n.op, i, v);
                    out_ += ph_.value(v);
                } else {
                    out_ += "size(";
                    ph_.append_path(out_, o.path());
                    out_ += ')';
                }
            },
            n.operands[i].variant());
    }

    Placeholders& ph_;
    std::string& out_;
};

} // namespace

std::string Placeholders::render(const Condition& condition) {
    return guarded([&] {
        std::string out;
        ConditionWriter(*this, out).write(detail::ConditionAccess::node(condition));
        return out;
    });
}

} // namespace dynaq

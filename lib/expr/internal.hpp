#pragma once
// What the expression sources share and users never see: the condition tree, the update
// function calls, parsed raw templates, and the value-type checks that run once for literals
// (when an expression is built) and once for named values (when they are looked up at render).
#include <dynaq/expression.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace dynaq::detail {

struct ConditionNode {
    enum class Shape : unsigned char { test, raw, all, any, negation };

    Shape shape = Shape::test;
    Op op = Op::eq;                // test: the operator
    std::vector<Operand> operands; // test: the subject first, then the operator's arguments
    std::optional<RawExpression> raw;
    std::shared_ptr<const ConditionNode> left;  // all / any / negation
    std::shared_ptr<const ConditionNode> right; // all / any
};

struct ConditionAccess {
    [[nodiscard]] static Condition make(ConditionNode node) {
        return Condition(std::make_shared<const ConditionNode>(std::move(node)));
    }
    [[nodiscard]] static const ConditionNode& node(const Condition& c) noexcept { return *c.node_; }
    [[nodiscard]] static const std::shared_ptr<const ConditionNode>&
    shared(const Condition& c) noexcept {
        return c.node_;
    }
};

struct UpdateCall {
    enum class Function : unsigned char { if_not_exists, list_append };

    Function function;
    UpdateOperand first; // if_not_exists: the path
    UpdateOperand second;
};

/// `{x__value}` as the whole list of `IN (...)`: a List or set value expands to its elements.
struct ExpandedValue {
    NamedValue value;
};
using RawPiece = std::variant<std::string, Path, NamedValue, ExpandedValue>;

struct RawTemplate {
    std::string text;
    std::vector<RawPiece> pieces;
};

/// Throws InvalidArgumentError unless `v` may be argument `position` (1 = first after the
/// subject) of condition operator `op`.
void check_condition_value(Op op, std::size_t position, const AttributeValue& v);

/// Throws InvalidArgumentError unless `v` may be a key condition value under `op` on `key`.
void check_key_value(Op op, const AttributeValue& v, std::string_view key);

/// Calls `f` with each element of a List or set and returns true; returns false for any other
/// type (IN expands such values into one candidate per element).
template <class F>
bool for_each_element(const AttributeValue& v, F&& f) {
    return std::visit(
        [&](const auto& x) {
            using T = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<T, List> || std::is_same_v<T, StringSet> ||
                          std::is_same_v<T, NumberSet> || std::is_same_v<T, BinarySet>) {
                for (const auto& element : x)
                    f(AttributeValue(element));
                return true;
            } else {
                return false;
            }
        },
        v.variant());
}

/// Appends `v` as one candidate of an IN list being written into `out` (", " separated);
/// `count` counts the candidates written so far. A set throws InvalidArgumentError.
void append_candidate(Placeholders& ph, std::string& out, const AttributeValue& v,
                      std::size_t& count);
/// The same for a named value: a List or set stands for its elements, anything else for itself.
void append_expanded(Placeholders& ph, std::string& out, const AttributeValue& v,
                     std::size_t& count);
/// Throws InvalidArgumentError unless 1 <= count <= 100 (DynamoDB's limit for IN).
void check_candidate_count(std::size_t count);

enum class UpdateRole : unsigned char { arithmetic, list_append, add, remove_elements };
/// Throws InvalidArgumentError unless `v` may play `role` in an update.
void check_update_value(UpdateRole role, const AttributeValue& v);

} // namespace dynaq::detail

namespace dynaq {

template <class F>
std::string Placeholders::guarded(F&& render) {
    const Mark mark{name_order_.size(), value_order_.size()};
    try {
        return std::forward<F>(render)();
    } catch (...) {
        rollback(mark);
        throw;
    }
}

} // namespace dynaq

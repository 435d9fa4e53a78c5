#pragma once
// Concepts that decide which operand combinations the expression operators accept. They keep the
// operators from hijacking unrelated types: `==`, `<`, `+` ... only apply when one side is already
// an expression term (a path, size() or a named value), never to two plain values.
#include <dynaq/value.hpp>

#include <concepts>
#include <ranges>
#include <string_view>
#include <type_traits>

namespace dynaq {

class Path;
class SizeOf;
class NamedValue;
class Operand;
class UpdateOperand;

namespace detail {

struct ConditionAccess;

/// A C++ value that becomes a literal AttributeValue (doubles are excluded by value.hpp).
template <class T>
concept literal = std::constructible_from<AttributeValue, T>;

template <class T>
concept condition_term =
    std::same_as<std::remove_cvref_t<T>, Path> || std::same_as<std::remove_cvref_t<T>, SizeOf> ||
    std::same_as<std::remove_cvref_t<T>, NamedValue>;

template <class L, class R>
concept comparable =
    (condition_term<L> ||
     condition_term<R>)&&std::constructible_from<Operand, L>&& std::constructible_from<Operand, R>;

template <class T>
concept update_term = std::same_as<std::remove_cvref_t<T>, Path> ||
    std::same_as<std::remove_cvref_t<T>, NamedValue> ||
    std::same_as<std::remove_cvref_t<T>, UpdateOperand>;

template <class L, class R>
concept arithmetic = (update_term<L> || update_term<R>)&&std::constructible_from<
    UpdateOperand, L>&& std::constructible_from<UpdateOperand, R>;

/// A range whose elements are IN candidates. Text is excluded: a std::string is a range of chars,
/// and each char would become a number.
template <class R>
concept candidate_range =
    std::ranges::input_range<R> && !std::convertible_to<R, std::string_view> &&
    std::constructible_from<Operand, std::ranges::range_reference_t<R>>;

/// A range of paths, or of text that parses as paths.
template <class R>
concept path_range =
    std::ranges::input_range<R> && std::constructible_from<Path, std::ranges::range_reference_t<R>>;

/// A list index type: any integer but bool.
template <class I>
concept list_index = std::integral<I> && !std::same_as<I, bool>;

} // namespace detail
} // namespace dynaq

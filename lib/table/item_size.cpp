// Sizes as documented in "DynamoDB item sizes and formats" (Amazon DynamoDB Developer Guide).
// Numbers are the one approximate rule; it is rounded up so a size is never under-counted and an
// item accepted here is not rejected by DynamoDB for its size.
#include "table/item_size.hpp"

#include <string_view>
#include <variant>

namespace dynaq::detail {

namespace {

// A list or a map costs this much whatever it holds, plus one byte per element.
constexpr std::size_t container_overhead = 3;
constexpr std::size_t per_element_overhead = 1;
// BOOL and NULL.
constexpr std::size_t flag_size = 1;

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// Significant digits of a number's text: the digits of the mantissa without its leading and
// trailing zeros (the exponent does not change them). Zero has none.
std::size_t significant_digits(std::string_view text) noexcept {
    bool started = false;          // a non-zero digit was seen
    std::size_t count = 0;         // digits from the first non-zero one to the last non-zero one
    std::size_t pending_zeros = 0; // zeros after the last non-zero digit so far
    for (const char c : text) {
        if (c == 'e' || c == 'E')
            break;
        if (!is_digit(c))
            continue; // sign or decimal point
        if (c == '0') {
            if (started)
                ++pending_zeros;
            continue;
        }
        started = true;
        count += pending_zeros + 1;
        pending_zeros = 0;
    }
    return count;
}

std::size_t number_size(const Number& n) noexcept {
    // "About one byte per two significant digits, plus one": rounded up.
    return (significant_digits(n.text()) + 1) / 2 + 1;
}

std::size_t map_size(const Map& map) noexcept {
    std::size_t total = container_overhead;
    for (const auto& [name, value] : map)
        total += per_element_overhead + name.size() + attribute_size(value);
    return total;
}

std::size_t list_size(const List& list) noexcept {
    std::size_t total = container_overhead;
    for (const auto& value : list)
        total += per_element_overhead + attribute_size(value);
    return total;
}

// Sets have no overhead of their own: their size is the sum of their members.
std::size_t set_size(const StringSet& set) noexcept {
    std::size_t total = 0;
    for (const auto& s : set)
        total += s.size();
    return total;
}
std::size_t set_size(const NumberSet& set) noexcept {
    std::size_t total = 0;
    for (const auto& n : set)
        total += number_size(n);
    return total;
}
std::size_t set_size(const BinarySet& set) noexcept {
    std::size_t total = 0;
    for (const auto& b : set)
        total += b.size();
    return total;
}

struct SizeOf {
    std::size_t operator()(const Text& s) const noexcept { return s.size(); }
    std::size_t operator()(const Number& n) const noexcept { return number_size(n); }
    std::size_t operator()(const Binary& b) const noexcept { return b.size(); }
    std::size_t operator()(const StringSet& s) const noexcept { return set_size(s); }
    std::size_t operator()(const NumberSet& s) const noexcept { return set_size(s); }
    std::size_t operator()(const BinarySet& s) const noexcept { return set_size(s); }
    std::size_t operator()(const Map& m) const noexcept { return map_size(m); }
    std::size_t operator()(const List& l) const noexcept { return list_size(l); }
    std::size_t operator()(Null) const noexcept { return flag_size; }
    std::size_t operator()(bool) const noexcept { return flag_size; }
};

} // namespace

std::size_t attribute_size(const AttributeValue& value) noexcept {
    return std::visit(SizeOf{}, value.variant());
}

std::size_t item_size(const Item& item) noexcept {
    std::size_t total = 0;
    for (const auto& [name, value] : item)
        total += name.size() + attribute_size(value);
    return total;
}

} // namespace dynaq::detail

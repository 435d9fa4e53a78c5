#include "checks.hpp"

#include "codec/json.hpp"

#include <algorithm>
#include <vector>

namespace dynaq {

namespace detail {

namespace {

// Sets up to this size are checked pairwise: no allocation, and faster than sorting for the
// small sets that are typical.
constexpr std::size_t pairwise_limit = 16;

std::string describe(std::string_view s) {
    return quoted_excerpt(s);
}
std::string describe(const Number& n) {
    return quoted_excerpt(n.text());
}
std::string describe(const Binary& b) {
    return "of " + std::to_string(b.size()) + " bytes";
}

// Number's operator<=> is numeric; the others compare bytes.
template <class T>
bool less(const T& a, const T& b) {
    return a < b;
}

template <class T>
void check_set_impl(const SetOf<T>& set, const Path& path, std::string_view kind) {
    if (set.empty())
        throw InvalidArgumentError(path.message(std::string("empty ") + std::string(kind) +
                                                " (DynamoDB rejects empty sets)"));
    const auto& v = set.values;
    const T* dup = nullptr;
    if (v.size() <= pairwise_limit) {
        for (std::size_t i = 1; i < v.size() && !dup; ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (v[i] == v[j]) {
                    dup = &v[i];
                    break;
                }
    } else {
        std::vector<const T*> sorted;
        sorted.reserve(v.size());
        for (const T& x : v)
            sorted.push_back(&x);
        std::sort(sorted.begin(), sorted.end(),
                  [](const T* a, const T* b) { return less(*a, *b); });
        const auto it = std::adjacent_find(sorted.begin(), sorted.end(),
                                           [](const T* a, const T* b) { return !less(*a, *b); });
        if (it != sorted.end())
            dup = *it;
    }
    if (dup)
        throw InvalidArgumentError(
            path.message(std::string(kind) + " has a duplicate member " + describe(*dup)));
}

} // namespace

std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while ((i = skip_ascii(p, i, n)) < n) {
        const std::size_t len = utf8_sequence(p + i, n - i);
        if (len == 0)
            return i;
        i += len;
    }
    return no_error;
}

void check_utf8(std::string_view s, const Path& path, std::string_view what) {
    const std::size_t at = find_invalid_utf8(s);
    if (at != no_error)
        throw InvalidArgumentError(path.message(std::string(what) + " is not valid UTF-8 (byte " +
                                                std::to_string(at) + ')'));
}

void check_set(const StringSet& set, const Path& path) {
    check_set_impl(set, path, "string set");
}
void check_set(const NumberSet& set, const Path& path) {
    check_set_impl(set, path, "number set");
}
void check_set(const BinarySet& set, const Path& path) {
    check_set_impl(set, path, "binary set");
}

} // namespace detail

namespace {

using detail::Path;

// Levels as in the encoder: `level` is v's own, validate_map's is its members'.
void validate_map(const Map& m, const Path& path, int level);

void validate_at(const AttributeValue& v, const Path& path, int level) {
    if (level > detail::max_nesting_levels)
        throw InvalidArgumentError(path.message(detail::too_deep));
    switch (v.type()) {
    case Type::S:
        detail::check_utf8(v.as_string(), path, "string");
        break;
    case Type::SS: {
        const auto& set = v.as_string_set();
        detail::check_set(set, path);
        for (std::size_t i = 0; i < set.size(); ++i)
            detail::check_utf8(set.values[i], path.element(i), "string");
        break;
    }
    case Type::NS:
        detail::check_set(v.as_number_set(), path);
        break;
    case Type::BS:
        detail::check_set(v.as_binary_set(), path);
        break;
    case Type::M:
        validate_map(v.as_map(), path, level + 1);
        break;
    case Type::L: {
        const auto& list = v.as_list();
        for (std::size_t i = 0; i < list.size(); ++i)
            validate_at(list[i], path.element(i), level + 1);
        break;
    }
    case Type::N: // validated when constructed
    case Type::B:
    case Type::Null:
    case Type::Bool:
        break;
    }
}

void validate_map(const Map& m, const Path& path, int level) {
    for (const auto& [name, value] : m) {
        if (level == 1 && name.empty())
            throw InvalidArgumentError(path.message(detail::empty_name));
        // The name itself is not put in the path: it is the part that cannot be printed.
        detail::check_utf8(name, path, "attribute name");
        validate_at(value, path.member(name), level);
    }
}

} // namespace

void validate(const AttributeValue& value, std::string_view where) {
    validate_at(value, Path(where), 1);
}

void validate(const Item& item, std::string_view where) {
    validate_map(item, Path(where), 1);
}

void validate_key_value(const AttributeValue& value, std::string_view attribute) {
    const Path path(attribute);
    switch (value.type()) {
    case Type::S:
        if (value.as_string().empty())
            throw InvalidArgumentError(path.message("key attribute must not be an empty string"));
        detail::check_utf8(value.as_string(), path, "string");
        return;
    case Type::B:
        if (value.as_binary().empty())
            throw InvalidArgumentError(path.message("key attribute must not be empty binary"));
        return;
    case Type::N:
        return;
    default:
        throw InvalidArgumentError(
            path.message(std::string("key attribute must be S, N or B, got ") +
                         std::string(to_string(value.type()))));
    }
}

} // namespace dynaq

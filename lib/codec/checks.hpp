#pragma once
// What DynamoDB rejects about a value, shared by validate() and the encoder (which checks as
// it writes, so a request is never walked twice).
#include "path.hpp"

#include <dynaq/value.hpp>

#include <cstddef>
#include <string_view>

namespace dynaq::detail {

/// Length (2..4) of the well-formed UTF-8 sequence starting at `p`, whose first byte is
/// >= 0x80, or 0 when it is malformed: overlong forms, surrogates, code points above
/// U+10FFFF and truncated sequences are all rejected, as RFC 3629 requires.
[[nodiscard]] inline std::size_t utf8_sequence(const unsigned char* p, std::size_t avail) noexcept {
    const unsigned c = p[0];
    auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return i < avail && p[i] >= lo && p[i] <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong 3-byte forms
        const unsigned hi = c == 0xED ? 0x9F : 0xBF; // no UTF-16 surrogates
        return cont(1, lo, hi) && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80; // no overlong 4-byte forms
        const unsigned hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

inline constexpr std::size_t no_error = static_cast<std::size_t>(-1);

/// Offset of the first byte that is not part of well-formed UTF-8, or no_error.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view s) noexcept;

/// Throws InvalidArgumentError naming `path` for an empty set or a repeated member (numbers
/// compare numerically, as DynamoDB compares them).
void check_set(const StringSet& set, const Path& path);
void check_set(const NumberSet& set, const Path& path);
void check_set(const BinarySet& set, const Path& path);

/// Throws InvalidArgumentError for a string that is not well-formed UTF-8; `what` is
/// "string" or "attribute name".
void check_utf8(std::string_view s, const Path& path, std::string_view what);

} // namespace dynaq::detail

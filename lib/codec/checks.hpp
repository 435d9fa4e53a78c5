#pragma once
// What DynamoDB rejects about a value, shared by validate() and the encoder (which checks as
// it writes, so a request is never walked twice).
#include "path.hpp"

#include <dynaq/error.hpp>
#include <dynaq/value.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/// The problems DynamoDB reports for an item's shape, in the words the encoder, validate() and
/// the decoder all use.
inline constexpr std::string_view too_deep = "values nested too deeply (DynamoDB allows 32 levels)";
inline constexpr std::string_view empty_name = "empty attribute name";

inline constexpr std::size_t no_error = static_cast<std::size_t>(-1);

/// The first position at or after `i` that holds a non-ASCII byte (or, with
/// `stop_at_backslash`, a '\\'), or `n`. Sixteen (SSE2) or eight bytes at a time: most text
/// is ASCII, and every response body passes through here before it is parsed.
template <bool stop_at_backslash = false>
[[nodiscard]] inline std::size_t skip_ascii(const unsigned char* p, std::size_t i,
                                            std::size_t n) noexcept {
#ifdef __SSE2__
    while (i + 16 <= n) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        unsigned stop = static_cast<unsigned>(_mm_movemask_epi8(block));
        if constexpr (stop_at_backslash)
            stop |= static_cast<unsigned>(
                _mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\\'))));
        if (stop != 0)
            return i + static_cast<std::size_t>(std::countr_zero(stop));
        i += 16;
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        std::uint64_t stop = word & highs;
        if constexpr (stop_at_backslash) {
            // Classic "has zero byte" test on word ^ '\\'; exact once high bytes are excluded.
            const std::uint64_t x = word ^ (ones * '\\');
            stop |= (x - ones) & ~x & highs;
        }
        if (stop)
            break;
        i += 8;
    }
    while (i < n && p[i] < 0x80 && (!stop_at_backslash || p[i] != '\\'))
        ++i;
    return i;
}

/// Offset of the first byte that is not part of well-formed UTF-8, or no_error.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view s) noexcept;

/// Throws InvalidArgumentError naming `path` for an empty set or a repeated member (numbers
/// compare numerically, as DynamoDB compares them).
void check_set(const StringSet& set, const Path& path);
void check_set(const NumberSet& set, const Path& path);
void check_set(const BinarySet& set, const Path& path);

/// check_set for a set read from a response: the same rule, reported as the ProtocolError it is
/// there (DynamoDB never sends an empty set or a repeated member).
template <class Set>
void check_decoded_set(const Set& set, const Path& path) {
    try {
        check_set(set, path);
    } catch (const InvalidArgumentError& e) {
        throw ProtocolError(e.what());
    }
}

/// Throws InvalidArgumentError for a string that is not well-formed UTF-8; `what` is
/// "string" or "attribute name".
void check_utf8(std::string_view s, const Path& path, std::string_view what);

} // namespace dynaq::detail

#include "http/http_crc32.hpp"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DYNAQ_CRC32_CLMUL 1
#include <immintrin.h>
#else
#define DYNAQ_CRC32_CLMUL 0
#endif

namespace dynaq::detail {

namespace {

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

// Table k maps a byte to its CRC contribution when k more bytes follow it, which lets the
// loop fold eight input bytes per step.
constexpr Tables make_tables() {
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t k = 1; k < 8; ++k) {
        for (std::size_t i = 0; i < 256; ++i)
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
    }
    return t;
}

constexpr Tables tables = make_tables();

std::uint32_t load_le32(const unsigned char* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (std::endian::native == std::endian::big)
        v = (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
    return v;
}

// The CRC register after `data`, from `crc`, without the initial and final inversion.
std::uint32_t update(std::uint32_t crc, const unsigned char* p, std::size_t n) noexcept {
    for (; n >= 8; n -= 8, p += 8) {
        const std::uint32_t one = load_le32(p) ^ crc;
        const std::uint32_t two = load_le32(p + 4);
        crc = tables[7][one & 0xFFu] ^ tables[6][(one >> 8) & 0xFFu] ^
              tables[5][(one >> 16) & 0xFFu] ^ tables[4][one >> 24] ^ tables[3][two & 0xFFu] ^
              tables[2][(two >> 8) & 0xFFu] ^ tables[1][(two >> 16) & 0xFFu] ^ tables[0][two >> 24];
    }
    for (; n > 0; --n, ++p)
        crc = tables[0][(crc ^ *p) & 0xFFu] ^ (crc >> 8);
    return crc;
}

#if DYNAQ_CRC32_CLMUL
// Folding with carry-less multiplication, 16 bytes per step. Loaded little-endian, bit j of the
// 128-bit register stands for x^(127-j) (the CRC is bit-reflected), so the register is
// L(x)*x^64 + H(x) with L, H its 64-bit halves read the same way. With 16 more bytes behind
// it, it contributes L*x^192 + H*x^128, which is congruent mod P to L*(x^160 mod P)*x^32 +
// H*(x^96 mod P)*x^32; a 64 x 33-bit carry-less product, with each constant's term x^d at bit
// 32-d, lands exactly there. What is left is a 16-byte message with the same remainder as
// everything folded, finished by the tables. The initial inversion is XORed into the first
// four bytes, which is what starting the register at ~0 amounts to.
constexpr long long fold_x160 = 0x1751997d0; // x^160 mod P, reflected as above
constexpr long long fold_x96 = 0x0ccaa009e;  // x^96 mod P

__attribute__((target("pclmul,sse2"))) std::uint32_t crc32_clmul(const unsigned char* p,
                                                                 std::size_t n) noexcept {
    const __m128i k = _mm_set_epi64x(fold_x96, fold_x160);
    __m128i x =
        _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), _mm_cvtsi32_si128(-1));
    p += 16;
    n -= 16;
    for (; n >= 16; p += 16, n -= 16) {
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        x = _mm_xor_si128(
            _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11)),
            next);
    }
    unsigned char folded[16];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(folded), x);
    return ~update(update(0, folded, sizeof folded), p, n);
}

bool has_clmul() noexcept {
    static const bool yes = __builtin_cpu_supports("pclmul") != 0;
    return yes;
}
#endif

} // namespace

std::uint32_t crc32_portable(std::string_view data) noexcept {
    return ~update(0xFFFFFFFFu, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::uint32_t crc32(std::string_view data) noexcept {
#if DYNAQ_CRC32_CLMUL
    // Below two blocks the tables are as fast, and folding needs one block to start from.
    if (data.size() >= 64 && has_clmul())
        return crc32_clmul(reinterpret_cast<const unsigned char*>(data.data()), data.size());
#endif
    return crc32_portable(data);
}

} // namespace dynaq::detail

#include <dynaq/detail/http_crc32.hpp>

#include <array>
#include <bit>
#include <cstring>

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

} // namespace

std::uint32_t crc32(std::string_view data) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (; n >= 8; n -= 8, p += 8) {
        const std::uint32_t one = load_le32(p) ^ crc;
        const std::uint32_t two = load_le32(p + 4);
        crc = tables[7][one & 0xFFu] ^ tables[6][(one >> 8) & 0xFFu] ^
              tables[5][(one >> 16) & 0xFFu] ^ tables[4][one >> 24] ^ tables[3][two & 0xFFu] ^
              tables[2][(two >> 8) & 0xFFu] ^ tables[1][(two >> 16) & 0xFFu] ^ tables[0][two >> 24];
    }
    for (; n > 0; --n, ++p)
        crc = tables[0][(crc ^ *p) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

} // namespace dynaq::detail

#include "codec/base64.hpp"

#include <array>
#include <cstdint>

namespace dynaq::detail {

namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::uint8_t invalid = 0xFF;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
    std::array<std::uint8_t, 256> t{};
    for (auto& x : t)
        x = invalid;
    for (std::uint8_t i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(alphabet[i])] = i;
    return t;
}

constexpr auto decode_table = make_decode_table();

std::uint8_t sextet(char c) noexcept {
    return decode_table[static_cast<unsigned char>(c)];
}

} // namespace

void base64_encode(std::string_view bytes, std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + base64_encoded_size(bytes.size()));
    char* o = out.data() + start;
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    for (; n >= 3; n -= 3, in += 3) {
        const std::uint32_t v = (std::uint32_t{in[0]} << 16) | (std::uint32_t{in[1]} << 8) | in[2];
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (n > 0) {
        const std::uint32_t v =
            (std::uint32_t{in[0]} << 16) | (n == 2 ? std::uint32_t{in[1]} << 8 : 0U);
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = n == 2 ? alphabet[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
}

std::string base64_encode(std::string_view bytes) {
    std::string out;
    base64_encode(bytes, out);
    return out;
}

namespace {

// Decodes n characters at `in` into `o`, which may be `in` itself: each group of four
// characters is read before its three bytes are written, behind the reading position.
// Returns the number of bytes, or std::nullopt for text that is not canonical base64.
std::optional<std::size_t> decode_into(const char* in, std::size_t n, char* o) noexcept {
    if (n % 4 != 0)
        return std::nullopt;
    if (n == 0)
        return 0;
    std::size_t pad = 0;
    if (in[n - 1] == '=')
        pad = in[n - 2] == '=' ? 2 : 1;
    const std::size_t size = n / 4 * 3 - pad;
    const std::size_t full = n / 4 - (pad ? 1 : 0);
    for (std::size_t q = 0; q < full; ++q, in += 4) {
        const std::uint8_t a = sextet(in[0]), b = sextet(in[1]), c = sextet(in[2]),
                           d = sextet(in[3]);
        if ((a | b | c | d) & 0xC0) // only `invalid` has the high bits set
            return std::nullopt;
        const std::uint32_t v =
            (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) | (std::uint32_t{c} << 6) | d;
        *o++ = static_cast<char>(v >> 16);
        *o++ = static_cast<char>(v >> 8);
        *o++ = static_cast<char>(v);
    }
    if (pad) {
        const std::uint8_t a = sextet(in[0]), b = sextet(in[1]);
        const std::uint8_t c = pad == 1 ? sextet(in[2]) : 0;
        // The unused low bits of the last character must be zero, or two different texts
        // would decode to the same bytes.
        const bool ok = a != invalid && b != invalid && c != invalid &&
                        (pad == 2 ? (b & 0x0F) == 0 : (c & 0x03) == 0);
        if (!ok)
            return std::nullopt;
        const std::uint32_t v =
            (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) | (std::uint32_t{c} << 6);
        *o++ = static_cast<char>(v >> 16);
        if (pad == 1)
            *o++ = static_cast<char>(v >> 8);
    }
    return size;
}

} // namespace

bool base64_decode(std::string_view text, std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + text.size() / 4 * 3);
    const auto size = decode_into(text.data(), text.size(), out.data() + start);
    out.resize(start + size.value_or(0));
    return size.has_value();
}

std::optional<std::size_t> base64_decode_in_place(char* text, std::size_t size) noexcept {
    return decode_into(text, size, text);
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    if (!base64_decode(text, out))
        return std::nullopt;
    return out;
}

} // namespace dynaq::detail

#pragma once
// Base64 with the standard alphabet and padding (RFC 4648 section 4), as DynamoDB uses for B
// and BS values. The decoder is strict: it accepts only canonical encodings (length a
// multiple of 4, padding only at the end, unused trailing bits zero, no whitespace), so a
// malformed response is reported instead of silently turning into different bytes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

[[nodiscard]] constexpr std::size_t base64_encoded_size(std::size_t bytes) noexcept {
    return (bytes + 2) / 3 * 4;
}

/// Appends the encoding of `bytes` to `out`.
void base64_encode(std::string_view bytes, std::string& out);
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// Appends the decoded bytes to `out` and returns true, or returns false and leaves `out`
/// as it was when `text` is not canonical base64.
[[nodiscard]] bool base64_decode(std::string_view text, std::string& out);
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);
/// Decodes in place (the bytes overwrite the start of the text); returns their number, or
/// std::nullopt for text that is not canonical base64 (the text is then garbage).
[[nodiscard]] std::optional<std::size_t> base64_decode_in_place(char* text,
                                                                std::size_t size) noexcept;

} // namespace dynaq::detail

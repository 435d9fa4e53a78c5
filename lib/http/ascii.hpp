#pragma once
// ASCII case folding for protocol text (settings, host names, URL schemes). Not std::tolower:
// that consults the locale, and these texts are ASCII by definition.
#include <algorithm>
#include <string>
#include <string_view>

namespace dynaq::detail {

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` equals `lower` (already lower case) ignoring the case of `text`.
[[nodiscard]] inline bool equals_lower(std::string_view text, std::string_view lower) noexcept {
    return text.size() == lower.size() &&
           std::equal(text.begin(), text.end(), lower.begin(),
                      [](char a, char b) { return ascii_lower(a) == b; });
}

[[nodiscard]] inline std::string to_ascii_lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), ascii_lower);
    return out;
}

} // namespace dynaq::detail

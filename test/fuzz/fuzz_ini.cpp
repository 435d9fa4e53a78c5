// libFuzzer target for the INI parser of the shared config and credentials files (text a user
// or a tool wrote): it either parses or throws ConfigError. What it parses has keys trimmed and
// lowercased, and a document of plain sections and properties written back out parses to the
// same document.
#include "../../lib/auth/ini.hpp"

#include <dynaq/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool ok) {
    if (!ok)
        std::abort();
}

// Text that needs no quoting in any position of the format.
bool plain(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.' || c == '/'))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    dynaq::detail::IniDocument doc;
    try {
        doc = dynaq::detail::parse_ini(text, "fuzz");
    } catch (const dynaq::ConfigError&) {
        return 0;
    }
    dynaq::detail::IniDocument simple;
    std::string written;
    for (const auto& [section, properties] : doc) {
        for (const auto& [key, value] : properties) {
            require(dynaq::detail::trim_blanks(key) == key);
            for (char c : key)
                require(!(c >= 'A' && c <= 'Z'));
        }
        if (!plain(section))
            continue;
        written += "[" + section + "]\n";
        auto& copy = simple[section];
        for (const auto& [key, value] : properties)
            if (plain(key) && plain(value)) {
                written += key + " = " + value + "\n";
                copy[key] = value;
            }
    }
    require(dynaq::detail::parse_ini(written, "again") == simple);
    return 0;
}

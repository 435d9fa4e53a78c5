#pragma once
// The INI dialect of the AWS shared config and credentials files.
//
//   [section]                  name trimmed; text after ']' may only be a comment
//   key = value                key trimmed and lowercased, value trimmed
//   key = value  # comment     a '#' or ';' after whitespace starts a comment
//   # comment / ; comment      whole-line comments; blank lines are ignored
//   s3 =                       a line indented deeper than its property continues that
//     max_concurrency = 10     property's value (joined with '\n'), as AWS nests sub-settings
//
// A repeated section is merged and a repeated key overrides the earlier one. Anything else is
// a ConfigError naming the file and line.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

using IniProperties = std::map<std::string, std::string, std::less<>>;
/// Sections by their name as written between the brackets, e.g. "default" or "profile dev".
using IniDocument = std::map<std::string, IniProperties, std::less<>>;

/// Spaces and tabs: the only blanks of the format.
[[nodiscard]] constexpr bool is_ini_blank(char c) noexcept {
    return c == ' ' || c == '\t';
}

/// `text` without leading and trailing blanks.
[[nodiscard]] std::string_view trim_blanks(std::string_view text) noexcept;

/// Parses `text`; `source` names it in error messages (the file path).
[[nodiscard]] IniDocument parse_ini(std::string_view text, std::string_view source);

/// Reads and parses the file at `path`; nullopt when there is no such file. Throws ConfigError
/// when it exists but cannot be read or is malformed.
[[nodiscard]] std::optional<IniDocument> load_ini_file(const std::string& path);

} // namespace dynaq::detail

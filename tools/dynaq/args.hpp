#pragma once
// Command-line parsing for dynaq: a subcommand's options are declared once (CommandSpec) and
// both the parser and the --help text are derived from that declaration, so they never
// disagree. Pure: no I/O, so it is unit-tested without a server.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq_cli {

/// A mistake on the command line (exit code 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name{};  ///< "--limit"
    std::string value{}; ///< the value's placeholder ("N"); empty for a flag
    std::string help{};  ///< one line
    bool repeatable = false;
};

struct CommandSpec {
    std::string name{};                     ///< "query"
    std::string summary{};                  ///< one line, for `dynaq --help`
    std::vector<std::string> positionals{}; ///< placeholders of the required arguments
    /// Placeholder of one optional argument after the required ones ("[FILE]"), or empty.
    std::string optional_positional{};
    std::vector<OptionSpec> options{};
    std::string details{}; ///< more text after the options (may span lines)
};

/// The options every subcommand takes: --endpoint, --region, --profile, --help.
[[nodiscard]] const std::vector<OptionSpec>& common_options();

class Args {
public:
    /// Whether a flag (or an option with a value) was given.
    [[nodiscard]] bool has(std::string_view option) const;
    /// The last value given for an option (empty for a flag).
    [[nodiscard]] std::optional<std::string> get(std::string_view option) const;
    /// Every value given for a repeatable option, in order.
    [[nodiscard]] std::vector<std::string> all(std::string_view option) const;
    /// The value as an integer in [min, max]; UsageError otherwise.
    [[nodiscard]] std::optional<std::int64_t> integer(std::string_view option, std::int64_t min,
                                                      std::int64_t max) const;
    [[nodiscard]] const std::vector<std::string>& positionals() const noexcept {
        return positionals_;
    }

private:
    friend Args parse_args(const CommandSpec&, std::span<const std::string>);
    std::map<std::string, std::vector<std::string>, std::less<>> values_;
    std::vector<std::string> positionals_;
};

/// Parses the words after the subcommand. Accepts `--opt VALUE`, `--opt=VALUE`, flags, and `--`
/// to end the options (so a value may start with "--"). A lone `-` is an argument (stdin).
/// Throws UsageError for unknown options, missing values, a repeated non-repeatable option, and
/// a wrong number of arguments. `--help` skips the argument count check.
[[nodiscard]] Args parse_args(const CommandSpec& spec, std::span<const std::string> words);

/// The --help text of one subcommand.
[[nodiscard]] std::string help_text(const CommandSpec& spec);

} // namespace dynaq_cli

#pragma once
// How a failure ends dynaq: one line on stderr and an exit code that scripts can branch on.
// The codes are listed in `dynaq --help` (exit_code_help) and README.
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dynaq_cli {

namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int failure = 1;          ///< anything not listed below
inline constexpr int usage = 2;            ///< bad option, argument or request
inline constexpr int item_not_found = 3;   ///< get: no item with that key
inline constexpr int table_not_found = 4;  ///< no such table (ResourceNotFound)
inline constexpr int condition_failed = 5; ///< a --condition did not hold
inline constexpr int throttled = 6;        ///< throttled beyond retries, items left unwritten
inline constexpr int config = 7;           ///< region, credentials, access denied
inline constexpr int bad_input = 8;        ///< import: malformed JSON Lines or CSV
inline constexpr int network = 9;          ///< connection failed or timed out
inline constexpr int table_in_use = 10;    ///< table exists already, or is being changed
inline constexpr int interrupted = 130;    ///< Ctrl-C (or SIGTERM)
} // namespace exit_code

/// Malformed input data (import): the message starts with "line N: ".
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Failure {
    int code = exit_code::failure;
    std::string message{}; ///< one line, without the "dynaq: " prefix
};

/// The exit code and message for an exception thrown while running a subcommand; `table` is
/// the table it worked on (empty if none), for messages like `table "x" not found`.
[[nodiscard]] Failure describe_failure(const std::exception_ptr& error, std::string_view table);

/// The exit code table, for --help.
[[nodiscard]] std::string exit_code_help();

} // namespace dynaq_cli

#pragma once
// Running credential_process: the command line split as the AWS CLI splits it (POSIX shell
// words, no shell), the program run on a thread of its own so that the event loop never
// waits for it, its standard output collected under a time limit.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq::detail {

/// Words as a POSIX shell (Python's shlex.split, which the AWS CLI uses) reads them: blanks
/// separate; '...' is literal; "..." keeps its text, with \\ and \" escaped; a
/// backslash outside quotes escapes the next character. No expansion of any kind. Throws
/// ConfigError naming `source` for an unclosed quote or an empty command.
[[nodiscard]] std::vector<std::string> split_command_line(std::string_view line,
                                                          std::string_view source);

struct ProcessResult {
    int exit_status = 0; ///< the exit code; 128 + N for a signal N
    std::string output;  ///< standard output
};

/// Runs `argv` (argv[0] looked up in PATH) with standard input and error inherited. Waits on
/// a thread of its own and resumes the caller on its executor. Throws CredentialsError when
/// it cannot be started, when it runs past `timeout` (it is killed) or prints more than 1 MB.
[[nodiscard]] boost::asio::awaitable<ProcessResult>
run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

} // namespace dynaq::detail

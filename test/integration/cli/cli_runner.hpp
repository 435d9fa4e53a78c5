#pragma once
// Runs the dynaq executable as a subprocess for the CLI integration tests: feeds stdin,
// captures stdout, stderr and the exit code, with the environment adjusted per call.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace dynaq::test {

struct CliResult {
    int exit_code = -1; ///< the exit status, or 128 + signal number
    std::string out;
    std::string err;
};

struct CliCall {
    std::vector<std::string> args{};
    std::string input{};
    /// Variables to set (a value) or remove (nullopt) in the inherited environment.
    std::map<std::string, std::optional<std::string>> env{};
};

/// What a run printed and how it ended, for INFO() when a check fails.
[[nodiscard]] std::string shown(const CliResult& r);

/// Runs DYNAQ_CLI with `call`, waits for it to end and returns what it did.
[[nodiscard]] CliResult run_cli(const CliCall& call);

/// A running dynaq whose stdin stays open until close_input(): for the Ctrl-C test.
class CliProcess {
public:
    explicit CliProcess(const std::vector<std::string>& args);
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    void write(const std::string& text);
    void signal(int signo);
    /// Closes stdin, reads stdout and stderr to their end, and waits for the exit.
    CliResult finish();

private:
    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    int err_ = -1;
};

} // namespace dynaq::test

#include "process_runner.hpp"

#include <dynaq/error.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace dynaq::detail {

namespace asio = boost::asio;

namespace {

constexpr std::size_t largest_output = 1024 * 1024;

// Closes a descriptor however the run ends.
class Fd {
public:
    explicit Fd(int fd = -1) noexcept : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset() noexcept {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

int wait_for_exit(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 255;
}

// The blocking part, on its own thread.
ProcessResult run_blocking(const std::vector<std::string>& argv,
                           std::chrono::milliseconds timeout) {
    const std::string& program = argv.front();
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw CredentialsError("cannot run credential_process " + program + ": " +
                               std::strerror(errno));
    Fd read_end(pipe_fds[0]);
    Fd write_end(pipe_fds[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned =
        ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        throw CredentialsError("cannot run credential_process " + program + ": " +
                               std::strerror(spawned));
    write_end.reset(); // the child's copy stays open until it exits

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string failure;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "did not finish within " + std::to_string(timeout.count()) + " ms";
            break;
        }
        pollfd ready{read_end.get(), POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(left.count()));
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled <= 0)
            continue; // the deadline check above ends it
        const ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // end of output
        result.output.append(buffer, static_cast<std::size_t>(n));
        if (result.output.size() > largest_output) {
            failure = "printed more than 1 MB";
            break;
        }
    }
    if (!failure.empty()) {
        ::kill(pid, SIGKILL);
        (void)wait_for_exit(pid);
        throw CredentialsError("credential_process " + program + ' ' + failure);
    }
    result.exit_status = wait_for_exit(pid);
    return result;
}

} // namespace

std::vector<std::string> split_command_line(std::string_view line, std::string_view source) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_word)
                words.push_back(std::exchange(word, {}));
            in_word = false;
        } else if (c == '\'') {
            const auto end = line.find('\'', i + 1);
            if (end == std::string_view::npos)
                throw ConfigError(std::string(source) + " has an unclosed ' quote");
            word.append(line.substr(i + 1, end - i - 1));
            i = end;
            in_word = true;
        } else if (c == '"') {
            std::size_t j = i + 1;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\' && j + 1 < line.size() &&
                    (line[j + 1] == '\\' || line[j + 1] == '"'))
                    ++j;
                word += line[j];
            }
            if (j >= line.size())
                throw ConfigError(std::string(source) + " has an unclosed \" quote");
            i = j;
            in_word = true;
        } else if (c == '\\') {
            if (i + 1 >= line.size())
                throw ConfigError(std::string(source) + " ends with a lone backslash");
            word += line[++i];
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word)
        words.push_back(std::move(word));
    if (words.empty())
        throw ConfigError(std::string(source) + " is empty");
    return words;
}

asio::awaitable<ProcessResult> run_process(const std::vector<std::string>& argv,
                                           std::chrono::milliseconds timeout) {
    const asio::any_io_executor executor = co_await asio::this_coro::executor;
    auto initiate = [executor, argv, timeout](auto handler) {
        // The work guard keeps the caller's io_context running until the result is posted.
        std::thread([handler = std::move(handler), work = asio::make_work_guard(executor), argv,
                     timeout]() mutable {
            std::exception_ptr error;
            ProcessResult result;
            try {
                result = run_blocking(argv, timeout);
            } catch (...) {
                error = std::current_exception();
            }
            const auto resume = work.get_executor();
            asio::post(resume,
                       [handler = std::move(handler), error, result = std::move(result)]() mutable {
                           std::move(handler)(error, std::move(result));
                       });
        }).detach();
    };
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>,
                                            void(std::exception_ptr, ProcessResult)>(
        initiate, asio::use_awaitable);
}

} // namespace dynaq::detail

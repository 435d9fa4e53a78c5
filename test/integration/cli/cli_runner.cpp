#include "cli_runner.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace dynaq::test {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

std::vector<std::string> environment(const std::map<std::string, std::optional<std::string>>& env) {
    std::vector<std::string> out;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        if (!env.contains(entry.substr(0, entry.find('='))))
            out.push_back(entry);
    }
    for (const auto& [name, value] : env)
        if (value)
            out.push_back(name + '=' + *value);
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

struct Pipe {
    int read = -1;
    int write = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            fail("pipe");
        read = fds[0];
        write = fds[1];
    }
};

// Spawns DYNAQ_CLI with stdin/stdout/stderr on pipes; returns the pid and our pipe ends.
pid_t spawn(const std::vector<std::string>& args, std::vector<std::string> env, int& in, int& out,
            int& err) {
    // A child that exits before reading its input must not kill the test with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    Pipe p_in, p_out, p_err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, p_in.read, 0);
    posix_spawn_file_actions_adddup2(&actions, p_out.write, 1);
    posix_spawn_file_actions_adddup2(&actions, p_err.write, 2);
    std::vector<std::string> argv_strings{DYNAQ_CLI};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    auto argv = pointers(argv_strings);
    auto envp = pointers(env);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, DYNAQ_CLI, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(p_in.read);
    ::close(p_out.write);
    ::close(p_err.write);
    if (rc != 0) {
        errno = rc;
        fail(std::string("spawning ") + DYNAQ_CLI);
    }
    in = p_in.write;
    out = p_out.read;
    err = p_err.read;
    return pid;
}

// Writes `input` (then closes stdin, unless keep_open) while draining stdout and stderr, so
// neither side blocks on a full pipe.
void pump(int& in, int& out, int& err, const std::string& input, bool keep_open, CliResult* r) {
    std::size_t sent = 0;
    if (in >= 0)
        ::fcntl(in, F_SETFL, O_NONBLOCK);
    for (;;) {
        if (in >= 0 && sent == input.size() && !keep_open) {
            ::close(in);
            in = -1;
        }
        pollfd fds[3];
        nfds_t n = 0;
        if (in >= 0 && sent < input.size())
            fds[n++] = {in, POLLOUT, 0};
        if (r != nullptr && out >= 0)
            fds[n++] = {out, POLLIN, 0};
        if (r != nullptr && err >= 0)
            fds[n++] = {err, POLLIN, 0};
        if (n == 0)
            return;
        if (::poll(fds, n, -1) < 0) {
            if (errno == EINTR)
                continue;
            fail("poll");
        }
        for (nfds_t i = 0; i < n; ++i) {
            if (fds[i].revents == 0)
                continue;
            if (fds[i].fd == in) {
                const ssize_t k = ::write(in, input.data() + sent, input.size() - sent);
                if (k > 0)
                    sent += static_cast<std::size_t>(k);
                else if (k < 0 && errno != EAGAIN) { // the child stopped reading
                    ::close(in);
                    in = -1;
                    sent = input.size();
                }
                continue;
            }
            char buffer[65536];
            const ssize_t k = ::read(fds[i].fd, buffer, sizeof buffer);
            int& fd = fds[i].fd == out ? out : err;
            if (k <= 0) {
                ::close(fd);
                fd = -1;
            } else {
                (fds[i].fd == out ? r->out : r->err).append(buffer, static_cast<std::size_t>(k));
            }
        }
        if (r == nullptr && (in < 0 || sent == input.size()))
            return;
    }
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            fail("waitpid");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

std::string shown(const CliResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out + "\nstderr: " + r.err;
}

CliResult run_cli(const CliCall& call) {
    int in = -1, out = -1, err = -1;
    const pid_t pid = spawn(call.args, environment(call.env), in, out, err);
    CliResult r;
    pump(in, out, err, call.input, false, &r);
    r.exit_code = wait_for(pid);
    return r;
}

CliProcess::CliProcess(const std::vector<std::string>& args) {
    pid_ = spawn(args, environment({}), in_, out_, err_);
}

CliProcess::~CliProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        (void)finish();
    }
}

void CliProcess::write(const std::string& text) {
    pump(in_, out_, err_, text, true, nullptr);
}

void CliProcess::signal(int signo) {
    ::kill(pid_, signo);
}

CliResult CliProcess::finish() {
    CliResult r;
    const std::string nothing;
    pump(in_, out_, err_, nothing, false, &r);
    r.exit_code = wait_for(pid_);
    pid_ = -1;
    return r;
}

} // namespace dynaq::test

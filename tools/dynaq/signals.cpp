#include "signals.hpp"

#include "errors.hpp"

#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace dynaq_cli {

namespace {

volatile std::sig_atomic_t interrupts = 0;
int wakeup_fds[2] = {-1, -1};

extern "C" void on_signal(int) {
    if (interrupts != 0)
        ::_exit(exit_code::interrupted);
    interrupts = 1;
    const char byte = 1;
    [[maybe_unused]] const ssize_t ignored = ::write(wakeup_fds[1], &byte, 1);
}

void install(void (*handler)(int)) {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: see the header
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

} // namespace

InterruptWatch::InterruptWatch(boost::asio::io_context& io, std::function<void()> on_interrupt) :
    wakeup_(io), on_interrupt_(std::move(on_interrupt)) {
    if (::pipe2(wakeup_fds, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error("cannot create a pipe for signal handling");
    wakeup_.assign(wakeup_fds[0]);
    install(on_signal);
    wakeup_.async_read_some(boost::asio::buffer(&byte_, 1),
                            [this](const boost::system::error_code& ec, std::size_t) {
                                if (!ec)
                                    on_interrupt_();
                            });
}

InterruptWatch::~InterruptWatch() {
    install(SIG_DFL);
    boost::system::error_code ignored;
    wakeup_.close(ignored);
    ::close(wakeup_fds[1]);
    wakeup_fds[0] = wakeup_fds[1] = -1;
}

void InterruptWatch::stop() {
    boost::system::error_code ignored;
    wakeup_.cancel(ignored);
}

bool InterruptWatch::requested() noexcept {
    return interrupts != 0;
}

} // namespace dynaq_cli

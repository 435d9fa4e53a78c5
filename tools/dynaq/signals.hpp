#pragma once
// Ctrl-C (SIGINT) and SIGTERM for a running subcommand. The first one sets a flag that code
// can test synchronously (a loop between two reads of its input) and wakes the io_context to
// cancel what is awaited; a second one ends the process at once. The handler does not ask for
// restarted system calls, so a read of stdin that is waiting returns (EINTR) instead of
// blocking Ctrl-C.
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <functional>

namespace dynaq_cli {

class InterruptWatch {
public:
    /// Installs the handlers; `on_interrupt` runs once, on the io_context, after the first.
    InterruptWatch(boost::asio::io_context& io, std::function<void()> on_interrupt);
    /// Restores the default handlers.
    ~InterruptWatch();
    InterruptWatch(const InterruptWatch&) = delete;
    InterruptWatch& operator=(const InterruptWatch&) = delete;

    /// Stops waiting, so the io_context can run out of work.
    void stop();

    /// Whether SIGINT or SIGTERM arrived since the handlers were installed.
    [[nodiscard]] static bool requested() noexcept;

private:
    boost::asio::posix::stream_descriptor wakeup_;
    std::function<void()> on_interrupt_;
    char byte_ = 0;
};

} // namespace dynaq_cli

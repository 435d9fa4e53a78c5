#pragma once
// One keep-alive HTTP/1.1 connection, plain TCP or TLS, with the buffers it reuses from
// request to request and a watchdog timer for deadlines.
//
// The watchdog does not cancel Asio operations (that would have to run on the executor of
// whichever coroutine is using the connection, and a pooled connection passes between
// coroutines and threads). Instead it shuts the socket down at the OS level, which is safe
// from any thread: the pending read, write or connect then fails, and the attempt sees
// timed_out(). The fd and the timer are guarded by a mutex taken by close(), arm/disarm
// (once per attempt) and the watchdog, never per read. The idle-read bound rides on the same
// timer: reads only move an atomic idle deadline forward, and the watchdog, waking at the old
// one, goes back to sleep until the new one.
#include "http/retry_fsm.hpp"
#include <dynaq/endpoint.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>

namespace dynaq::detail {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    using tcp = boost::asio::ip::tcp;
    using tls_stream_type = boost::asio::ssl::stream<tcp::socket>;
    using clock = std::chrono::steady_clock;

    /// `tls` null: plain TCP. The context must outlive the connection.
    HttpConnection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context* tls,
                   std::uint64_t id);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    [[nodiscard]] bool is_tls() const noexcept { return tls_.has_value(); }
    [[nodiscard]] tcp::socket& socket() noexcept { return tls_ ? tls_->next_layer() : plain_; }
    [[nodiscard]] tls_stream_type& tls_stream() noexcept { return *tls_; }
    [[nodiscard]] std::uint64_t id() const noexcept { return id_; }

    struct ConnectResult {
        boost::system::error_code ec;
        TransportFailure failure;
        std::string detail; ///< extra words for the error message (TLS verification, proxy)
        std::string_view phase = "while connecting"; ///< how far it got, for the message
    };

    /// Connects to the first of `endpoints` that answers; with a `tunnel_request` (CONNECT,
    /// when they are a proxy's addresses) opens the tunnel through it; then (TLS) handshakes
    /// with SNI and certificate + host name verification for `server` unless `verify` is
    /// false. The watchdog must be armed by the caller.
    [[nodiscard]] boost::asio::awaitable<ConnectResult>
    connect(std::span<const tcp::endpoint> endpoints, const Endpoint& server, bool verify,
            std::string_view tunnel_request = {});

    /// Starts the watchdog: at `deadline` the socket is shut down. With a non-zero `idle`,
    /// watch_idle() later adds the idle-read bound.
    void arm(clock::time_point deadline, clock::duration idle = {});
    /// From now on the socket is also shut down when no byte arrives for the `idle` given to
    /// arm(); each note_progress() starts that period again. Called once the request is
    /// written: only waiting for the answer counts as idle.
    void watch_idle();
    /// Bytes arrived. One atomic store: the watchdog, when it wakes early, looks at it and
    /// sleeps again instead of re-arming a timer per read.
    void note_progress() noexcept {
        if (idle_.count() > 0)
            idle_deadline_.store((clock::now() + idle_).time_since_epoch().count(),
                                 std::memory_order_relaxed);
    }
    /// Stops the watchdog. False when it has fired: the connection is then unusable.
    [[nodiscard]] bool disarm() noexcept;
    [[nodiscard]] bool timed_out() const noexcept {
        return timed_out_.load(std::memory_order_acquire);
    }
    /// The watchdog fired for the idle-read bound (not the deadline).
    [[nodiscard]] bool idle_fired() const noexcept {
        return idle_fired_.load(std::memory_order_acquire);
    }

    /// An idle connection is fit for reuse when the peer has neither closed it nor sent
    /// anything unasked: a non-blocking peek must find no data and no EOF.
    [[nodiscard]] bool idle_usable() noexcept;

    /// Closes the socket (idempotent, thread-safe against the watchdog).
    void close() noexcept;

    /// Reused per request: the serialized request header and the read buffer.
    std::string head;
    boost::beast::flat_buffer buffer;

private:
    void open(const tcp& protocol, boost::system::error_code& ec);
    [[nodiscard]] boost::asio::awaitable<void> open_tunnel(std::string_view request,
                                                           ConnectResult& r);
    void on_watchdog(std::uint64_t generation) noexcept;
    void wait_locked(clock::time_point when);

    tcp::socket plain_;
    std::optional<tls_stream_type> tls_;
    boost::asio::steady_timer watchdog_; ///< its operations guarded by fd_mutex_
    std::mutex fd_mutex_;
    int fd_ = -1; ///< guarded by fd_mutex_
    std::atomic<bool> timed_out_{false};
    std::atomic<bool> idle_fired_{false};
    // Guarded by fd_mutex_: the watchdog's handler reads them on whatever thread it runs.
    bool armed_ = false;
    std::uint64_t generation_ = 0; ///< tells a stale handler (of an earlier wait) apart
    clock::time_point deadline_;
    clock::duration idle_{0}; ///< written by arm() only, before any wait that reads it
    std::atomic<clock::rep> idle_deadline_{clock::time_point::max().time_since_epoch().count()};
    bool name_mismatch_ = false; ///< set by the TLS verify callback
    std::uint64_t id_;
};

} // namespace dynaq::detail

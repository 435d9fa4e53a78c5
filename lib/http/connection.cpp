#include "proxy.hpp"

#include "http/http_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace dynaq::detail {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// "host:port" of a CONNECT request line, for the message.
std::string server_authority(std::string_view request) {
    const auto start = request.find(' ');
    const auto end = request.find(' ', start + 1);
    return std::string(request.substr(start + 1, end - start - 1));
}

} // namespace

HttpConnection::HttpConnection(const asio::any_io_executor& executor, asio::ssl::context* tls,
                               std::uint64_t id) :
    plain_(executor),
    watchdog_(executor), id_(id) {
    if (tls != nullptr)
        tls_.emplace(executor, *tls);
}

HttpConnection::~HttpConnection() {
    close();
}

void HttpConnection::open(const tcp& protocol, error_code& ec) {
    std::lock_guard lock(fd_mutex_);
    socket().open(protocol, ec);
    fd_ = ec ? -1 : socket().native_handle();
}

void HttpConnection::close() noexcept {
    std::lock_guard lock(fd_mutex_);
    fd_ = -1;
    error_code ignored;
    socket().close(ignored);
}

void HttpConnection::arm(clock::time_point deadline, clock::duration idle) {
    std::lock_guard lock(fd_mutex_);
    timed_out_.store(false, std::memory_order_relaxed);
    idle_fired_.store(false, std::memory_order_relaxed);
    idle_deadline_.store(clock::time_point::max().time_since_epoch().count(),
                         std::memory_order_relaxed);
    idle_ = idle;
    deadline_ = deadline;
    armed_ = true;
    wait_locked(deadline);
}

void HttpConnection::watch_idle() {
    if (idle_.count() <= 0)
        return;
    std::lock_guard lock(fd_mutex_);
    if (!armed_ || timed_out())
        return;
    const auto idle_deadline = clock::now() + idle_;
    idle_deadline_.store(idle_deadline.time_since_epoch().count(), std::memory_order_relaxed);
    if (idle_deadline < deadline_)
        wait_locked(idle_deadline);
}

void HttpConnection::wait_locked(clock::time_point when) {
    const std::uint64_t generation = ++generation_;
    watchdog_.expires_at(when); // cancels the earlier wait, whose handler then does nothing
    // The handler owns the connection, so the fd cannot be closed and reused by another
    // socket before the handler has run.
    watchdog_.async_wait([self = shared_from_this(), generation](error_code ec) {
        if (!ec)
            self->on_watchdog(generation);
    });
}

bool HttpConnection::disarm() noexcept {
    std::lock_guard lock(fd_mutex_);
    if (armed_) {
        armed_ = false;
        // A handler already queued finds armed_ false and leaves the socket alone.
        watchdog_.cancel();
    }
    return !timed_out();
}

void HttpConnection::on_watchdog(std::uint64_t generation) noexcept {
    std::lock_guard lock(fd_mutex_);
    if (!armed_ || generation != generation_)
        return;
    const auto now = clock::now();
    if (now < deadline_) {
        const clock::time_point idle_deadline{
            clock::duration(idle_deadline_.load(std::memory_order_relaxed))};
        if (now < idle_deadline) {
            // Bytes arrived since this wait began: sleep until the moved idle deadline.
            try {
                wait_locked(std::min(deadline_, idle_deadline));
                return;
            } catch (...) {
                // Cannot wait again (out of memory): end the attempt rather than never.
            }
        } else {
            idle_fired_.store(true, std::memory_order_release);
        }
    }
    timed_out_.store(true, std::memory_order_release);
    if (fd_ >= 0)
        ::shutdown(fd_, SHUT_RDWR);
}

bool HttpConnection::idle_usable() noexcept {
    if (!socket().is_open())
        return false;
    char c;
    const auto n = ::recv(socket().native_handle(), &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

asio::awaitable<void> HttpConnection::open_tunnel(std::string_view request, ConnectResult& r) {
    r.phase = "while opening the proxy tunnel (CONNECT)";
    std::size_t written = 0;
    std::tie(r.ec, written) = co_await asio::async_write(socket(), asio::buffer(request), nothrow);
    ConnectResponse answer;
    char chunk[1024];
    while (!r.ec && answer.state() == ConnectResponse::State::need_more) {
        std::size_t n = 0;
        std::tie(r.ec, n) = co_await socket().async_read_some(asio::buffer(chunk), nothrow);
        if (!r.ec)
            (void)answer.feed(std::string_view(chunk, n));
    }
    if (r.ec) {
        r.failure = r.ec == asio::error::operation_aborted ? TransportFailure::cancelled
                    : timed_out()                          ? TransportFailure::timeout
                                                           : TransportFailure::reset;
        r.detail = "the proxy closed the connection before answering CONNECT: " + r.ec.message();
        co_return;
    }
    switch (answer.state()) {
    case ConnectResponse::State::established:
        r.failure = TransportFailure::none;
        co_return;
    case ConnectResponse::State::refused:
        r.ec = make_error_code(std::errc::connection_refused);
        // A 5xx is the proxy failing to reach DynamoDB: like a failed connect, worth another
        // attempt. Anything else (407, 403) is its policy, which a retry does not change.
        r.failure =
            answer.status() >= 500 ? TransportFailure::connect : TransportFailure::proxy_refused;
        r.detail = "the proxy answered CONNECT " + server_authority(request) + " with '" +
                   answer.status_line() + "'";
        co_return;
    case ConnectResponse::State::malformed:
    case ConnectResponse::State::need_more:
        break;
    }
    r.ec = make_error_code(std::errc::protocol_error);
    r.failure = TransportFailure::protocol;
    r.detail = "the proxy's answer to CONNECT is not an HTTP response header";
}

asio::awaitable<HttpConnection::ConnectResult>
HttpConnection::connect(std::span<const tcp::endpoint> endpoints, const Endpoint& server,
                        bool verify, std::string_view tunnel_request) {
    ConnectResult r{asio::error::host_not_found, TransportFailure::connect, {}};
    for (const auto& ep : endpoints) {
        close();
        open(ep.protocol(), r.ec);
        if (r.ec)
            continue;
        std::tie(r.ec) = co_await socket().async_connect(ep, nothrow);
        if (!r.ec || r.ec == asio::error::operation_aborted || timed_out())
            break;
    }
    if (r.ec) {
        r.failure = r.ec == asio::error::operation_aborted ? TransportFailure::cancelled
                    : timed_out()                          ? TransportFailure::timeout
                                                           : TransportFailure::connect;
        co_return r;
    }
    error_code ignored;
    // Requests are written in one gather write and answered at once: Nagle would only add
    // a delayed-ACK stall.
    socket().set_option(tcp::no_delay(true), ignored);
    if (!tunnel_request.empty()) {
        co_await open_tunnel(tunnel_request, r);
        if (r.failure != TransportFailure::none)
            co_return r;
    }
    if (!tls_) {
        r.failure = TransportFailure::none;
        co_return r;
    }

    r.phase = "in the TLS handshake";
    SSL* ssl = tls_->native_handle();
    // SNI carries names only; RFC 6066 forbids IP literals there.
    error_code not_ip;
    (void)asio::ip::make_address(server.host, not_ip);
    if (not_ip)
        SSL_set_tlsext_host_name(ssl, server.host.c_str());
    if (verify) {
        tls_->set_verify_mode(asio::ssl::verify_peer);
        tls_->set_verify_callback([this, check = asio::ssl::host_name_verification(server.host)](
                                      bool preverified, asio::ssl::verify_context& ctx) mutable {
            const bool ok = check(preverified, ctx);
            if (preverified && !ok)
                name_mismatch_ = true;
            return ok;
        });
    } else {
        tls_->set_verify_mode(asio::ssl::verify_none);
    }
    std::tie(r.ec) = co_await tls_->async_handshake(asio::ssl::stream_base::client, nothrow);
    if (!r.ec) {
        r.failure = TransportFailure::none;
        co_return r;
    }
    if (r.ec == asio::error::operation_aborted) {
        r.failure = TransportFailure::cancelled;
    } else if (timed_out()) {
        r.failure = TransportFailure::timeout;
    } else if (r.ec.category() == asio::error::get_ssl_category()) {
        // A certificate or protocol mismatch is not transient: retrying cannot fix it.
        r.failure = TransportFailure::tls;
        // Our callback refusing the name leaves OpenSSL with only "unspecified" to say.
        const long result = SSL_get_verify_result(ssl);
        if (name_mismatch_)
            r.detail = "the certificate does not match the host name '" + server.host + "'";
        else if (result != X509_V_OK)
            r.detail = X509_verify_cert_error_string(result);
    } else {
        r.failure = TransportFailure::reset; // EOF or reset during the handshake
    }
    co_return r;
}

} // namespace dynaq::detail

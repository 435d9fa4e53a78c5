// One attempt: get a connection (reused, or opened under a pool permit), sign and send the
// request, read the response, and describe what happened for the retry decision.
#include "transport_impl.hpp"

#include <dynaq/detail/http_crc32.hpp>
#include <dynaq/detail/http_exchange.hpp>
#include <dynaq/detail/http_response_parser.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>

#include <charconv>
#include <memory>

namespace dynaq {

namespace asio = boost::asio;
using detail::Attempt;
using detail::AttemptOutcome;
using detail::HttpConnection;
using detail::TransportFailure;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// The settings' names as a user writes them, for "timed out" messages.
namespace timeout_names {
constexpr std::string_view connect = "timeouts.connect";
constexpr std::string_view attempt = "timeouts.attempt";
constexpr std::string_view call_deadline = "timeouts.call_deadline";
} // namespace timeout_names

constexpr std::string_view content_type = "application/x-amz-json-1.0";

// Disarms the watchdog however the attempt ends, so that an abandoned attempt does not keep
// its connection (and socket) alive until the attempt deadline.
class WatchdogGuard {
public:
    WatchdogGuard(HttpConnection& conn, std::chrono::steady_clock::time_point deadline) :
        conn_(&conn) {
        conn.arm(deadline);
    }
    ~WatchdogGuard() {
        if (conn_ != nullptr)
            (void)conn_->disarm();
    }
    WatchdogGuard(const WatchdogGuard&) = delete;
    WatchdogGuard& operator=(const WatchdogGuard&) = delete;

    /// False when the watchdog fired.
    bool disarm() noexcept { return std::exchange(conn_, nullptr)->disarm(); }

private:
    HttpConnection* conn_;
};

TransportFailure classify_io_error(const boost::system::error_code& ec, bool timed_out) {
    namespace http = boost::beast::http;
    if (ec == asio::error::operation_aborted)
        return TransportFailure::cancelled;
    if (timed_out)
        return TransportFailure::timeout;
    // EOF before or inside a message means the peer went away: retry on a new connection.
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return TransportFailure::reset;
    // Any other parse error (or an oversized message): it is not the HTTP we expect.
    if (ec.category() == http::make_error_code(http::error::need_more).category())
        return TransportFailure::protocol;
    return TransportFailure::reset;
}

} // namespace

asio::awaitable<Transport::Impl::Endpoints>
Transport::Impl::resolve(boost::system::error_code& ec) {
    if (Endpoints fresh = addresses.fresh(clock::now()))
        co_return fresh;
    tcp::resolver resolver(executor);
    auto [rec, results] = co_await resolver.async_resolve(
        next_hop.host, std::to_string(next_hop.port), tcp::resolver::numeric_service, nothrow);
    if (rec) {
        ec = rec;
        co_return nullptr;
    }
    auto list = std::make_shared<std::vector<tcp::endpoint>>();
    for (const auto& entry : results)
        list->push_back(entry.endpoint());
    Endpoints stored = std::move(list);
    addresses.store(stored, clock::now());
    co_return stored;
}

void Transport::Impl::write_head(std::string& head, std::string_view target, std::string_view body,
                                 const Credentials& credentials) const {
    const HttpHeader signed_headers[] = {
        {"host", host_header},
        {"content-type", content_type},
        {"x-amz-target", target},
    };
    RequestToSign request;
    request.headers = signed_headers;
    request.payload = body;
    // Filled and read here with no suspension in between, so one per thread serves every
    // connection, and its strings, once grown, make signing allocation-free.
    thread_local SignedHeaders sig;
    signer.sign_into(request, credentials, std::chrono::system_clock::now(), sig);

    char length[24];
    const auto length_end = std::to_chars(length, length + sizeof length, body.size()).ptr;
    head.clear();
    head += request_line;
    head += "\r\nHost: ";
    head += host_header;
    if (!proxy_authorization.empty()) {
        head += "\r\n";
        head += proxy_authorization;
    }
    head += "\r\nContent-Type: ";
    head += content_type;
    head += "\r\nX-Amz-Target: ";
    head += target;
    head += "\r\nX-Amz-Date: ";
    head += sig.amz_date;
    if (!sig.security_token.empty()) {
        head += "\r\nX-Amz-Security-Token: ";
        head += sig.security_token;
    }
    head += "\r\nAuthorization: ";
    head += sig.authorization;
    head += "\r\nUser-Agent: ";
    head += config.user_agent;
    head += "\r\nContent-Length: ";
    head.append(length, length_end);
    head += "\r\n\r\n";
}

asio::awaitable<void> Transport::Impl::attempt(Attempt& a, std::string_view target,
                                               std::string_view body, clock::time_point deadline) {
    const auto attempt_deadline = std::min(deadline, clock::now() + config.timeouts.attempt);
    // Asked per attempt, before a connection is taken (a wait here must not hold one): a
    // rotating provider may hand out new credentials, and a refreshing one answers at once
    // unless its credentials have expired. Signed per attempt too: a retry after a backoff
    // must carry a fresh date.
    std::shared_ptr<const Credentials> credentials = config.credentials->try_get_shared();
    if (!credentials)
        credentials = co_await config.credentials->async_get_shared();
    // Which setting a watchdog firing from here on stands for.
    const detail::TimeoutSetting attempt_timeout =
        attempt_deadline < deadline
            ? detail::TimeoutSetting{timeout_names::attempt, config.timeouts.attempt}
            : detail::TimeoutSetting{timeout_names::call_deadline, config.timeouts.call_deadline};
    a.timeout = attempt_timeout;
    a.phase = "while waiting for a free connection";

    // A connection: idle ones first (skipping those the server closed meanwhile), else a
    // permit to open one, else wait for either.
    Pool::Lease lease = pool.try_acquire();
    for (;;) {
        if (!lease.valid()) {
            auto [status, granted] = co_await pool.acquire(deadline);
            if (status == detail::AcquireStatus::timeout) {
                a.timed(timeout_names::call_deadline, config.timeouts.call_deadline);
                a.fail(TransportFailure::timeout, false,
                       make_error_code(transport_errc::deadline_exceeded),
                       "no connection became free before the call deadline");
                co_return;
            }
            if (status == detail::AcquireStatus::cancelled) {
                a.fail(TransportFailure::cancelled, false,
                       asio::error::make_error_code(asio::error::operation_aborted));
                co_return;
            }
            lease = std::move(granted);
        }
        if (lease.connection() == nullptr || lease.connection()->idle_usable())
            break;
        lease.discard();
        lease = pool.try_acquire();
    }

    if (lease.connection() == nullptr) {
        a.phase = "while resolving the host name";
        boost::system::error_code ec;
        const Endpoints resolved_addresses = co_await resolve(ec);
        if (resolved_addresses == nullptr) {
            a.fail(TransportFailure::connect, false, ec, "cannot resolve " + next_hop.host);
            co_return;
        }
        // The context may exist for an http endpoint too (built to check the settings).
        auto conn = std::make_shared<HttpConnection>(executor, endpoint.tls ? &*tls : nullptr,
                                                     next_connection_id.fetch_add(1));
        const auto connect_deadline = clock::now() + config.timeouts.connect;
        if (connect_deadline < attempt_deadline)
            a.timed(timeout_names::connect, config.timeouts.connect);
        const std::vector<tcp::endpoint> order = addresses.next_order(*resolved_addresses);
        WatchdogGuard watchdog(*conn, std::min(attempt_deadline, connect_deadline));
        auto result = co_await conn->connect(order, endpoint, !config.tls.insecure_skip_verify,
                                             tunnel_request);
        if (!watchdog.disarm() && result.failure == TransportFailure::none)
            result.failure = TransportFailure::timeout;
        a.phase = result.phase;
        if (result.failure != TransportFailure::none) {
            if (result.failure == TransportFailure::connect)
                addresses.forget(); // the address may have moved: resolve again next time
            a.fail(result.failure, false, result.ec, std::move(result.detail));
            conn->close();
            co_return;
        }
        lease.attach(std::move(conn));
    }
    a.timeout = attempt_timeout; // past the connect, the attempt's own bound again

    HttpConnection& conn = *lease.connection();
    write_head(conn.head, target, body, *credentials);
    detail::ResponseParser parser(a.response.body, config.max_response_body);
    detail::ExchangeResult x;
    bool fired = false;
    {
        WatchdogGuard watchdog(conn, attempt_deadline);
        if (conn.is_tls())
            co_await detail::exchange(conn.tls_stream(), conn, body, parser, x);
        else
            co_await detail::exchange(conn.socket(), conn, body, parser, x);
        fired = !watchdog.disarm();
    }
    a.bytes_sent = x.bytes_sent;
    a.bytes_received = x.bytes_received;
    if (fired && !x.ec)
        x.ec = asio::error::timed_out; // finished just as the deadline hit: do not trust it
    if (x.ec && proxy && parser.is_header_done() && parser.status() == 407) {
        // The proxy's refusal, and it closed without waiting for the rest: still its answer.
        x.ec.clear();
    }
    if (x.ec) {
        a.phase = x.bytes_sent < conn.head.size() + body.size() ? "while sending"
                  : x.bytes_received == 0                       ? "while waiting for the first byte"
                  : parser.is_header_done()                     ? "while reading the body"
                                            : "while reading the response header";
        a.fail(classify_io_error(x.ec, fired || conn.timed_out()), x.bytes_sent > 0, x.ec);
        co_return;
    }

    a.response.status = parser.status();
    a.response.request_id = std::move(parser.request_id());
    if (a.response.status == 407 && proxy) {
        // A plain-HTTP proxy answers for itself: DynamoDB never saw the request.
        a.phase = {};
        a.fail(TransportFailure::proxy_refused, false,
               make_error_code(std::errc::permission_denied),
               "the proxy answered 407 Proxy Authentication Required");
        co_return;
    }
    const auto expected_crc = parser.crc32();
    if (parser.crc32_malformed() ||
        (expected_crc && *expected_crc != detail::crc32(a.response.body))) {
        // The body was read in full, but it (or the checksum) is damaged: retry, and do not
        // trust the connection it came over.
        a.fail(TransportFailure::crc32_mismatch, true,
               make_error_code(transport_errc::crc32_mismatch));
        co_return;
    }
    if (a.response.status >= 200 && a.response.status < 300) {
        a.outcome = AttemptOutcome::success(a.response.status);
    } else {
        a.error = detail::decode_error_response(a.response.body);
        a.outcome = AttemptOutcome::http_error(a.response.status, a.error.code);
    }
    // Reusable only when the exchange ended cleanly and nothing extra arrived.
    if (parser.keep_alive() && conn.buffer.size() == 0)
        lease.release_healthy();
}

} // namespace dynaq

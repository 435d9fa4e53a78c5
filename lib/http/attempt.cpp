// One attempt: get a connection (reused, or opened under a pool permit), sign and send the
// request, read the response. Only bytes move here; what each step means is the attempt
// FSM's call (lib/http/attempt_fsm.hpp).
#include "transport_impl.hpp"

#include "http/http_crc32.hpp"
#include "http/http_exchange.hpp"
#include "http/http_response_parser.hpp"
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <memory>

namespace dynaq {

namespace asio = boost::asio;
using detail::AttemptFsm;
using detail::HttpConnection;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view content_type = "application/x-amz-json-1.0";

// Disarms the watchdog however the attempt ends, so that an abandoned attempt does not keep
// its connection (and socket) alive until the attempt deadline.
class WatchdogGuard {
public:
    WatchdogGuard(HttpConnection& conn, std::chrono::steady_clock::time_point deadline,
                  std::chrono::steady_clock::duration idle = {}) :
        conn_(&conn) {
        conn.arm(deadline, idle);
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

asio::awaitable<void> Transport::Impl::attempt(AttemptFsm& fsm, Response& response,
                                               std::string_view target, std::string_view body,
                                               clock::time_point attempt_deadline,
                                               clock::time_point deadline) {
    // Asked per attempt, before a connection is taken (a wait here must not hold one): a
    // rotating provider may hand out new credentials, and a refreshing one answers at once
    // unless its credentials have expired. Signed per attempt too: a retry after a backoff
    // must carry a fresh date.
    std::shared_ptr<const Credentials> credentials = config.credentials->try_get_shared();
    if (!credentials)
        credentials = co_await config.credentials->async_get_shared();

    // A connection: idle ones first (skipping those the server closed meanwhile), else a
    // permit to open one, else wait for either.
    Pool::Lease lease = pool.try_acquire();
    for (;;) {
        if (!lease.valid()) {
            auto [status, granted] = co_await pool.acquire(deadline);
            if (status == detail::AcquireStatus::timeout) {
                fsm.on_pool_timeout();
                co_return;
            }
            if (status == detail::AcquireStatus::cancelled) {
                fsm.on_cancelled(asio::error::make_error_code(asio::error::operation_aborted),
                                 false);
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
        fsm.on_resolving();
        boost::system::error_code ec;
        const Endpoints resolved_addresses = co_await resolve(ec);
        if (!fsm.on_resolved(resolved_addresses == nullptr ? ec : boost::system::error_code(),
                             next_hop.host))
            co_return;
        // The context may exist for an http endpoint too (built to check the settings).
        auto conn = std::make_shared<HttpConnection>(executor, endpoint.tls ? &*tls : nullptr,
                                                     next_connection_id.fetch_add(1));
        const auto connect_deadline = clock::now() + config.timeouts.connect;
        fsm.on_connecting(connect_deadline < attempt_deadline);
        const std::vector<tcp::endpoint> order = addresses.next_order(*resolved_addresses);
        WatchdogGuard watchdog(*conn, std::min(attempt_deadline, connect_deadline));
        auto result = co_await conn->connect(order, endpoint, !config.tls.insecure_skip_verify,
                                             tunnel_request);
        detail::ConnectReport report{result.failure, result.ec, std::move(result.detail),
                                     result.phase, !watchdog.disarm()};
        if (!fsm.on_connected(std::move(report))) {
            if (fsm.result().forget_addresses)
                addresses.forget();
            conn->close();
            co_return;
        }
        lease.attach(std::move(conn));
    }
    fsm.on_sending();

    HttpConnection& conn = *lease.connection();
    write_head(conn.head, target, body, *credentials);
    detail::ResponseParser parser(response.body, config.max_response_body);
    detail::ExchangeResult x;
    detail::ExchangeReport report;
    {
        WatchdogGuard watchdog(conn, attempt_deadline, config.timeouts.idle);
        if (conn.is_tls())
            co_await detail::exchange(conn.tls_stream(), conn, body, parser, x);
        else
            co_await detail::exchange(conn.socket(), conn, body, parser, x);
        report.watchdog_fired = !watchdog.disarm();
    }
    report.ec = x.ec;
    report.request_size = conn.head.size() + body.size();
    report.bytes_sent = x.bytes_sent;
    report.bytes_received = x.bytes_received;
    report.header_done = parser.is_header_done();
    report.status = report.header_done ? parser.status() : 0;
    report.idle_fired = conn.idle_fired();
    report.watchdog_fired = report.watchdog_fired || conn.timed_out();
    if (report.idle_fired)
        report.watchdog_fired = false; // the stall, not the deadline, ended it
    if (report.header_done) {
        // Kept even when the body then failed: the final error names the request id.
        response.status = parser.status();
        response.request_id = std::move(parser.request_id());
    }
    if (!fsm.on_exchanged(report))
        co_return;

    detail::ResponseReport answer;
    answer.status = response.status;
    answer.crc32 = parser.crc32();
    answer.crc32_malformed = parser.crc32_malformed();
    if (answer.crc32)
        answer.body_crc32 = detail::crc32(response.body);
    answer.keep_alive = parser.keep_alive();
    answer.leftover = conn.buffer.size();
    fsm.on_response(answer, response.body);
    if (fsm.result().reuse_connection)
        lease.release_healthy();
}

} // namespace dynaq

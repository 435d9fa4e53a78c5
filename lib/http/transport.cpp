// The call loop: attempt, ask the retry FSM, back off or finish, and turn the last failure
// into the right exception.
#include "transport_impl.hpp"

#include <dynaq/detail/http_tls.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace dynaq {

namespace asio = boost::asio;
using detail::Attempt;
using detail::AttemptOutcome;
using detail::RetryDecision;
using detail::TransportFailure;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

ResolvedEndpoint endpoint_of(const ClientConfig& cfg) {
    if (cfg.region.empty())
        throw ConfigError("ClientConfig.region is empty: the region is part of every signature");
    if (cfg.credentials == nullptr)
        throw ConfigError("ClientConfig.credentials is not set");
    return cfg.resolved_endpoint();
}

std::string message_url(const Endpoint& endpoint, const std::optional<detail::ProxyUrl>& proxy) {
    std::string out = endpoint.url();
    if (proxy) {
        out += " via proxy ";
        out += proxy->display();
    }
    return out;
}

std::uint64_t initial_seed(const void* self) {
    // Different per transport and per process run; quality comes from SplitMix itself.
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           reinterpret_cast<std::uintptr_t>(self);
}

std::string_view failure_words(TransportFailure f) {
    switch (f) {
    case TransportFailure::connect:
        return "cannot connect";
    case TransportFailure::reset:
        return "connection lost";
    case TransportFailure::timeout:
        return "timed out";
    case TransportFailure::crc32_mismatch:
        return "response failed its CRC32 check";
    case TransportFailure::cancelled:
        return "cancelled";
    case TransportFailure::tls:
        return "TLS handshake failed";
    case TransportFailure::proxy_refused:
        return "refused by the proxy";
    case TransportFailure::protocol:
        return "malformed response";
    case TransportFailure::none:
        break;
    }
    return "failed";
}

[[noreturn]] void raise(const Attempt& a, const RetryDecision& d, std::string_view operation,
                        const std::string& url, int attempts) {
    if (a.outcome.kind == AttemptOutcome::Kind::http_error)
        detail::throw_error_response(a.response.status, a.response.body, a.response.request_id);
    const TransportFailure f = a.outcome.failure;
    std::string msg(operation);
    msg += " to ";
    msg += url;
    msg += ": ";
    msg += failure_words(f);
    // A TLS failure says its phase itself.
    if (!a.phase.empty() && f != TransportFailure::tls) {
        msg += ' ';
        msg += a.phase;
    }
    if (f == TransportFailure::timeout && !a.timeout.name.empty()) {
        msg += " (";
        msg += a.timeout.name;
        msg += " = ";
        msg += std::to_string(a.timeout.value.count());
        msg += " ms)";
    }
    if (!a.detail.empty()) {
        msg += ": ";
        msg += a.detail;
    } else if (a.ec && !(f == TransportFailure::timeout && !a.timeout.name.empty())) {
        // After a timeout the socket's own error is only the watchdog's shutdown ("End of
        // file"): the setting named above is the cause.
        msg += ": ";
        msg += a.ec.message();
    }
    msg += " (attempt ";
    msg += std::to_string(attempts);
    if (d.stop != StopReason::not_retryable && d.stop != StopReason::cancelled) {
        msg += ", stopped: ";
        msg += to_string(d.stop);
    }
    msg += ')';
    switch (f) {
    case TransportFailure::cancelled:
        throw CancelledError(a.ec, msg);
    case TransportFailure::timeout:
        throw TimeoutError(a.ec, msg);
    case TransportFailure::protocol:
        throw ProtocolError(msg);
    default:
        break;
    }
    // Whatever the last failure, running out of time is a timeout to the caller.
    if (d.stop == StopReason::deadline)
        throw TimeoutError(make_error_code(transport_errc::deadline_exceeded), msg);
    throw TransportError(a.ec, msg);
}

AttemptDecision to_public(RetryDecision::Action a) {
    switch (a) {
    case RetryDecision::Action::done:
        return AttemptDecision::done;
    case RetryDecision::Action::retry:
        return AttemptDecision::retry;
    case RetryDecision::Action::fail:
        break;
    }
    return AttemptDecision::fail;
}

void report(const ClientConfig& config, const Attempt& a, const RetryDecision& d,
            std::string_view operation, int attempt, std::chrono::nanoseconds latency) {
    AttemptInfo info;
    info.operation = operation;
    info.attempt = attempt;
    info.http_status =
        a.outcome.kind == AttemptOutcome::Kind::transport_error ? 0 : a.response.status;
    info.error = a.ec;
    info.error_code = a.outcome.error_code;
    info.latency = latency;
    info.bytes_sent = a.bytes_sent;
    info.bytes_received = a.bytes_received;
    info.decision = to_public(d.action);
    info.retry_reason = d.reason;
    info.stop_reason = d.stop;
    info.retry_delay = d.delay;
    config.on_attempt(info);
}

} // namespace

Transport::Impl::Impl(asio::any_io_executor ex, ClientConfig cfg) :
    executor(std::move(ex)), config(std::move(cfg)), resolved(endpoint_of(config)),
    endpoint(Endpoint::parse(resolved.url)),
    signer(SignerOptions{resolved.signing_region, "dynamodb", false}),
    pool(Pool::Options{config.pool.max_connections, config.pool.idle_timeout}),
    jitter_seed(initial_seed(this)), addresses(config.dns_refresh) {
    proxy = detail::proxy_for(config.proxy, endpoint);
    next_hop = proxy ? proxy->endpoint() : endpoint;
    host_header = endpoint.host_header();
    url = message_url(endpoint, proxy);
    request_line = "POST / HTTP/1.1";
    if (proxy && endpoint.tls) {
        tunnel_request = detail::connect_request(endpoint, *proxy);
    } else if (proxy) {
        // An HTTP proxy forwards what the request line names, so it names the endpoint.
        request_line = "POST " + endpoint.url() + "/ HTTP/1.1";
        if (const std::string auth = proxy->authorization(); !auth.empty())
            proxy_authorization = "Proxy-Authorization: " + auth;
    }
    // Built whenever TLS settings are given, so a CA bundle that cannot be read is told here
    // and not first by a failed handshake.
    if (endpoint.tls || !config.tls.ca_file.empty() || !config.tls.cert_file.empty())
        tls.emplace(detail::make_tls_context(config.tls));
    if (config.retry.quota.enabled)
        quota.emplace(config.retry.quota);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(next_hop.host, ec);
    if (!ec)
        addresses.pin(std::make_shared<const std::vector<tcp::endpoint>>(
            1, tcp::endpoint(address, next_hop.port)));
}

Transport::Transport(asio::any_io_executor executor, ClientConfig config) :
    impl_(std::make_shared<Impl>(std::move(executor), std::move(config))) {}

Transport::~Transport() = default;
Transport::Transport(Transport&&) noexcept = default;
Transport& Transport::operator=(Transport&&) noexcept = default;

const Endpoint& Transport::endpoint() const noexcept {
    return impl_->endpoint;
}
std::string Transport::proxy() const {
    return impl_->proxy ? impl_->proxy->display() : std::string();
}

const ClientConfig& Transport::config() const noexcept {
    return impl_->config;
}

PoolStats Transport::pool_stats() const {
    const auto c = impl_->pool.counters();
    return PoolStats{c.open, c.idle, c.waiting, c.opened, c.reused, c.discarded};
}

int Transport::retry_quota_available() const noexcept {
    return impl_->quota ? impl_->quota->available() : impl_->config.retry.quota.capacity;
}

asio::awaitable<Response> Transport::call(std::string_view operation, std::string_view json_body) {
    using clock = std::chrono::steady_clock;
    const std::shared_ptr<Impl> keep_alive = impl_;
    Impl& s = *keep_alive;
    if (operation.empty())
        throw InvalidArgumentError("Transport::call: the operation name is empty");

    const auto deadline = clock::now() + s.config.timeouts.call_deadline;
    std::string target;
    target.reserve(18 + operation.size());
    target += "DynamoDB_20120810.";
    target += operation;

    detail::SplitMixJitter jitter(
        s.jitter_seed.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed));
    detail::RetryFsm fsm(s.config.retry, s.quota ? &*s.quota : nullptr, jitter);
    Response response;
    Attempt a(response);
    for (;;) {
        a.reset();
        const auto started = clock::now();
        try {
            co_await s.attempt(a, target, json_body, deadline);
        } catch (const boost::system::system_error& e) {
            // Asio throws at the next co_await once the caller has cancelled.
            if (e.code() != asio::error::operation_aborted)
                throw;
            a.fail(TransportFailure::cancelled, true, e.code());
        }
        const auto now = clock::now();
        const RetryDecision d = fsm.on_attempt(a.outcome, deadline - now);
        if (s.config.on_attempt)
            report(s.config, a, d, operation, fsm.attempts(), now - started);

        switch (d.action) {
        case RetryDecision::Action::done:
            response.attempts = fsm.attempts();
            co_return response;
        case RetryDecision::Action::fail:
            raise(a, d, operation, s.url, fsm.attempts());
        case RetryDecision::Action::retry:
            break;
        }
        const auto executor = co_await asio::this_coro::executor;
        asio::steady_timer backoff(executor, d.delay);
        boost::system::error_code ec;
        try {
            std::tie(ec) = co_await backoff.async_wait(nothrow);
        } catch (const boost::system::system_error& e) {
            ec = e.code();
        }
        if (ec)
            throw CancelledError(ec, std::string(operation) + " to " + s.url +
                                         ": cancelled during retry backoff");
    }
}

} // namespace dynaq

// The call loop: attempt, ask the retry FSM, back off or finish, and turn the last failure
// into the right exception.
#include "transport_impl.hpp"

#include "http/http_tls.hpp"
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>

namespace dynaq {

namespace asio = boost::asio;
using detail::AttemptFsm;
using detail::AttemptOutcome;
using detail::AttemptResult;
using detail::RetryDecision;
using detail::TransportFailure;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

ResolvedEndpoint endpoint_of(const ClientConfig& cfg, Service service) {
    if (cfg.region.empty())
        throw ConfigError("ClientConfig.region is empty: the region is part of every signature");
    if (cfg.credentials == nullptr)
        throw ConfigError("ClientConfig.credentials is not set");
    return cfg.resolved_endpoint(service);
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
    case TransportFailure::idle_timeout:
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
    case TransportFailure::malformed_body:
        return "malformed response body";
    case TransportFailure::none:
        break;
    }
    return "failed";
}

bool names_timeout(const AttemptResult& a) {
    const TransportFailure f = a.outcome.failure;
    return (f == TransportFailure::timeout || f == TransportFailure::idle_timeout) &&
           !a.timeout.name.empty();
}

// "timed out while waiting for the first byte (timeouts.idle = 5000 ms)", "HTTP 503
// ServiceUnavailable": how an attempt ended, in a few words.
std::string describe(const AttemptResult& a) {
    std::string out;
    if (a.outcome.kind == AttemptOutcome::Kind::http_error) {
        out = "HTTP " + std::to_string(a.status);
        if (!a.error.code.empty()) {
            out += ' ';
            out += a.error.code;
        }
        return out;
    }
    const TransportFailure f = a.outcome.failure;
    out = failure_words(f);
    // A TLS failure says its phase itself.
    if (!a.phase.empty() && f != TransportFailure::tls) {
        out += ' ';
        out += a.phase;
    }
    if (names_timeout(a)) {
        out += " (";
        out += a.timeout.name;
        out += " = ";
        out += std::to_string(a.timeout.value.count());
        out += " ms)";
    }
    return out;
}

ProtocolErrorContext malformed_context(std::string_view operation, const std::string& url,
                                       int attempt, const Response& response,
                                       std::string_view body_prefix) {
    ProtocolErrorContext c;
    c.operation = operation;
    c.endpoint = url;
    c.attempt = attempt;
    c.request_id = response.request_id;
    c.body_prefix = body_prefix;
    return c;
}

[[noreturn]] void raise(const AttemptResult& a, const RetryDecision& d, const Response& response,
                        std::string_view operation, const std::string& url, int attempts,
                        std::string_view body_prefix) {
    if (a.outcome.kind == AttemptOutcome::Kind::http_error)
        detail::throw_error_response(a.status, response.body, response.request_id);
    const TransportFailure f = a.outcome.failure;
    std::string msg(operation);
    msg += " to ";
    msg += url;
    msg += ": ";
    msg += describe(a);
    if (!a.detail.empty()) {
        msg += ": ";
        msg += a.detail;
    } else if (a.ec && !names_timeout(a)) {
        // After a timeout the socket's own error is only the watchdog's shutdown ("End of
        // file"): the setting named above is the cause.
        msg += ": ";
        msg += a.ec.message();
    }
    if (f == TransportFailure::malformed_body && !response.request_id.empty()) {
        msg += " [request id ";
        msg += response.request_id;
        msg += ']';
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
    case TransportFailure::idle_timeout:
        throw TimeoutError(a.ec, msg);
    case TransportFailure::protocol:
        throw ProtocolError(msg);
    case TransportFailure::malformed_body:
        throw ProtocolError(msg,
                            malformed_context(operation, url, attempts, response, body_prefix));
    default:
        break;
    }
    // Whatever the last failure, running out of time is a timeout to the caller.
    if (d.stop == StopReason::deadline)
        throw TimeoutError(make_error_code(transport_errc::deadline_exceeded), msg);
    throw TransportError(a.ec, msg);
}

AttemptRecord record_of(const AttemptResult& a, const RetryDecision& d, const Response& response,
                        int attempt) {
    AttemptRecord r;
    r.attempt = attempt;
    r.reason = d.reason;
    r.what = describe(a);
    r.http_status = a.status;
    r.error_code = a.error.code;
    r.request_id = response.request_id;
    return r;
}

// A call that gave up after retrying, or because time or tokens ran out, lists its attempts.
bool gave_up(const RetryDecision& d, int attempts) {
    return attempts > 1 || d.stop == StopReason::attempts_exhausted ||
           d.stop == StopReason::deadline || d.stop == StopReason::quota_exhausted;
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

void report(const ClientConfig& config, const AttemptResult& a, const RetryDecision& d,
            std::string_view operation, int attempt, std::chrono::nanoseconds latency) {
    AttemptInfo info;
    info.operation = operation;
    info.attempt = attempt;
    // A garbled 2xx still had its status; other transport failures report none.
    info.http_status = a.outcome.kind != AttemptOutcome::Kind::transport_error ||
                               a.outcome.failure == TransportFailure::malformed_body
                           ? a.status
                           : 0;
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

Transport::Impl::Impl(asio::any_io_executor ex, ClientConfig cfg, Service service) :
    executor(std::move(ex)), config(std::move(cfg)), target_prefix(dynaq::target_prefix(service)),
    resolved(endpoint_of(config, service)), endpoint(Endpoint::parse(resolved.url)),
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
    limits = detail::AttemptLimits{config.timeouts.connect, config.timeouts.attempt,
                                   config.timeouts.call_deadline, config.timeouts.idle,
                                   proxy.has_value()};
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(next_hop.host, ec);
    if (!ec)
        addresses.pin(std::make_shared<const std::vector<tcp::endpoint>>(
            1, tcp::endpoint(address, next_hop.port)));
}

Transport::Transport(asio::any_io_executor executor, ClientConfig config, Service service) :
    impl_(std::make_shared<Impl>(std::move(executor), std::move(config), service)) {}

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

asio::awaitable<Response> Transport::call(std::string_view operation, std::string_view json_body,
                                          CallOptions options) {
    using clock = std::chrono::steady_clock;
    const std::shared_ptr<Impl> keep_alive = impl_;
    Impl& s = *keep_alive;
    if (operation.empty())
        throw InvalidArgumentError("Transport::call: the operation name is empty");

    const auto deadline = clock::now() + s.config.timeouts.call_deadline;
    std::string target;
    target.reserve(s.target_prefix.size() + 1 + operation.size());
    target += s.target_prefix;
    target += '.';
    target += operation;

    detail::SplitMixJitter jitter(
        s.jitter_seed.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed));
    detail::RetryFsm fsm(s.config.retry, s.quota ? &*s.quota : nullptr, jitter, options.idempotent);
    Response response;
    std::vector<AttemptRecord> history; // failed attempts only: nothing to keep on success
    // The start of a body the check rejected: it may consume the body, and item contents
    // beyond a short prefix stay out of messages.
    std::array<char, 32> body_start{};
    std::size_t body_start_size = 0;
    for (;;) {
        const auto started = clock::now();
        const auto attempt_deadline = std::min(deadline, started + s.config.timeouts.attempt);
        AttemptFsm attempt(s.limits, attempt_deadline < deadline);
        response.status = 0;
        response.request_id.clear();
        try {
            co_await s.attempt(attempt, response, target, json_body, attempt_deadline, deadline);
        } catch (const boost::system::system_error& e) {
            // Asio throws at the next co_await once the caller has cancelled.
            if (e.code() != asio::error::operation_aborted)
                throw;
            attempt.on_cancelled(e.code(), true);
        }
        if (!attempt.result().failed() && options.check) {
            body_start_size = std::min(body_start.size(), response.body.size());
            std::copy_n(response.body.data(), body_start_size, body_start.data());
            try {
                options.check(response);
            } catch (const ProtocolError& e) {
                attempt.on_body_rejected(e.what());
            }
        }
        const AttemptResult& a = attempt.result();
        const auto now = clock::now();
        const RetryDecision d = fsm.on_attempt(a.outcome, deadline - now);
        if (s.config.on_attempt)
            report(s.config, a, d, operation, fsm.attempts(), now - started);
        if (a.failed())
            history.push_back(record_of(a, d, response, fsm.attempts()));

        switch (d.action) {
        case RetryDecision::Action::done:
            response.attempts = fsm.attempts();
            co_return response;
        case RetryDecision::Action::fail:
            try {
                raise(a, d, response, operation, s.url, fsm.attempts(),
                      std::string_view(body_start.data(), body_start_size));
            } catch (Error& e) {
                if (gave_up(d, fsm.attempts()))
                    e.set_attempts(std::move(history));
                throw;
            }
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

#include "http/attempt_fsm.hpp"
#include <dynaq/transport.hpp>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

namespace dynaq::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

// The settings' names as a user writes them, for "timed out" messages.
namespace timeout_names {
constexpr std::string_view connect = "timeouts.connect";
constexpr std::string_view attempt = "timeouts.attempt";
constexpr std::string_view call_deadline = "timeouts.call_deadline";
constexpr std::string_view idle = "timeouts.idle";
} // namespace timeout_names

} // namespace

AttemptFsm::AttemptFsm(const AttemptLimits& limits, bool bounded_by_attempt) noexcept :
    limits_(limits),
    bound_(bounded_by_attempt
               ? TimeoutSetting{timeout_names::attempt, limits.attempt}
               : TimeoutSetting{timeout_names::call_deadline, limits.call_deadline}) {
    result_.outcome = AttemptOutcome::success();
    result_.timeout = bound_;
    result_.phase = "while waiting for a free connection";
}

void AttemptFsm::fail(TransportFailure f, bool reached, std::error_code ec, std::string words) {
    result_.outcome = AttemptOutcome::transport_error(f, reached);
    result_.ec = ec;
    result_.detail = std::move(words);
    result_.reuse_connection = false;
}

void AttemptFsm::on_pool_timeout() {
    result_.timeout = TimeoutSetting{timeout_names::call_deadline, limits_.call_deadline};
    fail(TransportFailure::timeout, false, make_error_code(transport_errc::deadline_exceeded),
         "no connection became free before the call deadline");
}

void AttemptFsm::on_cancelled(boost::system::error_code ec, bool reached) {
    fail(TransportFailure::cancelled, reached, ec);
}

void AttemptFsm::on_resolving() {
    result_.phase = "while resolving the host name";
}

bool AttemptFsm::on_resolved(boost::system::error_code ec, std::string_view host) {
    if (!ec)
        return true;
    std::string words = "cannot resolve ";
    words += host;
    fail(TransportFailure::connect, false, ec, std::move(words));
    return false;
}

void AttemptFsm::on_connecting(bool connect_is_nearer) {
    if (connect_is_nearer)
        result_.timeout = TimeoutSetting{timeout_names::connect, limits_.connect};
}

bool AttemptFsm::on_connected(ConnectReport r) {
    // A connect that completed just as the watchdog fired cannot be trusted.
    if (r.watchdog_fired && r.failure == TransportFailure::none)
        r.failure = TransportFailure::timeout;
    result_.phase = r.phase;
    if (r.failure == TransportFailure::none)
        return true;
    // The address may have moved: resolve again next time.
    result_.forget_addresses = r.failure == TransportFailure::connect;
    fail(r.failure, false, r.ec, std::move(r.detail));
    return false;
}

void AttemptFsm::on_sending() {
    result_.timeout = bound_; // past the connect, the attempt's own bound again
}

TransportFailure AttemptFsm::classify_io(const ExchangeReport& x) const noexcept {
    const auto& ec = x.ec;
    if (ec == asio::error::operation_aborted)
        return TransportFailure::cancelled;
    if (x.idle_fired)
        return TransportFailure::idle_timeout;
    if (x.watchdog_fired)
        return TransportFailure::timeout;
    // EOF before or inside a message means the peer went away: retry on a new connection.
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return TransportFailure::reset;
    // Any other parse error (or an oversized message): it is not the HTTP we expect.
    if (ec.category() == http::make_error_code(http::error::need_more).category())
        return TransportFailure::protocol;
    return TransportFailure::reset;
}

bool AttemptFsm::on_exchanged(const ExchangeReport& x) {
    result_.bytes_sent = x.bytes_sent;
    result_.bytes_received = x.bytes_received;
    if (x.header_done)
        result_.status = x.status;
    boost::system::error_code ec = x.ec;
    const bool fired = x.watchdog_fired || x.idle_fired;
    if (fired && !ec)
        ec = asio::error::timed_out; // finished just as the deadline hit: do not trust it
    // The proxy's refusal, and it closed without waiting for the rest: still its answer.
    if (ec && limits_.http_proxy && x.header_done && x.status == 407)
        ec.clear();
    if (!ec)
        return true;
    result_.phase = x.bytes_sent < x.request_size ? "while sending"
                    : x.bytes_received == 0       ? "while waiting for the first byte"
                    : x.header_done               ? "while reading the body"
                                                  : "while reading the response header";
    ExchangeReport classified = x;
    classified.ec = ec;
    const TransportFailure f = classify_io(classified);
    if (f == TransportFailure::idle_timeout)
        result_.timeout = TimeoutSetting{timeout_names::idle, limits_.idle};
    fail(f, x.bytes_sent > 0, ec);
    return false;
}

void AttemptFsm::on_response(const ResponseReport& r, std::string_view body) {
    result_.status = r.status;
    if (r.status == 407 && limits_.http_proxy) {
        // A plain-HTTP proxy answers for itself: DynamoDB never saw the request.
        result_.phase = {};
        fail(TransportFailure::proxy_refused, false, make_error_code(std::errc::permission_denied),
             "the proxy answered 407 Proxy Authentication Required");
        return;
    }
    if (r.crc32_malformed || (r.crc32 && *r.crc32 != r.body_crc32)) {
        // The body was read in full, but it (or the checksum) is damaged: retry, and do not
        // trust the connection it came over.
        fail(TransportFailure::crc32_mismatch, true,
             make_error_code(transport_errc::crc32_mismatch));
        return;
    }
    if (r.status >= 200 && r.status < 300) {
        result_.outcome = AttemptOutcome::success(r.status);
    } else {
        result_.error = decode_error_response(body);
        result_.outcome = AttemptOutcome::http_error(r.status, result_.error.code);
    }
    // Reusable only when the exchange ended cleanly and nothing extra arrived.
    result_.reuse_connection = r.keep_alive && r.leftover == 0;
}

void AttemptFsm::on_body_rejected(std::string why) {
    result_.phase = {};
    const bool reuse = result_.reuse_connection; // the HTTP framing itself was sound
    fail(TransportFailure::malformed_body, true,
         make_error_code(transport_errc::malformed_response), std::move(why));
    result_.reuse_connection = reuse;
}

} // namespace dynaq::detail

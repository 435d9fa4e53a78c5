#pragma once
// One attempt's decisions as a sans-I/O state machine. The attempt coroutine (lib/http/
// attempt.cpp) moves bytes: it takes a connection, connects, writes, reads, and reports each
// step here; the machine decides what the step means (which failure, whether the request may
// have reached the server, which timeout and phase an error message names, whether the
// connection may be reused) and fills in the AttemptResult that the retry FSM, the on_attempt
// hook and the final error read. No clock, no sockets: every branch is unit-tested with
// made-up events (test/unit/http/test_attempt_fsm.cpp).
#include "codec/error_response.hpp"
#include "http/retry_fsm.hpp"

#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace dynaq::detail {

/// A timeout as the error message names it: "timeouts.connect" and its value.
struct TimeoutSetting {
    std::string_view name;
    std::chrono::milliseconds value{0};
};

/// The settings an attempt runs under (from ClientConfig::timeouts), and what it goes through.
struct AttemptLimits {
    std::chrono::milliseconds connect{0};
    std::chrono::milliseconds attempt{0};
    std::chrono::milliseconds call_deadline{0};
    std::chrono::milliseconds idle{0}; ///< 0: no idle-read timeout
    /// A plain-HTTP proxy forwards the request and may answer 407 for itself.
    bool http_proxy = false;
};

/// Everything one attempt leaves behind for the retry decision, the hook and the error.
struct AttemptResult {
    AttemptOutcome outcome;
    std::error_code ec;
    std::string detail;  ///< extra words for the error message
    ErrorResponse error; ///< decoded error document (non-2xx)
    int status = 0;      ///< HTTP status, 0 when no response head was read
    std::size_t bytes_sent = 0;
    std::size_t bytes_received = 0;
    std::string_view phase;        ///< what was being waited for: "while connecting", ...
    TimeoutSetting timeout;        ///< the timeout that bounds (or ended) the current phase
    bool reuse_connection = false; ///< the exchange ended cleanly: back to the pool
    bool forget_addresses = false; ///< a connect failed: resolve the name again next time

    [[nodiscard]] bool failed() const noexcept {
        return outcome.kind != AttemptOutcome::Kind::success;
    }
};

/// What the connect step reported (HttpConnection::connect, plus the watchdog's verdict).
struct ConnectReport {
    TransportFailure failure = TransportFailure::none;
    boost::system::error_code ec;
    std::string detail;
    std::string_view phase;
    bool watchdog_fired = false;
};

/// What the exchange (gather write, then reads until the response is complete) reported.
struct ExchangeReport {
    boost::system::error_code ec;
    std::size_t request_size = 0; ///< header plus body
    std::size_t bytes_sent = 0;
    std::size_t bytes_received = 0;
    bool header_done = false;
    int status = 0;              ///< valid when header_done
    bool watchdog_fired = false; ///< the attempt (or call) deadline shut the socket down
    bool idle_fired = false;     ///< the idle-read timeout shut it down
};

/// The parsed response, once the exchange succeeded.
struct ResponseReport {
    int status = 0;
    std::optional<std::uint32_t> crc32; ///< x-amz-crc32, when present
    bool crc32_malformed = false;
    std::uint32_t body_crc32 = 0; ///< CRC32 of the body as received
    bool keep_alive = false;
    std::size_t leftover = 0; ///< bytes read past the response
};

class AttemptFsm {
public:
    /// `bounded_by_attempt`: the attempt deadline comes before the call deadline (so a
    /// watchdog firing names timeouts.attempt, else timeouts.call_deadline).
    AttemptFsm(const AttemptLimits& limits, bool bounded_by_attempt) noexcept;

    // Events, in the order the coroutine meets them. Each returns false when the attempt
    // is over (result() says how); the coroutine then stops.

    /// No connection came free before the call deadline.
    void on_pool_timeout();
    /// The caller cancelled; `reached` when a request may have been written.
    void on_cancelled(boost::system::error_code ec, bool reached);
    /// Opening a new connection: resolving the name first.
    void on_resolving();
    [[nodiscard]] bool on_resolved(boost::system::error_code ec, std::string_view host);
    /// Connecting; `connect_is_nearer`: timeouts.connect ends before the attempt bound.
    void on_connecting(bool connect_is_nearer);
    [[nodiscard]] bool on_connected(ConnectReport r);
    /// The request goes out on a connected (new or reused) connection.
    void on_sending();
    [[nodiscard]] bool on_exchanged(const ExchangeReport& x);
    /// The response was read in full; decides success, HTTP error or a damaged answer.
    /// `body` is the response body (for the error document).
    void on_response(const ResponseReport& r, std::string_view body);
    /// A 2xx body did not parse as the operation's response (a ProtocolError from the call's
    /// body check): a malformed answer, retried for idempotent operations.
    void on_body_rejected(std::string why);

    [[nodiscard]] const AttemptResult& result() const noexcept { return result_; }
    [[nodiscard]] AttemptResult& result() noexcept { return result_; }

private:
    void fail(TransportFailure f, bool reached, std::error_code ec, std::string words = {});
    [[nodiscard]] TransportFailure classify_io(const ExchangeReport& x) const noexcept;

    AttemptLimits limits_;
    TimeoutSetting bound_; ///< the attempt's own bound: timeouts.attempt or call_deadline
    AttemptResult result_;
};

} // namespace dynaq::detail

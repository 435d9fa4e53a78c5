#pragma once
// The retry decision as a sans-I/O state machine: the transport reports the outcome of each
// attempt and is told what to do next. No clock, no sockets, no randomness of its own (the
// jitter source is injected), so every branch is unit-testable.
#include <dynaq/retry.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace dynaq::detail {

/// How an attempt failed below HTTP.
enum class TransportFailure {
    none,
    connect,        ///< resolve or connect failed: the request never left
    reset,          ///< reset, EOF, or closed mid-response
    timeout,        ///< the attempt (or connect) timer fired
    idle_timeout,   ///< no byte of the response arrived for timeouts.idle
    crc32_mismatch, ///< the body does not match x-amz-crc32
    cancelled,      ///< the caller cancelled
    tls,            ///< TLS handshake / certificate verification failed
    protocol,       ///< the peer does not speak HTTP/1.1 as we expect
    proxy_refused,  ///< the proxy refused the tunnel (407, 403, ...): retrying cannot help
    malformed_body, ///< a 2xx whose body is not the operation's response
};

struct AttemptOutcome {
    enum class Kind { success, http_error, transport_error };

    Kind kind = Kind::success;
    int http_status = 0;
    std::string_view error_code; ///< service error code (after '#'), may be empty
    TransportFailure failure = TransportFailure::none;
    /// False only when the request certainly never reached the server.
    bool may_have_reached_server = true;

    [[nodiscard]] static AttemptOutcome success(int status = 200) {
        return {Kind::success, status, {}, TransportFailure::none, true};
    }
    [[nodiscard]] static AttemptOutcome http_error(int status, std::string_view code) {
        return {Kind::http_error, status, code, TransportFailure::none, true};
    }
    [[nodiscard]] static AttemptOutcome transport_error(TransportFailure f, bool reached) {
        return {Kind::transport_error, 0, {}, f, reached};
    }
};

/// Why the outcome would be retried; RetryReason::none when it must not be.
[[nodiscard]] RetryReason classify(const AttemptOutcome& outcome) noexcept;

/// Upper bound of the delay before retry number `retry` (1 = the first retry):
/// min(max_delay, base_delay * 2^(retry-1)), without overflow for any `retry` or delay.
/// Negative delays count as zero.
[[nodiscard]] std::chrono::nanoseconds backoff_ceiling(std::chrono::milliseconds base_delay,
                                                       std::chrono::milliseconds max_delay,
                                                       int retry) noexcept;
/// The same, with the policy's base_delay and max_delay.
[[nodiscard]] std::chrono::nanoseconds backoff_ceiling(const RetryPolicy& policy,
                                                       int retry) noexcept;

/// Source of jitter: uniform doubles in [0, 1).
class JitterSource {
public:
    virtual ~JitterSource() = default;
    [[nodiscard]] virtual double next_unit() noexcept = 0;
};

/// SplitMix64: small, fast, and good enough to spread retries apart (not cryptographic).
class SplitMixJitter final : public JitterSource {
public:
    explicit SplitMixJitter(std::uint64_t seed) noexcept : state_(seed) {}
    [[nodiscard]] double next_unit() noexcept override;

private:
    std::uint64_t state_;
};

/// The client-wide token bucket (see RetryQuotaPolicy). Lock-free; shared by all calls of a
/// Transport, whatever thread they run on.
class RetryQuota {
public:
    explicit RetryQuota(const RetryQuotaPolicy& policy) noexcept :
        capacity_(policy.capacity), available_(policy.capacity) {}

    /// Takes `cost` tokens if that many are there.
    [[nodiscard]] bool try_acquire(int cost) noexcept;
    /// Gives back `amount` tokens, never above the capacity.
    void release(int amount) noexcept;
    [[nodiscard]] int available() const noexcept {
        return available_.load(std::memory_order_relaxed);
    }
    [[nodiscard]] int capacity() const noexcept { return capacity_; }

private:
    int capacity_;
    std::atomic<int> available_;
};

struct RetryDecision {
    enum class Action { done, fail, retry };

    Action action = Action::done;
    std::chrono::nanoseconds delay{0};      ///< how long to wait before the next attempt (retry)
    RetryReason reason = RetryReason::none; ///< what made the attempt retryable
    StopReason stop = StopReason::none;     ///< why it is final (fail)
    int quota_cost = 0;                     ///< tokens this retry took
};

/// One call's retry state. Feed it every attempt's outcome, in order.
class RetryFsm {
public:
    /// `quota` may be null (no client-wide quota). Both references must outlive the FSM.
    /// `idempotent`: repeating the call cannot change what it does (reads), so a malformed
    /// answer, which may have followed a write that was applied, is retried too.
    RetryFsm(const RetryPolicy& policy, RetryQuota* quota, JitterSource& jitter,
             bool idempotent = false) noexcept :
        policy_(policy),
        quota_(quota), jitter_(jitter), idempotent_(idempotent) {}

    /// `time_left` is the time to the call deadline, measured after the attempt.
    [[nodiscard]] RetryDecision on_attempt(const AttemptOutcome& outcome,
                                           std::chrono::nanoseconds time_left) noexcept;

    /// Attempts reported so far.
    [[nodiscard]] int attempts() const noexcept { return attempts_; }

private:
    [[nodiscard]] RetryDecision fail(RetryReason reason, StopReason stop) noexcept;

    const RetryPolicy& policy_;
    RetryQuota* quota_;
    JitterSource& jitter_;
    bool idempotent_;
    int attempts_ = 0;
    int last_cost_ = 0; ///< tokens held by the last retry, refunded on success
};

} // namespace dynaq::detail

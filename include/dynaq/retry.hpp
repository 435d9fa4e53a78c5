#pragma once
// How the transport retries a failed attempt.
//
// Two layers, as in the AWS SDKs:
//  - a per-call policy: how many attempts, and how long to back off between them
//    (exponential, capped, with "full jitter": the delay is uniform in [0, ceiling));
//  - a client-wide retry quota: a token bucket shared by every call of one Transport, so
//    that a failing service sees retries dry up instead of a retry storm.
#include <chrono>
#include <dynaq/export.hpp>
#include <string_view>

namespace dynaq {

/// The retry quota ("retry tokens") of the AWS SDKs' standard retry mode. The numbers are the
/// ones those SDKs use: the bucket starts full with 500 tokens; a retry takes 5 tokens, or 10
/// when the failure was a timeout or a connection error (those cost the service, and us, more);
/// a call that succeeds after retrying gives back what its last retry took, and a call that
/// succeeds at once adds 1 token, never above the capacity. With the defaults, 100 back-to-back
/// failed retries empty the bucket and further failures fail fast until successes refill it.
struct RetryQuotaPolicy {
    bool enabled = true;
    int capacity = 500;
    int retry_cost = 5;
    int timeout_retry_cost = 10;
    int success_increment = 1;
};

/// Per-call retry policy. A value type: copy it, change it, pass it in ClientConfig.
struct RetryPolicy {
    /// Attempts in total, including the first. 10 is what botocore's legacy mode gives
    /// DynamoDB (and what the Python library this replaces relied on). 1 disables retries.
    int max_attempts = 10;
    /// Ceiling of the n-th retry's delay: min(max_delay, base_delay * 2^(n-1)).
    std::chrono::milliseconds base_delay{50};
    /// 20 s, the AWS SDKs' maximum backoff.
    std::chrono::milliseconds max_delay{20'000};
    /// Full jitter (uniform in [0, ceiling)) spreads retries of many clients apart. Turn it off
    /// only to get exact, reproducible delays (the ceiling itself).
    bool jitter = true;
    /// Retry failures where the request may already have reached DynamoDB (reset after the
    /// request was written, response timeouts). The AWS SDKs do; note that a non-idempotent
    /// write (UpdateItem with ADD, say) can then be applied twice. When false, only failures
    /// that happened before the request was sent (connect errors) are retried.
    bool retry_possibly_delivered = true;
    RetryQuotaPolicy quota;

    /// A policy that never retries.
    [[nodiscard]] static RetryPolicy none() {
        RetryPolicy p;
        p.max_attempts = 1;
        return p;
    }
};

/// Why an attempt is retried (or would have been).
enum class RetryReason {
    none,                    ///< not retryable
    throttling,              ///< throttling error code, or HTTP 429
    server_error,            ///< HTTP 5xx
    transaction_in_progress, ///< TransactionInProgressException
    write_conflict,          ///< ReplicatedWriteConflictException
    connection_error,        ///< connect failure, reset, closed mid-response
    timeout,                 ///< the attempt timed out
    crc32_mismatch,          ///< x-amz-crc32 did not match the body
    idle_timeout,            ///< no byte of the response for timeouts.idle (a stalled connection)
    malformed_response,      ///< a 2xx body that is not the operation's response (idempotent only)
};

/// Why the transport stopped retrying.
enum class StopReason {
    none,               ///< it did not stop (success or retry)
    not_retryable,      ///< the error is final (validation, conditional check, TLS, ...)
    cancelled,          ///< the caller cancelled
    attempts_exhausted, ///< max_attempts reached
    quota_exhausted,    ///< the client-wide retry quota is empty
    deadline,           ///< the call deadline has passed, or the backoff would pass it
};

[[nodiscard]] DYNAQ_API std::string_view to_string(RetryReason r) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(StopReason r) noexcept;

} // namespace dynaq

#include "http/retry_fsm.hpp"
#include <dynaq/error.hpp>

#include <algorithm>
#include <array>

namespace dynaq {

std::string_view to_string(RetryReason r) noexcept {
    switch (r) {
    case RetryReason::none:
        return "none";
    case RetryReason::throttling:
        return "throttling";
    case RetryReason::server_error:
        return "server error";
    case RetryReason::transaction_in_progress:
        return "transaction in progress";
    case RetryReason::write_conflict:
        return "replicated write conflict";
    case RetryReason::connection_error:
        return "connection error";
    case RetryReason::timeout:
        return "timeout";
    case RetryReason::crc32_mismatch:
        return "CRC32 mismatch";
    case RetryReason::idle_timeout:
        return "idle timeout";
    case RetryReason::malformed_response:
        return "malformed response";
    }
    return "unknown";
}

std::string_view to_string(StopReason r) noexcept {
    switch (r) {
    case StopReason::none:
        return "none";
    case StopReason::not_retryable:
        return "not retryable";
    case StopReason::cancelled:
        return "cancelled";
    case StopReason::attempts_exhausted:
        return "attempts exhausted";
    case StopReason::quota_exhausted:
        return "retry quota exhausted";
    case StopReason::deadline:
        return "call deadline";
    }
    return "unknown";
}

namespace detail {

namespace {

// Codes that state a fault in the request or a final answer: retrying cannot change them,
// whatever HTTP status they come with.
constexpr std::array<std::string_view, 10> final_codes{
    "ValidationException",
    "SerializationException",
    "ConditionalCheckFailedException",
    "AccessDeniedException",
    "UnrecognizedClientException",
    "ResourceNotFoundException",
    "TransactionCanceledException",
    "IdempotentParameterMismatchException",
    "ItemCollectionSizeLimitExceededException",
    "MissingAuthenticationTokenException",
};

RetryReason classify_http(int status, std::string_view code) noexcept {
    if (!code.empty()) {
        if (std::find(final_codes.begin(), final_codes.end(), code) != final_codes.end())
            return RetryReason::none;
        if (is_throttling_code(code))
            return RetryReason::throttling;
        if (code == "TransactionInProgressException")
            return RetryReason::transaction_in_progress;
        if (code == "ReplicatedWriteConflictException")
            return RetryReason::write_conflict;
    }
    if (status == 429)
        return RetryReason::throttling;
    if (status >= 500 && status <= 599)
        return RetryReason::server_error;
    return RetryReason::none;
}

RetryReason classify_transport(TransportFailure f) noexcept {
    switch (f) {
    case TransportFailure::connect:
    case TransportFailure::reset:
        return RetryReason::connection_error;
    case TransportFailure::timeout:
        return RetryReason::timeout;
    case TransportFailure::crc32_mismatch:
        return RetryReason::crc32_mismatch;
    case TransportFailure::idle_timeout:
        return RetryReason::idle_timeout;
    case TransportFailure::malformed_body:
        return RetryReason::malformed_response;
    case TransportFailure::none:
    case TransportFailure::cancelled:
    case TransportFailure::tls:
    case TransportFailure::protocol:
    case TransportFailure::proxy_refused:
        return RetryReason::none;
    }
    return RetryReason::none;
}

} // namespace

RetryReason classify(const AttemptOutcome& outcome) noexcept {
    switch (outcome.kind) {
    case AttemptOutcome::Kind::success:
        return RetryReason::none;
    case AttemptOutcome::Kind::http_error:
        return classify_http(outcome.http_status, outcome.error_code);
    case AttemptOutcome::Kind::transport_error:
        return classify_transport(outcome.failure);
    }
    return RetryReason::none;
}

std::chrono::nanoseconds backoff_ceiling(std::chrono::milliseconds base_delay,
                                         std::chrono::milliseconds max_delay, int retry) noexcept {
    using std::chrono::milliseconds;
    using std::chrono::nanoseconds;
    // Clamped to half of what nanoseconds can hold (about 146 years), so the conversion cannot
    // overflow and neither can one doubling of a delay still below the cap.
    const milliseconds limit(nanoseconds::max().count() / 1'000'000 / 2);
    const nanoseconds cap = std::clamp(max_delay, milliseconds(0), limit);
    nanoseconds delay = std::clamp(base_delay, milliseconds(0), limit);
    // Doubling stops as soon as the cap is reached, so large retry numbers cannot overflow.
    for (int i = 1; i < retry && delay < cap; ++i)
        delay *= 2;
    return std::min(delay, cap);
}

std::chrono::nanoseconds backoff_ceiling(const RetryPolicy& policy, int retry) noexcept {
    return backoff_ceiling(policy.base_delay, policy.max_delay, retry);
}

double SplitMixJitter::next_unit() noexcept {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    // The top 53 bits make a double in [0, 1) with every value equally likely.
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

bool RetryQuota::try_acquire(int cost) noexcept {
    int current = available_.load(std::memory_order_relaxed);
    while (current >= cost) {
        if (available_.compare_exchange_weak(current, current - cost, std::memory_order_relaxed))
            return true;
    }
    return false;
}

void RetryQuota::release(int amount) noexcept {
    int current = available_.load(std::memory_order_relaxed);
    while (current < capacity_) {
        const int next = std::min(capacity_, current + amount);
        if (available_.compare_exchange_weak(current, next, std::memory_order_relaxed))
            return;
    }
}

RetryDecision RetryFsm::fail(RetryReason reason, StopReason stop) noexcept {
    RetryDecision d;
    d.action = RetryDecision::Action::fail;
    d.reason = reason;
    d.stop = stop;
    return d;
}

RetryDecision RetryFsm::on_attempt(const AttemptOutcome& outcome,
                                   std::chrono::nanoseconds time_left) noexcept {
    ++attempts_;
    if (outcome.kind == AttemptOutcome::Kind::success) {
        if (quota_ != nullptr)
            quota_->release(last_cost_ > 0 ? last_cost_ : policy_.quota.success_increment);
        last_cost_ = 0;
        return {};
    }
    if (outcome.kind == AttemptOutcome::Kind::transport_error &&
        outcome.failure == TransportFailure::cancelled)
        return fail(RetryReason::none, StopReason::cancelled);

    const RetryReason reason = classify(outcome);
    if (reason == RetryReason::none)
        return fail(reason, StopReason::not_retryable);
    if (outcome.kind == AttemptOutcome::Kind::transport_error && outcome.may_have_reached_server &&
        !policy_.retry_possibly_delivered)
        return fail(reason, StopReason::not_retryable);
    // The write behind a garbled answer may have been applied: only a read may repeat.
    if (reason == RetryReason::malformed_response && !idempotent_)
        return fail(reason, StopReason::not_retryable);
    if (time_left <= std::chrono::nanoseconds(0))
        return fail(reason, StopReason::deadline);
    if (attempts_ >= policy_.max_attempts)
        return fail(reason, StopReason::attempts_exhausted);

    const auto ceiling = backoff_ceiling(policy_, attempts_);
    auto delay = ceiling;
    if (policy_.jitter) {
        delay = std::chrono::nanoseconds(
            static_cast<std::int64_t>(jitter_.next_unit() * static_cast<double>(ceiling.count())));
        delay = std::clamp(delay, std::chrono::nanoseconds(0), ceiling);
    }
    // Sleeping past the deadline only to be cut off would waste the wait.
    if (delay >= time_left)
        return fail(reason, StopReason::deadline);

    const bool expensive = reason == RetryReason::timeout || reason == RetryReason::idle_timeout ||
                           reason == RetryReason::connection_error;
    const int cost = expensive ? policy_.quota.timeout_retry_cost : policy_.quota.retry_cost;
    if (quota_ != nullptr) {
        if (!quota_->try_acquire(cost))
            return fail(reason, StopReason::quota_exhausted);
        last_cost_ = cost;
    }

    RetryDecision d;
    d.action = RetryDecision::Action::retry;
    d.delay = delay;
    d.reason = reason;
    d.quota_cost = quota_ != nullptr ? cost : 0;
    return d;
}

} // namespace detail
} // namespace dynaq

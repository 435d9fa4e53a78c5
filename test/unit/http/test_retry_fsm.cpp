// The retry state machine, without sockets: every decision is a function of the outcomes fed in.
#include "http/retry_fsm.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;
using namespace std::chrono_literals;
using Action = RetryDecision::Action;

namespace {

class FixedJitter final : public JitterSource {
public:
    explicit FixedJitter(double v) : value(v) {}
    double next_unit() noexcept override {
        ++draws;
        return value;
    }
    double value;
    int draws = 0;
};

constexpr std::chrono::nanoseconds plenty = 1h;

RetryPolicy no_jitter_policy(int max_attempts = 10) {
    RetryPolicy p;
    p.max_attempts = max_attempts;
    p.jitter = false;
    return p;
}

AttemptOutcome http(int status, std::string_view code = {}) {
    return AttemptOutcome::http_error(status, code);
}

AttemptOutcome net(TransportFailure f, bool reached = true) {
    return AttemptOutcome::transport_error(f, reached);
}

} // namespace

TEST_CASE("classify: throttling codes are retried whatever the status") {
    for (const char* code :
         {"ProvisionedThroughputExceededException", "ThrottlingException", "Throttling",
          "ThrottledException", "RequestThrottledException", "RequestLimitExceeded",
          "TooManyRequestsException", "SlowDown", "RequestThrottled"}) {
        INFO(code);
        CHECK(classify(http(400, code)) == RetryReason::throttling);
        CHECK(classify(http(503, code)) == RetryReason::throttling);
    }
}

TEST_CASE("classify: HTTP 429 and every 5xx are retried") {
    CHECK(classify(http(429)) == RetryReason::throttling);
    for (int status : {500, 501, 502, 503, 504, 509, 599}) {
        INFO(status);
        CHECK(classify(http(status)) == RetryReason::server_error);
        CHECK(classify(http(status, "InternalServerError")) == RetryReason::server_error);
    }
}

TEST_CASE("classify: transaction in progress and replicated write conflict are retried") {
    CHECK(classify(http(400, "TransactionInProgressException")) ==
          RetryReason::transaction_in_progress);
    CHECK(classify(http(409, "ReplicatedWriteConflictException")) == RetryReason::write_conflict);
}

TEST_CASE("classify: client errors and final answers are never retried") {
    for (const char* code :
         {"ValidationException", "SerializationException", "ConditionalCheckFailedException",
          "AccessDeniedException", "UnrecognizedClientException", "ResourceNotFoundException",
          "TransactionCanceledException", "IdempotentParameterMismatchException",
          "ItemCollectionSizeLimitExceededException", "SomethingNew"}) {
        INFO(code);
        CHECK(classify(http(400, code)) == RetryReason::none);
    }
    // A final code stays final even behind a 5xx status.
    CHECK(classify(http(500, "ValidationException")) == RetryReason::none);
    for (int status : {300, 400, 401, 403, 404, 409, 413, 499}) {
        INFO(status);
        CHECK(classify(http(status)) == RetryReason::none);
    }
    CHECK(classify(AttemptOutcome::success()) == RetryReason::none);
}

TEST_CASE("classify: transport failures") {
    CHECK(classify(net(TransportFailure::connect, false)) == RetryReason::connection_error);
    CHECK(classify(net(TransportFailure::reset)) == RetryReason::connection_error);
    CHECK(classify(net(TransportFailure::timeout)) == RetryReason::timeout);
    CHECK(classify(net(TransportFailure::crc32_mismatch)) == RetryReason::crc32_mismatch);
    CHECK(classify(net(TransportFailure::cancelled)) == RetryReason::none);
    CHECK(classify(net(TransportFailure::tls)) == RetryReason::none);
    CHECK(classify(net(TransportFailure::protocol)) == RetryReason::none);
}

TEST_CASE("backoff ceiling doubles from the base and stops at the cap") {
    RetryPolicy p;
    CHECK(backoff_ceiling(p, 1) == 50ms);
    CHECK(backoff_ceiling(p, 2) == 100ms);
    CHECK(backoff_ceiling(p, 3) == 200ms);
    CHECK(backoff_ceiling(p, 9) == 12800ms);
    CHECK(backoff_ceiling(p, 10) == 20s); // 25.6 s capped
    CHECK(backoff_ceiling(p, 1000) == 20s);
    CHECK(backoff_ceiling(p, 2'000'000'000) == 20s);
    p.max_delay = 120ms;
    CHECK(backoff_ceiling(p, 2) == 100ms);
    CHECK(backoff_ceiling(p, 3) == 120ms);
    p.base_delay = 0ms;
    CHECK(backoff_ceiling(p, 5) == 0ms);
}

TEST_CASE("success is done at once and needs no jitter") {
    FixedJitter jitter(0.5);
    RetryPolicy p;
    RetryFsm fsm(p, nullptr, jitter);
    const auto d = fsm.on_attempt(AttemptOutcome::success(), plenty);
    CHECK(d.action == Action::done);
    CHECK(d.stop == StopReason::none);
    CHECK(fsm.attempts() == 1);
    CHECK(jitter.draws == 0);
}

TEST_CASE("a retryable error is retried until max_attempts, with doubling delays") {
    FixedJitter jitter(0.0);
    const RetryPolicy p = no_jitter_policy(10);
    RetryFsm fsm(p, nullptr, jitter);
    std::vector<std::chrono::nanoseconds> delays;
    RetryDecision d;
    for (;;) {
        d = fsm.on_attempt(http(500), plenty);
        if (d.action != Action::retry)
            break;
        CHECK(d.reason == RetryReason::server_error);
        delays.push_back(d.delay);
    }
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::attempts_exhausted);
    CHECK(d.reason == RetryReason::server_error);
    CHECK(fsm.attempts() == 10);
    REQUIRE(delays.size() == 9);
    CHECK(delays.front() == 50ms);
    CHECK(delays[1] == 100ms);
    CHECK(delays.back() == 12800ms);
    CHECK(jitter.draws == 0); // jitter off: the source is not consulted
}

TEST_CASE("max_attempts 1 never retries") {
    FixedJitter jitter(0.5);
    const RetryPolicy p = RetryPolicy::none();
    RetryFsm fsm(p, nullptr, jitter);
    const auto d = fsm.on_attempt(http(503), plenty);
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::attempts_exhausted);
}

TEST_CASE("a non-retryable error fails at once with the reason") {
    FixedJitter jitter(0.5);
    RetryPolicy p;
    RetryQuota quota(p.quota);
    RetryFsm fsm(p, &quota, jitter);
    const auto d = fsm.on_attempt(http(400, "ConditionalCheckFailedException"), plenty);
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::not_retryable);
    CHECK(d.reason == RetryReason::none);
    CHECK(quota.available() == quota.capacity()); // nothing taken
}

TEST_CASE("caller cancellation is never retried") {
    FixedJitter jitter(0.5);
    RetryPolicy p;
    RetryFsm fsm(p, nullptr, jitter);
    const auto d = fsm.on_attempt(net(TransportFailure::cancelled), plenty);
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::cancelled);
}

TEST_CASE("full jitter: the delay is the drawn fraction of the ceiling") {
    RetryPolicy p;
    SECTION("fraction") {
        FixedJitter jitter(0.25);
        RetryFsm fsm(p, nullptr, jitter);
        CHECK(fsm.on_attempt(http(503), plenty).delay == 12500us); // 0.25 * 50 ms
        CHECK(fsm.on_attempt(http(503), plenty).delay == 25ms);    // 0.25 * 100 ms
        CHECK(jitter.draws == 2);
    }
    SECTION("bounds with a real generator") {
        SplitMixJitter jitter(12345);
        p.max_attempts = 1'000'000;
        p.max_delay = 400ms;
        RetryFsm fsm(p, nullptr, jitter);
        std::chrono::nanoseconds lo = 1h, hi = 0ns;
        for (int i = 1; i <= 2000; ++i) {
            const auto d = fsm.on_attempt(http(500), plenty);
            REQUIRE(d.action == Action::retry);
            REQUIRE(d.delay >= 0ns);
            REQUIRE(d.delay < backoff_ceiling(p, i));
            lo = std::min(lo, d.delay);
            hi = std::max(hi, d.delay);
        }
        // The draws spread over the range rather than sticking to one end.
        CHECK(lo < 40ms);
        CHECK(hi > 360ms);
    }
}

TEST_CASE("SplitMixJitter draws in [0, 1) and is reproducible per seed") {
    SplitMixJitter a(7), b(7), c(8);
    double sum = 0;
    bool differs = false;
    for (int i = 0; i < 10000; ++i) {
        const double x = a.next_unit();
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
        REQUIRE(x == b.next_unit());
        differs = differs || x != c.next_unit();
        sum += x;
    }
    CHECK(differs);
    CHECK(sum / 10000 == Approx(0.5).margin(0.02));
}

TEST_CASE("deadline: no retry once it has passed, nor when the backoff would cross it") {
    FixedJitter jitter(0.0);
    const RetryPolicy p = no_jitter_policy();
    RetryQuota quota(p.quota);
    SECTION("passed") {
        RetryFsm fsm(p, &quota, jitter);
        const auto d = fsm.on_attempt(http(500), 0ns);
        CHECK(d.action == Action::fail);
        CHECK(d.stop == StopReason::deadline);
        CHECK(d.reason == RetryReason::server_error);
    }
    SECTION("backoff would cross it") {
        RetryFsm fsm(p, &quota, jitter);
        CHECK(fsm.on_attempt(http(500), 60ms).action == Action::retry); // 50 ms < 60 ms
        const auto d = fsm.on_attempt(http(500), 60ms);                 // 100 ms >= 60 ms
        CHECK(d.action == Action::fail);
        CHECK(d.stop == StopReason::deadline);
        CHECK(quota.available() == quota.capacity() - 5); // the refused retry took nothing
    }
}

TEST_CASE("retry_possibly_delivered=false retries only what never left") {
    FixedJitter jitter(0.0);
    RetryPolicy p = no_jitter_policy();
    p.retry_possibly_delivered = false;
    RetryFsm fsm(p, nullptr, jitter);
    CHECK(fsm.on_attempt(net(TransportFailure::connect, false), plenty).action == Action::retry);
    const auto d = fsm.on_attempt(net(TransportFailure::reset, true), plenty);
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::not_retryable);
    CHECK(d.reason == RetryReason::connection_error);
    // HTTP answers prove the request arrived and was refused, so they keep being retried.
    CHECK(fsm.on_attempt(http(503), plenty).action == Action::retry);
}

TEST_CASE("quota: retries cost 5, timeouts and connection errors 10") {
    FixedJitter jitter(0.0);
    const RetryPolicy p = no_jitter_policy(1000);
    RetryQuota quota(p.quota);
    RetryFsm fsm(p, &quota, jitter);
    auto d = fsm.on_attempt(http(500), plenty);
    CHECK(d.quota_cost == 5);
    CHECK(quota.available() == 495);
    d = fsm.on_attempt(net(TransportFailure::timeout), plenty);
    CHECK(d.quota_cost == 10);
    d = fsm.on_attempt(net(TransportFailure::connect, false), plenty);
    CHECK(d.quota_cost == 10);
    d = fsm.on_attempt(net(TransportFailure::crc32_mismatch), plenty);
    CHECK(d.quota_cost == 5);
    CHECK(quota.available() == 470);
}

TEST_CASE("quota exhausts under failures, then successes refill it") {
    FixedJitter jitter(0.0);
    RetryPolicy p = no_jitter_policy(1000);
    p.quota.capacity = 20;
    RetryQuota quota(p.quota);

    RetryFsm failing(p, &quota, jitter);
    for (int i = 0; i < 4; ++i)
        REQUIRE(failing.on_attempt(http(503), plenty).action == Action::retry);
    CHECK(quota.available() == 0);
    const auto d = failing.on_attempt(http(503), plenty);
    CHECK(d.action == Action::fail);
    CHECK(d.stop == StopReason::quota_exhausted);
    CHECK(d.reason == RetryReason::server_error);

    // Another call that fails once now fails fast too.
    RetryFsm other(p, &quota, jitter);
    CHECK(other.on_attempt(net(TransportFailure::reset), plenty).stop ==
          StopReason::quota_exhausted);

    // First-try successes add 1 each.
    for (int i = 0; i < 5; ++i) {
        RetryFsm ok(p, &quota, jitter);
        REQUIRE(ok.on_attempt(AttemptOutcome::success(), plenty).action == Action::done);
    }
    CHECK(quota.available() == 5);

    // A success after a retry gives back what that retry took (not +1).
    RetryFsm recovering(p, &quota, jitter);
    REQUIRE(recovering.on_attempt(http(500), plenty).action == Action::retry);
    CHECK(quota.available() == 0);
    REQUIRE(recovering.on_attempt(AttemptOutcome::success(), plenty).action == Action::done);
    CHECK(quota.available() == 5);

    // Never above capacity.
    for (int i = 0; i < 100; ++i) {
        RetryFsm ok(p, &quota, jitter);
        (void)ok.on_attempt(AttemptOutcome::success(), plenty);
    }
    CHECK(quota.available() == 20);
}

TEST_CASE("RetryQuota stays consistent under concurrent use") {
    RetryQuotaPolicy qp;
    qp.capacity = 1000;
    RetryQuota quota(qp);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&quota] {
            for (int i = 0; i < 10000; ++i) {
                if (quota.try_acquire(7))
                    quota.release(7);
            }
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(quota.available() == 1000);
    CHECK_FALSE(quota.try_acquire(1001));
    CHECK(quota.try_acquire(1000));
    CHECK(quota.available() == 0);
}

TEST_CASE("to_string names every reason") {
    CHECK(to_string(RetryReason::crc32_mismatch) == "CRC32 mismatch");
    CHECK(to_string(RetryReason::throttling) == "throttling");
    CHECK(to_string(StopReason::quota_exhausted) == "retry quota exhausted");
    CHECK(to_string(StopReason::deadline) == "call deadline");
}

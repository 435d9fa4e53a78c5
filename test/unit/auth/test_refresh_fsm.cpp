// The refresh decisions, without sockets or threads: a fixed jitter and hand-moved time.
#include "refresh_fsm.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace std::chrono_literals;
using detail::RefreshFsm;
using time_point = std::chrono::system_clock::time_point;

namespace {

class FixedJitter final : public detail::JitterSource {
public:
    explicit FixedJitter(double unit) : unit_(unit) {}
    double next_unit() noexcept override { return unit_; }

private:
    double unit_;
};

const time_point t0 = time_point{} + std::chrono::hours(24 * 365 * 50);

} // namespace

TEST_CASE("refresh fsm: the first request fetches and waits; concurrent requests join") {
    const RefreshOptions options;
    FixedJitter jitter(0.5);
    RefreshFsm fsm(options, jitter);
    const auto first = fsm.on_request(t0);
    CHECK_FALSE(first.usable);
    CHECK(first.start_fetch);
    CHECK(fsm.fetching());
    for (int i = 0; i < 1000; ++i) {
        const auto other = fsm.on_request(t0);
        CHECK_FALSE(other.usable);
        CHECK_FALSE(other.start_fetch);
    }
}

TEST_CASE("refresh fsm: long-lived credentials are never refreshed") {
    const RefreshOptions options;
    FixedJitter jitter(0.5);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    CHECK(fsm.on_fetched(t0, std::nullopt));
    for (const auto later : {0h, 1h, 24h * 365 * 10}) {
        const auto d = fsm.on_request(t0 + later);
        CHECK(d.usable);
        CHECK_FALSE(d.start_fetch);
    }
}

TEST_CASE("refresh fsm: an hour's credentials refresh 5 to 15 minutes early, by jitter") {
    const RefreshOptions options;
    for (const auto& [unit, window] : {std::pair{0.0, 5min}, {0.5, 10min}, {0.999999, 15min}}) {
        FixedJitter jitter(unit);
        RefreshFsm fsm(options, jitter);
        (void)fsm.on_request(t0);
        const auto expiration = t0 + 1h;
        REQUIRE(fsm.on_fetched(t0, expiration));
        CHECK(std::chrono::abs(fsm.refresh_at() - (expiration - window)) < 1s);
        CHECK(fsm.usable_until() == expiration - 1min);
        CHECK(fsm.on_request(fsm.refresh_at() - 1s).start_fetch == false);
        const auto in_window = fsm.on_request(fsm.refresh_at());
        CHECK(in_window.usable);
        CHECK(in_window.start_fetch);
    }
}

TEST_CASE("refresh fsm: short lifetimes scale the windows down") {
    const RefreshOptions options;
    FixedJitter jitter(0.0);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    REQUIRE(fsm.on_fetched(t0, t0 + 4s));
    // A quarter of the lifetime at the lowest jitter, a tenth as the margin.
    CHECK(fsm.refresh_at() == t0 + 3s);
    CHECK(fsm.usable_until() == t0 + 3600ms);
    CHECK_FALSE(fsm.on_request(t0 + 2s).start_fetch);
    const auto window = fsm.on_request(t0 + 3s);
    CHECK(window.usable);
    CHECK(window.start_fetch);
    // While that fetch runs, the credentials still sign, then stop at the margin.
    CHECK(fsm.on_request(t0 + 3500ms).usable);
    CHECK_FALSE(fsm.on_request(t0 + 3600ms).usable);
    CHECK_FALSE(fsm.on_request(t0 + 3600ms).start_fetch); // one fetch at a time
}

TEST_CASE("refresh fsm: a failed background refresh keeps the old credentials, with backoff") {
    RefreshOptions options;
    options.retry_base = 10s;
    options.retry_max = 40s;
    FixedJitter jitter(0.0); // the lower half of each backoff: 5 s, 10 s, 20 s, 20 s
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    REQUIRE(fsm.on_fetched(t0, t0 + 1h));
    auto now = fsm.refresh_at();
    REQUIRE(fsm.on_request(now).start_fetch);
    for (const auto backoff : {5s, 10s, 20s, 20s}) {
        fsm.on_failed(now);
        CHECK(fsm.usable(now));
        CHECK(fsm.next_attempt_at() == now + backoff);
        const auto early = fsm.on_request(now + backoff - 1ms);
        CHECK(early.usable);
        CHECK_FALSE(early.start_fetch);
        now += backoff;
        const auto retry = fsm.on_request(now);
        CHECK(retry.usable);
        CHECK(retry.start_fetch);
    }
    CHECK(fsm.failures() == 4);
    REQUIRE(fsm.on_fetched(now, now + 1h));
    CHECK(fsm.failures() == 0);
}

TEST_CASE("refresh fsm: the backoff never passes half the time the credentials have left") {
    RefreshOptions options;
    options.retry_base = 10min;
    options.retry_max = 10min;
    FixedJitter jitter(0.999);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    REQUIRE(fsm.on_fetched(t0, t0 + 1h)); // usable until t0 + 59 min
    const auto now = t0 + 55min;
    REQUIRE(fsm.on_request(now).start_fetch);
    fsm.on_failed(now);
    CHECK(fsm.next_attempt_at() == now + 2min);
}

TEST_CASE("refresh fsm: expired credentials fetch at once, whatever the backoff") {
    const RefreshOptions options;
    FixedJitter jitter(0.5);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    fsm.on_failed(t0);
    CHECK(fsm.failures() == 1);
    const auto again = fsm.on_request(t0 + 1ms);
    CHECK_FALSE(again.usable);
    CHECK(again.start_fetch);
    REQUIRE(fsm.on_fetched(t0, t0 + 1h));
    const auto expired = fsm.on_request(t0 + 1h);
    CHECK_FALSE(expired.usable);
    CHECK(expired.start_fetch);
}

TEST_CASE("refresh fsm: credentials that come already expired are not usable") {
    const RefreshOptions options;
    FixedJitter jitter(0.5);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    CHECK_FALSE(fsm.on_fetched(t0, t0 - 1s));
    CHECK_FALSE(fsm.usable(t0));
    CHECK_FALSE(fsm.fetching());
}

TEST_CASE("refresh fsm: the same credentials handed out again are asked for later, not at once") {
    const RefreshOptions options;
    FixedJitter jitter(0.0);
    RefreshFsm fsm(options, jitter);
    (void)fsm.on_request(t0);
    REQUIRE(fsm.on_fetched(t0, t0 + 8min)); // a quarter of 8 minutes: refresh at t0 + 6 min
    CHECK(fsm.refresh_at() == t0 + 6min);
    REQUIRE(fsm.on_request(t0 + 6min).start_fetch);
    REQUIRE(fsm.on_fetched(t0 + 6min, t0 + 8min)); // the source has not rotated yet
    CHECK(fsm.refresh_at() == t0 + 7min + 30s);
    CHECK_FALSE(fsm.on_request(t0 + 6min + 1s).start_fetch);
}

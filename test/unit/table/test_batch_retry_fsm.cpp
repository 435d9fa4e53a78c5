// The re-send decision for unprocessed writes and keys, fed responses by hand: no server, no
// clock, jitter scripted.
#include "table/batch_retry_fsm.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <limits>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;
using namespace std::chrono_literals;
using Action = UnprocessedRetryFsm::Decision::Action;

namespace {

// Returns the scripted values in turn, then repeats the last one.
class ScriptedJitter final : public JitterSource {
public:
    explicit ScriptedJitter(std::vector<double> values) : values_(std::move(values)) {}
    double next_unit() noexcept override {
        const double v = values_[std::min(draws, values_.size() - 1)];
        ++draws;
        return v;
    }
    std::size_t draws = 0;

private:
    std::vector<double> values_;
};

BatchConfig exact_config(int max_retries = 10) {
    BatchConfig c;
    c.max_unprocessed_retries = max_retries;
    c.base_delay = 50ms;
    c.max_delay = 5s;
    c.jitter = false;
    return c;
}

} // namespace

TEST_CASE("batch retry: nothing unprocessed is done") {
    const BatchConfig config = exact_config();
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    const auto d = fsm.on_response(25, 0);
    CHECK(d.action == Action::done);
    CHECK(d.delay == 0ns);
    CHECK(fsm.resends() == 0);
    CHECK(jitter.draws == 0);
}

TEST_CASE("batch retry: done after some re-sends") {
    const BatchConfig config = exact_config();
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    CHECK(fsm.on_response(25, 10).action == Action::resend);
    CHECK(fsm.on_response(10, 3).action == Action::resend);
    CHECK(fsm.on_response(3, 0).action == Action::done);
    CHECK(fsm.resends() == 2);
}

TEST_CASE("batch retry: delays double from the base and stop at the cap") {
    const BatchConfig config = exact_config(20);
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    const std::vector<std::chrono::nanoseconds> expected{50ms,   100ms,  200ms, 400ms, 800ms,
                                                         1600ms, 3200ms, 5s,    5s,    5s};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("re-send " << i + 1);
        const auto d = fsm.on_response(25, 1);
        CHECK(d.action == Action::resend);
        CHECK(d.delay == expected[i]);
        CHECK(fsm.resends() == static_cast<int>(i + 1));
    }
    CHECK(jitter.draws == 0); // no jitter asked for, none drawn
}

TEST_CASE("batch retry: full jitter scales the ceiling by the drawn unit") {
    BatchConfig config = exact_config();
    config.jitter = true;
    ScriptedJitter jitter({0.5, 0.0, 0.25, 0.75, 0.9999999});
    UnprocessedRetryFsm fsm(config, jitter);
    CHECK(fsm.on_response(25, 5).delay == 25ms);   // 0.5 * 50 ms
    CHECK(fsm.on_response(5, 5).delay == 0ms);     // 0 * 100 ms
    CHECK(fsm.on_response(5, 5).delay == 50ms);    // 0.25 * 200 ms
    CHECK(fsm.on_response(5, 5).delay == 300ms);   // 0.75 * 400 ms
    const auto last = fsm.on_response(5, 5).delay; // just under 800 ms
    CHECK(last > 799ms);
    CHECK(last < 800ms);
    CHECK(jitter.draws == 5);
}

TEST_CASE("batch retry: jitter outside [0, 1) cannot leave [0, ceiling]") {
    BatchConfig config = exact_config();
    config.jitter = true;
    ScriptedJitter jitter({-0.5, 7.0, std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::infinity()});
    UnprocessedRetryFsm fsm(config, jitter);
    CHECK(fsm.on_response(1, 1).delay == 0ms);
    CHECK(fsm.on_response(1, 1).delay == 100ms);
    CHECK(fsm.on_response(1, 1).delay == 0ms);
    CHECK(fsm.on_response(1, 1).delay == 400ms);
}

TEST_CASE("batch retry: gives up once the re-sends are used up") {
    const BatchConfig config = exact_config(3);
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    for (int i = 0; i < 3; ++i)
        REQUIRE(fsm.on_response(25, 1).action == Action::resend);
    const auto d = fsm.on_response(25, 1);
    CHECK(d.action == Action::give_up);
    CHECK(d.delay == 0ns);
    CHECK(fsm.resends() == 3);
    // Still nothing more: giving up is final for anything left.
    CHECK(fsm.on_response(1, 1).action == Action::give_up);
    CHECK(fsm.resends() == 3);
    // A last response that left nothing is still done.
    CHECK(fsm.on_response(1, 0).action == Action::done);
}

TEST_CASE("batch retry: zero (or negative) re-sends give up at once") {
    for (const int retries : {0, -1}) {
        INFO("max_unprocessed_retries " << retries);
        const BatchConfig config = exact_config(retries);
        ScriptedJitter jitter({0.5});
        UnprocessedRetryFsm fsm(config, jitter);
        CHECK(fsm.on_response(25, 0).action == Action::done);
        CHECK(fsm.on_response(25, 1).action == Action::give_up);
        CHECK(fsm.resends() == 0);
    }
}

TEST_CASE("batch retry: more unprocessed than sent counts as all unprocessed") {
    const BatchConfig config = exact_config();
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    const auto d = fsm.on_response(5, 9);
    CHECK(d.action == Action::resend);
    CHECK(d.delay == 50ms);
    // Nothing sent: nothing can be left, whatever the response claims.
    CHECK(fsm.on_response(0, 3).action == Action::done);
    CHECK(fsm.on_response(std::numeric_limits<std::size_t>::max(),
                          std::numeric_limits<std::size_t>::max())
              .action == Action::resend);
}

TEST_CASE("batch retry: huge delays and retry counts do not overflow") {
    BatchConfig config = exact_config(1000);
    config.base_delay = std::chrono::milliseconds::max();
    config.max_delay = std::chrono::milliseconds::max();
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    const auto first = fsm.on_response(1, 1);
    CHECK(first.action == Action::resend);
    CHECK(first.delay > 0ns);
    for (int i = 0; i < 998; ++i)
        REQUIRE(fsm.on_response(1, 1).delay == first.delay);
    CHECK(fsm.on_response(1, 1).action == Action::resend);
    CHECK(fsm.on_response(1, 1).action == Action::give_up);
}

TEST_CASE("batch retry: a zero base delay re-sends at once; a negative one counts as zero") {
    BatchConfig config = exact_config();
    config.base_delay = 0ms;
    ScriptedJitter jitter({0.5});
    UnprocessedRetryFsm fsm(config, jitter);
    CHECK(fsm.on_response(1, 1).delay == 0ns);
    CHECK(fsm.on_response(1, 1).delay == 0ns);

    config.base_delay = -5ms;
    UnprocessedRetryFsm negative(config, jitter);
    CHECK(negative.on_response(1, 1).delay == 0ns);
}

TEST_CASE("batch retry: the shared backoff ceiling matches the policy overload") {
    RetryPolicy policy;
    policy.base_delay = 50ms;
    policy.max_delay = 20s;
    for (int retry : {1, 2, 3, 9, 10, 1000}) {
        INFO("retry " << retry);
        CHECK(backoff_ceiling(policy, retry) == backoff_ceiling(50ms, 20s, retry));
    }
    CHECK(backoff_ceiling(50ms, 5s, 1) == 50ms);
    CHECK(backoff_ceiling(50ms, 5s, 7) == 3200ms);
    CHECK(backoff_ceiling(50ms, 5s, 8) == 5s);
    CHECK(backoff_ceiling(50ms, 5s, 2'000'000'000) == 5s);
    CHECK(backoff_ceiling(50ms, -1ms, 3) == 0ns);
}

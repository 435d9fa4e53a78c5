#pragma once
// The re-send decision for the unprocessed part of one batch request, as a sans-I/O state
// machine: the coroutine reports each response and is told whether to re-send, after what
// delay, or to give up. The jitter source is injected, so every branch is unit-testable.
#include "http/retry_fsm.hpp"
#include <dynaq/batch.hpp>

#include <chrono>
#include <cstddef>

namespace dynaq::detail {

class UnprocessedRetryFsm {
public:
    struct Decision {
        enum class Action {
            done,    ///< nothing left
            resend,  ///< wait `delay`, then send the unprocessed part
            give_up, ///< retries exhausted: report the unprocessed part
        };
        Action action = Action::done;
        std::chrono::nanoseconds delay{0};
    };

    /// Both references must outlive the FSM.
    UnprocessedRetryFsm(const BatchConfig& config, JitterSource& jitter) noexcept :
        config_(config), jitter_(jitter) {}

    /// One successful response: `unprocessed` of the `sent` writes or keys came back unprocessed.
    [[nodiscard]] Decision on_response(std::size_t sent, std::size_t unprocessed) noexcept;

    /// Re-sends decided so far.
    [[nodiscard]] int resends() const noexcept { return resends_; }

private:
    const BatchConfig& config_;
    JitterSource& jitter_;
    int resends_ = 0;
};

} // namespace dynaq::detail

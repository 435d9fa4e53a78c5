#pragma once
// When to refresh expiring credentials and what to do when a refresh fails, as a sans-I/O
// state machine. The provider reports every request for credentials and every fetch result,
// with the time; it is told whether the credentials it holds may sign and whether to start a
// fetch. No clock, no threads (the provider holds its lock around each call), jitter injected.
#include "http/retry_fsm.hpp"
#include <dynaq/credentials.hpp>

#include <chrono>
#include <optional>

namespace dynaq::detail {

struct RefreshDecision {
    bool usable = false;      ///< the held credentials may sign now
    bool start_fetch = false; ///< start a fetch (in the background when `usable`)
};

class RefreshFsm {
public:
    using time_point = std::chrono::system_clock::time_point;

    /// Both references must outlive the FSM.
    RefreshFsm(const RefreshOptions& options, JitterSource& jitter) noexcept :
        options_(options), jitter_(jitter) {}

    /// A caller wants credentials. Never asks for a second fetch while one runs; asks for one
    /// when there are no usable credentials, or inside the refresh window once the backoff of
    /// the last failure has passed.
    [[nodiscard]] RefreshDecision on_request(time_point now) noexcept;
    /// The fetch delivered credentials expiring at `expiration` (nullopt: never). False when
    /// they are not usable even now (already expired, or inside the expiry margin).
    bool on_fetched(time_point now, std::optional<time_point> expiration) noexcept;
    /// The fetch failed (or was abandoned). The held credentials, if any, stay in use while
    /// they are valid; the next background attempt waits for the backoff.
    void on_failed(time_point now) noexcept;

    [[nodiscard]] bool fetching() const noexcept { return fetching_; }
    [[nodiscard]] bool usable(time_point now) const noexcept { return has_ && now < usable_until_; }
    /// Failed fetches since the last success.
    [[nodiscard]] int failures() const noexcept { return failures_; }
    [[nodiscard]] time_point refresh_at() const noexcept { return refresh_at_; }
    [[nodiscard]] time_point usable_until() const noexcept { return usable_until_; }
    [[nodiscard]] time_point next_attempt_at() const noexcept { return next_attempt_at_; }

private:
    // Waits `attempt` doublings of retry_base (capped), jittered into its upper half, and
    // never past half the time the held credentials have left, so a retry still lands
    // before they expire.
    [[nodiscard]] time_point backoff_from(time_point now, int attempt) noexcept;

    const RefreshOptions& options_;
    JitterSource& jitter_;
    bool has_ = false;
    bool fetching_ = false;
    int failures_ = 0;
    time_point usable_until_ = time_point::min();
    time_point refresh_at_ = time_point::max();
    time_point next_attempt_at_ = time_point::min();
};

} // namespace dynaq::detail

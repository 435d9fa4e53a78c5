#include "refresh_fsm.hpp"

#include <algorithm>

namespace dynaq::detail {

namespace {

using std::chrono::duration_cast;
using std::chrono::nanoseconds;

nanoseconds between(nanoseconds low, nanoseconds high, double unit) noexcept {
    if (high <= low)
        return low;
    return low + duration_cast<nanoseconds>((high - low) * unit);
}

} // namespace

RefreshDecision RefreshFsm::on_request(time_point now) noexcept {
    const bool can_sign = usable(now);
    if (fetching_)
        return {can_sign, false};
    if (!can_sign || (now >= refresh_at_ && now >= next_attempt_at_)) {
        fetching_ = true;
        return {can_sign, true};
    }
    return {true, false};
}

bool RefreshFsm::on_fetched(time_point now, std::optional<time_point> expiration) noexcept {
    fetching_ = false;
    failures_ = 0;
    has_ = true;
    if (!expiration) {
        usable_until_ = time_point::max();
        refresh_at_ = time_point::max();
        next_attempt_at_ = time_point::min();
        return true;
    }
    const nanoseconds lifetime = std::max(nanoseconds(0), *expiration - now);
    const double unit = jitter_.next_unit();
    const nanoseconds margin = std::min<nanoseconds>(options_.expiry_margin, lifetime / 10);
    const nanoseconds window = std::min(between(options_.min_window, options_.max_window, unit),
                                        between(lifetime / 4, lifetime / 2, unit));
    usable_until_ = *expiration - margin;
    refresh_at_ = *expiration - window;
    // The window is capped by the lifetime, so fresh credentials are never inside it: even
    // a source that hands out the same credentials again (IMDS before its own rotation)
    // is asked next only half their remaining lifetime later, at the soonest.
    next_attempt_at_ = time_point::min();
    return usable(now);
}

void RefreshFsm::on_failed(time_point now) noexcept {
    fetching_ = false;
    ++failures_;
    next_attempt_at_ = backoff_from(now, failures_);
}

RefreshFsm::time_point RefreshFsm::backoff_from(time_point now, int attempt) noexcept {
    const nanoseconds ceiling = backoff_ceiling(options_.retry_base, options_.retry_max, attempt);
    nanoseconds delay = between(ceiling / 2, ceiling, jitter_.next_unit());
    if (usable(now))
        delay = std::min<nanoseconds>(delay, (usable_until_ - now) / 2);
    return now + duration_cast<time_point::duration>(delay);
}

} // namespace dynaq::detail

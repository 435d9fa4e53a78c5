#include "table/batch_retry_fsm.hpp"

#include <algorithm>
#include <cstdint>

namespace dynaq::detail {

namespace {

// Full jitter: uniform in [0, ceiling) for `unit` uniform in [0, 1). A source straying out of
// [0, 1] (or NaN) is clamped first, so the conversion back to an integer is always defined.
std::chrono::nanoseconds full_jitter(std::chrono::nanoseconds ceiling, double unit) noexcept {
    const double bounded = unit >= 0.0 ? std::min(unit, 1.0) : 0.0;
    const auto delay = std::chrono::nanoseconds(
        static_cast<std::int64_t>(bounded * static_cast<double>(ceiling.count())));
    // Rounding of the double product could land one step above the ceiling.
    return std::min(delay, ceiling);
}

} // namespace

UnprocessedRetryFsm::Decision UnprocessedRetryFsm::on_response(std::size_t sent,
                                                               std::size_t unprocessed) noexcept {
    using Action = Decision::Action;
    // More unprocessed than sent is a protocol oddity: no more than was sent can be left over
    // (so a response to an empty request is done, whatever it claims).
    const std::size_t left = std::min(unprocessed, sent);
    if (left == 0)
        return {Action::done, std::chrono::nanoseconds(0)};
    if (resends_ >= config_.max_unprocessed_retries)
        return {Action::give_up, std::chrono::nanoseconds(0)};

    ++resends_;
    const std::chrono::nanoseconds ceiling =
        backoff_ceiling(config_.base_delay, config_.max_delay, resends_);
    if (!config_.jitter)
        return {Action::resend, ceiling};
    return {Action::resend, full_jitter(ceiling, jitter_.next_unit())};
}

} // namespace dynaq::detail

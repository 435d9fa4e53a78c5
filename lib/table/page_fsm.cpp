#include "table/page_fsm.hpp"
#include <dynaq/error.hpp>

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

namespace dynaq::detail {

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

void check_limits(const PageLimits& limits) {
    if (limits.limit && *limits.limit < 0)
        throw InvalidArgumentError("limit must not be negative (got " +
                                   std::to_string(*limits.limit) + ")");
    if (limits.max_evaluated && *limits.max_evaluated < 0)
        throw InvalidArgumentError("max_evaluated must not be negative (got " +
                                   std::to_string(*limits.max_evaluated) + ")");
    if (limits.page_size < 1)
        throw InvalidArgumentError("page_size must be at least 1 (got " +
                                   std::to_string(limits.page_size) + ")");
}

// Counters only grow; saturating keeps them meaningful even for absurd page counts.
std::int64_t saturating_add(std::int64_t total, std::int64_t more) noexcept {
    return more > int64_max - total ? int64_max : total + more;
}

std::int64_t to_int64(std::size_t n) noexcept {
    return n > static_cast<std::size_t>(int64_max) ? int64_max : static_cast<std::int64_t>(n);
}

// What is left of an optional budget; no budget leaves "as much as a page can hold".
std::int64_t left(const std::optional<std::int64_t>& budget, std::int64_t used) noexcept {
    if (!budget)
        return int64_max;
    return std::max<std::int64_t>(*budget - used, 0);
}

// DynamoDB never sends an empty LastEvaluatedKey, but a decoder may hand one over; either way
// there is nothing to resume from, and sending it as ExclusiveStartKey would be rejected.
std::optional<Item> non_empty(std::optional<Item> key) {
    if (key && key->empty())
        return std::nullopt;
    return key;
}

} // namespace

PageFsm::PageFsm(PageLimits limits, std::optional<Item> start_key) :
    limits_(limits), key_(non_empty(std::move(start_key))) {
    check_limits(limits_);
}

bool PageFsm::has_next() const noexcept {
    if (exhausted_)
        return false;
    return left(limits_.limit, delivered_) > 0 && left(limits_.max_evaluated, evaluated_) > 0;
}

std::int32_t PageFsm::next_limit() const noexcept {
    const std::int64_t budget =
        std::min(left(limits_.limit, delivered_), left(limits_.max_evaluated, evaluated_));
    // page_size is an int32, so the minimum always fits one.
    return static_cast<std::int32_t>(std::min<std::int64_t>(limits_.page_size, budget));
}

PageOutcome PageFsm::on_page(std::size_t count, std::int64_t scanned_count,
                             std::optional<Item> last_evaluated_key) {
    // A page reported after the end is a caller bug; ignoring it keeps the counters and the
    // resume point truthful instead of resurrecting a finished read.
    if (!has_next())
        return {};

    const std::int64_t returned = to_int64(count);
    const std::int64_t room = left(limits_.limit, delivered_);
    PageOutcome outcome;
    outcome.truncated = returned > room;
    outcome.deliver = static_cast<std::size_t>(std::min(returned, room));

    delivered_ = saturating_add(delivered_, static_cast<std::int64_t>(outcome.deliver));
    // Every returned item was evaluated, so a missing or inconsistent ScannedCount cannot make
    // the evaluation budget last forever.
    evaluated_ = saturating_add(evaluated_, std::max({scanned_count, returned, std::int64_t{0}}));
    ++pages_;

    key_ = non_empty(std::move(last_evaluated_key));
    exhausted_ = !key_.has_value();
    return outcome;
}

} // namespace dynaq::detail

#pragma once
// Pagination of Query and Scan as a sans-I/O state machine: which Limit and ExclusiveStartKey
// the next request carries, how many of a page's items reach the caller, and when to stop.
//
// Two budgets, as the Python library had them: `limit` counts records delivered to the caller,
// `max_evaluated` counts items DynamoDB read (ScannedCount, before the filter). Each request asks
// for at most what is left of both, so a page never carries more records than the caller still
// wants, and the LastEvaluatedKey of the last page is an exact point to resume from.
#include <dynaq/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace dynaq::detail {

/// DynamoDB reads at most 1 MB per page whatever Limit says; 1000 is the Python library's size.
inline constexpr std::int32_t default_page_size = 1000;

struct PageLimits {
    /// Records to deliver in total; empty for all of them.
    std::optional<std::int64_t> limit{};
    /// DynamoDB's Limit per request (items evaluated per page), at least 1.
    std::int32_t page_size = default_page_size;
    /// Items DynamoDB may evaluate in total (sum of ScannedCount); empty for no bound.
    std::optional<std::int64_t> max_evaluated{};
};

struct PageOutcome {
    /// How many of the page's items to deliver (the first ones, in order).
    std::size_t deliver = 0;
    /// True when the page held more items than the record budget allowed (only possible if the
    /// server ignored Limit): last_evaluated_key() then lies past undelivered items.
    bool truncated = false;
};

class PageFsm {
public:
    /// Throws InvalidArgumentError for a negative limit or max_evaluated, or a page size < 1.
    /// A budget of 0 means no request at all. An empty `start_key` counts as none.
    explicit PageFsm(PageLimits limits, std::optional<Item> start_key = std::nullopt);

    /// Whether another request should be sent.
    [[nodiscard]] bool has_next() const noexcept;
    /// Limit for the next request: min(page_size, records left, evaluations left). Requires
    /// has_next() (returns 0 otherwise).
    [[nodiscard]] std::int32_t next_limit() const noexcept;
    /// ExclusiveStartKey for the next request (empty for the first page of a fresh read).
    [[nodiscard]] const std::optional<Item>& start_key() const noexcept { return key_; }

    /// Reports a page: `count` items returned (Count for Select=COUNT), `scanned_count`
    /// evaluated, and its LastEvaluatedKey (empty, or an empty map, on the last page). Every
    /// returned item counts as evaluated, so evaluated() grows by max(scanned_count, count).
    /// Requires has_next(); a page reported after done() is ignored (delivers nothing).
    PageOutcome on_page(std::size_t count, std::int64_t scanned_count,
                        std::optional<Item> last_evaluated_key);

    /// Where to resume: the last page's LastEvaluatedKey (kept when a budget ran out), or the
    /// start key before the first page; empty when the read is complete (or before the first
    /// page of a fresh read).
    [[nodiscard]] const std::optional<Item>& last_evaluated_key() const noexcept { return key_; }
    /// True once the last page was seen (no LastEvaluatedKey) or a budget ran out.
    [[nodiscard]] bool done() const noexcept { return !has_next(); }

    [[nodiscard]] std::int64_t delivered() const noexcept { return delivered_; }
    [[nodiscard]] std::int64_t evaluated() const noexcept { return evaluated_; }
    [[nodiscard]] std::size_t pages() const noexcept { return pages_; }

private:
    PageLimits limits_;
    std::optional<Item> key_;
    bool exhausted_ = false; ///< a page came back without LastEvaluatedKey
    std::int64_t delivered_ = 0;
    std::int64_t evaluated_ = 0;
    std::size_t pages_ = 0;
};

} // namespace dynaq::detail

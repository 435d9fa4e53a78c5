#pragma once
// Configuration of a Table and the options of its operations. Plain structs with documented
// defaults, meant for designated initializers:
//
//   auto rows = users.query({.partition_key = "acme", .sort_key_prefix = "user#", .limit = 50});
#include <dynaq/batch.hpp>
#include <dynaq/export.hpp>
#include <dynaq/expression.hpp>
#include <dynaq/value.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

/// Record hooks. Each runs on the record as an Item (after record_traits::to_item).
struct TableHooks {
    /// Computes the partition key of a record that has no attribute of that name (the Python
    /// library's get_partition_key). Without it such a record is an InvalidArgumentError.
    std::function<AttributeValue(const Item&)> partition_key{};
    /// Same for the sort key.
    std::function<AttributeValue(const Item&)> sort_key{};
    /// Runs on every record before its keys are computed and before it is written.
    std::function<void(Item&)> normalize{};
    /// Extra checks before a batch upsert writes a record (after the built-in key checks);
    /// throw InvalidArgumentError to refuse it.
    std::function<void(const Item&)> validate{};
};

struct TableConfig {
    /// How batch calls chunk, parallelise and re-send unprocessed items.
    BatchConfig batch{};
    /// wait_until_exists / wait_until_not_exists are the TableExists / TableNotExists waiters
    /// (waiters.hpp) polling every `wait_delay`, at most `wait_attempts` times (8 min 20 s by
    /// default, as long as the AWS SDK waiters, with finer steps), then TimeoutError naming the
    /// waiter and the last status seen.
    std::chrono::milliseconds wait_delay{1'000};
    int wait_attempts = 500;
    /// Timestamp attributes set by upserts: `created_field` once (if_not_exists), `modified_field`
    /// on every write. An empty name turns that field off.
    std::string created_field = "dt_created";
    std::string modified_field = "dt_modified";
    /// The clock for those timestamps; system_clock::now when empty.
    std::function<std::chrono::system_clock::time_point()> clock{};
    /// Scope of clear_records(): the sort key prefix of the records this Table manages when
    /// several record kinds share one table.
    std::optional<std::string> sort_key_prefix{};
    /// Whether batch_upsert requires every index key attribute to be present (the Python
    /// library's rule). When false, an absent index key is allowed (the item is just not in that
    /// sparse index); a present one must still have the declared type.
    bool require_index_keys = false;
};

struct GetOptions {
    bool consistent_read = false;
    /// Only these attributes (the key attributes are added, so the record stays addressable).
    std::optional<Projection> projection = std::nullopt;
};

struct UpsertOptions {
    /// Must hold for the stored item, or ConditionalCheckFailedError is thrown. Named values
    /// (named("x")) come from `condition_values`, then from the new record.
    std::optional<Condition> condition = std::nullopt;
    /// Values for the condition only; never written.
    Item condition_values{};
    /// Attributes written only when the stored item does not have them yet (they must be in
    /// the record; key attributes cannot be listed).
    std::vector<std::string> set_if_not_exists{};
    /// Merged into the record before writing, so WRITTEN as attributes (the Python library's
    /// behaviour; use condition_values for values that must not be stored).
    Item extra_data{};
};

struct PutOptions {
    std::optional<Condition> condition = std::nullopt;
    Item condition_values{};
};

struct DeleteOptions {
    /// Named values come from `condition_values`, then from the record passed in.
    std::optional<Condition> condition = std::nullopt;
    Item condition_values{};
};

/// A sort key condition on the queried index's sort key.
struct DYNAQ_API SortKeyMatch {
    Op op = Op::eq; ///< eq, lt, le, gt, ge, between or begins_with
    AttributeValue value{};
    std::optional<AttributeValue> upper = std::nullopt; ///< BETWEEN's high bound

    [[nodiscard]] static SortKeyMatch eq(AttributeValue v) { return {Op::eq, std::move(v)}; }
    [[nodiscard]] static SortKeyMatch lt(AttributeValue v) { return {Op::lt, std::move(v)}; }
    [[nodiscard]] static SortKeyMatch le(AttributeValue v) { return {Op::le, std::move(v)}; }
    [[nodiscard]] static SortKeyMatch gt(AttributeValue v) { return {Op::gt, std::move(v)}; }
    [[nodiscard]] static SortKeyMatch ge(AttributeValue v) { return {Op::ge, std::move(v)}; }
    [[nodiscard]] static SortKeyMatch begins_with(AttributeValue v) {
        return {Op::begins_with, std::move(v)};
    }
    [[nodiscard]] static SortKeyMatch between(AttributeValue low, AttributeValue high) {
        return {Op::between, std::move(low), std::move(high)};
    }
};

/// Paging shared by query and scan.
struct PageOptions {
    /// Records delivered in total; empty for all.
    std::optional<std::int64_t> limit = std::nullopt;
    /// DynamoDB's Limit per request (items evaluated per page).
    std::int32_t page_size = 1000;
    /// Items DynamoDB may evaluate in total (before the filter); empty for no bound.
    std::optional<std::int64_t> max_evaluated = std::nullopt;
};

struct QueryOptions {
    /// Required: the partition key value of the queried table or index.
    AttributeValue partition_key{};
    /// A secondary index by name; the table itself when empty.
    std::optional<std::string> index = std::nullopt;
    /// At most one of the three sort key forms may be set; setting one on an index without a
    /// sort key is an InvalidArgumentError (never silently ignored).
    std::optional<AttributeValue> sort_key = std::nullopt;        ///< sort key = value
    std::optional<AttributeValue> sort_key_prefix = std::nullopt; ///< begins_with(sort key, p)
    std::optional<SortKeyMatch> sort_key_match = std::nullopt;    ///< any other comparison
    std::optional<Condition> filter = std::nullopt;
    /// Values for named("x") in the filter.
    Item data{};
    std::optional<Projection> projection = std::nullopt;
    /// Rejected before sending on a global index (DynamoDB does not support it there).
    bool consistent_read = false;
    /// false reads in descending sort key order.
    bool scan_index_forward = true;
    std::optional<std::int64_t> limit = std::nullopt;
    std::int32_t page_size = 1000;
    std::optional<std::int64_t> max_evaluated = std::nullopt;
    /// Resume point: a last_evaluated_key() of an earlier stream.
    std::optional<Item> exclusive_start_key = std::nullopt;
};

struct ScanOptions {
    std::optional<std::string> index = std::nullopt;
    std::optional<Condition> filter = std::nullopt;
    Item data{};
    std::optional<Projection> projection = std::nullopt;
    bool consistent_read = false;
    std::optional<std::int64_t> limit = std::nullopt;
    std::int32_t page_size = 1000;
    std::optional<std::int64_t> max_evaluated = std::nullopt;
    /// Parallel scan: this many segments, each read by its own coroutine (1 to 1,000,000).
    /// `limit` then bounds the total; exclusive_start_key is only for segments == 1.
    std::int32_t segments = 1;
    std::optional<Item> exclusive_start_key = std::nullopt;
};

/// What clear_table deletes. Every option narrows the deletion; contradictory or inapplicable
/// options (a sort key on a hash-only table, both a partition key and a prefix) are errors.
struct ClearOptions {
    /// Delete only this partition (a Query instead of a Scan).
    std::optional<AttributeValue> partition_key = std::nullopt;
    std::optional<std::string> partition_key_prefix = std::nullopt;
    std::optional<AttributeValue> sort_key = std::nullopt;
    std::optional<std::string> sort_key_prefix = std::nullopt;
    /// Find the records through this index (with partition_key: its partition key).
    std::optional<std::string> index = std::nullopt;
    std::optional<Condition> filter = std::nullopt;
    Item data{};
    /// Delete at most this many records.
    std::optional<std::int64_t> limit = std::nullopt;
};

/// One row of a batch get, in input order.
template <class R>
struct BatchGetResult {
    /// Whether DynamoDB had an item with the row's key.
    bool found = false;
    /// The stored record when found, else the input record as given.
    R record{};
};

} // namespace dynaq

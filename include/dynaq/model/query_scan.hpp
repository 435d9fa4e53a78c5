#pragma once
// Query and Scan: one page per call. Paginate by copying `last_evaluated_key` into
// `exclusive_start_key` until it comes back empty:
//
//   dynaq::QueryRequest req{.table_name = "orders", .key_condition_expression = "pk = :pk",
//                           .expression_attribute_values = {{":pk", "c#1"}}};
//   do {
//       auto page = co_await client.query(req);
//       ...
//       req.exclusive_start_key = std::move(page.last_evaluated_key);
//   } while (req.exclusive_start_key);
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

struct QueryRequest {
    std::string table_name{};
    std::optional<std::string> index_name{};
    std::string key_condition_expression{};
    std::optional<std::string> filter_expression{};
    std::optional<std::string> projection_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    /// Items evaluated (not returned) per page; at least 1.
    std::optional<std::int32_t> limit{};
    std::optional<Item> exclusive_start_key{};
    /// false reads the sort key in descending order.
    std::optional<bool> scan_index_forward{};
    std::optional<bool> consistent_read{};
    std::optional<Select> select{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const QueryRequest&) const = default;
};

struct ScanRequest {
    std::string table_name{};
    std::optional<std::string> index_name{};
    std::optional<std::string> filter_expression{};
    std::optional<std::string> projection_expression{};
    ExpressionAttributeNames expression_attribute_names{};
    Item expression_attribute_values{};
    std::optional<std::int32_t> limit{};
    std::optional<Item> exclusive_start_key{};
    std::optional<bool> consistent_read{};
    std::optional<Select> select{};
    /// Parallel scan: this worker's segment, 0 <= segment < total_segments. Both or neither.
    std::optional<std::int32_t> segment{};
    std::optional<std::int32_t> total_segments{};
    std::optional<ReturnConsumedCapacity> return_consumed_capacity{};

    bool operator==(const ScanRequest&) const = default;
};

/// One page of Query or Scan results.
struct QueryResponse {
    /// Empty for Select::count.
    std::vector<Item> items{};
    /// Items returned (after the filter) and items read (before it).
    std::int64_t count = 0;
    std::int64_t scanned_count = 0;
    /// Present while there may be more pages.
    std::optional<Item> last_evaluated_key{};
    std::optional<ConsumedCapacity> consumed_capacity{};

    bool operator==(const QueryResponse&) const = default;
};
using ScanResponse = QueryResponse;

} // namespace dynaq

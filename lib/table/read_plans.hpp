#pragma once
// Query and Scan requests built from the Table layer's options, checked before anything is sent.
#include "table/page_fsm.hpp"
#include <dynaq/detail/table_core.hpp>

#include <string>
#include <vector>

namespace dynaq::detail {

struct QueryPlan {
    QueryRequest request;
    PageLimits limits;
    /// Key attributes of the table and the index read: what a LastEvaluatedKey holds.
    std::vector<std::string> position_keys;
};

struct ScanPlan {
    ScanRequest request;
    PageLimits limits;
    std::vector<std::string> position_keys;
    std::int32_t segments = 1;
};

/// Throws InvalidArgumentError for a missing partition key, an unknown index, more than one
/// sort key form or one on an index without a sort key, ConsistentRead on a global index, bad
/// limits, or a start key missing a key attribute.
[[nodiscard]] QueryPlan plan_query(const TableCore& table, const QueryOptions& options);
[[nodiscard]] ScanPlan plan_scan(const TableCore& table, const ScanOptions& options);

/// A page source over one plan (a sequential query or scan).
[[nodiscard]] std::unique_ptr<PageSource> make_pager(Client& client, QueryPlan plan);
[[nodiscard]] std::unique_ptr<PageSource> make_pager(Client& client, ScanPlan plan);

} // namespace dynaq::detail

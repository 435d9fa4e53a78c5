#pragma once
// The command-line options of query, scan, count and export as the Table layer's QueryOptions
// and ScanOptions. Pure (the schema comes from DescribeTable beforehand), so unit-tested.
#include "args.hpp"

#include <dynaq/table_options.hpp>
#include <dynaq/table_schema.hpp>

#include <vector>

namespace dynaq_cli {

/// The options shared by query, scan and count, for their specs and help.
[[nodiscard]] std::vector<OptionSpec> filter_options();
[[nodiscard]] std::vector<OptionSpec> key_condition_options();

/// --pk with at most one sort key condition (--sk-eq, --sk-lt, --sk-le, --sk-gt, --sk-ge,
/// --sk-begins-with, --sk-between), plus --index, --filter/--values, --projection,
/// --consistent, --reverse, --limit, --page-size. Key values are typed by the queried index's
/// key types. Throws UsageError or dynaq::InvalidArgumentError.
[[nodiscard]] dynaq::QueryOptions query_options(const Args& args, const dynaq::TableSchema& schema);

/// --index, --filter/--values, --projection, --consistent, --limit, --page-size, --segments.
[[nodiscard]] dynaq::ScanOptions scan_options(const Args& args);

} // namespace dynaq_cli

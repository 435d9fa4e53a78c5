#pragma once
// The end of a run: the text summary for people, or one JSON object for machines.
#include "options.hpp"
#include "stats.hpp"

#include <string>

namespace dynaq_bench {

/// Throughput, errors by type, latency percentiles (p50, p90, p99, p99.9, max) per operation
/// and overall, and notes on what looks wrong (misses, unprocessed items, a missed rate).
[[nodiscard]] std::string text_report(const BenchConfig& config, const RunResult& result,
                                      const std::string& endpoint);

/// The same numbers as one JSON object on one line; latencies in microseconds.
[[nodiscard]] std::string json_report(const BenchConfig& config, const RunResult& result,
                                      const std::string& endpoint);

/// "812 µs", "1.24 ms", "2.50 s": three significant digits (the histogram has two).
[[nodiscard]] std::string format_latency(std::uint64_t ns);

} // namespace dynaq_bench

#pragma once
// What a run counts. Each I/O thread records into its own ThreadStats (the runner keeps a
// thread-local pointer to it), so a request's bookkeeping takes no lock and shares no cache
// line with another thread; the threads' stats are merged into one RunStats at the end.
#include "histogram.hpp"
#include "workload.hpp"

#include <dynaq/transport.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace dynaq_bench {

struct OpStats {
    Histogram latency;             ///< successful requests only, in ns
    std::uint64_t ok = 0;          ///< requests that succeeded
    std::uint64_t errors = 0;      ///< requests that threw
    std::uint64_t items = 0;       ///< items read or written by the successful ones
    std::uint64_t misses = 0;      ///< get: no item; batch-get: keys not found
    std::uint64_t unprocessed = 0; ///< batch: items or keys DynamoDB handed back

    void merge(const OpStats& other);
};

struct ErrorTally {
    std::uint64_t count = 0;
    std::string example; ///< the first message seen, for the summary
};

/// Everything counted, merged over threads.
struct RunStats {
    std::array<OpStats, op_count> ops;
    /// Error type (service error code or dynaq exception class) -> tally.
    std::map<std::string, ErrorTally> errors;

    void merge(const RunStats& other);
    [[nodiscard]] OpStats total() const;
};

/// What run_workload hands back.
struct RunResult {
    RunStats stats;
    /// From the end of the warm-up to the last answer: throughput is counted over this.
    std::chrono::nanoseconds measured{0};
    /// Stopped early by SIGINT or SIGTERM.
    bool interrupted = false;
    /// The client's pool at the end: how many connections the run really held and opened.
    dynaq::PoolStats pool;
    /// The process's peak resident set (getrusage), for memory per connection.
    std::uint64_t peak_rss_kb = 0;
};

/// One thread's share. The two atomics feed the progress line, read from another thread; all
/// the rest is touched by the owning thread only until the run is over.
struct alignas(64) ThreadStats {
    RunStats stats;
    std::atomic<std::uint64_t> ok{0};
    std::atomic<std::uint64_t> errors{0};
    /// When this thread's last request was answered: the end of the measured time.
    std::chrono::steady_clock::time_point last_answer{};

    void record_success(Op op, std::uint64_t latency_ns, std::uint64_t items, std::uint64_t misses,
                        std::uint64_t unprocessed);
    void record_error(Op op, const std::string& type, const std::string& message);
    /// A request that started during the warm-up: shown as progress, not counted.
    void record_warmup(bool succeeded);
};

} // namespace dynaq_bench

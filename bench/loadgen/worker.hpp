#pragma once
// One worker of a run: one request in flight at a time. It takes the next request number from
// the run's shared counter, waits for that request's slot when the run is open loop, picks an
// operation and a key, sends, and records the outcome in its thread's ThreadStats.
//
// Its requests are built once and only their keys (and the updated attribute) change from one
// request to the next, so the per-request cost is the client's, not the benchmark's.
#include "items.hpp"
#include "keys.hpp"
#include "options.hpp"
#include "schedule.hpp"
#include "stats.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq_bench {

/// What all workers of a run share: fixed before the workers start, except the atomics.
struct RunContext {
    using clock = std::chrono::steady_clock;

    RunContext(const BenchConfig& c, dynaq::Client& cl) :
        config(c), client(cl), layout(c), items(c.distribution, c.records),
        partitions(c.distribution, layout.partitions()),
        mix(OperationMix::for_workload(c.workload)) {}

    const BenchConfig& config;
    dynaq::Client& client;
    const ItemLayout layout;
    const KeyChooser items;      ///< over records: get, put, update, batches
    const KeyChooser partitions; ///< over partitions: query
    const OperationMix mix;
    /// Requests intended to start before this are warm-up, not counted.
    clock::time_point measure_from;
    /// No request starts at or after this (--duration).
    std::optional<clock::time_point> end;
    /// Open loop (--rate): when each request is due.
    std::optional<OpenLoopSchedule> schedule;

    std::atomic<std::uint64_t> next{0}; ///< the next request's number
    std::atomic<bool> stop{false};      ///< set by a signal or a broken worker
};

/// The ThreadStats that workers resumed on the calling thread record into; each I/O thread
/// sets its own before running the io_context.
void set_thread_stats(ThreadStats* stats) noexcept;

class Worker {
public:
    /// `id` picks the worker's random stream (keys, operations).
    Worker(RunContext& context, std::size_t id);

    /// Sends requests until the run's request count, end time or stop flag says otherwise.
    /// Request failures are counted, never thrown.
    boost::asio::awaitable<void> run();

private:
    // What one successful request did.
    struct Outcome {
        std::uint64_t items = 0;
        std::uint64_t misses = 0;
        std::uint64_t unprocessed = 0;
    };

    boost::asio::awaitable<Outcome> perform(Op op);
    [[nodiscard]] std::string field_name(std::size_t i) const;
    [[nodiscard]] std::string field_value(std::size_t i) const;

    RunContext& ctx_;
    Rng rng_;
    dynaq::GetItemRequest get_;
    dynaq::PutItemRequest put_;
    dynaq::UpdateItemRequest update_;
    dynaq::QueryRequest query_;
    dynaq::BatchWriteItemRequest batch_write_;
    dynaq::BatchGetItemRequest batch_get_;
    std::vector<std::uint64_t> keys_; ///< a batch's distinct keys
};

} // namespace dynaq_bench

#pragma once
// The measurement loop of dynaq-micro: warm up, then run the operation in batches until the
// time is up, reading the clock and the allocation counters only around batches so that
// neither is part of what is measured.
#include "alloc_counter.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dynaq::bench {

struct Options {
    std::string filter;        ///< run the benchmarks whose name contains this
    double seconds = 1.0;      ///< measured time per benchmark
    bool json = false;         ///< print JSON instead of a table
    unsigned sink_threads = 1; ///< threads of the in-process null server
};

struct Result {
    std::string name;
    std::uint64_t iterations = 0;
    double seconds = 0; ///< measured time
    /// CPU time of the measuring thread meanwhile. On a machine shared with other work it is
    /// the steadier figure: time spent preempted counts in `seconds` only.
    double cpu_seconds = 0;
    std::size_t bytes_per_op = 0;  ///< payload per operation, for MB/s; 0: not meaningful
    AllocationCount allocations{}; ///< during the measured time, on the measuring thread
    std::string note;

    [[nodiscard]] double ns_per_op() const { return seconds * 1e9 / per(iterations); }
    [[nodiscard]] double cpu_ns_per_op() const { return cpu_seconds * 1e9 / per(iterations); }
    [[nodiscard]] double ops_per_second() const {
        return static_cast<double>(iterations) / seconds;
    }
    [[nodiscard]] double mb_per_second() const {
        return ops_per_second() * static_cast<double>(bytes_per_op) / 1e6;
    }
    [[nodiscard]] double allocations_per_op() const {
        return static_cast<double>(allocations.allocations) / per(iterations);
    }
    [[nodiscard]] double allocated_bytes_per_op() const {
        return static_cast<double>(allocations.bytes) / per(iterations);
    }

private:
    static double per(std::uint64_t n) {
        return static_cast<double>(std::max<std::uint64_t>(n, 1));
    }
};

/// CPU time the calling thread has used, in seconds.
[[nodiscard]] double thread_cpu_seconds() noexcept;
/// CPU time all the process's threads have used, in seconds.
[[nodiscard]] double process_cpu_seconds() noexcept;

/// The measuring thread's counters at one moment. Allocations are read first and the clock
/// last, so a `before` snapshot's own reads fall outside the measured time.
struct Snapshot {
    AllocationCount allocations{};
    double cpu_seconds = 0;
    std::chrono::steady_clock::time_point wall{};

    [[nodiscard]] static Snapshot take() {
        Snapshot s;
        s.allocations = thread_allocations();
        s.cpu_seconds = thread_cpu_seconds();
        s.wall = std::chrono::steady_clock::now();
        return s;
    }
    /// The snapshot that ends a measurement at `wall`, read in the opposite order.
    [[nodiscard]] static Snapshot ending_at(std::chrono::steady_clock::time_point wall) {
        Snapshot s;
        s.wall = wall;
        s.cpu_seconds = thread_cpu_seconds();
        s.allocations = thread_allocations();
        return s;
    }
};

/// What happened on the measuring thread between two snapshots, over `iterations` operations.
[[nodiscard]] inline Result result_between(std::string name, const Snapshot& before,
                                           const Snapshot& after, std::uint64_t iterations,
                                           std::size_t bytes_per_op = 0) {
    Result r;
    r.name = std::move(name);
    r.iterations = iterations;
    r.seconds = std::chrono::duration<double>(after.wall - before.wall).count();
    r.cpu_seconds = after.cpu_seconds - before.cpu_seconds;
    r.bytes_per_op = bytes_per_op;
    r.allocations = {after.allocations.allocations - before.allocations.allocations,
                     after.allocations.bytes - before.allocations.bytes};
    return r;
}

/// Makes the compiler assume `value` is read (and memory clobbered), so the computation that
/// produced it cannot be dropped or hoisted out of the loop.
template <class T>
inline void do_not_optimize(const T& value) {
    asm volatile("" : : "r,m"(value) : "memory");
}

/// Warm-up time before measuring: long enough to grow buffers and fill caches, a fraction of
/// the measured time so short runs stay short.
[[nodiscard]] inline std::chrono::duration<double> warm_up_time(const Options& options) {
    return std::chrono::duration<double>(std::clamp(options.seconds * 0.2, 0.05, 1.0));
}

/// Runs `op` repeatedly and reports the time and allocations per call.
template <class Op>
Result measure(std::string name, const Options& options, std::size_t bytes_per_op, Op&& op) {
    using clock = std::chrono::steady_clock;
    // Warm-up, which also sizes the batches: ~10 ms each, so the clock is read rarely.
    std::uint64_t warm_iterations = 0;
    const auto warm_start = clock::now();
    auto now = warm_start;
    do {
        op();
        ++warm_iterations;
        now = clock::now();
    } while (now - warm_start < warm_up_time(options));
    const double warm_seconds = std::chrono::duration<double>(now - warm_start).count();
    const auto batch = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(static_cast<double>(warm_iterations) * 0.01 / warm_seconds));

    const std::chrono::duration<double> wanted(options.seconds);
    std::uint64_t iterations = 0;
    const Snapshot before = Snapshot::take();
    do {
        for (std::uint64_t i = 0; i < batch; ++i)
            op();
        iterations += batch;
        now = clock::now();
    } while (now - before.wall < wanted);
    return result_between(std::move(name), before, Snapshot::ending_at(now), iterations,
                          bytes_per_op);
}

void print_table_header();
void print_table_row(const Result& r);
void print_json(const std::vector<Result>& results);

} // namespace dynaq::bench

#pragma once
// When each request should start and what it does. Sans-I/O: plain arithmetic on time points
// and random numbers, so the runner only asks and the tests can check every answer.
//
// Open loop (--rate): request i is due at start + i / rate, whatever happened to the requests
// before it. Its latency is measured from that intended start, not from when a worker got round
// to sending it: when the server stalls, the requests that should have gone out meanwhile are
// charged the time they spent waiting. Measuring from the actual send instead ("coordinated
// omission") hides exactly the stalls a latency benchmark is meant to find.
#include "workload.hpp"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace dynaq_bench {

class OpenLoopSchedule {
public:
    using clock = std::chrono::steady_clock;

    /// `rate`: requests per second over all workers, > 0.
    OpenLoopSchedule(clock::time_point start, double rate) : start_(start) {
        if (!(rate > 0))
            throw std::invalid_argument("open-loop schedule: the rate must be positive");
        period_ns_ = 1e9 / rate;
    }

    /// The intended start of request `i` (0-based). Computed from i, not accumulated, so
    /// rounding never drifts: a double holds i * period exactly enough for 2^53 ns (104 days).
    [[nodiscard]] clock::time_point intended_start(std::uint64_t i) const noexcept {
        const double offset = static_cast<double>(i) * period_ns_;
        return start_ + std::chrono::nanoseconds(static_cast<std::int64_t>(offset));
    }

    [[nodiscard]] clock::time_point start() const noexcept { return start_; }

private:
    clock::time_point start_;
    double period_ns_ = 0;
};

/// A workload's operations with their shares; picks one per request from a uniform number.
class OperationMix {
public:
    struct Share {
        Op op;
        double weight;
    };

    /// Weights are relative (they need not sum to 1); at least one must be positive.
    explicit OperationMix(std::vector<Share> shares) : shares_(std::move(shares)) {
        double total = 0;
        for (const Share& s : shares_) {
            if (!(s.weight >= 0))
                throw std::invalid_argument("operation mix: negative weight");
            total += s.weight;
        }
        if (!(total > 0))
            throw std::invalid_argument("operation mix: no operation has a positive weight");
        double running = 0;
        for (Share& s : shares_) {
            running += s.weight / total;
            s.weight = running; // from here on: the cumulative share
        }
        // The last operation with a share (and any zero-share ones after it) ends at exactly 1,
        // so no u below 1 falls into a rounding gap at the top.
        const double top = running;
        for (auto s = shares_.rbegin(); s != shares_.rend() && s->weight == top; ++s)
            s->weight = 1;
    }

    /// YCSB's core workloads A (update heavy), B (read mostly) and C (read only), and the
    /// single-operation ones.
    [[nodiscard]] static OperationMix for_workload(Workload w) {
        switch (w) {
        case Workload::get:
            return OperationMix({{Op::get, 1}});
        case Workload::put:
            return OperationMix({{Op::put, 1}});
        case Workload::update:
            return OperationMix({{Op::update, 1}});
        case Workload::query:
            return OperationMix({{Op::query, 1}});
        case Workload::batch_write:
            return OperationMix({{Op::batch_write, 1}});
        case Workload::batch_get:
            return OperationMix({{Op::batch_get, 1}});
        case Workload::ycsb_a:
            return OperationMix({{Op::get, 0.5}, {Op::update, 0.5}});
        case Workload::ycsb_b:
            return OperationMix({{Op::get, 0.95}, {Op::update, 0.05}});
        case Workload::ycsb_c:
            return OperationMix({{Op::get, 1}});
        }
        throw std::invalid_argument("operation mix: unknown workload");
    }

    /// The operation for a uniform `u` in [0, 1).
    [[nodiscard]] Op choose(double u) const noexcept {
        for (const Share& s : shares_)
            if (u < s.weight)
                return s.op;
        return shares_.back().op;
    }

    /// The operations that can be chosen (positive share), in declaration order.
    [[nodiscard]] std::vector<Op> ops() const {
        std::vector<Op> out;
        double previous = 0;
        for (const Share& s : shares_) {
            if (s.weight > previous)
                out.push_back(s.op);
            previous = s.weight;
        }
        return out;
    }

private:
    std::vector<Share> shares_; // cumulative shares, the last one 1
};

} // namespace dynaq_bench

#include "stats.hpp"

namespace dynaq_bench {

namespace {

// Only the owning thread writes these counters, so a relaxed load and store is enough (and
// cheaper than a locked read-modify-write); the progress thread may read a value a moment old.
void bump(std::atomic<std::uint64_t>& counter) {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

} // namespace

void OpStats::merge(const OpStats& other) {
    latency.merge(other.latency);
    ok += other.ok;
    errors += other.errors;
    items += other.items;
    misses += other.misses;
    unprocessed += other.unprocessed;
}

void RunStats::merge(const RunStats& other) {
    for (std::size_t i = 0; i < ops.size(); ++i)
        ops[i].merge(other.ops[i]);
    for (const auto& [type, tally] : other.errors) {
        ErrorTally& mine = errors[type];
        if (mine.count == 0)
            mine.example = tally.example;
        mine.count += tally.count;
    }
}

OpStats RunStats::total() const {
    OpStats sum;
    for (const OpStats& op : ops)
        sum.merge(op);
    return sum;
}

void ThreadStats::record_success(Op op, std::uint64_t latency_ns, std::uint64_t items,
                                 std::uint64_t misses, std::uint64_t unprocessed) {
    OpStats& s = stats.ops[index(op)];
    s.latency.record(latency_ns);
    ++s.ok;
    s.items += items;
    s.misses += misses;
    s.unprocessed += unprocessed;
    bump(ok);
}

void ThreadStats::record_error(Op op, const std::string& type, const std::string& message) {
    ++stats.ops[index(op)].errors;
    ErrorTally& tally = stats.errors[type];
    if (tally.count++ == 0)
        tally.example = message;
    bump(errors);
}

void ThreadStats::record_warmup(bool succeeded) {
    bump(succeeded ? ok : errors);
}

} // namespace dynaq_bench

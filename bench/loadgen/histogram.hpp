#pragma once
// A latency histogram with log-linear buckets, laid out as HdrHistogram does it: values below
// 256 ns are counted exactly; above that, every power of two is cut into 128 equal buckets, so
// a recorded value is known to within 1/128 (< 0.8 %), two significant decimal digits, from
// 1 µs up to 2^42 ns (73 minutes; larger values land in the last bucket, max() stays exact).
//
// 4608 counters (36 KiB): one histogram per thread and operation is cheap, recording is a bit
// scan and an increment with no lock and no allocation, and merging is an element-wise sum.
// Sans-I/O: it only counts numbers.
#include <cstdint>
#include <vector>

namespace dynaq_bench {

class Histogram {
public:
    /// The largest value told apart from its neighbours; larger ones are counted as this.
    static constexpr std::uint64_t highest_trackable = (std::uint64_t{1} << 42) - 1;

    Histogram();

    void record(std::uint64_t value_ns) noexcept;
    /// Adds every count of `other` (same layout by construction).
    void merge(const Histogram& other) noexcept;

    [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
    /// Exact, not bucketed. 0 when empty.
    [[nodiscard]] std::uint64_t min() const noexcept { return count_ ? min_ : 0; }
    [[nodiscard]] std::uint64_t max() const noexcept { return max_; }
    [[nodiscard]] double mean() const noexcept;

    /// The value at or below which a fraction `q` (0..1) of the recorded values lie: the upper
    /// end of the bucket holding the ceil(q * count)-th smallest value, kept within [min, max]
    /// (so percentile(1) is the exact maximum). Reporting the bucket's upper end errs on the
    /// slow side, as HdrHistogram does. 0 when empty.
    [[nodiscard]] std::uint64_t percentile(double q) const noexcept;

    // The bucket layout, public for the tests.
    [[nodiscard]] static std::size_t bucket_of(std::uint64_t value) noexcept;
    [[nodiscard]] static std::uint64_t bucket_lowest(std::size_t bucket) noexcept;
    [[nodiscard]] static std::uint64_t bucket_highest(std::size_t bucket) noexcept;
    [[nodiscard]] static std::size_t bucket_count() noexcept;

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = 0;
    // Sum of the (clamped) values, for the mean: 2^64 ns is 584 years of latency in total.
    std::uint64_t sum_ = 0;
};

} // namespace dynaq_bench

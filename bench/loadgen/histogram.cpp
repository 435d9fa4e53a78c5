#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace dynaq_bench {

namespace {

// 128 buckets per power of two: a relative width of at most 1/128 gives two significant digits.
constexpr int sub_bits = 7;
constexpr std::uint64_t sub_count = std::uint64_t{1} << sub_bits;

// Values below 2 * sub_count are their own bucket (shift 0). Above, a value whose highest set
// bit is b keeps its top sub_bits + 1 bits: shift = b - sub_bits, and its bucket is
// shift * sub_count + (value >> shift), which continues exactly where the previous power of
// two ended (value >> shift is in [sub_count, 2 * sub_count)).
int shift_of(std::uint64_t value) noexcept {
    const int top_bit = static_cast<int>(std::bit_width(value)) - 1;
    return std::max(0, top_bit - sub_bits);
}

} // namespace

Histogram::Histogram() : counts_(bucket_count(), 0) {}

std::size_t Histogram::bucket_of(std::uint64_t value) noexcept {
    value = std::min(value, highest_trackable);
    const int shift = shift_of(value);
    return static_cast<std::size_t>(static_cast<std::uint64_t>(shift) * sub_count +
                                    (value >> shift));
}

std::uint64_t Histogram::bucket_lowest(std::size_t bucket) noexcept {
    if (bucket < 2 * sub_count)
        return bucket;
    const std::uint64_t shift = bucket / sub_count - 1;
    return (bucket - shift * sub_count) << shift;
}

std::uint64_t Histogram::bucket_highest(std::size_t bucket) noexcept {
    if (bucket < 2 * sub_count)
        return bucket;
    const std::uint64_t shift = bucket / sub_count - 1;
    return bucket_lowest(bucket) + (std::uint64_t{1} << shift) - 1;
}

std::size_t Histogram::bucket_count() noexcept {
    return bucket_of(highest_trackable) + 1;
}

void Histogram::record(std::uint64_t value_ns) noexcept {
    ++counts_[bucket_of(value_ns)];
    min_ = count_ == 0 ? value_ns : std::min(min_, value_ns);
    max_ = std::max(max_, value_ns);
    ++count_;
    sum_ += std::min(value_ns, highest_trackable);
}

void Histogram::merge(const Histogram& other) noexcept {
    if (other.count_ == 0)
        return;
    for (std::size_t i = 0; i < counts_.size(); ++i)
        counts_[i] += other.counts_[i];
    min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    count_ += other.count_;
    sum_ += other.sum_;
}

double Histogram::mean() const noexcept {
    return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0;
}

std::uint64_t Histogram::percentile(double q) const noexcept {
    if (count_ == 0)
        return 0;
    q = std::clamp(q, 0.0, 1.0);
    // The small slack keeps 0.999 * 1000 (998.9999... or 999.0000...1 in binary) at rank 999.
    const double wanted = std::ceil(q * static_cast<double>(count_) - 1e-9);
    const std::uint64_t rank =
        std::clamp(static_cast<std::uint64_t>(std::max(wanted, 1.0)), std::uint64_t{1}, count_);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank)
            return std::clamp(bucket_highest(i), min(), max_);
    }
    return max_;
}

} // namespace dynaq_bench

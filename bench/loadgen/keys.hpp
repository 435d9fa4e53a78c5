#pragma once
// Which record a request touches: a seeded random generator and the key choosers (uniform, and
// zipfian as YCSB does it). Sans-I/O and deterministic for a given seed, so runs can be
// repeated and the choosers tested.
//
// A chooser is immutable once built (the zipfian one precomputes its constants) and shared by
// every worker; each worker brings its own Rng, so choosing a key takes no lock.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace dynaq_bench {

/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// one add and a few multiply-xorshifts per number, 2^64 period, and any seed (0 too) is fine,
/// which makes per-worker streams a matter of deriving distinct seeds.
class Rng {
public:
    explicit Rng(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept;
    /// Uniform in [0, n) without modulo bias (Lemire's multiply-and-reject); n > 0.
    std::uint64_t below(std::uint64_t n) noexcept;
    /// Uniform in [0, 1), 53 random bits.
    double unit() noexcept;

private:
    std::uint64_t state_;
};

/// A seed for stream `stream` (a worker) of run seed `seed`: distinct streams get unrelated
/// sequences even for adjacent seeds.
[[nodiscard]] std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept;

enum class KeyDistribution { uniform, zipfian };

/// Zipfian ranks over [0, n): rank r is chosen with probability proportional to 1/(r+1)^theta.
/// The generator is the one YCSB uses, from Gray et al., "Quickly generating billion-record
/// synthetic databases" (SIGMOD 1994): ranks 0 and 1 exactly, the rest by inverting an
/// approximation of the distribution, one pow() per draw.
class ZipfianRanks {
public:
    /// YCSB's zipfian constant.
    static constexpr double default_theta = 0.99;

    /// n >= 1, 0 < theta < 1.
    explicit ZipfianRanks(std::uint64_t n, double theta = default_theta);

    [[nodiscard]] std::uint64_t next(Rng& rng) const noexcept;
    [[nodiscard]] std::uint64_t size() const noexcept { return n_; }
    [[nodiscard]] double theta() const noexcept { return theta_; }
    /// sum_{i=1..n} 1/i^theta, the normalisation constant.
    [[nodiscard]] double zeta_n() const noexcept { return zeta_n_; }

private:
    std::uint64_t n_;
    double theta_;
    double zeta_n_;
    double alpha_;
    double eta_;
    double half_pow_theta_;
};

/// sum_{i=1..n} 1/i^theta. Exact up to a million terms; beyond, the Euler-Maclaurin formula
/// gives the tail (relative error far below 1e-12), so a billion keys cost no more than a
/// million. YCSB sums every term, which takes minutes for large key spaces.
[[nodiscard]] double zeta(std::uint64_t n, double theta);

/// A bijection of [0, n) that spreads neighbours apart: r -> (a * r) mod n with a the first
/// integer at or above n / golden ratio that is coprime with n. Hot zipfian ranks 0, 1, 2, ...
/// become keys far apart (so they fall in different partitions of the key layout) and the
/// distribution over keys stays exactly zipfian. YCSB scrambles with a hash modulo n instead,
/// which merges some ranks; a permutation keeps every key reachable with its own weight.
class KeyScrambler {
public:
    explicit KeyScrambler(std::uint64_t n);
    [[nodiscard]] std::uint64_t operator()(std::uint64_t rank) const noexcept;
    [[nodiscard]] std::uint64_t multiplier() const noexcept { return a_; }

private:
    std::uint64_t n_;
    std::uint64_t a_;
};

/// Picks indexes in [0, n) with the configured distribution (zipfian: scrambled ranks).
class KeyChooser {
public:
    KeyChooser(KeyDistribution distribution, std::uint64_t n);

    [[nodiscard]] std::uint64_t next(Rng& rng) const noexcept;
    [[nodiscard]] std::uint64_t size() const noexcept { return n_; }
    [[nodiscard]] KeyDistribution distribution() const noexcept { return distribution_; }

private:
    KeyDistribution distribution_;
    std::uint64_t n_;
    std::optional<ZipfianRanks> zipf_; // zipfian only: its constants cost a sum over n terms
    KeyScrambler scramble_;
};

/// Fills `out` with `count` distinct indexes from `chooser` (count <= chooser.size()), as a
/// batch request needs: DynamoDB rejects a batch that names one key twice. A repeat is drawn
/// again, up to 16 times (a zipfian's hot keys often come up twice in one batch), then replaced
/// by the next free index above it, so the loop ends even when the batch covers every key.
void choose_distinct(const KeyChooser& chooser, Rng& rng, std::size_t count,
                     std::vector<std::uint64_t>& out);

} // namespace dynaq_bench

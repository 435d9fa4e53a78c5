#include "keys.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dynaq_bench {

namespace {

using u128 = unsigned __int128;

// Below this many terms zeta() sums exactly; above, the tail is computed in closed form.
constexpr std::uint64_t exact_zeta_terms = 1'000'000;

} // namespace

std::uint64_t Rng::next() noexcept {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) noexcept {
    // Lemire, "Fast random integer generation in an interval" (2019): the high half of x * n
    // is uniform in [0, n) once the few low halves below 2^64 mod n are rejected.
    u128 m = static_cast<u128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

double Rng::unit() noexcept {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) noexcept {
    Rng base(seed);
    Rng mixed(base.next() ^ (stream * 0xd1b54a32d192ed03ULL));
    return mixed.next();
}

double zeta(std::uint64_t n, double theta) {
    const std::uint64_t exact = std::min(n, exact_zeta_terms);
    double sum = 0;
    // Smallest terms first: adding them to an already large sum would lose their low bits.
    for (std::uint64_t i = exact; i >= 1; --i)
        sum += std::pow(static_cast<double>(i), -theta);
    if (n > exact) {
        // Euler-Maclaurin: sum_{i=m+1..n} f(i) = integral_m^n f + (f(n) - f(m)) / 2
        // + (f'(n) - f'(m)) / 12 + (terms in f''' of order m^-(theta+3), negligible here).
        const auto m = static_cast<double>(exact);
        const auto x = static_cast<double>(n);
        const auto f = [theta](double v) { return std::pow(v, -theta); };
        const auto df = [theta](double v) { return -theta * std::pow(v, -theta - 1); };
        const double integral = (std::pow(x, 1 - theta) - std::pow(m, 1 - theta)) / (1 - theta);
        sum += integral + (f(x) - f(m)) / 2 + (df(x) - df(m)) / 12;
    }
    return sum;
}

ZipfianRanks::ZipfianRanks(std::uint64_t n, double theta) :
    n_(n), theta_(theta), zeta_n_(0), alpha_(0), eta_(0), half_pow_theta_(std::pow(0.5, theta)) {
    if (n == 0)
        throw std::invalid_argument("zipfian: the key space is empty");
    if (!(theta > 0 && theta < 1))
        throw std::invalid_argument("zipfian: theta must be in (0, 1)");
    zeta_n_ = zeta(n, theta);
    alpha_ = 1 / (1 - theta);
    // With n <= 2 every draw is decided by the two exact cases in next(); eta would be 0/0.
    if (n > 2) {
        const double zeta_2 = 1 + half_pow_theta_;
        eta_ = (1 - std::pow(2.0 / static_cast<double>(n), 1 - theta)) / (1 - zeta_2 / zeta_n_);
    }
}

std::uint64_t ZipfianRanks::next(Rng& rng) const noexcept {
    const double u = rng.unit();
    const double uz = u * zeta_n_;
    if (uz < 1)
        return 0;
    if (uz < 1 + half_pow_theta_)
        return 1;
    const double rank = static_cast<double>(n_) * std::pow(eta_ * u - eta_ + 1, alpha_);
    // u just below 1 can round up to n.
    return std::min(static_cast<std::uint64_t>(rank), n_ - 1);
}

KeyScrambler::KeyScrambler(std::uint64_t n) : n_(n), a_(1) {
    if (n == 0)
        throw std::invalid_argument("key scrambler: the key space is empty");
    constexpr double inverse_golden_ratio = 0.6180339887498949;
    a_ = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(static_cast<double>(n) * inverse_golden_ratio));
    while (std::gcd(a_, n_) != 1)
        ++a_;
}

std::uint64_t KeyScrambler::operator()(std::uint64_t rank) const noexcept {
    return static_cast<std::uint64_t>(static_cast<u128>(a_) * rank % n_);
}

KeyChooser::KeyChooser(KeyDistribution distribution, std::uint64_t n) :
    distribution_(distribution), n_(n), scramble_(n) {
    if (distribution == KeyDistribution::zipfian)
        zipf_.emplace(n);
}

std::uint64_t KeyChooser::next(Rng& rng) const noexcept {
    if (zipf_)
        return scramble_(zipf_->next(rng));
    return rng.below(n_);
}

void choose_distinct(const KeyChooser& chooser, Rng& rng, std::size_t count,
                     std::vector<std::uint64_t>& out) {
    if (count > chooser.size())
        throw std::invalid_argument("choose_distinct: more keys asked for than there are");
    out.clear();
    // Batches hold at most 100 keys: a linear search beats any set here.
    const auto taken = [&out](std::uint64_t k) {
        return std::find(out.begin(), out.end(), k) != out.end();
    };
    while (out.size() < count) {
        std::uint64_t k = chooser.next(rng);
        for (int retry = 0; retry < 16 && taken(k); ++retry)
            k = chooser.next(rng);
        while (taken(k))
            k = (k + 1) % chooser.size();
        out.push_back(k);
    }
}

} // namespace dynaq_bench

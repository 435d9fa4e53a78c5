// dynaq-bench's sans-I/O parts, without a server: the latency histogram, the key choosers, the
// open-loop schedule and operation mix, option parsing, the item layout, stats and reports.
#include "histogram.hpp"
#include "items.hpp"
#include "keys.hpp"
#include "options.hpp"
#include "report.hpp"
#include "schedule.hpp"
#include "stats.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace dynaq_bench;
using namespace std::chrono_literals;

namespace {

BenchConfig parse_ok(std::vector<std::string> args) {
    args.insert(args.begin(), "dynaq-bench");
    auto parsed = parse_options(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed))
        FAIL("unexpected exit " << exit->status << ": " << exit->text);
    return std::get<BenchConfig>(parsed);
}

// The error text, or "" when the arguments parse.
std::string parse_error(std::vector<std::string> args) {
    args.insert(args.begin(), "dynaq-bench");
    auto parsed = parse_options(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) {
        CHECK(exit->status == 2);
        return exit->text;
    }
    return "";
}

double relative_error(double actual, double expected) {
    return std::abs(actual - expected) / expected;
}

} // namespace

// ---- Histogram --------------------------------------------------------------------------

TEST_CASE("an empty histogram reports zeros") {
    const Histogram h;
    CHECK(h.count() == 0);
    CHECK(h.min() == 0);
    CHECK(h.max() == 0);
    CHECK(h.mean() == 0);
    CHECK(h.percentile(0.5) == 0);
}

TEST_CASE("histogram buckets are contiguous and at most 1/128 wide") {
    CHECK(Histogram::bucket_of(0) == 0);
    CHECK(Histogram::bucket_of(255) == 255);
    for (std::size_t b = 1; b < Histogram::bucket_count(); ++b) {
        INFO("bucket " << b);
        REQUIRE(Histogram::bucket_lowest(b) == Histogram::bucket_highest(b - 1) + 1);
        REQUIRE(Histogram::bucket_of(Histogram::bucket_lowest(b)) == b);
        REQUIRE(Histogram::bucket_of(Histogram::bucket_highest(b)) == b);
        const auto width = Histogram::bucket_highest(b) - Histogram::bucket_lowest(b) + 1;
        if (width > 1) // the exact buckets below 256 have width 1
            REQUIRE(static_cast<double>(width) <=
                    static_cast<double>(Histogram::bucket_lowest(b)) / 128);
    }
    CHECK(Histogram::bucket_highest(Histogram::bucket_count() - 1) == Histogram::highest_trackable);
    // One hour fits with two significant digits.
    CHECK(Histogram::highest_trackable > 3600ULL * 1'000'000'000ULL);
}

TEST_CASE("small values are exact and percentiles use the ceiling rank") {
    Histogram h;
    for (std::uint64_t v = 1; v <= 200; ++v)
        h.record(v);
    CHECK(h.count() == 200);
    CHECK(h.min() == 1);
    CHECK(h.max() == 200);
    CHECK(h.mean() == Approx(100.5));
    CHECK(h.percentile(0) == 1);
    CHECK(h.percentile(0.5) == 100);
    CHECK(h.percentile(0.9) == 180);
    CHECK(h.percentile(0.995) == 199);
    CHECK(h.percentile(0.999) == 200); // rank ceil(199.8) = 200
    CHECK(h.percentile(1) == 200);
}

TEST_CASE("percentiles of large values stay within 1 %") {
    Histogram h;
    // 1 µs .. 100 ms in steps of 1 µs.
    for (std::uint64_t us = 1; us <= 100'000; ++us)
        h.record(us * 1000);
    CHECK(relative_error(static_cast<double>(h.percentile(0.5)), 50e6) < 0.01);
    CHECK(relative_error(static_cast<double>(h.percentile(0.9)), 90e6) < 0.01);
    CHECK(relative_error(static_cast<double>(h.percentile(0.99)), 99e6) < 0.01);
    CHECK(relative_error(static_cast<double>(h.percentile(0.999)), 99.9e6) < 0.01);
    CHECK(h.percentile(1) == 100'000'000);  // the exact maximum
    CHECK(h.percentile(0.5) >= 50'000'000); // the bucket's upper end: never optimistic
}

TEST_CASE("values beyond the range are clamped but the maximum stays exact") {
    Histogram h;
    const std::uint64_t two_hours = 7200ULL * 1'000'000'000ULL;
    h.record(two_hours);
    CHECK(h.max() == two_hours);
    CHECK(h.percentile(0.5) == two_hours); // clamped into [min, max]
    CHECK(Histogram::bucket_of(two_hours) == Histogram::bucket_count() - 1);
}

TEST_CASE("merging histograms equals recording into one") {
    Histogram a;
    Histogram b;
    Histogram all;
    Rng rng(7);
    for (int i = 0; i < 10'000; ++i) {
        const std::uint64_t v = rng.below(50'000'000);
        (i % 3 == 0 ? a : b).record(v);
        all.record(v);
    }
    Histogram merged;
    merged.merge(a);
    merged.merge(b);
    CHECK(merged.count() == all.count());
    CHECK(merged.min() == all.min());
    CHECK(merged.max() == all.max());
    CHECK(merged.mean() == Approx(all.mean()));
    for (const double q : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0})
        CHECK(merged.percentile(q) == all.percentile(q));
}

// ---- Random numbers and key choosers ----------------------------------------------------

TEST_CASE("Rng is deterministic per seed") {
    Rng a(42);
    Rng b(42);
    Rng c(43);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        differs = differs || x != c.next();
    }
    CHECK(differs);
}

TEST_CASE("Rng::below and Rng::unit stay in range and are roughly uniform") {
    Rng rng(1);
    CHECK(rng.below(1) == 0);
    std::vector<int> counts(10, 0);
    const int draws = 100'000;
    for (int i = 0; i < draws; ++i) {
        const auto k = rng.below(10);
        REQUIRE(k < 10);
        ++counts[k];
        const double u = rng.unit();
        REQUIRE(u >= 0);
        REQUIRE(u < 1);
    }
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    double chi2 = 0;
    for (const int c : counts)
        chi2 += std::pow(c - draws / 10.0, 2) / (draws / 10.0);
    CHECK(chi2 < 27.9);
}

TEST_CASE("derived seeds differ between streams") {
    std::set<std::uint64_t> seeds;
    for (std::uint64_t stream = 0; stream < 1000; ++stream)
        seeds.insert(derive_seed(1, stream));
    CHECK(seeds.size() == 1000);
    CHECK(derive_seed(1, 5) != derive_seed(2, 5));
}

TEST_CASE("zeta sums exactly and extrapolates large key spaces") {
    CHECK(zeta(1, 0.99) == 1);
    CHECK(zeta(2, 0.99) == Approx(1 + std::pow(2.0, -0.99)));
    // Past a million terms the tail is computed in closed form; compare with the full sum.
    const std::uint64_t n = 3'000'000;
    double brute = 0;
    for (std::uint64_t i = n; i >= 1; --i)
        brute += std::pow(static_cast<double>(i), -0.99);
    CHECK(relative_error(zeta(n, 0.99), brute) < 1e-12);
    CHECK(relative_error(zeta(n, 0.5), [&] {
              double s = 0;
              for (std::uint64_t i = n; i >= 1; --i)
                  s += std::pow(static_cast<double>(i), -0.5);
              return s;
          }()) < 1e-12);
}

TEST_CASE("zipfian ranks follow 1/(r+1)^theta") {
    SECTION("one or two keys") {
        Rng rng(3);
        const ZipfianRanks one(1);
        const ZipfianRanks two(2);
        int zeros = 0;
        for (int i = 0; i < 100'000; ++i) {
            REQUIRE(one.next(rng) == 0);
            const auto r = two.next(rng);
            REQUIRE(r < 2);
            zeros += r == 0 ? 1 : 0;
        }
        CHECK(relative_error(zeros / 100'000.0, 1 / zeta(2, 0.99)) < 0.02);
    }
    SECTION("a thousand keys") {
        const std::uint64_t n = 1000;
        const ZipfianRanks zipf(n);
        Rng rng(11);
        std::vector<int> counts(n, 0);
        const int draws = 1'000'000;
        for (int i = 0; i < draws; ++i) {
            const auto r = zipf.next(rng);
            REQUIRE(r < n);
            ++counts[r];
        }
        const auto share = [&](std::uint64_t rank) {
            return static_cast<double>(counts[rank]) / draws;
        };
        const auto expected = [&](std::uint64_t rank) {
            return std::pow(static_cast<double>(rank + 1), -0.99) / zipf.zeta_n();
        };
        // Ranks 0 and 1 are drawn exactly; the rest through Gray et al.'s approximation.
        CHECK(relative_error(share(0), expected(0)) < 0.02);
        CHECK(relative_error(share(1), expected(1)) < 0.03);
        double top10 = 0;
        double top10_expected = 0;
        for (std::uint64_t r = 0; r < 10; ++r) {
            top10 += share(r);
            top10_expected += expected(r);
        }
        CHECK(relative_error(top10, top10_expected) < 0.05);
        CHECK(counts[0] > counts[10]);
        CHECK(counts[10] > counts[500]);
    }
    CHECK_THROWS(ZipfianRanks(0));
    CHECK_THROWS(ZipfianRanks(10, 1.0));
}

TEST_CASE("the scrambler is a permutation that spreads neighbours apart") {
    for (const std::uint64_t n : {1ULL, 2ULL, 3ULL, 10ULL, 1000ULL, 1024ULL, 9999ULL, 10'000ULL}) {
        INFO("n = " << n);
        const KeyScrambler scramble(n);
        std::vector<bool> seen(n, false);
        for (std::uint64_t r = 0; r < n; ++r) {
            const auto k = scramble(r);
            REQUIRE(k < n);
            REQUIRE_FALSE(seen[k]);
            seen[k] = true;
        }
    }
    // The ten hottest ranks of 10,000 keys land in ten different partitions of ten.
    const KeyScrambler scramble(10'000);
    std::set<std::uint64_t> partitions;
    for (std::uint64_t r = 0; r < 10; ++r)
        partitions.insert(scramble(r) / 10);
    CHECK(partitions.size() == 10);
}

TEST_CASE("key choosers pick within the key space") {
    Rng rng(5);
    const KeyChooser uniform(KeyDistribution::uniform, 100);
    const KeyChooser zipfian(KeyDistribution::zipfian, 100);
    std::map<std::uint64_t, int> hits;
    for (int i = 0; i < 100'000; ++i) {
        REQUIRE(uniform.next(rng) < 100);
        const auto k = zipfian.next(rng);
        REQUIRE(k < 100);
        ++hits[k];
    }
    // The hottest key is rank 0 after scrambling.
    const auto hottest = std::max_element(hits.begin(), hits.end(),
                                          [](auto& a, auto& b) { return a.second < b.second; });
    CHECK(hottest->first == KeyScrambler(100)(0));
}

TEST_CASE("choose_distinct returns distinct keys, even all of them") {
    Rng rng(9);
    const KeyChooser zipfian(KeyDistribution::zipfian, 100);
    std::vector<std::uint64_t> keys;
    for (int round = 0; round < 100; ++round) {
        choose_distinct(zipfian, rng, 25, keys);
        REQUIRE(keys.size() == 25);
        REQUIRE(std::set<std::uint64_t>(keys.begin(), keys.end()).size() == 25);
    }
    choose_distinct(zipfian, rng, 100, keys);
    CHECK(std::set<std::uint64_t>(keys.begin(), keys.end()).size() == 100);
    CHECK_THROWS(choose_distinct(zipfian, rng, 101, keys));
}

// ---- Schedule and operation mix ---------------------------------------------------------

TEST_CASE("the open-loop schedule spaces requests at the rate, without drift") {
    const auto start = OpenLoopSchedule::clock::time_point(1h);
    const OpenLoopSchedule three(start, 3);
    CHECK(three.intended_start(0) == start);
    CHECK(three.intended_start(3) == start + 1s);
    CHECK(three.intended_start(1) - start == 333'333'333ns);
    const OpenLoopSchedule million(start, 1e6);
    CHECK(million.intended_start(1'000'000'000) == start + 1000s);
    CHECK_THROWS(OpenLoopSchedule(start, 0));
    CHECK_THROWS(OpenLoopSchedule(start, -5));
}

TEST_CASE("YCSB mixes split reads and updates") {
    const auto a = OperationMix::for_workload(Workload::ycsb_a);
    CHECK(a.choose(0.0) == Op::get);
    CHECK(a.choose(0.4999) == Op::get);
    CHECK(a.choose(0.5) == Op::update);
    CHECK(a.choose(0.999999) == Op::update);
    CHECK(a.ops() == std::vector<Op>{Op::get, Op::update});

    const auto b = OperationMix::for_workload(Workload::ycsb_b);
    CHECK(b.choose(0.949) == Op::get);
    CHECK(b.choose(0.951) == Op::update);
    Rng rng(2);
    int updates = 0;
    for (int i = 0; i < 100'000; ++i)
        updates += b.choose(rng.unit()) == Op::update ? 1 : 0;
    CHECK(relative_error(updates / 100'000.0, 0.05) < 0.05);

    const auto c = OperationMix::for_workload(Workload::ycsb_c);
    CHECK(c.ops() == std::vector<Op>{Op::get});
    CHECK(c.choose(0.999) == Op::get);
}

TEST_CASE("single-operation workloads and odd mixes") {
    CHECK(OperationMix::for_workload(Workload::batch_get).choose(0.7) == Op::batch_get);
    CHECK(OperationMix::for_workload(Workload::query).ops() == std::vector<Op>{Op::query});
    // A zero share is never chosen, also at the top end.
    const OperationMix mix({{Op::put, 1}, {Op::get, 3}, {Op::update, 0}});
    CHECK(mix.choose(0.2) == Op::put);
    CHECK(mix.choose(0.25) == Op::get);
    CHECK(mix.choose(std::nextafter(1.0, 0.0)) == Op::get);
    CHECK(mix.ops() == std::vector<Op>{Op::put, Op::get});
    CHECK_THROWS(OperationMix({{Op::get, 0}}));
    CHECK_THROWS(OperationMix({{Op::get, -1}, {Op::put, 2}}));
}

TEST_CASE("workload names round-trip") {
    for (const Workload w : all_workloads)
        CHECK(parse_workload(name(w)) == w);
    CHECK_FALSE(parse_workload("ycsb-d"));
    CHECK(name(Op::batch_write) == "batch-write");
}

// ---- Options ----------------------------------------------------------------------------

TEST_CASE("defaults") {
    const BenchConfig c = parse_ok({});
    CHECK(c.workload == Workload::get);
    CHECK(c.distribution == KeyDistribution::uniform);
    CHECK(c.table == "dynaq_bench");
    CHECK(c.records == 10'000);
    CHECK(c.concurrency == 16);
    CHECK(c.pool_size() == 16);
    CHECK(c.threads == 1);
    CHECK(c.rate == 0);
    CHECK(c.duration == std::chrono::nanoseconds(10s));
    CHECK_FALSE(c.requests);
    CHECK(c.item_size == 1000);
    CHECK(c.attributes == 10);
    CHECK_FALSE(c.create_table);
    CHECK(c.progress);
    CHECK_FALSE(c.json);
}

TEST_CASE("flags set their fields, with a separate value or after '='") {
    const BenchConfig c = parse_ok({"--endpoint",
                                    "http://127.0.0.1:8000",
                                    "--region=eu-west-1",
                                    "--table",
                                    "t_1.x",
                                    "--workload",
                                    "batch-get",
                                    "--distribution=zipfian",
                                    "--records",
                                    "1m",
                                    "--partition-size",
                                    "5",
                                    "--item-size",
                                    "4KiB",
                                    "--attributes",
                                    "4",
                                    "--page-size",
                                    "20",
                                    "--batch-size",
                                    "100",
                                    "--consistent-read",
                                    "--seed",
                                    "99",
                                    "--requests",
                                    "50k",
                                    "--warmup",
                                    "1s",
                                    "--concurrency",
                                    "64",
                                    "--connections",
                                    "8",
                                    "--threads",
                                    "2",
                                    "--rate",
                                    "2.5k",
                                    "--max-attempts",
                                    "1",
                                    "--json",
                                    "--no-progress"});
    CHECK(c.endpoint == "http://127.0.0.1:8000");
    CHECK(c.region == "eu-west-1");
    CHECK(c.table == "t_1.x");
    CHECK(c.workload == Workload::batch_get);
    CHECK(c.distribution == KeyDistribution::zipfian);
    CHECK(c.records == 1'000'000);
    CHECK(c.partition_size == 5);
    CHECK(c.item_size == 4096);
    CHECK(c.attributes == 4);
    CHECK(c.page_size == 20);
    CHECK(c.batch_size == 100);
    CHECK(c.consistent_read);
    CHECK(c.seed == 99);
    CHECK(c.requests == 50'000u);
    CHECK_FALSE(c.duration); // --requests alone: no time limit
    CHECK(c.warmup == std::chrono::nanoseconds(1s));
    CHECK(c.concurrency == 64);
    CHECK(c.pool_size() == 8);
    CHECK(c.threads == 2);
    CHECK(c.rate == 2500);
    CHECK(c.max_attempts == 1);
    CHECK(c.json);
    CHECK_FALSE(c.progress);
}

TEST_CASE("YCSB workloads default to zipfian; --prepare implies --create-table") {
    CHECK(parse_ok({"--workload", "ycsb-a"}).distribution == KeyDistribution::zipfian);
    CHECK(parse_ok({"--workload", "ycsb-b", "--distribution", "uniform"}).distribution ==
          KeyDistribution::uniform);
    CHECK(parse_ok({"--workload", "put"}).distribution == KeyDistribution::uniform);
    CHECK(parse_ok({"--prepare"}).create_table);
    const BenchConfig both = parse_ok({"--requests", "10", "--duration", "2m"});
    CHECK(both.requests == 10u);
    CHECK(both.duration == std::chrono::nanoseconds(2min));
}

TEST_CASE("durations") {
    CHECK(parse_duration("10s") == std::chrono::nanoseconds(10s));
    CHECK(parse_duration("500ms") == std::chrono::nanoseconds(500ms));
    CHECK(parse_duration("2m") == std::chrono::nanoseconds(2min));
    CHECK(parse_duration("1.5h") == std::chrono::nanoseconds(90min));
    CHECK(parse_duration("30") == std::chrono::nanoseconds(30s));
    CHECK(parse_duration("250us") == std::chrono::nanoseconds(250us));
    CHECK(parse_duration("7ns") == std::chrono::nanoseconds(7));
    CHECK(parse_duration("0") == std::chrono::nanoseconds(0));
    for (const char* bad : {"", "s", "-1s", "10x", "10 s", "1e30s", "nan", "inf", "+5s"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad));
    }
}

TEST_CASE("sizes and counts") {
    CHECK(parse_size("1000") == 1000u);
    CHECK(parse_size("1k") == 1024u);
    CHECK(parse_size("4KiB") == 4096u);
    CHECK(parse_size("4KB") == 4000u);
    CHECK(parse_size("4kB") == 4000u);
    CHECK(parse_size("1M") == 1024u * 1024u);
    CHECK(parse_size("1MB") == 1'000'000u);
    CHECK(parse_size("10B") == 10u);
    for (const char* bad : {"", "k", "1.5k", "-1", "1G", "99999999999999999999", "1e3"}) {
        INFO(bad);
        CHECK_FALSE(parse_size(bad));
    }
    CHECK(parse_count("7") == 7u);
    CHECK(parse_count("10k") == 10'000u);
    CHECK(parse_count("2m") == 2'000'000u);
    CHECK_FALSE(parse_count("1.5k"));
    CHECK_FALSE(parse_count("k"));
    CHECK_FALSE(parse_count("20000000000000000k"));
    CHECK(parse_rate("2.5k") == 2500.0);
    CHECK(parse_rate("0") == 0.0);
    CHECK_FALSE(parse_rate("-1"));
    CHECK_FALSE(parse_rate("fast"));
}

TEST_CASE("bad command lines are usage errors naming the problem") {
    CHECK_THAT(parse_error({"--bogus"}), Catch::Contains("unknown option '--bogus'"));
    CHECK_THAT(parse_error({"--concurrency"}), Catch::Contains("--concurrency: missing value"));
    CHECK_THAT(parse_error({"--concurrency", "0"}), Catch::Contains("--concurrency: expected"));
    CHECK_THAT(parse_error({"--concurrency", "lots"}), Catch::Contains("got 'lots'"));
    CHECK_THAT(parse_error({"--threads", "0"}), Catch::Contains("--threads"));
    CHECK_THAT(parse_error({"--duration", "0s"}), Catch::Contains("--duration"));
    CHECK_THAT(parse_error({"--duration", "5 minutes"}), Catch::Contains("--duration"));
    CHECK_THAT(parse_error({"--item-size", "lots"}), Catch::Contains("--item-size"));
    CHECK_THAT(parse_error({"--workload", "scan"}), Catch::Contains("--workload"));
    CHECK_THAT(parse_error({"--distribution", "normal"}), Catch::Contains("uniform or zipfian"));
    CHECK_THAT(parse_error({"--table", "ab"}), Catch::Contains("--table"));
    CHECK_THAT(parse_error({"--json=yes"}), Catch::Contains("--json takes no value"));
    CHECK_THAT(parse_error({"--rate", "-3"}), Catch::Contains("--rate"));
    CHECK_THAT(parse_error({"--requests", "0"}), Catch::Contains("--requests"));
    CHECK_THAT(parse_error({"--workload", "batch-write", "--batch-size", "30"}),
               Catch::Contains("25"));
    CHECK(parse_error({"--workload", "batch-get", "--batch-size", "30"}).empty());
    CHECK_THAT(parse_error({"--workload", "batch-get", "--batch-size", "30", "--records", "20"}),
               Catch::Contains("distinct keys"));
    CHECK_THAT(parse_error({"--item-size", "5", "--attributes", "10"}),
               Catch::Contains("at least one byte"));
    CHECK_THAT(parse_error({"--item-size", "400k"}), Catch::Contains("too large"));
    CHECK_THAT(parse_error({"--duration", "5s", "--warmup", "5s"}), Catch::Contains("--warmup"));
    CHECK_THAT(parse_error({"--concurrency", "4"}), Catch::Equals(""));
}

TEST_CASE("--help documents every flag and its default") {
    auto parsed = parse_options(std::vector<std::string>{"dynaq-bench", "--help"});
    const auto* exit = std::get_if<ParseExit>(&parsed);
    REQUIRE(exit != nullptr);
    CHECK(exit->status == 0);
    for (const char* flag : {"--endpoint",       "--region",
                             "--table",          "--create-table",
                             "--prepare",        "--workload",
                             "--distribution",   "--records",
                             "--partition-size", "--item-size",
                             "--attributes",     "--page-size",
                             "--batch-size",     "--consistent-read",
                             "--seed",           "--duration",
                             "--requests",       "--warmup",
                             "--concurrency",    "--connections",
                             "--threads",        "--rate",
                             "--max-attempts",   "--json",
                             "--no-progress",    "--help"}) {
        INFO(flag);
        CHECK_THAT(exit->text, Catch::Contains(flag));
        // Every flag but --help is accepted by the parser.
        if (std::string_view(flag) != "--help")
            CHECK_THAT(parse_error({flag}), !Catch::Contains("unknown option"));
    }
    CHECK_THAT(exit->text, Catch::Contains("(default: 16)"));
}

// ---- Item layout ------------------------------------------------------------------------

TEST_CASE("item keys follow the partition layout") {
    const ItemLayout layout(25, 10, 1003, 10, 1);
    CHECK(layout.partitions() == 3);
    const dynaq::Item key = layout.key(123);
    CHECK(key.at("pk").as_string() == "p0000000012");
    CHECK(key.at("sk").as_string() == "s0000000003");
    CHECK(layout.partition_key(0) == "p0000000000");

    dynaq::Item item = layout.item(7);
    CHECK(item.size() == 12);
    std::size_t bytes = 0;
    for (const auto& name : layout.field_names())
        bytes += item.at(name).as_string().size();
    CHECK(bytes == 1003);
    CHECK(layout.field_values()[0].size() == 101); // 1003 = 3 * 101 + 7 * 100
    CHECK(layout.field_values()[9].size() == 100);

    layout.set_key(item, 24);
    CHECK(item.at("pk").as_string() == "p0000000002");
    CHECK(item.at("sk").as_string() == "s0000000004");
    CHECK(item.size() == 12);

    CHECK(ItemLayout(25, 10, 1003, 10, 1).field_values() == layout.field_values());
    CHECK(ItemLayout(25, 10, 1003, 10, 2).field_values() != layout.field_values());
    CHECK(ItemLayout(5, 1, 0, 0, 1).item(3).size() == 2); // keys only
}

// ---- Stats and reports ------------------------------------------------------------------

TEST_CASE("thread stats merge into run stats") {
    ThreadStats one;
    ThreadStats two;
    one.record_success(Op::get, 1000, 1, 0, 0);
    one.record_error(Op::get, "ThrottlingException", "slow down");
    two.record_success(Op::get, 3000, 0, 1, 0);
    two.record_error(Op::update, "ThrottlingException", "later message");
    two.record_warmup(true);
    CHECK(one.ok.load() == 1);
    CHECK(two.ok.load() == 2);

    RunStats run;
    run.merge(one.stats);
    run.merge(two.stats);
    const OpStats& get = run.ops[index(Op::get)];
    CHECK(get.ok == 2);
    CHECK(get.errors == 1);
    CHECK(get.items == 1);
    CHECK(get.misses == 1);
    CHECK(get.latency.max() == 3000);
    CHECK(run.errors.at("ThrottlingException").count == 2);
    CHECK(run.errors.at("ThrottlingException").example == "slow down");
    CHECK(run.total().errors == 2);
}

TEST_CASE("latencies are printed with three significant digits") {
    CHECK(format_latency(999) == "999 ns");
    CHECK(format_latency(1234) == "1.23 \u00b5s");
    CHECK(format_latency(81'234) == "81.2 \u00b5s");
    CHECK(format_latency(812'345) == "812 \u00b5s");
    CHECK(format_latency(1'240'000) == "1.24 ms");
    CHECK(format_latency(2'500'000'000) == "2.50 s");
}

TEST_CASE("reports carry the run's numbers") {
    BenchConfig config = parse_ok({"--workload", "ycsb-b"});
    RunResult result;
    result.measured = 2s;
    ThreadStats t;
    for (int i = 0; i < 95; ++i)
        t.record_success(Op::get, 100'000, 1, 0, 0);
    for (int i = 0; i < 5; ++i)
        t.record_success(Op::update, 200'000, 1, 0, 0);
    t.record_error(Op::update, "TransportError (Connection reset by peer)", "reset \"quoted\"");
    result.stats.merge(t.stats);

    const std::string text = text_report(config, result, "http://127.0.0.1:1");
    CHECK_THAT(text, Catch::Contains("100 ok, 1 errors in 2.00 s"));
    CHECK_THAT(text, Catch::Contains("50.0 ops/s"));
    CHECK_THAT(text, Catch::Contains("p99.9"));
    CHECK_THAT(text, Catch::Contains("TransportError (Connection reset by peer)"));

    rapidjson::Document doc;
    doc.Parse(json_report(config, result, "http://127.0.0.1:1").c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["workload"].GetString() == std::string("ycsb-b"));
    CHECK(doc["ok"].GetUint64() == 100);
    CHECK(doc["errors"].GetUint64() == 1);
    CHECK(doc["throughput"].GetDouble() == Approx(50));
    CHECK(doc["target_rate"].IsNull());
    CHECK(doc["latency_us"]["max"].GetDouble() == Approx(200));
    CHECK(doc["latency_us"].HasMember("p99_9"));
    CHECK(doc["operations"]["update"]["errors"].GetUint64() == 1);
    CHECK(doc["error_types"]["TransportError (Connection reset by peer)"]["count"].GetUint64() ==
          1);
}

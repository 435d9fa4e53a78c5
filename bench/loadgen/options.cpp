#include "options.hpp"

#include <dynaq/names.hpp>

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <system_error>

namespace dynaq_bench {

namespace {

using namespace std::chrono_literals;

// The number at the front of `text` and what follows it.
template <class T>
std::optional<std::pair<T, std::string_view>> leading_number(std::string_view text) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data())
        return std::nullopt;
    return std::pair{value, text.substr(static_cast<std::size_t>(end - text.data()))};
}

std::optional<std::uint64_t> scaled(std::uint64_t value, std::uint64_t unit) {
    if (value > std::numeric_limits<std::uint64_t>::max() / unit)
        return std::nullopt;
    return value * unit;
}

// What every flag does with its value; a non-empty string is the error.
using Setter = std::function<std::string(BenchConfig&, std::string_view)>;

struct Flag {
    std::string_view name;
    bool takes_value;
    Setter set;
};

// Parse state besides the config: what was given explicitly.
struct Given {
    bool distribution = false;
};

std::string expected(std::string_view what, std::string_view value) {
    return "expected " + std::string(what) + ", got '" + std::string(value) + "'";
}

template <class T>
Setter count_into(T BenchConfig::*field, std::uint64_t low, std::uint64_t high) {
    return [=](BenchConfig& c, std::string_view v) -> std::string {
        const auto n = parse_count(v);
        if (!n || *n < low || *n > high)
            return expected(
                "an integer from " + std::to_string(low) + " to " + std::to_string(high), v);
        c.*field = static_cast<T>(*n);
        return {};
    };
}

std::vector<Flag> flags(Given& given) {
    const auto text_into = [](std::string BenchConfig::*field) -> Setter {
        return [=](BenchConfig& c, std::string_view v) -> std::string {
            if (v.empty())
                return "expected a value";
            c.*field = std::string(v);
            return {};
        };
    };
    const auto switch_on = [](bool BenchConfig::*field, bool value) -> Setter {
        return [=](BenchConfig& c, std::string_view) -> std::string {
            c.*field = value;
            return {};
        };
    };
    constexpr std::uint64_t no_limit = std::numeric_limits<std::uint64_t>::max();
    return {
        {"--endpoint", true, text_into(&BenchConfig::endpoint)},
        {"--region", true, text_into(&BenchConfig::region)},
        {"--table", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             if (!dynaq::is_valid_table_name(v))
                 return expected("a table name (3-255 of A-Z a-z 0-9 _ - .)", v);
             c.table = std::string(v);
             return {};
         }},
        {"--create-table", false, switch_on(&BenchConfig::create_table, true)},
        {"--prepare", false, switch_on(&BenchConfig::prepare, true)},
        {"--workload", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto w = parse_workload(v);
             if (!w)
                 return expected("get, put, update, query, batch-write, batch-get, ycsb-a, "
                                 "ycsb-b or ycsb-c",
                                 v);
             c.workload = *w;
             return {};
         }},
        {"--distribution", true,
         [&given](BenchConfig& c, std::string_view v) -> std::string {
             if (v == "uniform")
                 c.distribution = KeyDistribution::uniform;
             else if (v == "zipfian")
                 c.distribution = KeyDistribution::zipfian;
             else
                 return expected("uniform or zipfian", v);
             given.distribution = true;
             return {};
         }},
        {"--records", true, count_into(&BenchConfig::records, 1, std::uint64_t{1} << 40)},
        {"--partition-size", true, count_into(&BenchConfig::partition_size, 1, 1'000'000)},
        {"--item-size", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto n = parse_size(v);
             if (!n)
                 return expected("a size (like 1000, 4k, 4KiB)", v);
             c.item_size = static_cast<std::size_t>(std::min<std::uint64_t>(*n, no_limit / 2));
             return {};
         }},
        {"--attributes", true, count_into(&BenchConfig::attributes, 0, 1000)},
        {"--page-size", true, count_into(&BenchConfig::page_size, 1, 1'000'000)},
        {"--batch-size", true, count_into(&BenchConfig::batch_size, 1, 100)},
        {"--consistent-read", false, switch_on(&BenchConfig::consistent_read, true)},
        {"--seed", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto n = leading_number<std::uint64_t>(v);
             if (!n || !n->second.empty())
                 return expected("an unsigned integer", v);
             c.seed = n->first;
             return {};
         }},
        {"--requests", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto n = parse_count(v);
             if (!n || *n == 0)
                 return expected("a positive count (like 100000 or 100k)", v);
             c.requests = *n;
             return {};
         }},
        {"--duration", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto d = parse_duration(v);
             if (!d || *d <= 0ns)
                 return expected("a positive duration (like 10s, 500ms, 2m)", v);
             c.duration = *d;
             return {};
         }},
        {"--warmup", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto d = parse_duration(v);
             if (!d)
                 return expected("a duration (like 2s, 0)", v);
             c.warmup = *d;
             return {};
         }},
        {"--concurrency", true, count_into(&BenchConfig::concurrency, 1, 100'000)},
        {"--connections", true, count_into(&BenchConfig::connections, 0, 100'000)},
        {"--threads", true, count_into(&BenchConfig::threads, 1, 256)},
        {"--rate", true,
         [](BenchConfig& c, std::string_view v) -> std::string {
             const auto r = parse_rate(v);
             if (!r)
                 return expected("requests per second (like 5000 or 5k; 0: as fast as possible)",
                                 v);
             c.rate = *r;
             return {};
         }},
        {"--max-attempts", true, count_into(&BenchConfig::max_attempts, 1, 100)},
        {"--json", false, switch_on(&BenchConfig::json, true)},
        {"--no-progress", false, switch_on(&BenchConfig::progress, false)},
    };
}

// Checks between flags, once all are known. Empty: fine.
std::string check(const BenchConfig& c) {
    if (c.attributes > 0 && c.item_size < c.attributes)
        return "--item-size " + std::to_string(c.item_size) + " is smaller than --attributes " +
               std::to_string(c.attributes) + " (each attribute needs at least one byte)";
    // DynamoDB's item limit is 400 KiB with names and keys; leave 1 KiB for those.
    if (c.item_size > 399 * 1024)
        return "--item-size " + std::to_string(c.item_size) +
               " is over 399k, too large for a DynamoDB item (400 KiB with names and keys)";
    if (c.workload == Workload::batch_write && c.batch_size > 25)
        return "--batch-size " + std::to_string(c.batch_size) +
               " is over 25, BatchWriteItem's limit";
    if ((c.workload == Workload::batch_write || c.workload == Workload::batch_get) &&
        c.batch_size > c.records)
        return "--batch-size " + std::to_string(c.batch_size) + " is larger than --records " +
               std::to_string(c.records) + " (a batch needs distinct keys)";
    if (c.duration && c.warmup >= *c.duration)
        return "--warmup must be shorter than --duration";
    return {};
}

} // namespace

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
    const auto parsed = leading_number<double>(text);
    if (!parsed || !std::isfinite(parsed->first) || parsed->first < 0)
        return std::nullopt;
    const auto [value, unit] = *parsed;
    double ns_per_unit = 0;
    if (unit.empty() || unit == "s")
        ns_per_unit = 1e9;
    else if (unit == "ms")
        ns_per_unit = 1e6;
    else if (unit == "us" || unit == "\u00b5s")
        ns_per_unit = 1e3;
    else if (unit == "ns")
        ns_per_unit = 1;
    else if (unit == "m" || unit == "min")
        ns_per_unit = 60e9;
    else if (unit == "h")
        ns_per_unit = 3600e9;
    else
        return std::nullopt;
    const double ns = value * ns_per_unit;
    // Up to ~292 years fits; anything near that is a typo.
    if (ns > 1e18)
        return std::nullopt;
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(ns)));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    const auto parsed = leading_number<std::uint64_t>(text);
    if (!parsed)
        return std::nullopt;
    const auto [value, unit] = *parsed;
    std::uint64_t multiplier = 0;
    if (unit.empty() || unit == "B")
        multiplier = 1;
    else if (unit == "k" || unit == "K" || unit == "KiB")
        multiplier = 1024;
    else if (unit == "kB" || unit == "KB")
        multiplier = 1000;
    else if (unit == "m" || unit == "M" || unit == "MiB")
        multiplier = 1024 * 1024;
    else if (unit == "MB")
        multiplier = 1'000'000;
    else
        return std::nullopt;
    return scaled(value, multiplier);
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
    const auto parsed = leading_number<std::uint64_t>(text);
    if (!parsed)
        return std::nullopt;
    const auto [value, suffix] = *parsed;
    if (suffix.empty())
        return value;
    if (suffix == "k" || suffix == "K")
        return scaled(value, 1000);
    if (suffix == "m" || suffix == "M")
        return scaled(value, 1'000'000);
    return std::nullopt;
}

std::optional<double> parse_rate(std::string_view text) {
    const auto parsed = leading_number<double>(text);
    if (!parsed || !std::isfinite(parsed->first) || parsed->first < 0)
        return std::nullopt;
    const auto [value, suffix] = *parsed;
    if (suffix.empty())
        return value;
    if (suffix == "k" || suffix == "K")
        return value * 1e3;
    if (suffix == "m" || suffix == "M")
        return value * 1e6;
    return std::nullopt;
}

std::variant<BenchConfig, ParseExit> parse_options(const std::vector<std::string>& args) {
    BenchConfig config;
    Given given;
    const std::vector<Flag> known = flags(given);
    const auto usage_error = [](const std::string& message) {
        return ParseExit{2,
                         "dynaq-bench: " + message + "\n(dynaq-bench --help lists the options)\n"};
    };
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "-h" || arg == "--help")
            return ParseExit{0, help_text()};
        std::optional<std::string_view> value;
        if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        const Flag* flag = nullptr;
        for (const Flag& f : known)
            if (f.name == arg)
                flag = &f;
        if (flag == nullptr)
            return usage_error("unknown option '" + std::string(arg) + "'");
        if (!flag->takes_value && value)
            return usage_error(std::string(arg) + " takes no value");
        if (flag->takes_value && !value) {
            if (i + 1 == args.size())
                return usage_error(std::string(arg) + ": missing value");
            value = args[++i];
        }
        if (const std::string error = flag->set(config, value.value_or("")); !error.empty())
            return usage_error(std::string(arg) + ": " + error);
    }
    if (!given.distribution && is_ycsb(config.workload))
        config.distribution = KeyDistribution::zipfian;
    if (config.prepare)
        config.create_table = true;
    if (const std::string error = check(config); !error.empty())
        return usage_error(error);
    if (!config.requests && !config.duration)
        config.duration = BenchConfig::default_duration;
    return config;
}

std::variant<BenchConfig, ParseExit> parse_options(int argc, char** argv) {
    return parse_options(std::vector<std::string>(argv, argv + argc));
}

std::string help_text() {
    return R"(usage: dynaq-bench [OPTION...]

Load generator for DynamoDB and DynamoDB-compatible databases (AWS, DynamoDB Local, dynalite,
moto, ScyllaDB Alternator), built on the dynaq client. Runs one workload against one table and
prints throughput, errors by type and latency percentiles.

  dynaq-bench --endpoint http://127.0.0.1:8000 --create-table --prepare --workload ycsb-a

Target
  --endpoint URL        http://host:port or https://host:port (default:
                        AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else the region's
                        public endpoint)
  --region REGION       (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region;
                        us-east-1 for a loopback endpoint)
                        Credentials come from the AWS chain (environment, ~/.aws); a loopback
                        endpoint (127.x, localhost, ::1) gets dummy ones unless
                        AWS_ACCESS_KEY_ID is set.
  --table NAME          (default: dynaq_bench)
  --create-table        create the table if it does not exist and wait until it is ACTIVE: hash
                        key pk (S), range key sk (S), on-demand billing (default: off)
  --prepare             write every item of the key space first, 25 per BatchWriteItem
                        (implies --create-table) (default: off)

Workload
  --workload W          get | put | update | query | batch-write | batch-get |
                        ycsb-a (50% get, 50% update) | ycsb-b (95/5) | ycsb-c (get only)
                        (default: get)
  --distribution D      uniform | zipfian: how keys are picked; zipfian is YCSB's (theta 0.99,
                        hot keys spread over the key space) (default: zipfian for ycsb-*,
                        uniform otherwise)
  --records N           items in the key space (default: 10000)
  --partition-size N    items per partition key: item k has pk p<k/N> and sk s<k%N>
                        (default: 10)
  --item-size SIZE      bytes of attribute values per item (default: 1000)
  --attributes N        string attributes field0..field<N-1> sharing --item-size; 0 writes keys
                        only (default: 10)
  --page-size N         query: items per page (Limit); pages are full when
                        --partition-size >= N (default: 10)
  --batch-size N        batch-write: puts per request, 1-25; batch-get: keys per request,
                        1-100 (default: 25)
  --consistent-read     strongly consistent get, query and batch-get (default: off)
  --seed N              seeds key, operation and payload choice (default: 1)

Load
  --duration TIME       how long to send requests (default: 10s unless --requests is given)
  --requests N          stop after N requests; with --duration, the first limit reached ends
                        the run (default: none)
  --warmup TIME         requests started in the first TIME are not counted; part of
                        --duration (default: 0)
  --concurrency N       requests in flight, one worker each (default: 16)
  --connections N       connection pool size (default: = --concurrency)
  --threads N           I/O threads running the workers (default: 1)
  --rate R              open loop: R requests per second in total, latency measured from each
                        request's scheduled start, so stalls are not hidden (coordinated
                        omission). 0: closed loop, as fast as responses come (default: 0)
  --max-attempts N      attempts per request including retries of throttling and network
                        errors; 1 disables retries (default: 10)

Output
  --json                print one JSON object on stdout instead of the text summary
  --no-progress         no progress line (it is only shown when stderr is a terminal)
  -h, --help            this text

Values: TIME is a number with ns, us, ms, s, m or h (bare: seconds): 10s, 500ms, 2m.
SIZE is bytes with an optional k/K/KiB (1024), kB/KB (1000), m/M/MiB, MB: 1000, 4k, 4KiB.
Counts take k (1000) and m (10^6): 100k. Latency is that of successful requests; errors are
counted by dynaq exception class or DynamoDB error code.

Exit status: 0 after a run, 1 when the setup failed (endpoint unreachable, table missing) or
no request succeeded, 2 for a bad command line.
)";
}

} // namespace dynaq_bench

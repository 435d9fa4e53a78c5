#pragma once
// dynaq-bench's command line: a plain BenchConfig with documented defaults, the parser that
// fills it in, and the value parsers (durations, sizes, counts) on their own for the tests.
// Sans-I/O: parse_options returns the help text or the error message instead of printing it.
#include "keys.hpp"
#include "workload.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dynaq_bench {

struct BenchConfig {
    // ---- Target ----------------------------------------------------------------------------
    /// "http(s)://host[:port]". Empty: AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL, else the
    /// region's public endpoint.
    std::string endpoint;
    /// Empty: AWS_REGION / AWS_DEFAULT_REGION / the profile's region; for a loopback endpoint
    /// (which gets dummy credentials) us-east-1 when none is set.
    std::string region;
    std::string table = "dynaq_bench";
    /// Create the table (pk S hash key, sk S range key, on-demand) when it does not exist, and
    /// wait until it is ACTIVE.
    bool create_table = false;
    /// Write every record of the key space before the run (implies create_table).
    bool prepare = false;

    // ---- Workload --------------------------------------------------------------------------
    Workload workload = Workload::get;
    /// zipfian for the ycsb-* workloads, uniform for the others, unless given.
    KeyDistribution distribution = KeyDistribution::uniform;
    /// Items in the key space: item k has pk "p<k / partition_size>" and sk "s<k % ...>".
    std::uint64_t records = 10'000;
    /// Items per partition key: a query reads one partition, so this bounds its page.
    std::uint64_t partition_size = 10;
    /// Bytes of attribute values per item, spread evenly over `attributes` string attributes
    /// named field0, field1, ... (YCSB's default record: 10 fields of 100 bytes).
    std::size_t item_size = 1000;
    std::size_t attributes = 10;
    /// Query: items per page (Limit).
    std::size_t page_size = 10;
    /// batch-write: puts per request (1-25); batch-get: keys per request (1-100).
    std::size_t batch_size = 25;
    /// Strongly consistent reads for get, query and batch-get.
    bool consistent_read = false;
    /// Seeds key choice, operation choice and payload bytes; the same seed repeats a run.
    std::uint64_t seed = 1;

    // ---- Load shape ------------------------------------------------------------------------
    /// Stop after this many requests. Without it (and without `duration`) a run lasts 10 s;
    /// with both, whichever is reached first ends the run.
    std::optional<std::uint64_t> requests;
    std::optional<std::chrono::nanoseconds> duration;
    /// Requests that start in the first `warmup` are sent but not counted (connections get
    /// opened, caches warmed). Counted as part of `duration`.
    std::chrono::nanoseconds warmup{0};
    /// Requests in flight: one worker coroutine each.
    std::size_t concurrency = 16;
    /// The Client's connection pool size (PoolConfig::max_connections). 0: = concurrency, so
    /// no request waits for a connection.
    std::size_t connections = 0;
    /// Threads running the io_context.
    unsigned threads = 1;
    /// Requests per second over all workers, open loop. 0: closed loop (each worker sends its
    /// next request as soon as the previous one is answered).
    double rate = 0;
    /// Attempts per request, the first included (RetryPolicy::max_attempts); 1: no retries.
    int max_attempts = 10;

    // ---- Output ----------------------------------------------------------------------------
    /// One JSON object on stdout instead of the text summary.
    bool json = false;
    /// The once-a-second progress line on stderr (only ever shown when stderr is a terminal).
    bool progress = true;

    /// The run's length when neither --requests nor --duration is given.
    static constexpr std::chrono::seconds default_duration{10};

    [[nodiscard]] std::size_t pool_size() const noexcept {
        return connections ? connections : concurrency;
    }
};

/// What parse_options returns instead of a config: the text to print (help on stdout with
/// status 0, an error on stderr with status 2).
struct ParseExit {
    int status = 0;
    std::string text;
};

/// argv[0] is skipped. Flags take their value as the next argument or after '='.
[[nodiscard]] std::variant<BenchConfig, ParseExit>
parse_options(const std::vector<std::string>& args);
[[nodiscard]] std::variant<BenchConfig, ParseExit> parse_options(int argc, char** argv);

[[nodiscard]] std::string help_text();

// Value parsers: nullopt for text that is not a valid value.

/// A number (fractions allowed) and a unit: ns, us, ms, s, m, h; a bare number is seconds.
/// "10s", "500ms", "2m", "1.5h", "30".
[[nodiscard]] std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);
/// Bytes: an integer and an optional unit, binary as in dd(1): "k", "K", "KiB" = 1024,
/// "kB", "KB" = 1000, "m", "M", "MiB" = 1024^2, "MB" = 10^6, "B" or none = 1.
[[nodiscard]] std::optional<std::uint64_t> parse_size(std::string_view text);
/// A count: an integer with an optional decimal suffix, "k" = 1000, "m" or "M" = 10^6
/// ("10k", "2m").
[[nodiscard]] std::optional<std::uint64_t> parse_count(std::string_view text);
/// A non-negative rate: like a count, fractions allowed ("2.5k", "100", "0.5").
[[nodiscard]] std::optional<double> parse_rate(std::string_view text);

} // namespace dynaq_bench

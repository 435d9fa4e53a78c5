#include "report.hpp"

#include "schedule.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdarg>
#include <cstdio>
#include <string_view>
#include <vector>

namespace dynaq_bench {

namespace {

struct Percentile {
    const char* label; // text column and JSON key
    double q;
};
constexpr std::array<Percentile, 4> percentiles{{
    {"p50", 0.50},
    {"p90", 0.90},
    {"p99", 0.99},
    {"p99.9", 0.999},
}};

double seconds(const RunResult& r) {
    return std::chrono::duration<double>(r.measured).count();
}

double per_second(std::uint64_t n, const RunResult& r) {
    const double s = seconds(r);
    return s > 0 ? static_cast<double>(n) / s : 0;
}

[[gnu::format(printf, 1, 2)]] std::string format(const char* fmt, ...) {
    char buf[512];
    std::va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

// Right-aligned in `width` terminal columns; "µ" is two bytes but one column.
std::string pad_left(const std::string& s, std::size_t width) {
    std::size_t columns = 0;
    for (const char c : s)
        columns += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    return columns >= width ? s : std::string(width - columns, ' ') + s;
}

std::string pad_right(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string latency_row(const std::string& label, const OpStats& op) {
    std::string row = "  " + pad_right(label, 12) + pad_left(std::to_string(op.ok), 10);
    row += pad_left(format_latency(static_cast<std::uint64_t>(op.latency.mean())), 10);
    for (const Percentile& p : percentiles)
        row += pad_left(format_latency(op.latency.percentile(p.q)), 10);
    row += pad_left(format_latency(op.latency.max()), 10);
    return row + '\n';
}

std::string distribution_name(KeyDistribution d) {
    return d == KeyDistribution::zipfian ? "zipfian" : "uniform";
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void json_key(JsonWriter& w, std::string_view key) {
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void json_string(JsonWriter& w, std::string_view value) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void json_latency(JsonWriter& w, const Histogram& h) {
    const auto us = [](std::uint64_t ns) { return static_cast<double>(ns) / 1000.0; };
    w.StartObject();
    json_key(w, "mean");
    w.Double(h.mean() / 1000.0);
    for (const Percentile& p : percentiles) {
        const std::string key = p.label == std::string_view("p99.9") ? "p99_9" : p.label;
        json_key(w, key);
        w.Double(us(h.percentile(p.q)));
    }
    json_key(w, "max");
    w.Double(us(h.max()));
    w.EndObject();
}

void json_counts(JsonWriter& w, const OpStats& op, const RunResult& r) {
    json_key(w, "ok");
    w.Uint64(op.ok);
    json_key(w, "errors");
    w.Uint64(op.errors);
    json_key(w, "throughput");
    w.Double(per_second(op.ok, r));
    json_key(w, "items");
    w.Uint64(op.items);
    json_key(w, "items_per_second");
    w.Double(per_second(op.items, r));
    json_key(w, "misses");
    w.Uint64(op.misses);
    json_key(w, "unprocessed");
    w.Uint64(op.unprocessed);
    json_key(w, "latency_us");
    json_latency(w, op.latency);
}

} // namespace

std::string format_latency(std::uint64_t ns) {
    const auto v = static_cast<double>(ns);
    if (ns < 1'000)
        return format("%llu ns", static_cast<unsigned long long>(ns));
    if (ns < 10'000)
        return format("%.2f \u00b5s", v / 1e3);
    if (ns < 100'000)
        return format("%.1f \u00b5s", v / 1e3);
    if (ns < 1'000'000)
        return format("%.0f \u00b5s", v / 1e3);
    if (ns < 10'000'000)
        return format("%.2f ms", v / 1e6);
    if (ns < 100'000'000)
        return format("%.1f ms", v / 1e6);
    if (ns < 1'000'000'000)
        return format("%.0f ms", v / 1e6);
    return format("%.2f s", v / 1e9);
}

std::string text_report(const BenchConfig& config, const RunResult& result,
                        const std::string& endpoint) {
    const std::vector<Op> ops = OperationMix::for_workload(config.workload).ops();
    const OpStats total = result.stats.total();
    std::string out;
    out += "dynaq-bench: " + std::string(name(config.workload)) + " on table " + config.table +
           " at " + endpoint + (result.interrupted ? " (interrupted)" : "") + '\n';
    out += format("  %llu records (%s), %zu B in %zu attributes; concurrency %zu, %zu "
                  "connections, %u thread%s, ",
                  static_cast<unsigned long long>(config.records),
                  distribution_name(config.distribution).c_str(), config.item_size,
                  config.attributes, config.concurrency, config.pool_size(), config.threads,
                  config.threads == 1 ? "" : "s");
    out += config.rate > 0 ? format("open loop at %.0f/s\n", config.rate) : "closed loop\n";
    out += '\n';
    out += format("  requests    %llu ok, %llu errors in %.2f s\n",
                  static_cast<unsigned long long>(total.ok),
                  static_cast<unsigned long long>(total.errors), seconds(result));
    out += format("  throughput  %.1f ops/s", per_second(total.ok, result));
    // Queries and batches move several items per request.
    const bool multi_item = config.workload == Workload::query ||
                            config.workload == Workload::batch_write ||
                            config.workload == Workload::batch_get;
    if (multi_item)
        out += format(", %.1f items/s", per_second(total.items, result));
    out += '\n';

    out += "\n  " + pad_right("latency", 12) + pad_left("ok", 10) + pad_left("mean", 10);
    for (const Percentile& p : percentiles)
        out += pad_left(p.label, 10);
    out += pad_left("max", 10) + '\n';
    for (const Op op : ops)
        out += latency_row(std::string(name(op)), result.stats.ops[index(op)]);
    if (ops.size() > 1)
        out += latency_row("all", total);

    if (!result.stats.errors.empty()) {
        out += "\n  errors\n";
        for (const auto& [type, tally] : result.stats.errors)
            out += "    " + pad_right(type, 40) + pad_left(std::to_string(tally.count), 10) +
                   "  (first: " + tally.example + ")\n";
    }

    // Notes on results that usually mean the setup, not the server, is off.
    std::string notes;
    for (const Op op : ops) {
        const OpStats& s = result.stats.ops[index(op)];
        if (s.misses > 0 && (op == Op::get || op == Op::batch_get))
            notes += format("  note: %llu of %llu %s keys found no item: was the table filled "
                            "with --prepare (and the same --records)?\n",
                            static_cast<unsigned long long>(s.misses),
                            static_cast<unsigned long long>(s.items + s.misses),
                            std::string(name(op)).c_str());
        if (s.misses > 0 && op == Op::query)
            notes += format("  note: %llu queries found an empty partition: was the table "
                            "filled with --prepare?\n",
                            static_cast<unsigned long long>(s.misses));
        if (s.unprocessed > 0)
            notes += format("  note: %llu items or keys came back unprocessed (throttled "
                            "batches; they are not re-sent)\n",
                            static_cast<unsigned long long>(s.unprocessed));
    }
    if (config.workload == Workload::query && config.partition_size < config.page_size)
        notes += format("  note: pages hold at most --partition-size %llu items, fewer than "
                        "--page-size %zu\n",
                        static_cast<unsigned long long>(config.partition_size), config.page_size);
    const double achieved = per_second(total.ok + total.errors, result);
    if (config.rate > 0 && !result.interrupted && achieved < 0.95 * config.rate)
        notes += format("  note: %.0f requests/s sent, below the target %.0f/s: the server or "
                        "--concurrency %zu could not keep up (latency includes the wait)\n",
                        achieved, config.rate, config.concurrency);
    if (!notes.empty())
        out += '\n' + notes;
    return out;
}

std::string json_report(const BenchConfig& config, const RunResult& result,
                        const std::string& endpoint) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    const OpStats total = result.stats.total();
    w.StartObject();
    json_key(w, "workload");
    json_string(w, name(config.workload));
    json_key(w, "table");
    json_string(w, config.table);
    json_key(w, "endpoint");
    json_string(w, endpoint);
    json_key(w, "distribution");
    json_string(w, distribution_name(config.distribution));
    json_key(w, "records");
    w.Uint64(config.records);
    json_key(w, "partition_size");
    w.Uint64(config.partition_size);
    json_key(w, "item_size");
    w.Uint64(config.item_size);
    json_key(w, "attributes");
    w.Uint64(config.attributes);
    json_key(w, "concurrency");
    w.Uint64(config.concurrency);
    json_key(w, "connections");
    w.Uint64(config.pool_size());
    json_key(w, "threads");
    w.Uint(config.threads);
    json_key(w, "target_rate");
    if (config.rate > 0)
        w.Double(config.rate);
    else
        w.Null();
    json_key(w, "seed");
    w.Uint64(config.seed);
    json_key(w, "interrupted");
    w.Bool(result.interrupted);
    json_key(w, "pool");
    w.StartObject();
    json_key(w, "open");
    w.Uint64(result.pool.open);
    json_key(w, "opened");
    w.Uint64(result.pool.opened);
    json_key(w, "reused");
    w.Uint64(result.pool.reused);
    json_key(w, "discarded");
    w.Uint64(result.pool.discarded);
    w.EndObject();
    json_key(w, "peak_rss_kb");
    w.Uint64(result.peak_rss_kb);
    json_key(w, "duration_s");
    w.Double(seconds(result));
    json_key(w, "requests");
    w.Uint64(total.ok + total.errors);
    json_counts(w, total, result);
    json_key(w, "operations");
    w.StartObject();
    for (const Op op : OperationMix::for_workload(config.workload).ops()) {
        json_key(w, name(op));
        w.StartObject();
        json_counts(w, result.stats.ops[index(op)], result);
        w.EndObject();
    }
    w.EndObject();
    json_key(w, "error_types");
    w.StartObject();
    for (const auto& [type, tally] : result.stats.errors) {
        json_key(w, type);
        w.StartObject();
        json_key(w, "count");
        w.Uint64(tally.count);
        json_key(w, "example");
        json_string(w, tally.example);
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + '\n';
}

} // namespace dynaq_bench

// A Table-layer scan of 200,000 items (~200 MB of JSON in 1 MB pages) from the in-process null
// server, to show that memory stays flat however big the table: the stream holds one page
// (a parallel scan one page per segment plus its bounded channel), never the table.
#include "benchmarks.hpp"
#include "fixtures.hpp"
#include "null_server.hpp"

#include <dynaq/client.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace dynaq::bench {

namespace asio = boost::asio;

namespace {

constexpr std::uint64_t scan_items = 200'000;
constexpr std::size_t item_size = 1024;
constexpr std::size_t page_items = 1000; // DynamoDB's 1 MB page of 1 KB items

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), 0 where there is no procfs.
std::uint64_t status_kb(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(field + ":"))
            return std::stoull(line.substr(field.size() + 1));
    return 0;
}

// Makes VmHWM start again from the current RSS (Linux >= 4.0), so that the peak read after
// the scan is the scan's own, not the process's start-up's.
bool reset_peak_rss() {
    std::ofstream clear_refs("/proc/self/clear_refs");
    clear_refs << "5";
    clear_refs.flush();
    return static_cast<bool>(clear_refs);
}

asio::awaitable<void> scan_all(Table<Item>& table, ScanOptions options, std::uint64_t& items) {
    auto stream = table.scan(options);
    while (auto item = co_await stream.next()) {
        do_not_optimize(*item);
        ++items;
    }
}

Result scan_200k(std::string name, const Options& options, std::int32_t segments) {
    NullServer server({.port = 0,
                       .threads = options.sink_threads,
                       .item_size = item_size,
                       .query_items = page_items,
                       .scan_items = scan_items});
    asio::io_context io(1);
    Client client(io.get_executor(), null_server_client_config(server.url()));
    TableSchema schema;
    schema.table_name = "bench";
    schema.partition_key = KeyDefinition{"pk"};
    schema.sort_key = KeyDefinition{"sk"};
    Table<Item> table(client, schema);
    ScanOptions scan;
    scan.segments = segments;

    const std::uint64_t rss_before_kb = status_kb("VmRSS");
    const bool peak_reset = reset_peak_rss();
    const Snapshot before = Snapshot::take();
    std::uint64_t items = 0;
    std::exception_ptr failure;
    asio::co_spawn(io, scan_all(table, scan, items),
                   [&failure](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
    if (items != scan_items)
        throw std::runtime_error(name + ": scanned " + std::to_string(items) + " items, not " +
                                 std::to_string(scan_items));
    const Snapshot after = Snapshot::ending_at(std::chrono::steady_clock::now());
    const std::uint64_t peak_kb = status_kb("VmHWM");

    Result r = result_between(std::move(name), before, after, items, item_size);
    char note[160];
    std::snprintf(note, sizeof note,
                  "per item; %d segment(s), 1 MB pages; RSS %.1f MB before, peak +%.1f MB%s",
                  segments, static_cast<double>(rss_before_kb) / 1024,
                  (static_cast<double>(peak_kb) - static_cast<double>(rss_before_kb)) / 1024,
                  peak_reset ? "" : " (peak since start: clear_refs unavailable)");
    r.note = note;
    return r;
}

} // namespace

Result scan_200k_rss(const Options& options) {
    return scan_200k("scan_200k_rss", options, 1);
}

Result scan_200k_4seg_rss(const Options& options) {
    return scan_200k("scan_200k_4seg_rss", options, 4);
}

} // namespace dynaq::bench

// Client::get_item against the in-process null server. The client runs on this thread (its
// io_context is run here), the server on threads of its own, so the allocation counters,
// which are per thread, see the client's allocations only.
#include "benchmarks.hpp"
#include "fixtures.hpp"
#include "null_server.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

namespace dynaq::bench {

namespace asio = boost::asio;

namespace {

using clock = std::chrono::steady_clock;

// Tells the calls in flight when the warm-up ends and the measurement begins and ends, and
// records the counters at both edges. Calls straddling an edge are the same number at both
// ends in steady state, so they do not skew the per-call figures.
class Phases {
public:
    explicit Phases(const Options& options) :
        measure_for_(options.seconds),
        warm_end_(clock::now() +
                  std::chrono::duration_cast<clock::duration>(warm_up_time(options))) {}

    /// Called after every completed call; false once the measurement is over.
    bool completed() {
        const auto now = clock::now();
        if (!measuring_) {
            if (now >= warm_end_) {
                measuring_ = true;
                end_ = now + std::chrono::duration_cast<clock::duration>(measure_for_);
                process_cpu_before_ = process_cpu_seconds();
                before_ = Snapshot::take();
            }
            return true;
        }
        if (stopped_)
            return false;
        ++calls_;
        if (now < end_)
            return true;
        stopped_ = true;
        after_ = Snapshot::ending_at(now);
        process_cpu_after_ = process_cpu_seconds();
        return false;
    }

    /// CPU time per call of every thread but this one: the in-process null server's.
    [[nodiscard]] double server_cpu_ns_per_call() const {
        const double others =
            (process_cpu_after_ - process_cpu_before_) - (after_.cpu_seconds - before_.cpu_seconds);
        return others * 1e9 / static_cast<double>(std::max<std::uint64_t>(calls_, 1));
    }

    [[nodiscard]] Result result(std::string name) const {
        return result_between(std::move(name), before_, after_, calls_);
    }

private:
    std::chrono::duration<double> measure_for_;
    clock::time_point warm_end_;
    clock::time_point end_{};
    bool measuring_ = false;
    bool stopped_ = false;
    std::uint64_t calls_ = 0;
    Snapshot before_{}, after_{};
    double process_cpu_before_ = 0, process_cpu_after_ = 0;
};

// One caller: GetItem after GetItem until the measurement is over. The request is built once,
// as a caller reusing it would; what a call costs beyond that is the client's.
asio::awaitable<void> get_loop(Client& client, Phases& phases, int caller) {
    GetItemRequest request;
    request.table_name = "bench";
    request.key = Item{{"pk", "user#" + std::to_string(100000 + caller)}, {"sk", "profile#main"}};
    for (;;) {
        GetItemResponse response = co_await client.get_item(request);
        do_not_optimize(response);
        if (!phases.completed())
            co_return;
    }
}

Result roundtrip_get(std::string name, const Options& options, int in_flight) {
    NullServer server(
        {.port = 0, .threads = options.sink_threads, .item_size = 1024, .query_items = 1});
    asio::io_context io(1);
    ClientConfig config = null_server_client_config(server.url());
    config.pool.max_connections = static_cast<std::size_t>(in_flight);
    Client client(io.get_executor(), config);

    Phases phases(options);
    std::exception_ptr failure;
    for (int caller = 0; caller < in_flight; ++caller)
        asio::co_spawn(io, get_loop(client, phases, caller), [&failure, &io](std::exception_ptr e) {
            // One failed caller ends the run: the others would go on forever.
            if (e && !failure) {
                failure = e;
                io.stop();
            }
        });
    io.run();
    if (failure)
        std::rethrow_exception(failure);

    Result r = phases.result(std::move(name));
    char server_cpu[32];
    std::snprintf(server_cpu, sizeof server_cpu, "%.0f", phases.server_cpu_ns_per_call());
    r.note = std::to_string(in_flight) +
             " in flight; null server: " + std::to_string(server.threads()) + " thread(s), " +
             server_cpu + " cpu ns/call; connections opened: " +
             std::to_string(client.transport().pool_stats().opened);
    return r;
}

} // namespace

Result roundtrip_get_seq(const Options& options) {
    return roundtrip_get("roundtrip_get_seq", options, 1);
}

Result roundtrip_get_64(const Options& options) {
    return roundtrip_get("roundtrip_get_64", options, 64);
}

} // namespace dynaq::bench

#include "runner.hpp"

#include "progress.hpp"
#include "worker.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dynaq_bench {

namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

} // namespace

RunResult run_workload(asio::io_context& io, dynaq::Client& client, const BenchConfig& config) {
    RunContext context(config, client);
    std::vector<std::unique_ptr<Worker>> workers;
    for (std::size_t i = 0; i < config.concurrency; ++i)
        workers.push_back(std::make_unique<Worker>(context, i));
    std::vector<std::unique_ptr<ThreadStats>> per_thread;
    for (unsigned t = 0; t < config.threads; ++t)
        per_thread.push_back(std::make_unique<ThreadStats>());

    // SIGINT/SIGTERM: the first stops the run (the summary still comes), a second one ends
    // the process at once, for when a request hangs.
    auto signal_strand = asio::make_strand(io);
    asio::signal_set signals(signal_strand, SIGINT, SIGTERM);
    bool interrupted = false;
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (ec)
            return;
        interrupted = true;
        context.stop = true;
        signals.async_wait([](const boost::system::error_code& again, int number) {
            if (!again)
                std::_Exit(128 + number);
        });
    });

    const clock::time_point start = clock::now();
    context.measure_from = start + config.warmup;
    if (config.duration)
        context.end = start + *config.duration;
    if (config.rate > 0)
        context.schedule.emplace(start, config.rate);

    std::atomic<std::size_t> running{config.concurrency};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    for (auto& worker : workers) {
        // On several threads each worker gets a strand: a coroutine and the I/O it starts must
        // not run on two threads at once.
        const asio::any_io_executor executor =
            config.threads > 1 ? asio::any_io_executor(asio::make_strand(io)) : io.get_executor();
        asio::co_spawn(executor, worker->run(), [&](std::exception_ptr e) {
            if (e) {
                // Not a request failure (those are counted): the worker itself broke.
                const std::lock_guard lock(failure_mutex);
                if (!failure)
                    failure = e;
                context.stop = true;
            }
            if (running.fetch_sub(1) == 1)
                asio::post(signal_strand, [&signals] { signals.cancel(); });
        });
    }

    std::optional<ProgressLine> progress;
    if (config.progress && stderr_is_terminal()) {
        progress.emplace(
            [&] {
                ProgressLine::Sample sample;
                for (const auto& t : per_thread) {
                    sample.ok += t->ok.load(std::memory_order_relaxed);
                    sample.errors += t->errors.load(std::memory_order_relaxed);
                }
                sample.warming_up = clock::now() < context.measure_from;
                return sample;
            },
            config.duration);
    }

    std::vector<std::thread> threads;
    for (unsigned t = 1; t < config.threads; ++t)
        threads.emplace_back([&io, stats = per_thread[t].get()] {
            set_thread_stats(stats);
            io.run();
        });
    set_thread_stats(per_thread[0].get());
    io.run();
    for (auto& thread : threads)
        thread.join();
    set_thread_stats(nullptr);
    io.restart();
    if (progress)
        progress->stop();
    if (failure)
        std::rethrow_exception(failure);

    RunResult result;
    clock::time_point last_answer = context.measure_from;
    for (const auto& t : per_thread) {
        result.stats.merge(t->stats);
        last_answer = std::max(last_answer, t->last_answer);
    }
    result.measured = last_answer - context.measure_from;
    result.interrupted = interrupted;
    result.pool = client.transport().pool_stats();
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        result.peak_rss_kb = static_cast<std::uint64_t>(usage.ru_maxrss); // KiB on Linux
    return result;
}

} // namespace dynaq_bench

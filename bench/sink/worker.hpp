#pragma once
// One null-server thread and everything it owns. A connection is bound to one worker for its
// life, so the Responder and the head writer need no locks; the served counter is written by
// the worker's thread only and read by anyone.
#include "canned_bodies.hpp"
#include "responder.hpp"
#include "response_head.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <cstdint>
#include <optional>
#include <thread>

namespace dynaq::bench {

struct Worker {
    Worker(const CannedBodies& canned, unsigned index) :
        responder(canned), heads(index), keep_running(io.get_executor()) {}

    void count_served() noexcept {
        // One writer: a plain load and store, no locked read-modify-write on the hot path.
        served.store(served.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }

    // Concurrency hint 1: one thread runs it, so Asio skips the locking of the handler queue
    // for work started from that thread, which is all but the accepted connections.
    boost::asio::io_context io{1};
    Responder responder;
    ResponseHeadWriter heads;
    // Keeps run() going while the worker has no connection yet.
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
        keep_running;
    // Its own cache line: every response writes it, and other threads' counters sit nearby.
    alignas(64) std::atomic<std::uint64_t> served{0};
    std::thread thread;
};

} // namespace dynaq::bench

// The transport with its io_context on 4 threads and faults on the wire: 240 concurrent calls
// through one Transport whose pool holds 6 connections. The fault server reads each call's
// number from its body and scripts that call: plain success, a final error, a 500 / reset / cut
// body / bad CRC32 that is retried, Connection: close, or a stall that only the caller ends,
// through the call's cancellation slot once the server has the request (the call is then
// reading on its connection), or through an awaitable-operator timeout (which catches most of
// those calls still waiting for a connection). Every call must end as scripted and the pool's
// books must balance afterwards. Built to run under ThreadSanitizer; no assertion depends on
// how fast anything runs.
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// What the server does with call i, chosen by i % kinds.
enum class Script {
    ok,                ///< 200 at once
    error_500_then_ok, ///< 500 (its connection stays usable), then 200 on the retry
    close_ok,          ///< 200 with Connection: close
    reset_then_ok,     ///< RST without an answer, then 200
    cut_body_then_ok,  ///< half a body and EOF, then 200
    bad_crc_then_ok,   ///< a body that fails its x-amz-crc32, then 200
    close_500_then_ok, ///< 500 with Connection: close, then 200
    validation_error,  ///< 400 ValidationException: final, not retried
    stall_cancelled,   ///< never answered; its arrival makes the caller cancel the call
    stall_timed_out,   ///< never answered; the caller's timer wins an || race
    kinds,
};

constexpr int calls = 240;
constexpr std::size_t max_connections = 6;

Script script_of(int i) {
    return static_cast<Script>(i % static_cast<int>(Script::kinds));
}

std::string body_of(int i) {
    return R"({"TableName":"t","Key":{"pk":{"S":")" + std::to_string(i) + R"("}}})";
}

int call_of(const RecordedRequest& r) {
    const auto at = r.body.find(R"("S":")");
    return at == std::string::npos ? -1 : std::stoi(r.body.substr(at + 5));
}

// The server's side: scripts each call by its number and counts the requests it sees per call.
// The handler runs on the server's thread only; the mutex is for reading the counts afterwards.
struct ServerScript {
    std::mutex mutex;
    std::map<int, int> seen;
    std::function<void(int)> cancel_call; ///< asks the client side to cancel call i

    Action answer(const RecordedRequest& r) {
        const int i = call_of(r);
        int n = 0;
        {
            std::lock_guard lock(mutex);
            n = seen[i]++;
        }
        const Action ok = Action::ok(R"({"n":)" + std::to_string(i) + "}");
        switch (script_of(i)) {
        case Script::ok:
            return ok;
        case Script::error_500_then_ok:
            return n == 0 ? Action::error(500, "InternalServerError") : ok;
        case Script::close_ok:
            return Action::respond_close(200, R"({"n":)" + std::to_string(i) + "}");
        case Script::reset_then_ok:
            return n == 0 ? Action::reset() : ok;
        case Script::cut_body_then_ok:
            return n == 0 ? Action::close_mid_body() : ok;
        case Script::bad_crc_then_ok:
            return n == 0 ? Action::respond(200, "{}", Crc::wrong) : ok;
        case Script::close_500_then_ok:
            return n == 0 ? Action::respond_close(500, "{}") : ok;
        case Script::validation_error:
            return Action::error(400, "ValidationException");
        case Script::stall_cancelled:
            cancel_call(i);
            break;
        case Script::stall_timed_out:
        case Script::kinds:
            break;
        }
        return Action::stall(0ms); // never answers
    }

    int requests_for(int i) {
        std::lock_guard lock(mutex);
        const auto it = seen.find(i);
        return it == seen.end() ? 0 : it->second;
    }
};

struct Outcome {
    enum class Kind { none, ok, validation_error, cancelled, timed_out, other };
    Kind kind = Kind::none;
    int attempts = 0;
    std::string body;
    std::string what; ///< the unexpected exception, for the failure message
};

// Raises `max` to `value` if it is higher.
void raise_to(std::atomic<std::size_t>& max, std::size_t value) {
    std::size_t seen = max.load();
    while (value > seen && !max.compare_exchange_weak(seen, value)) {
    }
}

asio::awaitable<Outcome> one_call(Transport& t, int i) {
    const std::string body = body_of(i);
    Outcome out;
    try {
        if (script_of(i) == Script::stall_timed_out) {
            using namespace asio::experimental::awaitable_operators;
            // Spread over the run: most of these calls are still waiting for a connection
            // when their time is up, some are reading the stalled response.
            const auto executor = co_await asio::this_coro::executor;
            asio::steady_timer timer(executor, 5ms + std::chrono::milliseconds(i));
            auto call = t.call("GetItem", body);
            auto wait = timer.async_wait(asio::use_awaitable);
            auto race = std::move(call) || std::move(wait);
            auto winner = co_await std::move(race);
            if (winner.index() == 1) {
                out.kind = Outcome::Kind::timed_out;
                co_return out;
            }
            Response& r = std::get<0>(winner);
            out.kind = Outcome::Kind::ok;
            out.attempts = r.attempts;
            out.body = std::move(r.body);
            co_return out;
        }
        auto call = t.call("GetItem", body);
        Response r = co_await std::move(call);
        out.kind = Outcome::Kind::ok;
        out.attempts = r.attempts;
        out.body = std::move(r.body);
    } catch (const ValidationError&) {
        out.kind = Outcome::Kind::validation_error;
    } catch (const CancelledError&) {
        out.kind = Outcome::Kind::cancelled;
    } catch (const std::exception& e) {
        out.kind = Outcome::Kind::other;
        out.what = e.what();
    }
    co_return out;
}

} // namespace

TEST_CASE("pool threads: 240 calls with faults and cancellations, io_context on 4 threads") {
    // Each call on a strand of its own (the documented pattern), or straight on the
    // multi-threaded io_context except for the calls that are cancelled: Asio wants a
    // cancellation signal emitted where its operation runs, which takes a strand.
    const bool all_on_strands = GENERATE(true, false);
    INFO("every call on a strand: " << all_on_strands);

    asio::io_context ioc(4);
    std::vector<asio::cancellation_signal> signals(calls);
    std::vector<asio::strand<asio::io_context::executor_type>> strands;
    for (int i = 0; i < calls; ++i)
        strands.push_back(asio::make_strand(ioc));
    ServerScript script;
    // Asio wants a cancellation signal emitted where its operation runs: on the call's strand.
    // (Set before the server's thread starts, which reads it.)
    script.cancel_call = [&](int i) {
        asio::post(strands[i],
                   [&signal = signals[i]] { signal.emit(asio::cancellation_type::terminal); });
    };
    FaultServer server([&script](const RecordedRequest& r) { return script.answer(r); });
    auto cfg = config_for(server);
    cfg.pool.max_connections = max_connections;
    // Only the callers' own cancellations end a stalled call; the timeouts are out of reach.
    cfg.timeouts.attempt = 60s;
    cfg.timeouts.call_deadline = 120s;
    // A quota large enough never to refuse a retry here: each retried call gets its tokens
    // back when it succeeds, so the bucket must be full again at the end.
    cfg.retry.quota.capacity = 100'000;
    const Transport* observed = nullptr;
    std::atomic<std::size_t> max_open{0};
    std::atomic<int> attempts_reported{0};
    cfg.on_attempt = [&](const AttemptInfo&) {
        attempts_reported.fetch_add(1);
        raise_to(max_open, observed->pool_stats().open);
    };
    Transport t(ioc.get_executor(), cfg);
    observed = &t;

    std::vector<Outcome> outcomes(calls);
    std::atomic<int> completed{0};
    for (int i = 0; i < calls; ++i) {
        auto done = [&, i](std::exception_ptr e, Outcome o) {
            if (e) {
                o.kind = Outcome::Kind::other;
                o.what = "exception escaped the call coroutine";
            }
            outcomes[i] = std::move(o);
            raise_to(max_open, t.pool_stats().open);
            completed.fetch_add(1);
        };
        const Script s = script_of(i);
        if (all_on_strands || s == Script::stall_cancelled || s == Script::stall_timed_out)
            asio::co_spawn(strands[i], one_call(t, i),
                           asio::bind_cancellation_slot(signals[i].slot(), done));
        else
            asio::co_spawn(ioc, one_call(t, i), done);
    }
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n)
        threads.emplace_back([&ioc] { ioc.run(); });
    for (auto& th : threads)
        th.join();

    REQUIRE(completed == calls);
    int stalled_at_server = 0;
    for (int i = 0; i < calls; ++i) {
        const Outcome& o = outcomes[i];
        const Script s = script_of(i);
        INFO("call " << i << ", script " << static_cast<int>(s) << ": " << o.what);
        const int requests = script.requests_for(i);
        switch (s) {
        case Script::ok:
        case Script::close_ok:
            CHECK(o.kind == Outcome::Kind::ok);
            CHECK(o.attempts == 1);
            CHECK(o.body == R"({"n":)" + std::to_string(i) + "}");
            CHECK(requests == 1);
            break;
        case Script::error_500_then_ok:
        case Script::reset_then_ok:
        case Script::cut_body_then_ok:
        case Script::bad_crc_then_ok:
        case Script::close_500_then_ok:
            CHECK(o.kind == Outcome::Kind::ok);
            CHECK(o.attempts == 2);
            CHECK(o.body == R"({"n":)" + std::to_string(i) + "}");
            CHECK(requests == 2);
            break;
        case Script::validation_error:
            CHECK(o.kind == Outcome::Kind::validation_error);
            CHECK(requests == 1);
            break;
        case Script::stall_cancelled:
            CHECK(o.kind == Outcome::Kind::cancelled);
            CHECK(requests == 1);
            stalled_at_server += requests;
            break;
        case Script::stall_timed_out:
            CHECK(o.kind == Outcome::Kind::timed_out);
            CHECK(requests <= 1);
            stalled_at_server += requests;
            break;
        case Script::kinds:
            break;
        }
    }

    // The pool's books: nothing waiting, nothing in use, every connection it ever attached
    // either idle now or closed (discarded), and the bound held throughout.
    const PoolStats stats = t.pool_stats();
    INFO("open " << stats.open << ", idle " << stats.idle << ", waiting " << stats.waiting
                 << ", opened " << stats.opened << ", reused " << stats.reused << ", discarded "
                 << stats.discarded << "; stalled calls that reached the server "
                 << stalled_at_server);
    CHECK(stats.waiting == 0);
    CHECK(stats.open == stats.idle);
    CHECK(stats.idle <= max_connections);
    CHECK(stats.opened == stats.discarded + stats.idle);
    CHECK(max_open.load() <= max_connections);
    CHECK(stats.opened <= server.connections());
    // Five scripts end their first (or only) exchange with a connection that cannot be
    // reused, and a stalled call that got as far as the server loses its connection too.
    const auto broken_per_call = static_cast<std::uint64_t>(5 * calls / 10);
    CHECK(stats.discarded >= broken_per_call + static_cast<std::uint64_t>(stalled_at_server));
    CHECK(stats.reused > 0);
    CHECK(t.retry_quota_available() == cfg.retry.quota.capacity);
    // One attempt per call, and a second for the five scripts that fail once.
    CHECK(attempts_reported.load() == calls + 5 * calls / 10);

    // The pool is still usable: a call after the storm gets an idle connection or a new one.
    const Response after = run(ioc, t.call("GetItem", body_of(0)));
    CHECK(after.attempts == 1);
    CHECK(t.pool_stats().open == t.pool_stats().idle);
}

TEST_CASE("pool threads: attempt timeouts fire on other threads; stalled calls are retried") {
    // The watchdog runs on whichever thread the io_context picks and shuts the socket down
    // under the call using it. Every fourth call stalls on its first request until the
    // attempt timeout ends it, and must then succeed on a fresh connection. Other calls may
    // also time out while they wait for a connection (the wait counts against the attempt),
    // so only the outcome and the lower bounds are checked.
    constexpr int n_calls = 40;
    std::mutex mutex;
    std::map<int, int> seen;
    FaultServer server([&](const RecordedRequest& r) {
        const int i = call_of(r);
        int n = 0;
        {
            std::lock_guard lock(mutex);
            n = seen[i]++;
        }
        if (i % 4 == 0 && n == 0)
            return Action::stall(0ms); // never answers
        return Action::ok(R"({"n":)" + std::to_string(i) + "}");
    });
    asio::io_context ioc(4);
    auto cfg = config_for(server);
    cfg.pool.max_connections = 12; // every stall at once, and two connections for the rest
    cfg.timeouts.attempt = 500ms;
    cfg.timeouts.call_deadline = 120s;
    cfg.retry.quota.enabled = false;
    Transport t(ioc.get_executor(), cfg);

    std::vector<Outcome> outcomes(n_calls);
    for (int i = 0; i < n_calls; ++i) {
        auto call = [](Transport& tr, int k) -> asio::awaitable<Outcome> {
            const std::string body = body_of(k);
            auto pending = tr.call("GetItem", body);
            Response r = co_await std::move(pending);
            co_return Outcome{Outcome::Kind::ok, r.attempts, std::move(r.body), {}};
        };
        auto done = [&, i](std::exception_ptr e, Outcome o) {
            if (e) {
                o.kind = Outcome::Kind::other;
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& x) {
                    o.what = x.what();
                }
            }
            outcomes[i] = std::move(o);
        };
        // Half on strands, half straight on the io_context.
        if (i % 2 == 0)
            asio::co_spawn(asio::make_strand(ioc), call(t, i), done);
        else
            asio::co_spawn(ioc, call(t, i), done);
    }
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n)
        threads.emplace_back([&ioc] { ioc.run(); });
    for (auto& th : threads)
        th.join();

    for (int i = 0; i < n_calls; ++i) {
        INFO("call " << i << ": " << outcomes[i].what);
        CHECK(outcomes[i].kind == Outcome::Kind::ok);
        CHECK(outcomes[i].body == R"({"n":)" + std::to_string(i) + "}");
        if (i % 4 == 0)
            CHECK(outcomes[i].attempts >= 2);
    }
    const PoolStats stats = t.pool_stats();
    INFO("open " << stats.open << ", idle " << stats.idle << ", opened " << stats.opened
                 << ", discarded " << stats.discarded);
    CHECK(stats.waiting == 0);
    CHECK(stats.open == stats.idle);
    CHECK(stats.opened == stats.discarded + stats.idle);
    CHECK(stats.discarded >= static_cast<std::uint64_t>(n_calls / 4));
}

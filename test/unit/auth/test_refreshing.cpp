// RefreshingCredentialsProvider on a real io_context, with a fetch the test controls and a
// clock it moves by hand: single flight, background refresh, static stability.
#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using time_point = std::chrono::system_clock::time_point;

namespace {

// A clock the test moves; shared with the provider's options.
struct ManualClock {
    std::shared_ptr<std::atomic<time_point>> now =
        std::make_shared<std::atomic<time_point>>(time_point{} + 24h * 365 * 50);
    [[nodiscard]] std::function<time_point()> function() const {
        return [now = now] { return now->load(); };
    }
    void advance(std::chrono::milliseconds d) const { now->store(now->load() + d); }
    [[nodiscard]] time_point operator()() const { return now->load(); }
};

// What the fetch does: count, then (after yielding a few times so that callers pile up)
// hand out "AKID<n>" expiring `lifetime` after the clock's now, or throw when `failing`.
struct Source {
    ManualClock clock;
    std::chrono::milliseconds lifetime{1h};
    std::atomic<int> calls{0};
    std::atomic<bool> failing{false};

    asio::awaitable<Credentials> fetch() {
        const int n = ++calls;
        asio::steady_timer pause(co_await asio::this_coro::executor, 1ms);
        co_await pause.async_wait(asio::use_awaitable);
        if (failing)
            throw CredentialsError("the test source is failing");
        Credentials c;
        c.access_key_id = "AKID" + std::to_string(n);
        c.secret_access_key = "secret";
        c.expiration = clock() + lifetime;
        co_return c;
    }
};

std::shared_ptr<RefreshingCredentialsProvider> provider_for(const std::shared_ptr<Source>& source) {
    RefreshOptions options;
    options.clock = source->clock.function();
    options.jitter_seed = 7;
    options.retry_base = 1s;
    options.retry_max = 1s;
    return std::make_shared<RefreshingCredentialsProvider>(
        "test source", [source] { return source->fetch(); }, options);
}

// Awaits the provider once from a fresh coroutine and runs the io_context until done.
std::string key_id_now(asio::io_context& io, const CredentialsProvider& provider) {
    std::string id;
    std::exception_ptr error;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            try {
                id = (co_await provider.async_get_shared())->access_key_id;
            } catch (...) {
                error = std::current_exception();
            }
        },
        asio::detached);
    io.restart();
    io.run();
    if (error)
        std::rethrow_exception(error);
    return id;
}

// `callers` coroutines await the provider at once; the access key ids each got, in order.
std::vector<std::string> concurrent_key_ids(asio::io_context& io,
                                            const CredentialsProvider& provider, int callers) {
    std::vector<std::string> ids;
    for (int i = 0; i < callers; ++i) {
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                ids.push_back((co_await provider.async_get_shared())->access_key_id);
            },
            asio::detached);
    }
    io.restart();
    io.run(); // runs background fetches to their end too
    return ids;
}

bool all_equal(const std::vector<std::string>& ids, std::string_view id) {
    return std::ranges::all_of(ids, [&](const std::string& each) { return each == id; });
}

} // namespace

TEST_CASE("refreshing provider: 1,000 concurrent callers on an empty provider cause one fetch") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    const std::vector<std::string> ids = concurrent_key_ids(io, *provider, 1000);
    CHECK(source->calls == 1);
    CHECK(provider->fetches() == 1);
    REQUIRE(ids.size() == 1000);
    CHECK(all_equal(ids, "AKID1"));
}

TEST_CASE("refreshing provider: 1,000 concurrent callers on expired credentials cause one fetch") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    REQUIRE(key_id_now(io, *provider) == "AKID1");
    source->clock.advance(2h);
    const std::vector<std::string> ids = concurrent_key_ids(io, *provider, 1000);
    REQUIRE(ids.size() == 1000);
    CHECK(all_equal(ids, "AKID2"));
    CHECK(source->calls == 2);
}

TEST_CASE("refreshing provider: inside the window callers keep the old keys while one refresh "
          "runs in the background") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    REQUIRE(key_id_now(io, *provider) == "AKID1");
    source->clock.advance(56min); // the window starts 5 to 15 minutes before the expiration
    const std::vector<std::string> ids = concurrent_key_ids(io, *provider, 100);
    REQUIRE(ids.size() == 100);
    CHECK(all_equal(ids, "AKID1"));
    CHECK(source->calls == 2);
    CHECK(key_id_now(io, *provider) == "AKID2");
}

TEST_CASE("refreshing provider: a failing refresh keeps the valid keys and retries with backoff") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    REQUIRE(key_id_now(io, *provider) == "AKID1");
    source->failing = true;
    source->clock.advance(56min);
    CHECK(key_id_now(io, *provider) == "AKID1"); // starts a background refresh, which fails
    CHECK(source->calls == 2);
    CHECK(key_id_now(io, *provider) == "AKID1"); // within the backoff: no new fetch
    CHECK(source->calls == 2);
    source->clock.advance(1s);
    CHECK(key_id_now(io, *provider) == "AKID1"); // the backoff passed: one more try
    CHECK(source->calls == 3);
    source->failing = false;
    source->clock.advance(1s);
    CHECK(key_id_now(io, *provider) == "AKID1"); // the retry succeeds in the background
    CHECK(key_id_now(io, *provider) == "AKID4");
}

TEST_CASE("refreshing provider: without valid keys a failed fetch is every waiter's error") {
    auto source = std::make_shared<Source>();
    source->failing = true;
    const auto provider = provider_for(source);
    asio::io_context io;
    int errors = 0;
    for (int i = 0; i < 10; ++i) {
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                try {
                    (void)co_await provider->async_get_shared();
                } catch (const CredentialsError& e) {
                    CHECK(std::string(e.what()) == "the test source is failing");
                    ++errors;
                }
            },
            asio::detached);
    }
    io.run();
    CHECK(errors == 10);
    CHECK(source->calls == 1);
    // The next call tries again at once: there is nothing to keep using.
    source->failing = false;
    CHECK(key_id_now(io, *provider) == "AKID2");
}

TEST_CASE("refreshing provider: calls succeed across expiry boundaries of short-lived keys") {
    auto source = std::make_shared<Source>();
    source->lifetime = 4s;
    const auto provider = provider_for(source);
    asio::io_context io;
    std::vector<std::string> seen;
    for (int step = 0; step < 40; ++step) { // 20 s of 0.5 s steps: five lifetimes
        seen.push_back(key_id_now(io, *provider));
        source->clock.advance(500ms);
    }
    // Every call had keys, each lifetime was refreshed in the background before it ran
    // out, so no caller ever waited on an expired one after the first.
    CHECK(seen.front() == "AKID1");
    CHECK(source->calls >= 5);
    CHECK(source->calls <= 12);
    CHECK(seen.back() != "AKID1");
}

TEST_CASE("refreshing provider: the synchronous get fetches on its own io_context") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    CHECK(provider->get().access_key_id == "AKID1");
    CHECK(provider->get_shared()->access_key_id == "AKID1");
    CHECK(source->calls == 1);
    CHECK(provider->source() == "test source");
}

TEST_CASE("refreshing provider: a fetch without keys is an error naming the source") {
    const auto provider = std::make_shared<RefreshingCredentialsProvider>(
        "empty source", []() -> asio::awaitable<Credentials> { co_return Credentials{}; });
    CHECK_THROWS_WITH(provider->get(), "empty source handed out credentials without an access "
                                       "key id");
}

TEST_CASE("refreshing provider: a caller cancelled while waiting does not stop the fetch") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    bool cancelled = false;
    asio::cancellation_signal signal;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            try {
                (void)co_await provider->async_get_shared();
            } catch (const CancelledError&) {
                cancelled = true;
            }
        },
        asio::bind_cancellation_slot(signal.slot(), asio::detached));
    io.poll(); // the caller is parked, the fetch started
    signal.emit(asio::cancellation_type::terminal);
    io.run();
    CHECK(cancelled);
    CHECK(source->calls == 1);
    CHECK(key_id_now(io, *provider) == "AKID1"); // the fetch finished for everyone else
    CHECK(source->calls == 1);
}

TEST_CASE("refreshing provider: try_get_shared answers only what it would hand out without "
          "waiting or refreshing") {
    auto source = std::make_shared<Source>();
    const auto provider = provider_for(source);
    asio::io_context io;
    CHECK(provider->try_get_shared() == nullptr); // nothing fetched yet
    CHECK(source->calls == 0);                    // and asking started nothing
    REQUIRE(key_id_now(io, *provider) == "AKID1");
    const auto held = provider->try_get_shared();
    REQUIRE(held != nullptr);
    CHECK(held->access_key_id == "AKID1");
    // Inside the refresh window (it opens 15 to 5 minutes before expiry), still usable: left
    // to async_get_shared, which starts the background refresh.
    source->clock.advance(57min);
    CHECK(provider->try_get_shared() == nullptr);
    CHECK(source->calls == 1);
    source->clock.advance(5min); // expired
    CHECK(provider->try_get_shared() == nullptr);
    CHECK(key_id_now(io, *provider) == "AKID2");
    CHECK(provider->try_get_shared()->access_key_id == "AKID2");
}

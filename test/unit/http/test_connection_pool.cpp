// The pool's bookkeeping with a dummy connection type: no sockets, only timers for waiting.
#include "http/connection_pool.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace dynaq::detail;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

struct FakeConn {
    explicit FakeConn(int i) : id(i) {}
    void close() noexcept { closed = true; }
    int id;
    bool closed = false;
};

using Pool = ConnectionPool<FakeConn>;

Pool::Options options(std::size_t max, std::chrono::milliseconds idle = 10s) {
    return Pool::Options{max, idle};
}

// Turns a permit into a connection numbered `id`.
Pool::Lease opened(Pool& pool, int id) {
    Pool::Lease l = pool.try_acquire();
    REQUIRE(l.valid());
    REQUIRE(l.connection() == nullptr);
    l.attach(std::make_shared<FakeConn>(id));
    return l;
}

} // namespace

TEST_CASE("pool: permits up to the bound, then nothing") {
    Pool pool(options(2));
    auto a = pool.try_acquire();
    auto b = pool.try_acquire();
    auto c = pool.try_acquire();
    CHECK(a.valid());
    CHECK(b.valid());
    CHECK_FALSE(c.valid());
    CHECK(pool.counters().open == 2);
    a.discard(); // a failed connect gives the permit back
    CHECK(pool.counters().open == 1);
    CHECK(pool.try_acquire().valid());
}

TEST_CASE("pool: healthy releases are reused, most recent first") {
    Pool pool(options(4));
    auto a = opened(pool, 1);
    auto b = opened(pool, 2);
    auto conn_a = a.connection();
    a.release_healthy();
    b.release_healthy();
    CHECK(pool.counters().idle == 2);
    auto x = pool.try_acquire();
    REQUIRE(x.connection() != nullptr);
    CHECK(x.connection()->id == 2);
    CHECK(x.reused());
    auto y = pool.try_acquire();
    CHECK(y.connection()->id == 1);
    CHECK_FALSE(conn_a->closed);
    CHECK(pool.counters().reused == 2);
    CHECK(pool.counters().opened == 2);
}

TEST_CASE("pool: a lease that is not released healthy closes its connection") {
    Pool pool(options(1));
    std::shared_ptr<FakeConn> conn;
    {
        auto l = opened(pool, 7);
        conn = l.connection();
    } // destroyed, as on an exception path
    CHECK(conn->closed);
    const auto c = pool.counters();
    CHECK(c.open == 0);
    CHECK(c.idle == 0);
    CHECK(c.discarded == 1);
}

TEST_CASE("pool: idle connections past the idle timeout are closed, not reused") {
    Pool pool(options(2, 1ms));
    auto l = opened(pool, 1);
    auto conn = l.connection();
    l.release_healthy();
    std::this_thread::sleep_for(5ms);
    auto next = pool.try_acquire();
    REQUIRE(next.valid());
    CHECK(next.connection() == nullptr); // a permit, not the stale connection
    CHECK(conn->closed);
    CHECK(pool.counters().open == 1);
}

TEST_CASE("pool: waiters are served in order by releases and drops") {
    asio::io_context ioc;
    Pool pool(options(1));
    auto holder = opened(pool, 1);
    std::vector<int> served; // connection id, or 0 for a permit
    for (int i = 0; i < 3; ++i) {
        asio::co_spawn(ioc, pool.acquire(Pool::clock::now() + 10s),
                       [&, i](std::exception_ptr e, std::pair<AcquireStatus, Pool::Lease> r) {
                           REQUIRE_FALSE(e);
                           REQUIRE(r.first == AcquireStatus::ok);
                           served.push_back(r.second.connection() ? r.second.connection()->id : 0);
                           (void)i;
                           if (r.second.connection())
                               r.second.release_healthy(); // hand on to the next waiter
                           // a permit is dropped at scope exit: the next waiter gets a permit
                       });
    }
    ioc.poll();
    CHECK(pool.counters().waiting == 3);
    holder.release_healthy();
    ioc.run();
    REQUIRE(served.size() == 3);
    CHECK(served[0] == 1);
    CHECK(served[1] == 1);
    CHECK(served[2] == 1);
    CHECK(pool.counters().waiting == 0);
    CHECK(pool.counters().idle == 1);

    // A dropped connection turns into a permit for the waiter.
    auto again = pool.try_acquire();
    REQUIRE(again.connection() != nullptr);
    bool got_permit = false;
    asio::co_spawn(ioc, pool.acquire(Pool::clock::now() + 10s),
                   [&](std::exception_ptr, std::pair<AcquireStatus, Pool::Lease> r) {
                       got_permit = r.first == AcquireStatus::ok && r.second.valid() &&
                                    r.second.connection() == nullptr;
                   });
    ioc.restart();
    ioc.poll();
    again.discard();
    ioc.run();
    CHECK(got_permit);
    CHECK(pool.counters().open == 0);
}

TEST_CASE("pool: a waiter times out at its deadline or leaves when cancelled") {
    asio::io_context ioc;
    Pool pool(options(1));
    auto holder = opened(pool, 1);
    AcquireStatus timed = AcquireStatus::ok;
    asio::co_spawn(ioc, pool.acquire(Pool::clock::now() + 5ms),
                   [&](std::exception_ptr, std::pair<AcquireStatus, Pool::Lease> r) {
                       timed = r.first;
                       CHECK_FALSE(r.second.valid());
                   });
    ioc.run();
    CHECK(timed == AcquireStatus::timeout);

    asio::cancellation_signal signal;
    AcquireStatus cancelled = AcquireStatus::ok;
    asio::co_spawn(
        ioc, pool.acquire(Pool::clock::now() + 60s),
        asio::bind_cancellation_slot(
            signal.slot(), [&](std::exception_ptr, std::pair<AcquireStatus, Pool::Lease> r) {
                cancelled = r.first;
            }));
    ioc.restart();
    ioc.poll();
    CHECK(pool.counters().waiting == 1);
    signal.emit(asio::cancellation_type::terminal);
    ioc.run();
    CHECK(cancelled == AcquireStatus::cancelled);
    CHECK(pool.counters().waiting == 0);
    // The slot is still the holder's, and it goes back to idle normally.
    holder.release_healthy();
    CHECK(pool.counters().idle == 1);
    CHECK(pool.counters().open == 1);
}

#pragma once
// A bounded pool of keep-alive connections to one endpoint.
//
// A caller gets a Lease: either an idle connection (the most recently used one first, whose
// TCP window and TLS state are warmest, and so that surplus connections age out), or a
// permit to open a new one while fewer than max_connections exist. When the pool is full it
// waits, in FIFO order, until a connection is released or dropped. The connection returns to
// the pool only through Lease::release_healthy(); every other way out of a lease (error,
// exception, cancellation, a response not fully read) closes it.
//
// Thread-safe: the state sits behind one mutex taken a few times per request, never across a
// suspension. Waiters sleep on their own steady_timer; the timer is started and cancelled only
// under the mutex, so a wake-up from another thread cannot race the wait's initiation.
//
// `Conn` needs `void close() noexcept`. It is a template so the pool can be tested without
// sockets.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace dynaq::detail {

struct PoolCounters {
    std::size_t open = 0;        ///< connections and open-permits counted against the bound
    std::size_t idle = 0;        ///< waiting in the pool
    std::size_t waiting = 0;     ///< callers waiting for a connection
    std::uint64_t opened = 0;    ///< connections attached to the pool so far
    std::uint64_t reused = 0;    ///< leases served from the idle list
    std::uint64_t discarded = 0; ///< connections closed by a drop
};

enum class AcquireStatus { ok, timeout, cancelled };

template <class Conn>
class ConnectionPool {
public:
    using clock = std::chrono::steady_clock;

    struct Options {
        std::size_t max_connections = 64;
        clock::duration idle_timeout = std::chrono::seconds(20);
    };

    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& o) noexcept :
            pool_(std::exchange(o.pool_, nullptr)), conn_(std::move(o.conn_)), reused_(o.reused_) {}
        Lease& operator=(Lease&& o) noexcept {
            if (this != &o) {
                discard();
                pool_ = std::exchange(o.pool_, nullptr);
                conn_ = std::move(o.conn_);
                reused_ = o.reused_;
            }
            return *this;
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { discard(); }

        /// True while the lease holds a slot of the pool (with or without a connection).
        [[nodiscard]] bool valid() const noexcept { return pool_ != nullptr; }
        /// Null for a permit to open a new connection.
        [[nodiscard]] const std::shared_ptr<Conn>& connection() const noexcept { return conn_; }
        /// True when the connection came from the idle list.
        [[nodiscard]] bool reused() const noexcept { return reused_; }

        /// Puts a freshly opened connection under this lease's permit.
        void attach(std::shared_ptr<Conn> conn) {
            conn_ = std::move(conn);
            reused_ = false;
            if (pool_ != nullptr)
                pool_->on_attach();
        }

        /// The connection is idle and in a clean state: give it back for reuse.
        void release_healthy() {
            if (pool_ != nullptr && conn_ != nullptr)
                std::exchange(pool_, nullptr)->on_release(std::move(conn_));
            else
                discard();
        }

        /// Closes the connection (if any) and frees the slot.
        void discard() noexcept {
            if (pool_ == nullptr)
                return;
            auto conn = std::move(conn_);
            if (conn != nullptr)
                conn->close();
            std::exchange(pool_, nullptr)->on_drop(conn != nullptr);
        }

    private:
        friend class ConnectionPool;
        Lease(ConnectionPool* pool, std::shared_ptr<Conn> conn, bool reused) :
            pool_(pool), conn_(std::move(conn)), reused_(reused) {}

        ConnectionPool* pool_ = nullptr;
        std::shared_ptr<Conn> conn_;
        bool reused_ = false;
    };

    explicit ConnectionPool(Options options) : options_(options) {
        if (options_.max_connections == 0)
            options_.max_connections = 1;
    }
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    /// Without waiting: an idle connection, a permit, or an invalid lease when the pool is full.
    [[nodiscard]] Lease try_acquire() {
        std::vector<std::shared_ptr<Conn>> expired;
        Lease lease;
        {
            std::lock_guard lock(mutex_);
            lease = take_locked(clock::now(), expired);
        }
        close_all(expired);
        return lease;
    }

    /// Waits until a connection or permit is available, `deadline` passes (timeout) or the
    /// awaiting coroutine is cancelled (cancelled).
    [[nodiscard]] boost::asio::awaitable<std::pair<AcquireStatus, Lease>>
    acquire(clock::time_point deadline) {
        if (Lease lease = try_acquire(); lease.valid())
            co_return std::pair{AcquireStatus::ok, std::move(lease)};

        // A separate statement on purpose: GCC 12 destroys a temporary produced by co_await
        // inside an aggregate initializer twice, which for a strand executor drops one
        // reference too many on the strand.
        const auto executor = co_await boost::asio::this_coro::executor;
        Waiter w{boost::asio::steady_timer(executor, deadline), nullptr, false, false, false};
        struct Abandon {
            ConnectionPool* pool;
            Waiter* w;
            ~Abandon() { pool->abandon(w); }
        } abandon_guard{this, &w};
        std::vector<std::shared_ptr<Conn>> expired;
        auto token = boost::asio::as_tuple(boost::asio::use_awaitable);
        (void)co_await boost::asio::async_initiate<decltype(token),
                                                   void(boost::system::error_code)>(
            [this, &w, &expired](auto handler) {
                std::lock_guard lock(mutex_);
                // The pool may have changed since try_acquire: check again, under the same
                // lock that queues the waiter, so a release in between cannot be missed.
                if (Lease l = take_locked(clock::now(), expired); l.valid()) {
                    w.granted = true;
                    w.conn = std::move(l.conn_);
                    w.reused = l.reused_;
                    l.pool_ = nullptr; // the slot moves to the waiter
                } else {
                    waiters_.push_back(&w);
                }
                w.timer.async_wait(std::move(handler));
                if (w.granted)
                    w.timer.cancel();
            },
            token);
        close_all(expired);

        std::unique_lock lock(mutex_);
        unlink_locked(&w);
        if (w.granted) {
            w.taken = true;
            Lease lease(this, std::move(w.conn), w.reused);
            lock.unlock();
            co_return std::pair{AcquireStatus::ok, std::move(lease)};
        }
        lock.unlock();
        co_return std::pair{
            clock::now() >= deadline ? AcquireStatus::timeout : AcquireStatus::cancelled, Lease()};
    }

    [[nodiscard]] PoolCounters counters() const {
        std::lock_guard lock(mutex_);
        PoolCounters c = counters_;
        c.open = open_;
        c.idle = idle_.size();
        c.waiting = waiters_.size();
        return c;
    }

    [[nodiscard]] const Options& options() const noexcept { return options_; }

private:
    struct Idle {
        std::shared_ptr<Conn> conn;
        clock::time_point since;
    };
    struct Waiter {
        boost::asio::steady_timer timer;
        std::shared_ptr<Conn> conn;
        bool granted = false;
        bool reused = false;
        bool taken = false; ///< the grant became a Lease
    };

    static void close_all(std::vector<std::shared_ptr<Conn>>& conns) noexcept {
        for (auto& c : conns)
            c->close();
        conns.clear();
    }

    Lease take_locked(clock::time_point now, std::vector<std::shared_ptr<Conn>>& expired) {
        while (!idle_.empty()) {
            Idle top = std::move(idle_.back());
            idle_.pop_back();
            if (now - top.since < options_.idle_timeout) {
                ++counters_.reused;
                return Lease(this, std::move(top.conn), true);
            }
            // The top is the newest; everything beneath it is older and expired as well,
            // but each is handled (and counted) on its own turn through this loop.
            expired.push_back(std::move(top.conn));
            --open_;
            ++counters_.discarded;
        }
        if (open_ < options_.max_connections) {
            ++open_;
            return Lease(this, nullptr, false);
        }
        return Lease();
    }

    // Hands `conn` (null: a permit) to the first waiter. Caller holds the mutex.
    bool grant_locked(std::shared_ptr<Conn>& conn) {
        if (waiters_.empty())
            return false;
        Waiter* w = waiters_.front();
        waiters_.pop_front();
        w->granted = true;
        w->reused = conn != nullptr;
        if (w->reused)
            ++counters_.reused;
        w->conn = std::move(conn);
        w->timer.cancel();
        return true;
    }

    void on_attach() {
        std::lock_guard lock(mutex_);
        ++counters_.opened;
    }

    void on_release(std::shared_ptr<Conn> conn) {
        std::lock_guard lock(mutex_);
        if (!grant_locked(conn))
            idle_.push_back(Idle{std::move(conn), clock::now()});
    }

    void on_drop(bool had_connection) noexcept {
        std::lock_guard lock(mutex_);
        if (had_connection)
            ++counters_.discarded;
        std::shared_ptr<Conn> none;
        if (!grant_locked(none))
            --open_;
    }

    void unlink_locked(Waiter* w) noexcept {
        auto it = std::find(waiters_.begin(), waiters_.end(), w);
        if (it != waiters_.end())
            waiters_.erase(it);
    }

    // Runs when acquire()'s frame ends, normally or torn down while suspended. A waiter that
    // was granted a slot but never turned it into a Lease gives the slot back.
    void abandon(Waiter* w) noexcept {
        std::shared_ptr<Conn> conn;
        {
            std::lock_guard lock(mutex_);
            unlink_locked(w);
            if (!w->granted || w->taken)
                return;
            w->taken = true;
            conn = std::move(w->conn);
            if (conn != nullptr)
                ++counters_.discarded;
            std::shared_ptr<Conn> none;
            if (!grant_locked(none))
                --open_;
        }
        if (conn != nullptr)
            conn->close();
    }

    Options options_;
    mutable std::mutex mutex_;
    std::vector<Idle> idle_;
    std::deque<Waiter*> waiters_;
    std::size_t open_ = 0;
    PoolCounters counters_;
};

} // namespace dynaq::detail

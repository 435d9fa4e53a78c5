// The refreshing provider: one RefreshFsm under a mutex, the fetch it asks for run as a
// detached coroutine, and the callers that must wait parked on timers that the fetch's end
// cancels.
#include "blocking.hpp"
#include "refresh_fsm.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <exception>
#include <random>
#include <vector>

namespace dynaq {

namespace asio = boost::asio;

struct RefreshingCredentialsProvider::State {
    State(std::string name, Fetch f, RefreshOptions o) :
        source(std::move(name)), fetch(std::move(f)), options(std::move(o)),
        jitter(options.jitter_seed != 0 ? options.jitter_seed : std::random_device{}()),
        fsm(options, jitter) {
        if (!options.clock)
            options.clock = [] { return std::chrono::system_clock::now(); };
    }

    const std::string source;
    const Fetch fetch;
    RefreshOptions options;
    std::atomic<std::uint64_t> fetches{0};

    std::mutex mutex;
    detail::SplitMixJitter jitter; // guarded by mutex, like everything below
    detail::RefreshFsm fsm;
    std::shared_ptr<const Credentials> current;
    std::exception_ptr last_error; ///< of the last fetch, when it failed
    std::uint64_t fetches_ended = 0;
    std::vector<std::shared_ptr<asio::steady_timer>> waiting;
};

namespace {

using State = RefreshingCredentialsProvider::State;

// Ends the fetch however the coroutine ends: a fetch whose io_context is destroyed before it
// completes must still release its waiters and let the next call fetch again.
class FetchEnd {
public:
    explicit FetchEnd(std::shared_ptr<State> state) : state_(std::move(state)) {}
    FetchEnd(const FetchEnd&) = delete;
    FetchEnd& operator=(const FetchEnd&) = delete;
    // Waiters are not woken here: their executors may be going away with the fetch's. They
    // see the end at their next recheck, if they ever run again.
    ~FetchEnd() {
        if (state_)
            finish(nullptr,
                   std::make_exception_ptr(CredentialsError("the credentials fetch from " +
                                                            state_->source +
                                                            " was abandoned (its io_context "
                                                            "stopped)")),
                   false);
    }

    void finish(std::shared_ptr<const Credentials> fetched, std::exception_ptr error,
                bool wake = true) noexcept {
        const std::shared_ptr<State> state = std::exchange(state_, nullptr);
        std::vector<std::shared_ptr<asio::steady_timer>> waiting;
        {
            const std::lock_guard lock(state->mutex);
            const auto now = state->options.clock();
            if (fetched && !state->fsm.on_fetched(now, fetched->expiration)) {
                error = std::make_exception_ptr(CredentialsError(
                    state->source + " handed out credentials that have already expired"));
            } else if (!fetched) {
                state->fsm.on_failed(now);
            }
            if (fetched && !error)
                state->current = std::move(fetched);
            state->last_error = error;
            ++state->fetches_ended;
            waiting.swap(state->waiting);
        }
        // Each waiter's timer is touched only on its own executor (a strand, or the one
        // thread), where the waiter itself started the wait.
        if (!wake)
            return;
        for (auto& timer : waiting)
            asio::post(timer->get_executor(), [timer] { timer->cancel(); });
    }

private:
    std::shared_ptr<State> state_;
};

asio::awaitable<void> run_fetch(std::shared_ptr<State> state) {
    FetchEnd end(state);
    std::shared_ptr<const Credentials> fetched;
    std::exception_ptr error;
    try {
        Credentials credentials = co_await state->fetch();
        if (credentials.access_key_id.empty() || credentials.secret_access_key.empty())
            throw CredentialsError(
                state->source + " handed out credentials without " +
                (credentials.access_key_id.empty() ? "an access key id" : "a secret access key"));
        fetched = std::make_shared<const Credentials>(std::move(credentials));
    } catch (...) {
        error = std::current_exception();
    }
    end.finish(std::move(fetched), std::move(error));
}

void start_fetch(const std::shared_ptr<State>& state, const asio::any_io_executor& executor) {
    state->fetches.fetch_add(1, std::memory_order_relaxed);
    asio::co_spawn(executor, run_fetch(state), asio::detached);
}

// A parked caller wakes at least this often to look again, so that even a lost wake-up
// (a cancel that raced the wait on a multi-threaded executor) costs latency, not a hang.
constexpr std::chrono::seconds recheck_interval{1};

} // namespace

RefreshingCredentialsProvider::RefreshingCredentialsProvider(std::string source, Fetch fetch,
                                                             RefreshOptions options) :
    state_(std::make_shared<State>(std::move(source), std::move(fetch), std::move(options))) {}

RefreshingCredentialsProvider::~RefreshingCredentialsProvider() = default;

std::shared_ptr<const Credentials> RefreshingCredentialsProvider::try_get_shared() const noexcept {
    const std::lock_guard lock(state_->mutex);
    const auto now = state_->options.clock();
    // Inside the refresh window async_get_shared may start a fetch: leave that case to it.
    if (state_->fsm.usable(now) && now < state_->fsm.refresh_at())
        return state_->current;
    return nullptr;
}

asio::awaitable<std::shared_ptr<const Credentials>>
RefreshingCredentialsProvider::async_get_shared() const {
    const std::shared_ptr<State> state = state_;
    const asio::any_io_executor executor = co_await asio::this_coro::executor;
    auto timer = std::make_shared<asio::steady_timer>(executor);
    std::uint64_t ended_before = 0;
    {
        std::unique_lock lock(state->mutex);
        const detail::RefreshDecision decision = state->fsm.on_request(state->options.clock());
        if (decision.usable) {
            std::shared_ptr<const Credentials> current = state->current;
            lock.unlock();
            if (decision.start_fetch)
                start_fetch(state, executor);
            co_return current;
        }
        ended_before = state->fetches_ended;
        timer->expires_after(recheck_interval);
        state->waiting.push_back(timer);
        if (decision.start_fetch) {
            lock.unlock();
            start_fetch(state, executor);
        }
    }
    for (;;) {
        const auto [ec] = co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
        std::unique_lock lock(state->mutex);
        if (state->fetches_ended != ended_before) {
            if (state->fsm.usable(state->options.clock()))
                co_return state->current;
            if (state->last_error)
                std::rethrow_exception(state->last_error);
            throw CredentialsError("the credentials from " + state->source + " expired");
        }
        if (ec == asio::error::operation_aborted) {
            // Our own caller cancelled: the fetch goes on for the others.
            std::erase(state->waiting, timer);
            throw CancelledError(asio::error::make_error_code(asio::error::operation_aborted),
                                 "cancelled while waiting for credentials from " + state->source);
        }
        timer->expires_after(recheck_interval);
    }
}

std::shared_ptr<const Credentials> detail::get_blocking(const CredentialsProvider& provider) {
    asio::io_context io;
    auto result = asio::co_spawn(io, provider.async_get_shared(), asio::use_future);
    io.run();
    return result.get();
}

std::shared_ptr<const Credentials> RefreshingCredentialsProvider::get_shared() const {
    return detail::get_blocking(*this);
}

Credentials RefreshingCredentialsProvider::get() const {
    return *get_shared();
}

std::string RefreshingCredentialsProvider::source() const {
    return state_->source;
}

std::uint64_t RefreshingCredentialsProvider::fetches() const noexcept {
    return state_->fetches.load(std::memory_order_relaxed);
}

} // namespace dynaq

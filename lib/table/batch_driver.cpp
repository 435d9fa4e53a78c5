#include "batch_driver.hpp"

#include "client/operation_codec.hpp"
#include "table/batch_retry_fsm.hpp"
#include <dynaq/error.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <random>
#include <unordered_map>

namespace dynaq::detail {

namespace asio = boost::asio;

namespace {

// Runs `workers` coroutines made by `make_worker` on one strand, so the state they share needs
// no lock, and waits for all of them. Cancelling the caller cancels every worker.
template <class MakeWorker>
asio::awaitable<void> run_workers(std::size_t workers, MakeWorker make_worker) {
    auto strand = asio::make_strand(co_await asio::this_coro::executor);
    using Op = decltype(asio::co_spawn(strand, make_worker(), asio::deferred));
    std::vector<Op> ops;
    ops.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i)
        ops.push_back(asio::co_spawn(strand, make_worker(), asio::deferred));
    auto group = asio::experimental::make_parallel_group(std::move(ops));
    auto [order, errors] =
        co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
    for (const auto& e : errors)
        if (e)
            std::rethrow_exception(e); // a bug in a worker, not a DynamoDB failure
}

std::uint64_t jitter_seed() {
    std::random_device rd;
    return (std::uint64_t(rd()) << 32) ^ rd();
}

// Waits `delay`; false when the wait was cancelled.
asio::awaitable<bool> backoff(std::chrono::nanoseconds delay) {
    asio::steady_timer timer(co_await asio::this_coro::executor, delay);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
}

std::exception_ptr cancelled(std::string_view when) {
    return std::make_exception_ptr(CancelledError(
        std::make_error_code(std::errc::operation_canceled), "cancelled " + std::string(when)));
}

// Once the caller has cancelled, Asio throws operation_aborted at the next co_await, which can
// be ours rather than the transport's (which reports CancelledError itself): report it the same
// way.
std::exception_ptr as_failure(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const boost::system::system_error& error) {
        if (error.code() == asio::error::operation_aborted)
            return cancelled("before the request was sent");
    } catch (...) {
    }
    return e;
}

std::string cause_text(const std::exception_ptr& cause) {
    if (!cause)
        return " (still unprocessed after every re-send)";
    try {
        std::rethrow_exception(cause);
    } catch (const std::exception& e) {
        return " (" + std::string(e.what()) + ")";
    } catch (...) {
    }
    return {};
}

// What a batch read could not do: the keys left unread.
struct GetAccounts {
    std::size_t total = 0;
    std::vector<Item> left;

    std::vector<Item> answered(std::vector<Item>&, std::vector<Item> unprocessed) {
        return unprocessed;
    }
    void failed(std::vector<Item>& pending, const std::exception_ptr&) { leave(pending); }
    void leave(std::vector<Item>& pending) {
        std::move(pending.begin(), pending.end(), std::back_inserter(left));
        pending.clear();
    }
    void finish(const std::string& what, const std::exception_ptr& cause) {
        if (left.empty() && !cause)
            return;
        std::string message = what + ": " + std::to_string(left.size()) + " of " +
                              std::to_string(total) + " keys not read" + cause_text(cause);
        throw BatchIncompleteError(std::move(message), {}, std::move(left), cause);
    }
};

// A BatchWriteItem answer: what came back unprocessed, and after how many attempts.
struct WriteAnswer {
    std::vector<WriteRequest> unprocessed;
    int attempts = 1;
};

// What became of each write: the ledger knows.
struct WriteAccounts {
    WriteLedger ledger;

    std::vector<PendingWrite> answered(std::vector<PendingWrite>& sent, WriteAnswer answer) {
        return ledger.acknowledge(std::move(sent), answer.unprocessed, answer.attempts > 1);
    }
    void failed(std::vector<PendingWrite>& pending, const std::exception_ptr& e) {
        ledger.fail(std::move(pending), e);
        pending.clear();
    }
    void leave(std::vector<PendingWrite>& pending) {
        ledger.leave(std::move(pending));
        pending.clear();
    }
    void finish(const std::string& what, const std::exception_ptr& cause) {
        if (!ledger.incomplete() && !cause)
            return;
        std::string message = what + ": " + std::to_string(ledger.written()) + " written, " +
                              std::to_string(ledger.unwritten()) + " unwritten, " +
                              std::to_string(ledger.unknown()) + " unknown (sent, answer lost)" +
                              cause_text(cause);
        throw BatchIncompleteError(std::move(message), ledger.release(), {}, cause);
    }
};

// The state one batch call's workers share (on their strand): requests not yet taken, and
// the accounts of what was done.
template <class T, class Accounts>
struct BatchRun {
    explicit BatchRun(Accounts a) : accounts(std::move(a)) {}

    std::vector<std::vector<T>> chunks;
    std::size_t next = 0;
    bool stop = false; // a request failed for good: start no more
    std::exception_ptr cause;
    Accounts accounts;

    std::optional<std::vector<T>> take() {
        if (stop || next == chunks.size())
            return std::nullopt;
        return std::move(chunks[next++]);
    }
    void fail(std::exception_ptr e, std::vector<T>& pending) {
        stop = true;
        accounts.failed(pending, e);
        if (!cause)
            cause = std::move(e);
    }
    // Throws BatchIncompleteError when anything is left, including requests never started.
    void finish(const std::string& what) {
        for (std::size_t i = next; i < chunks.size(); ++i)
            accounts.leave(chunks[i]);
        accounts.finish(what, cause);
    }
};

// Waits before a re-send. A cancellation, during the wait or before it (Asio then throws at this
// co_await), ends the batch like a failed request with CancelledError as the cause: it must not
// pass for DynamoDB leaving items unprocessed, nor let the worker start another request.
template <class Run>
asio::awaitable<bool> resend_allowed(Run& run, std::chrono::nanoseconds delay) {
    bool waited = false;
    try {
        waited = co_await backoff(delay);
    } catch (const boost::system::system_error& e) {
        if (e.code() != asio::error::operation_aborted)
            throw;
    }
    if (!waited) {
        run.stop = true;
        if (!run.cause)
            run.cause = cancelled("while waiting to re-send unprocessed items");
    }
    co_return waited;
}

// One worker: takes requests until none are left; sends each, and re-sends its unprocessed
// part as the FSM decides. `send(pending)` returns what came back unprocessed and leaves
// `pending` as it was, whether it returns or throws.
template <class Run, class Send>
asio::awaitable<void> batch_worker(Run& run, const BatchConfig& config, Send send) {
    SplitMixJitter jitter(jitter_seed());
    while (auto chunk = run.take()) {
        auto pending = std::move(*chunk);
        UnprocessedRetryFsm fsm(config, jitter);
        for (;;) {
            std::exception_ptr failure;
            typename decltype(send(pending))::value_type unprocessed;
            const std::size_t sent = pending.size();
            try {
                unprocessed = co_await send(pending);
            } catch (...) {
                failure = as_failure(std::current_exception());
            }
            if (failure) {
                run.fail(std::move(failure), pending);
                break;
            }
            pending = run.accounts.answered(pending, std::move(unprocessed));
            const auto decision = fsm.on_response(sent, pending.size());
            using Action = UnprocessedRetryFsm::Decision::Action;
            if (decision.action == Action::done)
                break;
            if (decision.action == Action::give_up ||
                !co_await resend_allowed(run, decision.delay)) {
                run.accounts.leave(pending);
                break;
            }
        }
    }
}

template <class Run, class Send>
asio::awaitable<void> run_batch(Run& run, const BatchConfig& config, Send send) {
    const std::size_t workers =
        std::min(std::max<std::size_t>(1, config.max_in_flight), run.chunks.size());
    co_await run_workers(workers, [&] { return batch_worker(run, config, send); });
}

// Takes the table's entry out of a response map (empty when absent).
template <class Map>
typename Map::mapped_type take_entry(Map& map, const std::string& table) {
    auto it = map.find(table);
    return it == map.end() ? typename Map::mapped_type{} : std::move(it->second);
}

} // namespace

asio::awaitable<void> run_batch_writes(Client& client, const std::string& table,
                                       std::vector<std::vector<PendingWrite>>& chunks,
                                       const std::vector<std::string>& key_names,
                                       const BatchConfig& config) {
    if (chunks.empty())
        co_return;
    BatchRun<PendingWrite, WriteAccounts> run(WriteAccounts{WriteLedger(key_names)});
    run.chunks = std::move(chunks);
    // Sent through Client::call rather than batch_write_item: the attempt count tells whether
    // an earlier attempt, whose answer was lost, may have applied what now comes back
    // unprocessed.
    auto send = [&](std::vector<PendingWrite>& pending) -> asio::awaitable<WriteAnswer> {
        BatchWriteItemRequest request;
        auto& sent = request.request_items[table];
        sent.reserve(pending.size());
        for (PendingWrite& w : pending)
            sent.push_back(std::move(w.request));
        std::string body;
        try {
            encode(request, body); // throws InvalidArgumentError before anything is sent
        } catch (...) {
            for (std::size_t i = 0; i < pending.size(); ++i)
                pending[i].request = std::move(sent[i]);
            throw;
        }
        // The requests go back to `pending` at once: the ledger needs them however it ends.
        for (std::size_t i = 0; i < pending.size(); ++i)
            pending[i].request = std::move(sent[i]);
        Response reply = co_await client.call(operation_traits<BatchWriteItemRequest>::name, body);
        BatchWriteItemResponse response;
        decode_body(std::move(reply.body), response);
        co_return WriteAnswer{take_entry(response.unprocessed_items, table), reply.attempts};
    };
    co_await run_batch(run, config, send);
    run.finish("BatchWriteItem on " + table);
}

asio::awaitable<std::vector<std::optional<Item>>>
run_batch_gets(Client& client, const std::string& table, const GetPlan& plan, const GetShape& shape,
               const std::vector<std::string>& key_names, const BatchConfig& config) {
    std::vector<std::optional<Item>> found(plan.keys.size());
    if (plan.keys.empty())
        co_return found;
    std::unordered_map<std::string, std::size_t> index; // signature -> key index
    for (std::size_t k = 0; k < plan.signatures.size(); ++k)
        index.emplace(plan.signatures[k], k);
    BatchRun<Item, GetAccounts> run(GetAccounts{plan.keys.size(), {}});
    for (const auto& chunk : plan.chunks) {
        auto& keys = run.chunks.emplace_back();
        for (std::size_t k : chunk)
            keys.push_back(plan.keys[k]);
    }
    auto send = [&](std::vector<Item>& pending) -> asio::awaitable<std::vector<Item>> {
        BatchGetItemRequest request;
        KeysAndAttributes& sent = request.request_items[table];
        sent = shape;
        sent.keys = std::move(pending);
        std::optional<BatchGetItemResponse> response;
        try {
            response = co_await client.batch_get_item(request);
        } catch (...) {
            pending = std::move(sent.keys);
            throw;
        }
        for (Item& item : take_entry(response->responses, table)) {
            auto at = index.find(key_signature(extract_key(item, key_names)));
            if (at == index.end()) {
                pending = std::move(sent.keys); // the whole request failed: report its keys
                throw ProtocolError("BatchGetItem returned an item whose key was not requested");
            }
            found[at->second] = std::move(item);
        }
        co_return take_entry(response->unprocessed_keys, table).keys;
    };
    co_await run_batch(run, config, send);
    run.finish("BatchGetItem on " + table);
    co_return found;
}

} // namespace dynaq::detail

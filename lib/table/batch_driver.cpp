#include "batch_driver.hpp"

#include <dynaq/detail/batch_retry_fsm.hpp>
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

std::string incomplete_message(std::string_view what, std::size_t left, std::size_t total,
                               const std::exception_ptr& cause) {
    std::string m = std::string(what) + ": " + std::to_string(left) + " of " +
                    std::to_string(total) + " not processed";
    if (cause) {
        try {
            std::rethrow_exception(cause);
        } catch (const std::exception& e) {
            m += " (" + std::string(e.what()) + ")";
        } catch (...) {
        }
    } else {
        m += " (still unprocessed after every re-send)";
    }
    return m;
}

// ---- writes --------------------------------------------------------------------------------

struct WriteBatch {
    std::vector<std::vector<WriteRequest>> chunks;
    std::size_t next = 0;
    bool stop = false; // a request failed for good: start no more
    std::size_t total = 0;
    std::vector<WriteRequest> left;
    std::exception_ptr cause;
};

asio::awaitable<void> write_worker(Client& client, const std::string& table, WriteBatch& batch,
                                   const BatchConfig& config) {
    SplitMixJitter jitter(jitter_seed());
    while (!batch.stop && batch.next < batch.chunks.size()) {
        BatchWriteItemRequest request;
        auto& pending = request.request_items[table];
        pending = std::move(batch.chunks[batch.next++]);
        UnprocessedRetryFsm fsm(config, jitter);
        for (;;) {
            std::exception_ptr failure;
            BatchWriteItemResponse response;
            try {
                response = co_await client.batch_write_item(request);
            } catch (...) {
                failure = std::current_exception();
            }
            if (failure) {
                batch.stop = true;
                if (!batch.cause)
                    batch.cause = failure;
                std::move(pending.begin(), pending.end(), std::back_inserter(batch.left));
                break;
            }
            std::vector<WriteRequest> unprocessed;
            if (auto it = response.unprocessed_items.find(table);
                it != response.unprocessed_items.end())
                unprocessed = std::move(it->second);
            const auto decision = fsm.on_response(pending.size(), unprocessed.size());
            using Action = UnprocessedRetryFsm::Decision::Action;
            if (decision.action == Action::done)
                break;
            pending = std::move(unprocessed);
            if (decision.action == Action::give_up || !co_await backoff(decision.delay)) {
                std::move(pending.begin(), pending.end(), std::back_inserter(batch.left));
                break;
            }
        }
    }
}

// ---- gets ----------------------------------------------------------------------------------

struct GetBatch {
    const GetPlan* plan = nullptr;
    std::unordered_map<std::string, std::size_t> index; // signature -> key index
    std::vector<std::optional<Item>> found;
    std::size_t next = 0;
    bool stop = false;
    std::vector<Item> left;
    std::exception_ptr cause;
};

asio::awaitable<void> get_worker(Client& client, const std::string& table, GetBatch& batch,
                                 const GetShape& shape, const std::vector<std::string>& key_names,
                                 const BatchConfig& config) {
    SplitMixJitter jitter(jitter_seed());
    const GetPlan& plan = *batch.plan;
    while (!batch.stop && batch.next < plan.chunks.size()) {
        BatchGetItemRequest request;
        KeysAndAttributes& pending = request.request_items[table];
        pending = shape;
        for (std::size_t k : plan.chunks[batch.next++])
            pending.keys.push_back(plan.keys[k]);
        UnprocessedRetryFsm fsm(config, jitter);
        for (;;) {
            std::exception_ptr failure;
            BatchGetItemResponse response;
            try {
                response = co_await client.batch_get_item(request);
            } catch (...) {
                failure = std::current_exception();
            }
            if (failure) {
                batch.stop = true;
                if (!batch.cause)
                    batch.cause = failure;
                std::move(pending.keys.begin(), pending.keys.end(), std::back_inserter(batch.left));
                break;
            }
            if (auto it = response.responses.find(table); it != response.responses.end())
                for (Item& item : it->second) {
                    auto at = batch.index.find(key_signature(extract_key(item, key_names)));
                    if (at == batch.index.end())
                        throw ProtocolError("BatchGetItem returned an item with a key that was "
                                            "not requested");
                    batch.found[at->second] = std::move(item);
                }
            std::vector<Item> unprocessed;
            if (auto it = response.unprocessed_keys.find(table);
                it != response.unprocessed_keys.end())
                unprocessed = std::move(it->second.keys);
            const auto decision = fsm.on_response(pending.keys.size(), unprocessed.size());
            using Action = UnprocessedRetryFsm::Decision::Action;
            if (decision.action == Action::done)
                break;
            pending.keys = std::move(unprocessed);
            if (decision.action == Action::give_up || !co_await backoff(decision.delay)) {
                std::move(pending.keys.begin(), pending.keys.end(), std::back_inserter(batch.left));
                break;
            }
        }
    }
}

} // namespace

asio::awaitable<void> run_batch_writes(Client& client, const std::string& table,
                                       std::vector<std::vector<PendingWrite>>& chunks,
                                       const BatchConfig& config) {
    if (chunks.empty())
        co_return;
    WriteBatch batch;
    batch.chunks.reserve(chunks.size());
    for (auto& chunk : chunks) {
        auto& out = batch.chunks.emplace_back();
        out.reserve(chunk.size());
        for (auto& w : chunk)
            out.push_back(std::move(w.request));
        batch.total += chunk.size();
    }
    const std::size_t workers =
        std::min(std::max<std::size_t>(1, config.max_in_flight), batch.chunks.size());
    co_await run_workers(workers, [&] { return write_worker(client, table, batch, config); });
    for (std::size_t i = batch.next; i < batch.chunks.size(); ++i) // never started
        std::move(batch.chunks[i].begin(), batch.chunks[i].end(), std::back_inserter(batch.left));
    if (!batch.left.empty() || batch.cause)
        throw BatchIncompleteError(incomplete_message("BatchWriteItem on " + table,
                                                      batch.left.size(), batch.total, batch.cause),
                                   std::move(batch.left), {}, batch.cause);
}

asio::awaitable<std::vector<std::optional<Item>>>
run_batch_gets(Client& client, const std::string& table, const GetPlan& plan, const GetShape& shape,
               const std::vector<std::string>& key_names, const BatchConfig& config) {
    if (plan.keys.empty())
        co_return std::vector<std::optional<Item>>{};
    GetBatch batch;
    batch.plan = &plan;
    batch.found.resize(plan.keys.size());
    for (std::size_t k = 0; k < plan.signatures.size(); ++k)
        batch.index.emplace(plan.signatures[k], k);
    const std::size_t workers =
        std::min(std::max<std::size_t>(1, config.max_in_flight), plan.chunks.size());
    co_await run_workers(
        workers, [&] { return get_worker(client, table, batch, shape, key_names, config); });
    for (std::size_t i = batch.next; i < plan.chunks.size(); ++i)
        for (std::size_t k : plan.chunks[i])
            batch.left.push_back(plan.keys[k]);
    if (!batch.left.empty() || batch.cause)
        throw BatchIncompleteError(incomplete_message("BatchGetItem on " + table, batch.left.size(),
                                                      plan.keys.size(), batch.cause),
                                   {}, std::move(batch.left), batch.cause);
    co_return std::move(batch.found);
}

} // namespace dynaq::detail

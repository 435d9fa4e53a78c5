#include "worker.hpp"

#include "error_types.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <variant>

namespace dynaq_bench {

namespace {

namespace asio = boost::asio;
using clock = RunContext::clock;
using namespace std::chrono_literals;

// A worker may resume on another thread after every co_await, and compilers have been known
// to keep a thread_local's address across a suspension point, so the lookup sits behind a call
// that cannot be inlined.
thread_local ThreadStats* current_stats = nullptr;
[[gnu::noinline]] ThreadStats& thread_stats() {
    return *current_stats;
}

} // namespace

void set_thread_stats(ThreadStats* stats) noexcept {
    current_stats = stats;
}

Worker::Worker(RunContext& context, std::size_t id) :
    ctx_(context), rng_(derive_seed(context.config.seed, id + 1)) {
    const BenchConfig& c = ctx_.config;
    for (const Op op : ctx_.mix.ops()) {
        switch (op) {
        case Op::get:
            get_.table_name = c.table;
            get_.key = ctx_.layout.key(0);
            if (c.consistent_read)
                get_.consistent_read = true;
            break;
        case Op::put:
            put_.table_name = c.table;
            put_.item = ctx_.layout.item(0);
            break;
        case Op::update:
            update_.table_name = c.table;
            update_.key = ctx_.layout.key(0);
            update_.update_expression = "SET #f = :v";
            update_.expression_attribute_names = {{"#f", field_name(0)}};
            update_.expression_attribute_values = {{":v", field_value(0)}};
            break;
        case Op::query:
            query_.table_name = c.table;
            query_.key_condition_expression = "pk = :pk";
            query_.expression_attribute_values = {{":pk", ctx_.layout.partition_key(0)}};
            query_.limit = static_cast<std::int32_t>(c.page_size);
            if (c.consistent_read)
                query_.consistent_read = true;
            break;
        case Op::batch_write: {
            const dynaq::WriteRequest put{dynaq::PutRequest{ctx_.layout.item(0)}};
            batch_write_.request_items[c.table].assign(c.batch_size, put);
            break;
        }
        case Op::batch_get: {
            dynaq::KeysAndAttributes& keys = batch_get_.request_items[c.table];
            keys.keys.assign(c.batch_size, ctx_.layout.key(0));
            if (c.consistent_read)
                keys.consistent_read = true;
            break;
        }
        }
    }
}

asio::awaitable<void> Worker::run() {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    const BenchConfig& c = ctx_.config;
    while (!ctx_.stop.load(std::memory_order_relaxed)) {
        const std::uint64_t i = ctx_.next.fetch_add(1, std::memory_order_relaxed);
        if (c.requests && i >= *c.requests)
            break;
        clock::time_point intended;
        if (ctx_.schedule) {
            intended = ctx_.schedule->intended_start(i);
            // Behind schedule, the slots left at the end are not sent: the run keeps to its
            // duration, and the report says the target rate was missed.
            if (ctx_.end && (intended >= *ctx_.end || clock::now() >= *ctx_.end))
                break;
            // Short naps, so that a stop request is noticed even at a low rate.
            for (auto now = clock::now(); now < intended && !ctx_.stop; now = clock::now()) {
                timer.expires_at(std::min(intended, now + 100ms));
                co_await timer.async_wait(asio::use_awaitable);
            }
            if (ctx_.stop)
                break;
        } else {
            intended = clock::now();
            if (ctx_.end && intended >= *ctx_.end)
                break;
        }

        const Op op = ctx_.mix.choose(rng_.unit());
        Outcome outcome;
        std::exception_ptr error;
        try {
            outcome = co_await perform(op);
        } catch (...) {
            error = std::current_exception();
        }
        const auto answered = clock::now();
        const auto latency = answered - intended;

        ThreadStats& stats = thread_stats();
        stats.last_answer = std::max(stats.last_answer, answered);
        if (intended < ctx_.measure_from) {
            stats.record_warmup(!error);
        } else if (error) {
            const ErrorType type = classify(error);
            stats.record_error(op, type.type, type.message);
        } else {
            const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(latency);
            stats.record_success(op,
                                 static_cast<std::uint64_t>(std::max<std::int64_t>(0, ns.count())),
                                 outcome.items, outcome.misses, outcome.unprocessed);
        }
    }
}

// With --attributes 0 items are keys only; an update then adds one small attribute.
std::string Worker::field_name(std::size_t i) const {
    const auto& names = ctx_.layout.field_names();
    return names.empty() ? "field0" : names[i];
}
std::string Worker::field_value(std::size_t i) const {
    const auto& values = ctx_.layout.field_values();
    return values.empty() ? "x" : values[i];
}

asio::awaitable<Worker::Outcome> Worker::perform(Op op) {
    const BenchConfig& c = ctx_.config;
    Outcome out;
    switch (op) {
    case Op::get: {
        ctx_.layout.set_key(get_.key, ctx_.items.next(rng_));
        const auto response = co_await ctx_.client.get_item(get_);
        out.items = response.item ? 1 : 0;
        out.misses = 1 - out.items;
        break;
    }
    case Op::put: {
        ctx_.layout.set_key(put_.item, ctx_.items.next(rng_));
        co_await ctx_.client.put_item(put_);
        out.items = 1;
        break;
    }
    case Op::update: {
        // YCSB's update: one attribute, picked at random, gets a new value.
        ctx_.layout.set_key(update_.key, ctx_.items.next(rng_));
        const std::size_t field =
            ctx_.layout.field_names().empty() ? 0 : rng_.below(ctx_.layout.field_names().size());
        update_.expression_attribute_names["#f"] = field_name(field);
        update_.expression_attribute_values[":v"] = field_value(field);
        co_await ctx_.client.update_item(update_);
        out.items = 1;
        break;
    }
    case Op::query: {
        query_.expression_attribute_values[":pk"] =
            ctx_.layout.partition_key(ctx_.partitions.next(rng_));
        const auto response = co_await ctx_.client.query(query_);
        out.items = response.items.size();
        out.misses = response.items.empty() ? 1 : 0;
        break;
    }
    case Op::batch_write: {
        choose_distinct(ctx_.items, rng_, c.batch_size, keys_);
        auto& writes = batch_write_.request_items.begin()->second;
        for (std::size_t i = 0; i < writes.size(); ++i)
            ctx_.layout.set_key(std::get<dynaq::PutRequest>(writes[i]).item, keys_[i]);
        const auto response = co_await ctx_.client.batch_write_item(batch_write_);
        for (const auto& [table, left] : response.unprocessed_items)
            out.unprocessed += left.size();
        out.items = writes.size() - std::min<std::uint64_t>(out.unprocessed, writes.size());
        break;
    }
    case Op::batch_get: {
        choose_distinct(ctx_.items, rng_, c.batch_size, keys_);
        auto& keys = batch_get_.request_items.begin()->second.keys;
        for (std::size_t i = 0; i < keys.size(); ++i)
            ctx_.layout.set_key(keys[i], keys_[i]);
        const auto response = co_await ctx_.client.batch_get_item(batch_get_);
        for (const auto& [table, found] : response.responses)
            out.items += found.size();
        for (const auto& [table, left] : response.unprocessed_keys)
            out.unprocessed += left.keys.size();
        const std::uint64_t answered = out.items + out.unprocessed;
        out.misses = keys.size() > answered ? keys.size() - answered : 0;
        break;
    }
    }
    co_return out;
}

} // namespace dynaq_bench

// The coroutine side of ChangeStream: sends what the ShardFsm asks for (DescribeStream,
// GetShardIterator, GetRecords), reports each answer back, and waits when it says to.
#include "shard_fsm.hpp"

#include <dynaq/change_stream.hpp>
#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/streams_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace dynaq {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

namespace {

// A shard that just ended may have children DescribeStream does not list yet; ask again this
// soon, but not in a tight loop.
constexpr std::chrono::milliseconds relist_delay{1'000};
constexpr std::int32_t max_records_limit = 1000;

detail::ShardFsmOptions fsm_options(const ChangeStreamOptions& o) {
    detail::ShardFsmOptions f;
    f.start = o.start;
    f.max_open_shards = o.max_open_shards;
    f.min_poll_interval = o.min_poll_interval;
    f.idle_delay = o.idle_delay;
    f.limit_backoff = o.limit_backoff;
    return f;
}

void check_options(const ChangeStreamOptions& o) {
    if (o.start != ShardIteratorType::trim_horizon && o.start != ShardIteratorType::latest)
        throw InvalidArgumentError("ChangeStream: start must be trim_horizon or latest");
    if (o.max_open_shards == 0)
        throw InvalidArgumentError("ChangeStream: max_open_shards must be at least 1");
    if (o.limit < 1 || o.limit > max_records_limit)
        throw InvalidArgumentError("ChangeStream: limit must be 1 to 1000");
    if (o.idle_delay.count() < 0 || o.min_poll_interval.count() < 0 ||
        o.refresh_interval.count() <= 0 || o.limit_backoff.count() <= 0)
        throw InvalidArgumentError("ChangeStream: the delays must not be negative, and "
                                   "refresh_interval and limit_backoff must be positive");
}

asio::awaitable<GetRecordsResponse> read_shard(std::shared_ptr<StreamsClient> streams,
                                               GetRecordsRequest request) {
    co_return co_await streams->get_records(request);
}

asio::awaitable<void> sleep_until(clock::time_point when) {
    asio::steady_timer timer(co_await asio::this_coro::executor, when);
    const auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted)
        throw CancelledError(ec, "ChangeStream::next: cancelled");
}

} // namespace

struct ChangeStream::Impl {
    Impl(std::shared_ptr<StreamsClient> s, std::string table, ChangeStreamOptions o) :
        streams(std::move(s)), table_name(std::move(table)), options(std::move(o)) {
        check_options(options);
    }

    asio::awaitable<void> start() {
        if (!options.stream_arn.empty()) {
            arn = options.stream_arn;
        } else if (options.from && !options.from->stream_arn.empty()) {
            arn = options.from->stream_arn;
        } else {
            ListStreamsRequest request{.table_name = table_name};
            std::string newest_label;
            for (;;) {
                ListStreamsResponse page = co_await streams->list_streams(request);
                for (StreamSummary& s : page.streams)
                    if (s.table_name == table_name && s.stream_label >= newest_label) {
                        newest_label = s.stream_label;
                        arn = std::move(s.stream_arn);
                    }
                if (!page.last_evaluated_stream_arn)
                    break;
                request.exclusive_start_stream_arn = std::move(page.last_evaluated_stream_arn);
            }
            if (arn.empty())
                throw ResourceNotFoundError("ResourceNotFoundException",
                                            "table " + table_name + " has no stream", 400, "");
        }
        fsm.emplace(arn, fsm_options(options), options.from);
    }

    asio::awaitable<void> list() {
        StreamDescription d = co_await streams->describe_stream_all(arn);
        std::vector<detail::ListedShard> listing;
        listing.reserve(d.shards.size());
        for (StreamShard& s : d.shards)
            listing.push_back({std::move(s.shard_id), std::move(s.parent_shard_id),
                               s.sequence_number_range.ending_sequence_number.has_value()});
        const auto now = clock::now();
        fsm->on_listing(listing, now);
        stream_open =
            d.stream_status != StreamStatus::disabled && d.stream_status != StreamStatus::disabling;
        last_listing = now;
        next_listing = now + options.refresh_interval;
    }

    // Opens what the FSM wants opened; false when LimitExceeded says to slow down.
    asio::awaitable<bool> open_shards() {
        for (detail::ShardFsm::IteratorRequest& r : fsm->iterators_needed()) {
            const GetShardIteratorRequest request{.stream_arn = arn,
                                                  .shard_id = r.shard_id,
                                                  .shard_iterator_type = r.type,
                                                  .sequence_number = std::move(r.sequence_number)};
            std::exception_ptr failure;
            try {
                GetShardIteratorResponse got = co_await streams->get_shard_iterator(request);
                fsm->on_iterator(r.shard_id, std::move(got.shard_iterator), clock::now());
                continue;
            } catch (const TrimmedDataAccessError&) {
                if (options.on_trimmed == TrimmedPolicy::report_gap) {
                    fsm->on_trimmed(r.shard_id);
                    continue;
                }
                failure = std::current_exception();
            } catch (const LimitExceededError&) {
                fsm->on_expired(r.shard_id);
                co_return false;
            } catch (...) {
                failure = std::current_exception();
            }
            // The shard and every other one asked for go back to be opened next time.
            reopen_all(r.shard_id);
            std::rethrow_exception(failure);
        }
        co_return true;
    }

    void reopen_all(const std::string& failed) {
        fsm->on_expired(failed);
        for (const detail::ShardFsm::IteratorRequest& other : fsm->iterators_needed())
            fsm->on_expired(other.shard_id);
    }

    asio::awaitable<void> read(std::vector<detail::ShardFsm::Read> reads, ChangeBatch& batch) {
        const auto ex = co_await asio::this_coro::executor;
        using Op = decltype(asio::co_spawn(ex, read_shard(streams, {}), asio::deferred));
        std::vector<Op> ops;
        ops.reserve(reads.size());
        for (detail::ShardFsm::Read& r : reads)
            ops.push_back(asio::co_spawn(
                ex,
                read_shard(streams, GetRecordsRequest{.shard_iterator = std::move(r.iterator),
                                                      .limit = options.limit}),
                asio::deferred));
        auto [order, errors, answers] =
            co_await asio::experimental::make_parallel_group(std::move(ops))
                .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
        (void)order;
        const auto now = clock::now();
        // An error no option absorbs fails the whole round: every shard read in it is read
        // again by the next call, so nothing is delivered twice within one stream or lost.
        for (std::size_t i = 0; i < reads.size(); ++i) {
            if (!errors[i])
                continue;
            try {
                std::rethrow_exception(errors[i]);
            } catch (const ExpiredIteratorError&) {
            } catch (const LimitExceededError&) {
            } catch (const TrimmedDataAccessError&) {
                if (options.on_trimmed == TrimmedPolicy::report_gap)
                    continue;
                fail_round(reads, errors[i]);
            } catch (...) {
                fail_round(reads, errors[i]);
            }
        }
        for (std::size_t i = 0; i < reads.size(); ++i) {
            const std::string& shard = reads[i].shard_id;
            if (errors[i]) {
                try {
                    std::rethrow_exception(errors[i]);
                } catch (const ExpiredIteratorError&) {
                    fsm->on_expired(shard);
                } catch (const LimitExceededError&) {
                    fsm->on_limit_exceeded(shard, now);
                } catch (const TrimmedDataAccessError&) {
                    fsm->on_trimmed(shard);
                }
                continue;
            }
            GetRecordsResponse& got = answers[i];
            std::optional<std::string> last;
            if (!got.records.empty())
                last = got.records.back().sequence_number;
            for (StreamRecord& record : got.records)
                batch.records.push_back({shard, std::move(record)});
            fsm->on_records(shard, std::move(last), std::move(got.next_shard_iterator), now);
        }
    }

    [[noreturn]] void fail_round(const std::vector<detail::ShardFsm::Read>& reads,
                                 const std::exception_ptr& error) {
        for (const detail::ShardFsm::Read& r : reads)
            fsm->on_expired(r.shard_id);
        std::rethrow_exception(error);
    }

    void take_gaps(ChangeBatch& batch) {
        for (detail::StreamGap& g : fsm->take_gaps())
            batch.gaps.push_back({std::move(g.shard_id), std::move(g.after_sequence_number)});
    }

    asio::awaitable<ChangeBatch> next() {
        if (!fsm)
            co_await start();
        for (;;) {
            auto now = clock::now();
            const bool relist = fsm->wants_listing() && now >= last_listing + relist_delay;
            if (!listed || now >= next_listing || relist) {
                co_await list();
                listed = true;
            }
            const bool opened = co_await open_shards();
            ChangeBatch batch;
            auto reads = fsm->reads_due(clock::now());
            if (!reads.empty())
                co_await read(std::move(reads), batch);
            take_gaps(batch);
            if (!batch.records.empty() || !batch.gaps.empty())
                co_return batch;
            if (!stream_open && fsm->all_finished()) {
                ended = true;
                co_return batch;
            }
            now = clock::now();
            auto wake = std::min(fsm->next_due(), next_listing);
            if (fsm->wants_listing())
                wake = std::min(wake, last_listing + relist_delay);
            // LimitExceeded on GetShardIterator: the shard is ready again at once, so without
            // this the loop would ask again straight away.
            if (!opened)
                wake = std::max(wake, now + options.limit_backoff);
            if (wake > now)
                co_await sleep_until(wake);
        }
    }

    std::shared_ptr<StreamsClient> streams;
    std::string table_name;
    ChangeStreamOptions options;
    std::string arn;
    std::optional<detail::ShardFsm> fsm;
    bool listed = false;
    bool stream_open = true;
    bool ended = false;
    clock::time_point last_listing{};
    clock::time_point next_listing{};
};

ChangeStream::ChangeStream(const Client& client, std::string table_name,
                           ChangeStreamOptions options) :
    impl_(std::make_unique<Impl>(std::make_shared<StreamsClient>(client), std::move(table_name),
                                 std::move(options))) {}

ChangeStream::ChangeStream(asio::any_io_executor executor, ClientConfig config,
                           std::string table_name, ChangeStreamOptions options) :
    impl_(std::make_unique<Impl>(std::make_shared<StreamsClient>(executor, std::move(config)),
                                 std::move(table_name), std::move(options))) {}

ChangeStream::~ChangeStream() = default;
ChangeStream::ChangeStream(ChangeStream&&) noexcept = default;
ChangeStream& ChangeStream::operator=(ChangeStream&&) noexcept = default;

asio::awaitable<ChangeBatch> ChangeStream::next() {
    return impl_->next();
}

Checkpoint ChangeStream::checkpoint() const {
    if (impl_->fsm)
        return impl_->fsm->checkpoint();
    return impl_->options.from.value_or(Checkpoint{});
}

const std::string& ChangeStream::stream_arn() const noexcept {
    return impl_->arn;
}

bool ChangeStream::ended() const noexcept {
    return impl_->ended;
}

} // namespace dynaq

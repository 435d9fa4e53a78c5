#pragma once
// A table's changes as an async stream: every insert, update and delete, followed across the
// shards of its DynamoDB stream.
//
//   dynaq::ChangeStream changes(client, "orders", {.from = co_await store.load()});
//   for (;;) {
//       dynaq::ChangeBatch batch = co_await changes.next();
//       for (const dynaq::ChangeRecord& r : batch.records) handle(r);
//       co_await store.save(changes.checkpoint()); // after handling: at-least-once
//   }
//
// Delivery is at-least-once and in order per item key. Within a shard records come in the
// order they were written; a child shard is read only after its parent is read to its end, so
// the changes of one key never overtake each other. Records of different keys in different
// shards may interleave in any order. Records delivered after the last saved checkpoint are
// delivered again by a stream started from it. See README, "Change streams".
#include <dynaq/checkpoint.hpp>
#include <dynaq/config.hpp>
#include <dynaq/export.hpp>
#include <dynaq/model/streams.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

class Client;
class StreamsClient;

/// What to do when the stream says records are gone (TrimmedDataAccessException: older than
/// the 24-hour retention, so not read in time).
enum class TrimmedPolicy {
    report_gap, ///< reopen the shard at TRIM_HORIZON and report a ChangeGap in the batch
    fail,       ///< next() throws TrimmedDataAccessError; the checkpoint stays where it was
};

struct ChangeStreamOptions {
    /// Where to start without a checkpoint: trim_horizon (everything the stream still keeps,
    /// up to 24 hours) or latest (only changes made from now on).
    ShardIteratorType start = ShardIteratorType::trim_horizon;
    /// Resume here instead of at `start`: shards it names continue after their position,
    /// shards it does not name (new since) are read from their start.
    std::optional<Checkpoint> from;
    /// The stream to read; empty: the table's newest stream (ListStreams), or `from`'s stream.
    std::string stream_arn;
    /// Shards read at the same time (one GetRecords in flight each). A table has a few open
    /// shards per partition; 16 covers most without a burst of requests.
    std::size_t max_open_shards = 16;
    /// After an empty GetRecords, the shard is polled again this much later. 1 s keeps the
    /// latency of a change low at one request a second a shard.
    std::chrono::milliseconds idle_delay{1'000};
    /// Between two reads of a shard that returned records: DynamoDB Streams allows about four
    /// GetRecords a second a shard.
    std::chrono::milliseconds min_poll_interval{250};
    /// How often the shard list is read again to notice splits (DescribeStream allows 10 a
    /// second per account, so this stays far below it). A shard that ends lists again at once.
    std::chrono::milliseconds refresh_interval{10'000};
    /// First backoff after LimitExceededException on a shard, doubled while it repeats (up to
    /// 30 s).
    std::chrono::milliseconds limit_backoff{500};
    /// Records per GetRecords, 1..1000.
    std::int32_t limit = 1000;
    TrimmedPolicy on_trimmed = TrimmedPolicy::report_gap;
};

/// One change, with the shard it came from.
struct ChangeRecord {
    std::string shard_id;
    StreamRecord record;
};

/// Records that could not be read (TrimmedPolicy::report_gap): in `shard_id`, whatever came
/// after `after_sequence_number` (the shard's start when empty) before the batch's next record
/// of that shard.
struct ChangeGap {
    std::string shard_id;
    std::string after_sequence_number;

    bool operator==(const ChangeGap&) const = default;
};

struct ChangeBatch {
    std::vector<ChangeRecord> records;
    std::vector<ChangeGap> gaps;
};

class DYNAQ_API ChangeStream {
public:
    /// Reads the stream of `table_name` through a StreamsClient built from `client`'s executor
    /// and configuration. Throws InvalidArgumentError for bad options; nothing is sent before
    /// the first next().
    ChangeStream(const Client& client, std::string table_name, ChangeStreamOptions options = {});
    ChangeStream(boost::asio::any_io_executor executor, ClientConfig config, std::string table_name,
                 ChangeStreamOptions options = {});
    ~ChangeStream();
    ChangeStream(ChangeStream&&) noexcept;
    ChangeStream& operator=(ChangeStream&&) noexcept;

    /// Waits until there are records (or gaps) and returns them; an empty batch only once the
    /// stream has ended (disabled, every shard read: ended()). Throws ResourceNotFoundError when
    /// the table has no stream, the Streams errors the options do not absorb, and what the
    /// transport throws. A next() that throws (or is cancelled) loses nothing: the records it
    /// was reading are read again by the next call.
    boost::asio::awaitable<ChangeBatch> next();

    /// After the records returned so far.
    [[nodiscard]] Checkpoint checkpoint() const;
    /// The stream's ARN; empty before the first next().
    [[nodiscard]] const std::string& stream_arn() const noexcept;
    [[nodiscard]] bool ended() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq

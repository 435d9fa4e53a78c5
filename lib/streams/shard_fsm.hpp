#pragma once
// The shard-lineage and scheduling decisions of a ChangeStream, without I/O: which shards may
// be read (a child only after its parent is finished, so changes to one item stay in order),
// how many at once, from where (the start position, a checkpoint, the last record delivered),
// when each is polled next (the API's ~4 GetRecords a second a shard, an idle delay after an
// empty answer, a backoff after LimitExceeded), and what an expired iterator or trimmed data
// mean. The coroutine in change_stream.cpp only sends what this asks for and reports back.
#include <dynaq/checkpoint.hpp>
#include <dynaq/model/streams.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dynaq::detail {

struct ShardFsmOptions {
    /// Where shards listed at the first listing start without a checkpoint: trim_horizon (every
    /// record still kept) or latest (only what is written from now on; closed shards are
    /// skipped). Shards that appear later always start at trim_horizon.
    ShardIteratorType start = ShardIteratorType::trim_horizon;
    std::size_t max_open_shards = 16;
    /// Between two GetRecords of one shard that returned records.
    std::chrono::milliseconds min_poll_interval{250};
    /// After an empty GetRecords.
    std::chrono::milliseconds idle_delay{1'000};
    /// After LimitExceeded: doubled each time in a row, up to max_backoff.
    std::chrono::milliseconds limit_backoff{500};
    std::chrono::milliseconds max_backoff{30'000};
};

/// One shard of a DescribeStream listing, as far as lineage goes.
struct ListedShard {
    std::string shard_id;
    std::optional<std::string> parent_shard_id;
    bool closed = false; ///< has an ending sequence number
};

/// A stretch of records the stream could not deliver (TrimmedDataAccess: past the 24-hour
/// retention): everything in `shard_id` after `after_sequence_number` (from the shard's start
/// when empty) up to the first record delivered afterwards.
struct StreamGap {
    std::string shard_id;
    std::string after_sequence_number;

    bool operator==(const StreamGap&) const = default;
};

class ShardFsm {
public:
    using clock = std::chrono::steady_clock;

    /// `from`: resume there (its shards' positions); throws InvalidArgumentError when it names
    /// another stream than `stream_arn`.
    ShardFsm(std::string stream_arn, ShardFsmOptions options,
             const std::optional<Checkpoint>& from = std::nullopt);

    /// The shards DescribeStream lists now. New shards are taken in; finished shards the
    /// listing no longer has (trimmed away) are forgotten; a parent that is not listed counts
    /// as finished.
    void on_listing(const std::vector<ListedShard>& shards, clock::time_point now);

    struct IteratorRequest {
        std::string shard_id;
        ShardIteratorType type = ShardIteratorType::trim_horizon;
        std::optional<std::string> sequence_number;
        bool operator==(const IteratorRequest&) const = default;
    };
    /// Shards to open now (GetShardIterator), within max_open_shards, parents first. Each is
    /// counted as open until on_iterator / on_trimmed answers it. Open shards never end by
    /// themselves (only a split closes them), so with more readable shards than the limit a
    /// shard that has caught up (an empty read) gives its place to one that waits, keeping its
    /// iterator; parked shards take free places again, in the order they left, after shards
    /// that were never opened (a shard waiting for its first read goes first).
    [[nodiscard]] std::vector<IteratorRequest> iterators_needed();
    /// GetShardIterator's answer; nullopt: nothing more to read (the shard is finished).
    void on_iterator(const std::string& shard_id, std::optional<std::string> iterator,
                     clock::time_point now);

    struct Read {
        std::string shard_id;
        std::string iterator;
        bool operator==(const Read&) const = default;
    };
    /// The open shards whose poll is due at `now`; each is in flight until answered.
    [[nodiscard]] std::vector<Read> reads_due(clock::time_point now);
    /// GetRecords delivered records ending with `last_sequence_number` (nullopt: none) and the
    /// next iterator (nullopt: the shard is closed and read to its end).
    void on_records(const std::string& shard_id, std::optional<std::string> last_sequence_number,
                    std::optional<std::string> next_iterator, clock::time_point now);
    /// ExpiredIterator, or a read whose answer was lost (cancelled): reopen from the last
    /// record delivered (AFTER_SEQUENCE_NUMBER), else from where the shard started.
    void on_expired(const std::string& shard_id);
    /// TrimmedDataAccess: what the shard's position points at is gone. The shard reopens at
    /// TRIM_HORIZON and the gap is kept for take_gaps().
    void on_trimmed(const std::string& shard_id);
    /// LimitExceeded: poll this shard again after a growing backoff.
    void on_limit_exceeded(const std::string& shard_id, clock::time_point now);

    /// When the next read falls due: clock::time_point::min() when a shard can be opened now,
    /// clock::time_point::max() when no shard is waiting.
    [[nodiscard]] clock::time_point next_due() const;
    /// A shard finished without any listed child: the stream should be listed again soon.
    [[nodiscard]] bool wants_listing() const noexcept { return wants_listing_; }
    /// Every listed shard is finished.
    [[nodiscard]] bool all_finished() const;
    /// Shards open (iterator asked for, held or in flight).
    [[nodiscard]] std::size_t open_count() const;

    /// The gaps found since the last call: trimmed reads, and checkpointed shards that were
    /// not finished but are no longer listed.
    [[nodiscard]] std::vector<StreamGap> take_gaps();

    /// The position after every record reported to on_records.
    [[nodiscard]] Checkpoint checkpoint() const;

private:
    enum class State { waiting, ready, opening, open, in_flight, parked, finished };
    struct Shard {
        std::optional<std::string> parent;
        State state = State::waiting;
        ShardIteratorType start = ShardIteratorType::trim_horizon;
        std::string last_sequence; ///< last record delivered
        std::string iterator;
        clock::time_point due{};
        std::chrono::milliseconds backoff{0};
        std::uint64_t parked_at = 0; ///< order of parking, for fairness
        bool listed = true;
    };

    [[nodiscard]] bool parent_finished(const Shard& s) const;
    [[nodiscard]] bool has_listed_child(const std::string& id) const;
    void promote_children();
    void finish(const std::string& id, Shard& s);
    [[nodiscard]] bool others_wait(const std::string& id) const;
    Shard& at(const std::string& id);

    std::string stream_arn_;
    ShardFsmOptions options_;
    std::map<std::string, Shard> shards_;
    std::optional<Checkpoint> from_;
    std::vector<StreamGap> gaps_;
    std::uint64_t parkings_ = 0;
    bool first_listing_ = true;
    bool wants_listing_ = false;
};

} // namespace dynaq::detail

#pragma once
// Where a ChangeStream is: per shard, the sequence number of the last record it delivered, and
// which shards it has read to their end. A stream started from a checkpoint delivers what came
// after it, in order per item key; what was delivered after the checkpoint was saved is
// delivered again (at-least-once: save the checkpoint after the records are handled).
//
//   dynaq::FileCheckpointStore store("orders.checkpoint");
//   auto saved = co_await store.load();              // nullopt: the first run
//   ... options.from = saved; ... co_await store.save(stream.checkpoint());
#include <dynaq/export.hpp>

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq {

struct ShardCheckpoint {
    std::string shard_id;
    /// The last record delivered from this shard; empty when none was (a shard read to its end
    /// without records).
    std::string sequence_number;
    /// Read to its end: a restart does not read it again, and its children may be read.
    bool finished = false;

    bool operator==(const ShardCheckpoint&) const = default;
};

struct Checkpoint {
    /// The stream the positions belong to; a checkpoint of another stream (the table's stream
    /// was disabled and enabled again) is refused with InvalidArgumentError.
    std::string stream_arn;
    /// Sorted by shard id. Shards read to their end are kept while the stream still lists them.
    std::vector<ShardCheckpoint> shards;

    bool operator==(const Checkpoint&) const = default;
};

/// {"stream_arn": "...", "shards": [{"shard_id": "...", "sequence_number": "...",
/// "finished": false}]}: the text a CheckpointStore keeps.
[[nodiscard]] DYNAQ_API std::string to_json(const Checkpoint& checkpoint);
/// The inverse; ProtocolError naming what is wrong for any other text.
[[nodiscard]] DYNAQ_API Checkpoint parse_checkpoint(std::string_view json);

/// Where checkpoints are kept between runs: a file, a DynamoDB table (examples/change_stream.cpp),
/// anything. Implementations must make save() atomic (a crash leaves the old or the new
/// checkpoint, never a mix). One consumer per store: leases that share a stream between several
/// consumers are out of scope.
class DYNAQ_API CheckpointStore {
public:
    virtual ~CheckpointStore() = default;
    /// The saved checkpoint; nullopt when none was ever saved.
    [[nodiscard]] virtual boost::asio::awaitable<std::optional<Checkpoint>> load() = 0;
    virtual boost::asio::awaitable<void> save(const Checkpoint& checkpoint) = 0;
};

/// A checkpoint in one file, replaced atomically: written to "<path>.tmp", fsync'ed, renamed
/// over `path`, and the directory fsync'ed. A file that cannot be read or written is a
/// std::system_error naming it; one that is not a checkpoint a ProtocolError naming it.
class DYNAQ_API FileCheckpointStore final : public CheckpointStore {
public:
    explicit FileCheckpointStore(std::string path);
    /// read() and write(), for the interface. A local file is written in well under a
    /// millisecond, so they do not hand the thread back while they work.
    [[nodiscard]] boost::asio::awaitable<std::optional<Checkpoint>> load() override;
    boost::asio::awaitable<void> save(const Checkpoint& checkpoint) override;
    /// The same, blocking, for code outside a coroutine.
    [[nodiscard]] std::optional<Checkpoint> read() const;
    void write(const Checkpoint& checkpoint) const;
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

} // namespace dynaq

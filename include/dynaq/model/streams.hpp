#pragma once
// DynamoDB Streams (service version 2012-08-10, target prefix DynamoDBStreams_20120810): the
// request and response types of ListStreams, DescribeStream, GetShardIterator and GetRecords,
// sent by StreamsClient (streams_client.hpp).
#include <dynaq/export.hpp>
#include <dynaq/model/common.hpp>
#include <dynaq/model/table_ops.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq {

enum class StreamStatus { enabling, enabled, disabling, disabled, unknown };
enum class ShardIteratorType { trim_horizon, latest, at_sequence_number, after_sequence_number };
/// What happened to the item: INSERT (a new item), MODIFY (an update), REMOVE (a delete).
enum class StreamEventName { insert, modify, remove };

[[nodiscard]] DYNAQ_API std::string_view to_string(StreamStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ShardIteratorType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(StreamEventName v) noexcept;

struct StreamSummary {
    std::string stream_arn{};
    std::string table_name{};
    std::string stream_label{}; ///< the stream's creation time, ISO 8601

    bool operator==(const StreamSummary&) const = default;
};

struct ListStreamsRequest {
    /// Only this table's streams; all the account's otherwise.
    std::optional<std::string> table_name{};
    std::optional<std::int32_t> limit{}; ///< 1..100
    std::optional<std::string> exclusive_start_stream_arn{};

    bool operator==(const ListStreamsRequest&) const = default;
};

struct ListStreamsResponse {
    std::vector<StreamSummary> streams{};
    std::optional<std::string> last_evaluated_stream_arn{};

    bool operator==(const ListStreamsResponse&) const = default;
};

struct SequenceNumberRange {
    std::optional<std::string> starting_sequence_number{};
    /// Set once the shard is closed: nothing after it will ever be written to the shard.
    std::optional<std::string> ending_sequence_number{};

    bool operator==(const SequenceNumberRange&) const = default;
};

struct StreamShard {
    std::string shard_id{};
    /// The shard this one split from; read it to its end before this one, or changes to an
    /// item may be seen out of order.
    std::optional<std::string> parent_shard_id{};
    SequenceNumberRange sequence_number_range{};

    bool operator==(const StreamShard&) const = default;
};

struct StreamDescription {
    std::string stream_arn{};
    std::string stream_label{};
    std::optional<StreamStatus> stream_status{};
    std::optional<StreamViewType> stream_view_type{};
    std::optional<Timestamp> creation_request_date_time{};
    std::string table_name{};
    std::vector<KeySchemaElement> key_schema{};
    std::vector<StreamShard> shards{};
    /// More shards follow: DescribeStream again with exclusive_start_shard_id = this.
    std::optional<std::string> last_evaluated_shard_id{};

    bool operator==(const StreamDescription&) const = default;
};

struct DescribeStreamRequest {
    std::string stream_arn{};
    std::optional<std::int32_t> limit{}; ///< shards per page, 1..100
    std::optional<std::string> exclusive_start_shard_id{};

    bool operator==(const DescribeStreamRequest&) const = default;
};

struct DescribeStreamResponse {
    StreamDescription stream_description{};

    bool operator==(const DescribeStreamResponse&) const = default;
};

struct GetShardIteratorRequest {
    std::string stream_arn{};
    std::string shard_id{};
    ShardIteratorType shard_iterator_type = ShardIteratorType::trim_horizon;
    /// Required for at_sequence_number and after_sequence_number, refused for the others.
    std::optional<std::string> sequence_number{};

    bool operator==(const GetShardIteratorRequest&) const = default;
};

struct GetShardIteratorResponse {
    /// Valid for 15 minutes. Absent when the shard is closed and fully read.
    std::optional<std::string> shard_iterator{};

    bool operator==(const GetShardIteratorResponse&) const = default;
};

struct GetRecordsRequest {
    std::string shard_iterator{};
    std::optional<std::int32_t> limit{}; ///< 1..1000 records

    bool operator==(const GetRecordsRequest&) const = default;
};

/// Who made the change, for changes DynamoDB made itself: TTL deletes have principal_id
/// "dynamodb.amazonaws.com" and type "Service".
struct StreamUserIdentity {
    std::string principal_id{};
    std::string type{};

    bool operator==(const StreamUserIdentity&) const = default;
};

/// One change to one item, as GetRecords returns it (the record's `dynamodb` member flattened
/// into it). Which images are present follows the stream's view type.
struct StreamRecord {
    std::string event_id{};
    StreamEventName event_name = StreamEventName::insert;
    std::string event_version{};
    std::string event_source{}; ///< "aws:dynamodb"
    std::string aws_region{};
    std::optional<Timestamp> approximate_creation_date_time{};
    Item keys{};
    std::optional<Item> new_image{};
    std::optional<Item> old_image{};
    std::string sequence_number{};
    std::optional<std::int64_t> size_bytes{};
    std::optional<StreamViewType> stream_view_type{};
    std::optional<StreamUserIdentity> user_identity{};

    bool operator==(const StreamRecord&) const = default;
};

struct GetRecordsResponse {
    std::vector<StreamRecord> records{};
    /// Absent once a closed shard has been read to its end.
    std::optional<std::string> next_shard_iterator{};

    bool operator==(const GetRecordsResponse&) const = default;
};

} // namespace dynaq

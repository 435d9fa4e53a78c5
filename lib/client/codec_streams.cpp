// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords.
#include "client/operation_codec.hpp"

namespace dynaq::detail {

namespace {

void write_limit(JsonWriter& w, const std::optional<std::int32_t>& limit) {
    write_optional(w, "Limit", limit);
}

std::string owned(const JsonValue& obj, std::string_view name, std::string_view where) {
    return std::string(require_string(obj, name, where));
}

StreamShard read_shard(const JsonValue& s, const std::string& where) {
    StreamShard shard;
    shard.shard_id = owned(s, "ShardId", where);
    shard.parent_shard_id = optional_owned_string(s, "ParentShardId", where);
    if (const JsonValue* range = find_member(s, "SequenceNumberRange")) {
        const std::string path = member_path(where, "SequenceNumberRange");
        expect_object(*range, path);
        shard.sequence_number_range.starting_sequence_number =
            optional_owned_string(*range, "StartingSequenceNumber", path);
        shard.sequence_number_range.ending_sequence_number =
            optional_owned_string(*range, "EndingSequenceNumber", path);
    }
    return shard;
}

StreamRecord read_record(const JsonValue& r, const std::string& where) {
    StreamRecord record;
    record.event_id = optional_owned_string(r, "eventID", where).value_or("");
    record.event_name = require_enum<StreamEventName>(r, "eventName", where);
    record.event_version = optional_owned_string(r, "eventVersion", where).value_or("");
    record.event_source = optional_owned_string(r, "eventSource", where).value_or("");
    record.aws_region = optional_owned_string(r, "awsRegion", where).value_or("");
    const std::string path = member_path(where, "dynamodb");
    const JsonValue& d = expect_object(require_member(r, "dynamodb", where), path);
    record.approximate_creation_date_time =
        optional_timestamp(d, "ApproximateCreationDateTime", path);
    record.keys = optional_item(d, "Keys", path).value_or(Item{});
    record.new_image = optional_item(d, "NewImage", path);
    record.old_image = optional_item(d, "OldImage", path);
    record.sequence_number = owned(d, "SequenceNumber", path);
    record.size_bytes = optional_int(d, "SizeBytes", path);
    record.stream_view_type = optional_enum<StreamViewType>(d, "StreamViewType", path);
    if (const JsonValue* identity = find_member(r, "userIdentity")) {
        const std::string ipath = member_path(where, "userIdentity");
        expect_object(*identity, ipath);
        record.user_identity = StreamUserIdentity{
            .principal_id = optional_owned_string(*identity, "PrincipalId", ipath).value_or(""),
            .type = optional_owned_string(*identity, "Type", ipath).value_or(""),
        };
    }
    return record;
}

} // namespace

void encode(const ListStreamsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "TableName", r.table_name);
        write_limit(w, r.limit);
        write_optional(w, "ExclusiveStartStreamArn", r.exclusive_start_stream_arn);
    });
}

void encode(const DescribeStreamRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "StreamArn", r.stream_arn);
        write_limit(w, r.limit);
        write_optional(w, "ExclusiveStartShardId", r.exclusive_start_shard_id);
    });
}

void encode(const GetShardIteratorRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "StreamArn", r.stream_arn);
        write_string_member(w, "ShardId", r.shard_id);
        write_string_member(w, "ShardIteratorType", to_string(r.shard_iterator_type));
        write_optional(w, "SequenceNumber", r.sequence_number);
    });
}

void encode(const GetRecordsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ShardIterator", r.shard_iterator);
        write_limit(w, r.limit);
    });
}

void decode(const JsonValue& root, ListStreamsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "Streams", "", [&](const JsonValue& s, const std::string& path) {
        expect_object(s, path);
        out.streams.push_back(
            {.stream_arn = owned(s, "StreamArn", path),
             .table_name = optional_owned_string(s, "TableName", path).value_or(""),
             .stream_label = optional_owned_string(s, "StreamLabel", path).value_or("")});
    });
    out.last_evaluated_stream_arn = optional_owned_string(root, "LastEvaluatedStreamArn", "");
}

void decode(const JsonValue& root, DescribeStreamResponse& out) {
    out = {};
    expect_object(root, "response");
    constexpr std::string_view where = "StreamDescription";
    const JsonValue& d = expect_object(require_member(root, where, ""), where);
    StreamDescription& s = out.stream_description;
    s.stream_arn = owned(d, "StreamArn", where);
    s.stream_label = optional_owned_string(d, "StreamLabel", where).value_or("");
    s.stream_status = optional_enum<StreamStatus>(d, "StreamStatus", where);
    s.stream_view_type = optional_enum<StreamViewType>(d, "StreamViewType", where);
    s.creation_request_date_time = optional_timestamp(d, "CreationRequestDateTime", where);
    s.table_name = optional_owned_string(d, "TableName", where).value_or("");
    if (find_member(d, "KeySchema") != nullptr)
        s.key_schema = read_key_schema(d, where);
    for_each_element(d, "Shards", where, [&](const JsonValue& shard, const std::string& path) {
        expect_object(shard, path);
        s.shards.push_back(read_shard(shard, path));
    });
    s.last_evaluated_shard_id = optional_owned_string(d, "LastEvaluatedShardId", where);
}

void decode(const JsonValue& root, GetShardIteratorResponse& out) {
    out = {};
    expect_object(root, "response");
    out.shard_iterator = optional_owned_string(root, "ShardIterator", "");
}

void decode(const JsonValue& root, GetRecordsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "Records", "", [&](const JsonValue& r, const std::string& path) {
        expect_object(r, path);
        out.records.push_back(read_record(r, path));
    });
    out.next_shard_iterator = optional_owned_string(root, "NextShardIterator", "");
}

} // namespace dynaq::detail

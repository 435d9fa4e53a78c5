#pragma once
// Fixtures of the DynamoDB Streams operations, every member set.
#include "fixtures_core.hpp"

#include <dynaq/model/streams.hpp>

namespace dynaq_test {

inline constexpr std::string_view sample_stream_arn =
    "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
inline constexpr std::string_view shard_a = "shardId-00000001700000000000-aaaaaaaa";
inline constexpr std::string_view shard_b = "shardId-00000001700000000001-bbbbbbbb";

inline Timestamp stream_time(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

template <>
struct fixture<ListStreamsRequest> {
    static Sample<ListStreamsRequest> get() {
        return {
            .request = {.table_name = "users",
                        .limit = 10,
                        .exclusive_start_stream_arn = std::string(sample_stream_arn)},
            .request_json = R"j({"TableName": "users", "Limit": 10, "ExclusiveStartStreamArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000"})j",
            .invalid = ListStreamsRequest{.limit = 101},
            .response_json = R"j({"Streams": [{"StreamArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000",
                "TableName": "users", "StreamLabel": "2024-01-01T00:00:00.000"}],
                "LastEvaluatedStreamArn": "next"})j",
            .response = {.streams = {{.stream_arn = std::string(sample_stream_arn),
                                      .table_name = "users",
                                      .stream_label = "2024-01-01T00:00:00.000"}},
                         .last_evaluated_stream_arn = "next"},
        };
    }
};

template <>
struct fixture<DescribeStreamRequest> {
    static Sample<DescribeStreamRequest> get() {
        return {
            .request = {.stream_arn = std::string(sample_stream_arn),
                        .limit = 2,
                        .exclusive_start_shard_id = std::string(shard_a)},
            .request_json = R"j({"StreamArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000",
                "Limit": 2, "ExclusiveStartShardId": "shardId-00000001700000000000-aaaaaaaa"})j",
            .invalid = DescribeStreamRequest{.stream_arn = "arn:too-short"},
            .response_json = R"j({"StreamDescription": {"StreamArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000",
                "StreamLabel": "2024-01-01T00:00:00.000", "StreamStatus": "ENABLED",
                "StreamViewType": "NEW_AND_OLD_IMAGES", "CreationRequestDateTime": 1704067200.5,
                "TableName": "users", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "Shards": [
                  {"ShardId": "shardId-00000001700000000000-aaaaaaaa", "SequenceNumberRange":
                     {"StartingSequenceNumber": "100000000000000000001",
                      "EndingSequenceNumber": "100000000000000000009"}},
                  {"ShardId": "shardId-00000001700000000001-bbbbbbbb",
                   "ParentShardId": "shardId-00000001700000000000-aaaaaaaa",
                   "SequenceNumberRange": {"StartingSequenceNumber": "100000000000000000010"}}],
                "LastEvaluatedShardId": "shardId-00000001700000000001-bbbbbbbb"}})j",
            .response = {.stream_description =
                             {.stream_arn = std::string(sample_stream_arn),
                              .stream_label = "2024-01-01T00:00:00.000",
                              .stream_status = StreamStatus::enabled,
                              .stream_view_type = StreamViewType::new_and_old_images,
                              .creation_request_date_time = stream_time(1'704'067'200'500),
                              .table_name = "users",
                              .key_schema = {{.attribute_name = "pk", .key_type = KeyType::hash}},
                              .shards = {{.shard_id = std::string(shard_a),
                                          .sequence_number_range =
                                              {.starting_sequence_number = "100000000000000000001",
                                               .ending_sequence_number = "100000000000000000009"}},
                                         {.shard_id = std::string(shard_b),
                                          .parent_shard_id = std::string(shard_a),
                                          .sequence_number_range = {.starting_sequence_number =
                                                                        "100000000000000000010"}}},
                              .last_evaluated_shard_id = std::string(shard_b)}},
        };
    }
};

template <>
struct fixture<GetShardIteratorRequest> {
    static Sample<GetShardIteratorRequest> get() {
        return {
            .request = {.stream_arn = std::string(sample_stream_arn),
                        .shard_id = std::string(shard_a),
                        .shard_iterator_type = ShardIteratorType::after_sequence_number,
                        .sequence_number = "100000000000000000005"},
            .request_json = R"j({"StreamArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000",
                "ShardId": "shardId-00000001700000000000-aaaaaaaa",
                "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                "SequenceNumber": "100000000000000000005"})j",
            // AFTER_SEQUENCE_NUMBER needs the sequence number.
            .invalid = GetShardIteratorRequest{.stream_arn = std::string(sample_stream_arn),
                                               .shard_id = std::string(shard_a),
                                               .shard_iterator_type =
                                                   ShardIteratorType::after_sequence_number},
            .response_json = R"j({"ShardIterator": "iterator-1"})j",
            .response = {.shard_iterator = "iterator-1"},
        };
    }
};

template <>
struct fixture<GetRecordsRequest> {
    static Sample<GetRecordsRequest> get() {
        return {
            .request = {.shard_iterator = "iterator-1", .limit = 1000},
            .request_json = R"j({"ShardIterator": "iterator-1", "Limit": 1000})j",
            .invalid = GetRecordsRequest{.shard_iterator = "iterator-1", .limit = 1001},
            .response_json = R"j({"Records": [
                {"eventID": "e1", "eventName": "MODIFY", "eventVersion": "1.1",
                 "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                 "dynamodb": {"ApproximateCreationDateTime": 1704067201,
                   "Keys": {"pk": {"S": "user#1"}},
                   "NewImage": {"pk": {"S": "user#1"}, "age": {"N": "43"}},
                   "OldImage": {"pk": {"S": "user#1"}, "age": {"N": "42"}},
                   "SequenceNumber": "100000000000000000006", "SizeBytes": 59,
                   "StreamViewType": "NEW_AND_OLD_IMAGES"}},
                {"eventID": "e2", "eventName": "REMOVE", "eventVersion": "1.1",
                 "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                 "dynamodb": {"Keys": {"pk": {"S": "user#2"}},
                   "SequenceNumber": "100000000000000000007", "StreamViewType": "KEYS_ONLY"},
                 "userIdentity": {"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}}],
                "NextShardIterator": "iterator-2"})j",
            .response =
                {.records = {{.event_id = "e1",
                              .event_name = StreamEventName::modify,
                              .event_version = "1.1",
                              .event_source = "aws:dynamodb",
                              .aws_region = "us-east-1",
                              .approximate_creation_date_time = stream_time(1'704'067'201'000),
                              .keys = {{"pk", "user#1"}},
                              .new_image = Item{{"pk", "user#1"}, {"age", 43}},
                              .old_image = Item{{"pk", "user#1"}, {"age", 42}},
                              .sequence_number = "100000000000000000006",
                              .size_bytes = 59,
                              .stream_view_type = StreamViewType::new_and_old_images},
                             {.event_id = "e2",
                              .event_name = StreamEventName::remove,
                              .event_version = "1.1",
                              .event_source = "aws:dynamodb",
                              .aws_region = "us-east-1",
                              .keys = {{"pk", "user#2"}},
                              .sequence_number = "100000000000000000007",
                              .stream_view_type = StreamViewType::keys_only,
                              .user_identity =
                                  StreamUserIdentity{.principal_id = "dynamodb.amazonaws.com",
                                                     .type = "Service"}}},
                 .next_shard_iterator = "iterator-2"},
        };
    }
};

} // namespace dynaq_test

// Request validation of the DynamoDB Streams operations: the limits of the Streams API
// reference, reported before a byte is sent with the operation and the field in the message.
#include "client/operation_codec.hpp"
#include <dynaq/names.hpp>

#include <algorithm>

namespace dynaq::detail {
namespace {

constexpr std::size_t min_stream_arn = 37;
constexpr std::size_t max_stream_arn = 1024;
constexpr std::size_t min_shard_id = 28;
constexpr std::size_t max_shard_id = 65;
constexpr std::size_t min_sequence_number = 21;
constexpr std::size_t max_sequence_number = 40;
constexpr std::size_t max_shard_iterator = 2048;
constexpr std::int32_t max_list_limit = 100;
constexpr std::int32_t max_records_limit = 1000;

template <class Request>
[[noreturn]] void fail(const Request&, const std::string& message) {
    throw InvalidArgumentError(std::string(operation_traits<Request>::name) + ": " + message);
}

template <class Request>
void check_length(const Request& r, std::string_view field, std::string_view value, std::size_t min,
                  std::size_t max) {
    if (value.size() < min || value.size() > max)
        fail(r, std::string(field) + " must be " + std::to_string(min) + " to " +
                    std::to_string(max) + " characters, not " + std::to_string(value.size()));
}

template <class Request>
void check_limit(const Request& r, const std::optional<std::int32_t>& limit, std::int32_t max) {
    if (limit && (*limit < 1 || *limit > max))
        fail(r, "limit must be 1 to " + std::to_string(max) + ", not " + std::to_string(*limit));
}

} // namespace

void validate_request(const ListStreamsRequest& r) {
    if (r.table_name && !is_valid_table_name(*r.table_name))
        fail(r, "table_name " + quoted_excerpt(*r.table_name) +
                    " is invalid: it must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' "
                    "and '.'");
    check_limit(r, r.limit, max_list_limit);
    if (r.exclusive_start_stream_arn)
        check_length(r, "exclusive_start_stream_arn", *r.exclusive_start_stream_arn, min_stream_arn,
                     max_stream_arn);
}

void validate_request(const DescribeStreamRequest& r) {
    check_length(r, "stream_arn", r.stream_arn, min_stream_arn, max_stream_arn);
    check_limit(r, r.limit, max_list_limit);
    if (r.exclusive_start_shard_id)
        check_length(r, "exclusive_start_shard_id", *r.exclusive_start_shard_id, min_shard_id,
                     max_shard_id);
}

void validate_request(const GetShardIteratorRequest& r) {
    check_length(r, "stream_arn", r.stream_arn, min_stream_arn, max_stream_arn);
    check_length(r, "shard_id", r.shard_id, min_shard_id, max_shard_id);
    const bool positioned = r.shard_iterator_type == ShardIteratorType::at_sequence_number ||
                            r.shard_iterator_type == ShardIteratorType::after_sequence_number;
    if (positioned && !r.sequence_number)
        fail(r,
             "sequence_number is required with " + std::string(to_string(r.shard_iterator_type)));
    if (!positioned && r.sequence_number)
        fail(r, "sequence_number cannot be given with " +
                    std::string(to_string(r.shard_iterator_type)));
    if (r.sequence_number) {
        check_length(r, "sequence_number", *r.sequence_number, min_sequence_number,
                     max_sequence_number);
        if (!std::ranges::all_of(*r.sequence_number, [](char c) { return c >= '0' && c <= '9'; }))
            fail(r, "sequence_number " + quoted_excerpt(*r.sequence_number) +
                        " is not a decimal number");
    }
}

void validate_request(const GetRecordsRequest& r) {
    check_length(r, "shard_iterator", r.shard_iterator, 1, max_shard_iterator);
    check_limit(r, r.limit, max_records_limit);
}

} // namespace dynaq::detail

// What the Streams service adds below the operation codecs: its endpoint rules, its endpoint
// settings, its error codes and the request checks the checklist's one invalid sample does
// not cover.
#include "../auth/auth_test_support.hpp"
#include "codec_support.hpp"

#include <dynaq/config.hpp>
#include "client/operation_codec.hpp"
#include <dynaq/endpoint.hpp>
#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace dynaq;
using dynaq::test::TempDir;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

struct Where {
    std::string region;
    bool fips = false;
    bool dualstack = false;
    std::string endpoint{};
    std::string account_id{};
    AccountIdEndpointMode mode = AccountIdEndpointMode::preferred;
};

std::string streams_url(const Where& w) {
    EndpointParams p;
    p.service = Service::streams;
    p.region = w.region;
    p.use_fips = w.fips;
    p.use_dualstack = w.dualstack;
    p.endpoint = w.endpoint;
    p.account_id = w.account_id;
    p.account_id_endpoint_mode = w.mode;
    return resolve_service_endpoint(p).url;
}

Environment env_with_home(const TempDir& home, std::string_view config, Vars vars) {
    home.write(".aws/config", config);
    vars["HOME"] = home.path();
    vars.try_emplace("AWS_REGION", "eu-west-1");
    return Environment::from_map(std::move(vars));
}

} // namespace

TEST_CASE("streams endpoint: the Streams host in every partition, FIPS and dual-stack",
          "[streams][endpoint]") {
    CHECK(streams_url({.region = "eu-west-1"}) ==
          "https://streams.dynamodb.eu-west-1.amazonaws.com");
    CHECK(streams_url({.region = "cn-north-1"}) ==
          "https://streams.dynamodb.cn-north-1.amazonaws.com.cn");
    CHECK(streams_url({.region = "us-east-1", .fips = true}) ==
          "https://streams.dynamodb-fips.us-east-1.amazonaws.com");
    CHECK(streams_url({.region = "us-gov-west-1", .fips = true}) ==
          "https://streams.dynamodb.us-gov-west-1.amazonaws.com");
    CHECK(streams_url({.region = "us-east-1", .dualstack = true}) ==
          "https://streams.dynamodb.us-east-1.api.aws");
    CHECK(streams_url({.region = "local"}) == "http://localhost:8000");
    CHECK(streams_url({.region = "eu-west-1", .endpoint = "http://127.0.0.1:4566"}) ==
          "http://127.0.0.1:4566");
    // No account-ID endpoints for Streams: a known account changes nothing, a required one
    // cannot be honoured.
    CHECK(streams_url({.region = "us-east-1", .account_id = "123456789012"}) ==
          "https://streams.dynamodb.us-east-1.amazonaws.com");
    CHECK_THROWS_AS(streams_url({.region = "us-east-1",
                                 .account_id = "123456789012",
                                 .mode = AccountIdEndpointMode::required}),
                    ConfigError);
    CHECK(target_prefix(Service::streams) == "DynamoDBStreams_20120810");
    CHECK(target_prefix(Service::dynamodb) == "DynamoDB_20120810");
}

TEST_CASE("streams endpoint: its own setting first, then DynamoDB's custom endpoint",
          "[streams][endpoint]") {
    TempDir home;
    const auto own = ClientConfig::from_env(
        env_with_home(home, "[default]\n",
                      {{"AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "http://127.0.0.1:9001"},
                       {"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9000"}}));
    CHECK(own.resolved_endpoint().url == "http://127.0.0.1:9000");
    CHECK(own.resolved_endpoint(Service::streams).url == "http://127.0.0.1:9001");

    const auto shared = ClientConfig::from_env(
        env_with_home(home, "[default]\n", {{"AWS_ENDPOINT_URL", "http://127.0.0.1:9000"}}));
    CHECK(shared.streams_endpoint.empty());
    CHECK(shared.resolved_endpoint(Service::streams).url == "http://127.0.0.1:9000");

    const auto services = ClientConfig::from_env(
        env_with_home(home,
                      "[default]\nservices = local\n[services local]\ndynamodb_streams =\n"
                      "  endpoint_url = http://127.0.0.1:9002\n",
                      {}));
    CHECK(services.resolved_endpoint(Service::streams).url == "http://127.0.0.1:9002");
    CHECK(services.resolved_endpoint().url == "https://dynamodb.eu-west-1.amazonaws.com");

    const auto ignored = ClientConfig::from_env(
        env_with_home(home, "[default]\n",
                      {{"AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "http://127.0.0.1:9001"},
                       {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}}));
    CHECK(ignored.resolved_endpoint(Service::streams).url ==
          "https://streams.dynamodb.eu-west-1.amazonaws.com");
}

TEST_CASE("streams errors: the three Streams codes map to their classes", "[streams][errors]") {
    CHECK_THROWS_AS(throw_service_error("ExpiredIteratorException", "old", 400, "r"),
                    ExpiredIteratorError);
    CHECK_THROWS_AS(throw_service_error("TrimmedDataAccessException", "gone", 400, "r"),
                    TrimmedDataAccessError);
    CHECK_THROWS_AS(throw_service_error("LimitExceededException", "slow down", 400, "r"),
                    LimitExceededError);
}

TEST_CASE("streams validation: what the Streams API is certain to reject", "[streams][validate]") {
    const std::string arn =
        "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
    const std::string shard = "shardId-00000001700000000000-aaaaaaaa";
    auto rejects = [](const auto& request, std::string_view words) {
        CHECK_THROWS_WITH(detail::validate_request(request), Catch::Contains(std::string(words)));
    };
    rejects(ListStreamsRequest{.table_name = "x"}, "ListStreams: table_name");
    rejects(ListStreamsRequest{.limit = 0}, "ListStreams: limit must be 1 to 100");
    rejects(DescribeStreamRequest{.stream_arn = arn, .exclusive_start_shard_id = "short"},
            "exclusive_start_shard_id must be 28 to 65");
    rejects(GetShardIteratorRequest{.stream_arn = arn,
                                    .shard_id = shard,
                                    .shard_iterator_type = ShardIteratorType::latest,
                                    .sequence_number = "100000000000000000001"},
            "sequence_number cannot be given with LATEST");
    rejects(GetShardIteratorRequest{.stream_arn = arn,
                                    .shard_id = shard,
                                    .shard_iterator_type = ShardIteratorType::at_sequence_number,
                                    .sequence_number = "10000000000000000000x"},
            "is not a decimal number");
    rejects(GetShardIteratorRequest{.stream_arn = arn, .shard_id = ""}, "shard_id must be");
    rejects(GetRecordsRequest{}, "GetRecords: shard_iterator must be 1 to 2048");
    CHECK_NOTHROW(detail::validate_request(GetShardIteratorRequest{
        .stream_arn = arn, .shard_id = shard, .shard_iterator_type = ShardIteratorType::latest}));
}

TEST_CASE("streams decoding: a record without its sequence number or event name is malformed",
          "[streams][decode]") {
    CHECK_THROWS_WITH(dynaq_test::decode<GetRecordsResponse>(
                          R"({"Records": [{"eventName": "INSERT", "dynamodb": {}}]})"),
                      Catch::Contains("Records[0].dynamodb.SequenceNumber"));
    CHECK_THROWS_WITH(
        dynaq_test::decode<GetRecordsResponse>(
            R"({"Records": [{"eventName": "UPSERT", "dynamodb": {"SequenceNumber": "1"}}]})"),
        Catch::Contains("Records[0].eventName"));
    // A closed shard read to its end: no NextShardIterator.
    CHECK(dynaq_test::decode<GetRecordsResponse>(R"({"Records": []})") == GetRecordsResponse{});
}

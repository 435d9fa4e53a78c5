#pragma once
// One awaitable per DynamoDB Streams operation (the rows of DYNAQ_STREAMS_OPERATIONS in
// detail/operation_list.hpp): ListStreams, DescribeStream, GetShardIterator, GetRecords.
//
//   dynaq::StreamsClient streams(client);            // the Client's executor and configuration
//   auto listed = co_await streams.list_streams(req);
//
// Streams is a service of its own (target prefix DynamoDBStreams_20120810, endpoint
// streams.dynamodb.{region}.{dnsSuffix}, signed as "dynamodb"), so a StreamsClient has its own
// Transport (connection pool, retry quota) built from the same ClientConfig; the endpoint is
// ClientConfig::resolved_endpoint(Service::streams). To follow a table's changes across shards,
// use ChangeStream (change_stream.hpp), which is built on this.
#include <dynaq/config.hpp>
#include <dynaq/detail/operation_list.hpp>
#include <dynaq/export.hpp>
#include <dynaq/model/streams.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>

namespace dynaq {

class Client;

class DYNAQ_API StreamsClient {
public:
    using executor_type = boost::asio::any_io_executor;
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    /// Throws ConfigError for an unusable configuration, as Client does.
    StreamsClient(executor_type executor, ClientConfig config);
    /// The executor and configuration of `client` (which need not outlive this).
    explicit StreamsClient(const Client& client);
    ~StreamsClient();
    StreamsClient(StreamsClient&&) noexcept;
    StreamsClient& operator=(StreamsClient&&) noexcept;

#define DYNAQ_ARGUMENT_required
#define DYNAQ_ARGUMENT_optional = {}
#define DYNAQ_DECLARE_STREAMS_OPERATION(method, Name, retry, items, argument)                      \
    awaitable<Name##Response> method(const Name##Request& request DYNAQ_ARGUMENT_##argument);
    DYNAQ_STREAMS_OPERATIONS(DYNAQ_DECLARE_STREAMS_OPERATION)
#undef DYNAQ_DECLARE_STREAMS_OPERATION
#undef DYNAQ_ARGUMENT_optional
#undef DYNAQ_ARGUMENT_required

    /// DescribeStream, following LastEvaluatedShardId until every shard is listed; the
    /// description of the last page with the shards of all pages.
    awaitable<StreamDescription> describe_stream_all(std::string stream_arn);

    [[nodiscard]] executor_type get_executor() const noexcept;
    [[nodiscard]] const ClientConfig& config() const noexcept;
    [[nodiscard]] const Transport& transport() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq

#include "client/operation_codec.hpp"
#include <dynaq/client.hpp>
#include <dynaq/streams_client.hpp>

#include <string>
#include <utility>

namespace dynaq {

struct StreamsClient::Impl {
    Impl(executor_type ex, ClientConfig config) :
        executor(ex), transport(ex, std::move(config), Service::streams) {}

    // Streams calls are few (a poll every quarter second a shard at most), so unlike the
    // Client this encodes into a fresh string rather than recycling buffers.
    template <detail::Operation Request>
    awaitable<typename detail::operation_traits<Request>::response_type>
    execute(const Request& request) {
        using traits = detail::operation_traits<Request>;
        static_assert(traits::service == Service::streams);
        std::string body;
        detail::encode(request, body); // throws before anything is sent
        typename traits::response_type out;
        auto decode = [&out](Response& reply) {
            out = {};
            detail::decode_body(std::move(reply.body), out);
        };
        const CallOptions options{traits::idempotent, decode};
        (void)co_await transport.call(traits::name, body, options);
        co_return out;
    }

    executor_type executor;
    Transport transport;
};

StreamsClient::StreamsClient(executor_type executor, ClientConfig config) :
    impl_(std::make_unique<Impl>(executor, std::move(config))) {}
StreamsClient::StreamsClient(const Client& client) :
    StreamsClient(client.get_executor(), client.config()) {}
StreamsClient::~StreamsClient() = default;
StreamsClient::StreamsClient(StreamsClient&&) noexcept = default;
StreamsClient& StreamsClient::operator=(StreamsClient&&) noexcept = default;

#define DYNAQ_STREAMS_CLIENT_OPERATION(method, Name, ...)                                          \
    StreamsClient::awaitable<Name##Response> StreamsClient::method(const Name##Request& request) { \
        return impl_->execute(request);                                                            \
    }
DYNAQ_STREAMS_OPERATIONS(DYNAQ_STREAMS_CLIENT_OPERATION)
#undef DYNAQ_STREAMS_CLIENT_OPERATION

StreamsClient::awaitable<StreamDescription>
StreamsClient::describe_stream_all(std::string stream_arn) {
    DescribeStreamRequest request{.stream_arn = std::move(stream_arn)};
    std::vector<StreamShard> shards;
    for (;;) {
        DescribeStreamResponse page = co_await impl_->execute(request);
        StreamDescription& d = page.stream_description;
        shards.insert(shards.end(), std::make_move_iterator(d.shards.begin()),
                      std::make_move_iterator(d.shards.end()));
        if (!d.last_evaluated_shard_id) {
            d.shards = std::move(shards);
            co_return std::move(d);
        }
        request.exclusive_start_shard_id = std::move(d.last_evaluated_shard_id);
    }
}

StreamsClient::executor_type StreamsClient::get_executor() const noexcept {
    return impl_->executor;
}
const ClientConfig& StreamsClient::config() const noexcept {
    return impl_->transport.config();
}
const Transport& StreamsClient::transport() const noexcept {
    return impl_->transport;
}

} // namespace dynaq

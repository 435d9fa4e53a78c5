#pragma once
// A table with a DynamoDB stream, for the Streams tests of the library and of the CLI.
#include "client_fixture.hpp"
#include "server.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace dynaq::test {

/// Creates "<prefix>-<stem>-<n>" with a string partition key `pk` and a NEW_AND_OLD_IMAGES
/// stream, and waits until it is ACTIVE.
inline boost::asio::awaitable<std::string> create_streamed_table(Client& client, std::string stem) {
    const std::string name = unique_table_name(stem);
    const CreateTableRequest create{
        .table_name = name,
        .attribute_definitions = {{.attribute_name = "pk",
                                   .attribute_type = ScalarAttributeType::s}},
        .key_schema = {{.attribute_name = "pk", .key_type = KeyType::hash}},
        .billing_mode = BillingMode::pay_per_request,
        .stream_specification = StreamSpecification{
            .stream_enabled = true, .stream_view_type = StreamViewType::new_and_old_images}};
    (void)co_await client.create_table(create);
    co_await wait_active(client, name);
    co_return name;
}

} // namespace dynaq::test

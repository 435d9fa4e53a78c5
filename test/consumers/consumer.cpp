// The program every consumer test builds against an installed (or subproject) dynaq: one real
// round trip through the public API, so a build that compiles but links the wrong library, or
// a shared library that does not export what the headers declare, fails here.
//
//   consumer TABLE_NAME      endpoint from DYNAQ_TEST_ENDPOINT, credentials and region as usual
//
// Creates the table, puts an item, reads it back and compares, deletes the table; prints OK,
// or the error and exits with status 1. Only public headers, the way a user's program is.
#include <dynaq/client.hpp>
#include <dynaq/json.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

namespace asio = boost::asio;

namespace {

asio::awaitable<void> round_trip(dynaq::Client& client, std::string table) {
    const dynaq::CreateTableRequest create{
        .table_name = table,
        .attribute_definitions = {{"pk", dynaq::ScalarAttributeType::s}},
        .key_schema = {{"pk", dynaq::KeyType::hash}},
        .billing_mode = dynaq::BillingMode::pay_per_request,
    };
    co_await client.create_table(create);

    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int i = 0;; ++i) {
        const dynaq::DescribeTableRequest describe{.table_name = table};
        auto described = co_await client.describe_table(describe);
        if (described.table.table_status == dynaq::TableStatus::active)
            break;
        if (i == 100)
            throw std::runtime_error("table " + table + " did not become ACTIVE");
        timer.expires_after(std::chrono::milliseconds(100));
        co_await timer.async_wait(asio::use_awaitable);
    }

    const dynaq::PutItemRequest put{.table_name = table,
                                    .item = {{"pk", "consumer#1"}, {"n", 42}, {"s", "text"}}};
    co_await client.put_item(put);

    const dynaq::GetItemRequest get{
        .table_name = table, .key = {{"pk", "consumer#1"}}, .consistent_read = true};
    auto got = co_await client.get_item(get);
    if (!got.item || *got.item != put.item)
        throw std::runtime_error("GetItem returned " +
                                 (got.item ? dynaq::to_json(*got.item) : "no item") +
                                 ", expected " + dynaq::to_json(put.item));

    const dynaq::DeleteTableRequest drop{.table_name = table};
    co_await client.delete_table(drop);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " TABLE_NAME\n";
        return 2;
    }
    const char* endpoint = std::getenv("DYNAQ_TEST_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
        std::cerr << argv[0] << ": DYNAQ_TEST_ENDPOINT is not set\n";
        return 2;
    }
    try {
        dynaq::ConfigOverrides overrides;
        overrides.endpoint = endpoint;
        asio::io_context io;
        dynaq::Client client(io.get_executor(), dynaq::ClientConfig::from_env(
                                                    dynaq::Environment::process(), overrides));
        std::exception_ptr failure;
        asio::co_spawn(io, round_trip(client, argv[1]), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure)
            std::rethrow_exception(failure);
    } catch (const dynaq::Error& e) { // caught by its type: the type_info crosses the library
        std::cerr << argv[0] << ": dynaq::Error: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << '\n';
        return 1;
    }
    std::cout << "OK\n";
    return 0;
}

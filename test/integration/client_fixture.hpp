#pragma once
// A Client pointed at the server tools/test started, and a way to run one coroutine to its end
// from a plain Catch2 test.
#include "server.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

namespace dynaq::test {

inline ClientConfig test_client_config() {
    ClientConfig config;
    config.region = "us-east-1";
    config.endpoint = test_endpoint();
    // Neither server checks signatures; dynalite only insists that one is there.
    config.credentials =
        std::make_shared<StaticCredentialsProvider>(Credentials{.access_key_id = "AKIDTEST",
                                                                .secret_access_key = "secret",
                                                                .session_token = {},
                                                                .expiration = {}});
    return config;
}

/// Owns an io_context and a Client on it; `run` drives one coroutine to completion.
class ClientFixture {
public:
    explicit ClientFixture(ClientConfig config = test_client_config()) :
        client(io.get_executor(), std::move(config)) {}

    template <class T>
    T run(boost::asio::awaitable<T> work) {
        std::exception_ptr failure;
        std::optional<T> result;
        boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr e, T value) {
            failure = e;
            if (!e)
                result.emplace(std::move(value));
        });
        io.restart();
        io.run();
        if (failure)
            std::rethrow_exception(failure);
        return std::move(*result);
    }

    void run(boost::asio::awaitable<void> work) {
        std::exception_ptr failure;
        boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr e) { failure = e; });
        io.restart();
        io.run();
        if (failure)
            std::rethrow_exception(failure);
    }

    boost::asio::io_context io;
    Client client;
};

/// Polls DescribeTable until the table is ACTIVE (both local servers create instantly, but
/// DynamoDB itself does not, and tests should not depend on that).
inline boost::asio::awaitable<void> wait_active(Client& client, const std::string& table) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    for (int i = 0; i < 200; ++i) {
        const DescribeTableRequest describe_table_req1{.table_name = table};
        auto d = co_await client.describe_table(describe_table_req1);
        if (d.table.table_status == TableStatus::active)
            co_return;
        timer.expires_after(std::chrono::milliseconds(50));
        co_await timer.async_wait(boost::asio::use_awaitable);
    }
    throw std::runtime_error("table " + table + " never became ACTIVE");
}

/// A pay-per-request table with string keys pk (hash) and, unless `hash_only`, sk (range).
inline boost::asio::awaitable<void> create_pk_sk_table(Client& client, const std::string& table,
                                                       bool hash_only = false) {
    CreateTableRequest req{.table_name = table,
                           .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                           .key_schema = {{"pk", KeyType::hash}},
                           .billing_mode = BillingMode::pay_per_request};
    if (!hash_only) {
        req.attribute_definitions.push_back({"sk", ScalarAttributeType::s});
        req.key_schema.push_back({"sk", KeyType::range});
    }
    co_await client.create_table(req);
    co_await wait_active(client, table);
}

inline boost::asio::awaitable<void> drop_table(Client& client, const std::string& table) {
    const DeleteTableRequest request{.table_name = table};
    co_await client.delete_table(request);
}

} // namespace dynaq::test

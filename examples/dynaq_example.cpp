// A round trip through the Client: create a table, write, read and query items, then clean up.
//
//   dynaq-example [--endpoint http://127.0.0.1:8000] [--region REGION] [--table NAME]
//
// Region and credentials come from the usual AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID,
// ~/.aws/...); --endpoint points it at a local DynamoDB such as dynalite or moto, which gets
// dummy credentials (see example_args.hpp).
#include "example_args.hpp"

#include <dynaq/client.hpp>
#include <dynaq/json.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <variant>

namespace asio = boost::asio;

namespace {

asio::awaitable<void> wait_until_active(dynaq::Client& client, const std::string& table) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int i = 0; i < 100; ++i) {
        const dynaq::DescribeTableRequest describe_table_req1{.table_name = table};
        auto described = co_await client.describe_table(describe_table_req1);
        if (described.table.table_status == dynaq::TableStatus::active)
            co_return;
        timer.expires_after(std::chrono::milliseconds(100));
        co_await timer.async_wait(asio::use_awaitable);
    }
    throw std::runtime_error("table " + table + " did not become ACTIVE");
}

asio::awaitable<void> run(dynaq::Client& client, std::string table) {
    auto tables = co_await client.list_all_tables();
    std::cout << "ListTables: " << tables.size() << " table(s)\n";

    // Requests are built before co_await: g++ 12 miscompiles braced lists inside a co_await
    // expression ("array used as initializer"); clang and newer g++ accept both forms.
    const dynaq::CreateTableRequest create{
        .table_name = table,
        .attribute_definitions = {{"pk", dynaq::ScalarAttributeType::s},
                                  {"sk", dynaq::ScalarAttributeType::s}},
        .key_schema = {{"pk", dynaq::KeyType::hash}, {"sk", dynaq::KeyType::range}},
        .billing_mode = dynaq::BillingMode::pay_per_request,
    };
    co_await client.create_table(create);
    co_await wait_until_active(client, table);
    std::cout << "CreateTable: " << table << " is ACTIVE\n";

    for (int i = 0; i < 3; ++i) {
        const dynaq::PutItemRequest put{
            .table_name = table,
            .item = {{"pk", "user#1"},
                     {"sk", "order#" + std::to_string(i)},
                     {"total", dynaq::Number("19.99")},
                     {"items", i + 1},
                     {"tags", dynaq::StringSet{"new", "paid"}}},
        };
        co_await client.put_item(put);
    }
    std::cout << "PutItem: 3 orders written\n";

    const dynaq::GetItemRequest get{
        .table_name = table, .key = {{"pk", "user#1"}, {"sk", "order#1"}}, .consistent_read = true};
    auto got = co_await client.get_item(get);
    if (!got.item)
        throw std::runtime_error("GetItem did not find the item just written");
    std::cout << "GetItem: " << *got.item << '\n';

    const dynaq::QueryRequest query{
        .table_name = table,
        .key_condition_expression = "pk = :pk AND begins_with(sk, :prefix)",
        .expression_attribute_values = {{":pk", "user#1"}, {":prefix", "order#"}},
    };
    auto page = co_await client.query(query);
    std::cout << "Query: " << page.count << " item(s) under user#1\n";
    if (page.count != 3)
        throw std::runtime_error("Query returned " + std::to_string(page.count) +
                                 " items, expected 3");

    const dynaq::DeleteTableRequest delete_table_req2{.table_name = table};
    co_await client.delete_table(delete_table_req2);
    std::cout << "DeleteTable: " << table << " deleted\n";
}

} // namespace

int main(int argc, char** argv) {
    return dynaq_examples::example_main(argc, argv, "dynaq_example", "dynaq-example", run);
}

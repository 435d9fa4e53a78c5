// Completion style: C++20 coroutines. The short form throws typed exceptions; the async_ form
// with as_tuple(use_awaitable) and a Diagnostics gives (error_code, response) instead.
#include "styles_common.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
using dynaq_examples::expect;

namespace {

asio::awaitable<void> run(dynaq::Client& client, const std::string& table) {
    const dynaq::PutItemRequest put{.table_name = table,
                                    .item = {{"pk", "user#1"}, {"sk", "profile"}, {"age", 42}},
                                    .condition_expression = "attribute_not_exists(pk)"};
    co_await client.put_item(put); // throws dynaq::Error on failure

    // The same write again fails its condition: no exception, a code and diagnostics.
    dynaq::Diagnostics diag;
    auto [ec, unused] =
        co_await client.async_put_item(put, diag, asio::as_tuple(asio::use_awaitable));
    expect(ec == dynaq::errc::conditional_check_failed, "ConditionalCheckFailed");
    std::cout << "second put: " << ec.message() << " (" << diag.service_code << ", "
              << diag.operation << ", " << diag.attempts << " attempt)\n";

    const dynaq::GetItemRequest get{.table_name = table,
                                    .key = {{"pk", "user#1"}, {"sk", "profile"}}};
    const dynaq::GetItemResponse got = co_await client.async_get_item(get, asio::use_awaitable);
    expect(got.item && got.item->at("age").as_number().to_int64() == 42, "the stored age");
    std::cout << "age: " << got.item->at("age").as_number().text() << '\n';
}

} // namespace

int main(int argc, char** argv) {
    return dynaq_examples::styles_main(
        argc, argv, "dynaq-styles-coroutine",
        [](asio::io_context& io, dynaq::Client& client, const std::string& table) {
            dynaq_examples::run_with_client_loop(io, run(client, table));
        });
}

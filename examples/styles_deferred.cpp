// Completion style: deferred (the default token). An async_ call without a token returns an
// operation that sends nothing until launched; operations compose into one before any runs.
#include "styles_common.hpp"

#include <boost/asio/deferred.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
using boost::system::error_code;
using dynaq_examples::expect;

int main(int argc, char** argv) {
    return dynaq_examples::styles_main(
        argc, argv, "dynaq-styles-deferred",
        [](asio::io_context& io, dynaq::Client& client, const std::string& table) {
            const dynaq::PutItemRequest put{.table_name = table,
                                            .item = {{"pk", "user#3"}, {"sk", "c"}, {"n", 3}}};
            const dynaq::GetItemRequest get{.table_name = table,
                                            .key = {{"pk", "user#3"}, {"sk", "c"}}};
            // Put, then (only if the put succeeded) get: one composed operation.
            auto put_then_get = client.async_put_item(
                put, asio::deferred([&client, get](error_code ec, dynaq::PutItemResponse) {
                    return asio::deferred.when(!ec)
                        .then(client.async_get_item(get))
                        .otherwise(asio::deferred.values(ec, dynaq::GetItemResponse{}));
                }));
            bool done = false;
            std::move(put_then_get)([&](error_code ec, dynaq::GetItemResponse got) {
                expect(!ec && got.item.has_value(), "the composed put and get");
                std::cout << "n = " << got.item->at("n").as_number().text() << '\n';
                done = true;
            });
            io.restart();
            io.run();
            expect(done, "the composed operation completed");
        });
}

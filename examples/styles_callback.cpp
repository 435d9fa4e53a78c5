// Completion style: plain callbacks, no coroutine. Each handler gets (error_code, response)
// and starts the next step; the io_context runs them.
#include "styles_common.hpp"

#include <iostream>
#include <string>

namespace asio = boost::asio;
using boost::system::error_code;
using dynaq_examples::expect;

int main(int argc, char** argv) {
    return dynaq_examples::styles_main(
        argc, argv, "dynaq-styles-callback",
        [](asio::io_context& io, dynaq::Client& client, const std::string& table) {
            const dynaq::PutItemRequest put{.table_name = table,
                                            .item = {{"pk", "user#1"}, {"sk", "a"}, {"n", 1}}};
            const dynaq::GetItemRequest get{.table_name = table,
                                            .key = {{"pk", "user#1"}, {"sk", "a"}}};
            bool done = false;
            // The requests are copied into the operations: they may go before the calls end.
            client.async_put_item(put, [&, get](error_code ec, dynaq::PutItemResponse) {
                expect(!ec, "put");
                client.async_get_item(get, [&](error_code ec2, dynaq::GetItemResponse got) {
                    expect(!ec2 && got.item.has_value(), "get");
                    std::cout << "got n = " << got.item->at("n").as_number().text() << '\n';
                    done = true;
                });
            });
            io.restart();
            io.run();
            expect(done, "both callbacks ran");
        });
}

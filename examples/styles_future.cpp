// Completion style: std::future, from a thread that does not run the io_context (a thread of
// a program that is not built on Asio). The io_context runs on a thread of its own.
#include "styles_common.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>

#include <future>
#include <iostream>
#include <string>
#include <thread>

namespace asio = boost::asio;
using dynaq_examples::expect;

int main(int argc, char** argv) {
    return dynaq_examples::styles_main(
        argc, argv, "dynaq-styles-future",
        [](asio::io_context& io, dynaq::Client& client, const std::string& table) {
            auto work = asio::make_work_guard(io);
            io.restart();
            std::thread io_thread([&] { io.run(); });
            try {
                const dynaq::PutItemRequest put{.table_name = table,
                                                .item = {{"pk", "user#2"}, {"sk", "b"}}};
                client.async_put_item(put, asio::use_future).get(); // throws system_error

                const dynaq::GetItemRequest get{.table_name = table,
                                                .key = {{"pk", "user#2"}, {"sk", "b"}}};
                std::future<dynaq::GetItemResponse> f =
                    client.async_get_item(get, asio::use_future);
                const dynaq::GetItemResponse got = f.get();
                expect(got.item.has_value(), "the item written");
                std::cout << "found user#2 from a non-Asio thread\n";
            } catch (...) {
                work.reset();
                io_thread.join();
                throw;
            }
            work.reset();
            io_thread.join();
        });
}

// Completion style: experimental::parallel_group. Reads fan out at once, and the whole group
// races a timeout: whichever finishes first cancels the other.
#include "styles_common.hpp"

#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <iostream>
#include <string>

namespace asio = boost::asio;
using boost::system::error_code;
using dynaq_examples::expect;

int main(int argc, char** argv) {
    return dynaq_examples::styles_main(
        argc, argv, "dynaq-styles-parallel-group",
        [](asio::io_context& io, dynaq::Client& client, const std::string& table) {
            const dynaq::BatchWriteItemRequest seed{
                .request_items = {{table,
                                   {dynaq::PutRequest{{{"pk", "p"}, {"sk", "1"}}},
                                    dynaq::PutRequest{{{"pk", "p"}, {"sk", "2"}}}}}}};
            const dynaq::GetItemRequest first{.table_name = table,
                                              .key = {{"pk", "p"}, {"sk", "1"}}};
            const dynaq::GetItemRequest second{.table_name = table,
                                               .key = {{"pk", "p"}, {"sk", "2"}}};
            bool seeded = false;
            client.async_batch_write_item(seed,
                                          [&](error_code ec, dynaq::BatchWriteItemResponse r) {
                                              seeded = !ec && r.unprocessed_items.empty();
                                          });
            io.restart();
            io.run();
            expect(seeded, "the two items written");

            // Both reads, as one operation completing when both have.
            auto reads = asio::experimental::make_parallel_group(client.async_get_item(first),
                                                                 client.async_get_item(second))
                             .async_wait(asio::experimental::wait_for_all(), asio::deferred);
            asio::steady_timer timeout(io, std::chrono::seconds(30));
            bool done = false;
            asio::experimental::make_parallel_group(std::move(reads),
                                                    timeout.async_wait(asio::deferred))
                .async_wait(asio::experimental::wait_for_one(),
                            [&](std::array<std::size_t, 2> order, std::array<std::size_t, 2>,
                                error_code ec1, dynaq::GetItemResponse r1, error_code ec2,
                                dynaq::GetItemResponse r2, error_code) {
                                expect(order[0] == 0, "the reads beat the timeout");
                                expect(!ec1 && !ec2 && r1.item && r2.item, "both items read");
                                std::cout << "read " << r1.item->at("sk").as_string() << " and "
                                          << r2.item->at("sk").as_string() << " in parallel\n";
                                done = true;
                            });
            io.restart();
            io.run();
            expect(done, "the group completed");
        });
}

// The async_ forms against moto and dynalite: a future from a thread outside Asio, as_tuple
// with Diagnostics for a failed condition, and every examples/styles_*.cpp program run as it
// is against the same server (each one a test case, so tools/test counts them).
#include "client_fixture.hpp"
#include "server.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <tuple>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

struct ProgramResult {
    int status = -1;
    std::string output;
};

// Runs `program --endpoint <the test server>` and collects its stdout and stderr.
ProgramResult run_program(const std::string& program) {
    const std::string command = "'" + program + "' --endpoint '" + test_endpoint() + "' 2>&1";
    ProgramResult r;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    REQUIRE(pipe);
    std::array<char, 512> buffer{};
    while (std::fgets(buffer.data(), int(buffer.size()), pipe.get()) != nullptr)
        r.output += buffer.data();
    const int raw = ::pclose(pipe.release());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

void expect_program_passes(const char* program) {
    const ProgramResult r = run_program(program);
    INFO(program << " said:\n" << r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("OK\n") != std::string::npos);
}

} // namespace

TEST_CASE("use_future from a non-Asio thread, and as_tuple with Diagnostics") {
    ClientFixture f;
    const std::string table = unique_table_name("styles");
    f.run(create_pk_sk_table(f.client, table));

    const PutItemRequest put{.table_name = table,
                             .item = {{"pk", "a"}, {"sk", "b"}, {"n", 5}},
                             .condition_expression = "attribute_not_exists(pk)"};
    const GetItemRequest get{.table_name = table, .key = {{"pk", "a"}, {"sk", "b"}}};
    {
        auto work = asio::make_work_guard(f.io);
        f.io.restart();
        std::thread io_thread([&] { f.io.run(); });
        {
            std::future<PutItemResponse> put_done = f.client.async_put_item(put, asio::use_future);
            CHECK_NOTHROW(put_done.get());
            std::future<GetItemResponse> got = f.client.async_get_item(get, asio::use_future);
            const GetItemResponse response = got.get();
            REQUIRE(response.item);
            CHECK(response.item->at("n").as_number().to_int64() == 5);
        }
        work.reset();
        io_thread.join();
    }

    Diagnostics diag;
    auto [ec, response] = f.run([&]() -> asio::awaitable<std::tuple<error_code, PutItemResponse>> {
        co_return co_await f.client.async_put_item(put, diag, asio::as_tuple(asio::use_awaitable));
    }());
    CHECK(ec == errc::conditional_check_failed);
    CHECK(diag.service_code == "ConditionalCheckFailedException");
    CHECK(diag.http_status == 400);
    CHECK(diag.operation == "PutItem");
    CHECK(diag.attempts == 1);
    CHECK(!diag.service_message.empty());
    CHECK_THROWS_AS(throw_error(ec, diag), ConditionalCheckFailedError);

    f.run(drop_table(f.client, table));
}

TEST_CASE("example: coroutine style") {
    expect_program_passes(DYNAQ_STYLE_COROUTINE);
}
TEST_CASE("example: callback style") {
    expect_program_passes(DYNAQ_STYLE_CALLBACK);
}
TEST_CASE("example: future from a non-Asio thread") {
    expect_program_passes(DYNAQ_STYLE_FUTURE);
}
TEST_CASE("example: deferred composition") {
    expect_program_passes(DYNAQ_STYLE_DEFERRED);
}
TEST_CASE("example: parallel_group fan-out with a timeout") {
    expect_program_passes(DYNAQ_STYLE_PARALLEL_GROUP);
}

// The universal async_ forms against the fault-injecting server: every completion style the
// header promises, Diagnostics on the error path, and cancellation through a bound slot.
#include "deadline_scale.hpp"
#include "fault_server.hpp"
#include "run_until_done.hpp"

#include <dynaq/client.hpp>
#include <dynaq/statement.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>

using namespace dynaq;
namespace asio = boost::asio;
using boost::system::error_code;
using dynaq::test::Action;
using dynaq::test::FaultServer;
using dynaq::test::RecordedRequest;

namespace {

// Every row of the operation list has both universal overloads, completing with its response.
#define DYNAQ_CHECK_ASYNC_ROW(method, Name, ...)                                                   \
    static_assert(std::is_same_v<decltype(std::declval<Client&>().async_##method(                  \
                                     std::declval<Name##Request>(), asio::use_future)),            \
                                 std::future<Name##Response>>);                                    \
    static_assert(std::is_same_v<decltype(std::declval<Client&>().async_##method(                  \
                                     std::declval<Name##Request>(), std::declval<Diagnostics&>(),  \
                                     asio::use_future)),                                           \
                                 std::future<Name##Response>>);                                    \
    static_assert(requires(Client & c, Name##Request r) {                                          \
        c.async_##method(r, [](error_code, Name##Response) {});                                    \
        c.async_##method(r);                                                                       \
    });
DYNAQ_OPERATIONS(DYNAQ_CHECK_ASYNC_ROW)
#undef DYNAQ_CHECK_ASYNC_ROW

static_assert(std::is_same_v<decltype(std::declval<Table<Item>&>().async_put_record(
                                 std::declval<Item>(), asio::use_future)),
                             std::future<void>>);
static_assert(std::is_same_v<decltype(std::declval<ItemStream&>().async_next(asio::use_future)),
                             std::future<std::optional<Item>>>);

class Keys final : public CredentialsProvider {
public:
    Credentials get() const override {
        return Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}};
    }
};

ClientConfig config_for(const FaultServer& server) {
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint = server.url();
    cfg.credentials = std::make_shared<Keys>();
    cfg.retry.base_delay = std::chrono::milliseconds(1);
    cfg.retry.max_delay = std::chrono::milliseconds(4);
    cfg.timeouts.attempt = dynaq::test::scaled(std::chrono::seconds(20));
    cfg.timeouts.call_deadline = dynaq::test::scaled(std::chrono::seconds(30));
    cfg.timeouts.idle = std::chrono::milliseconds(0);
    return cfg;
}

const std::string item_body = R"({"Item":{"pk":{"S":"a"},"n":{"N":"7"}}})";

GetItemRequest get_request() {
    return GetItemRequest{.table_name = "tbl", .key = {{"pk", "a"}}};
}

FaultServer answering(std::string body) {
    return FaultServer([body](const RecordedRequest&) { return Action::ok(body); });
}

// The server never answers GetItem; it records that the request arrived.
FaultServer stalling() {
    return FaultServer([](const RecordedRequest&) { return Action::stall(std::chrono::hours(1)); });
}

// Runs `ioc` until `done` or the safety net.
void run_until(asio::io_context& ioc, const bool& done) {
    const auto until =
        std::chrono::steady_clock::now() + dynaq::test::scaled(std::chrono::seconds(20));
    ioc.restart();
    while (!done && std::chrono::steady_clock::now() < until)
        ioc.run_one_for(std::chrono::milliseconds(50));
    REQUIRE(done);
}

} // namespace

// Runs an io_context on a thread of its own for the test's scope.
class IoThread {
public:
    IoThread() : thread_([this] { ioc.run(); }) {}
    ~IoThread() {
        guard_.reset();
        thread_.join();
    }
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    asio::io_context ioc;

private:
    asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(ioc);
    std::thread thread_;
};

TEST_CASE("use_future from a thread that does not run the io_context") {
    FaultServer server = answering(item_body);
    IoThread io;
    Client client(io.ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();
    std::future<GetItemResponse> f = client.async_get_item(req, asio::use_future);
    const GetItemResponse got = f.get();
    REQUIRE(got.item);
    CHECK(got.item->at("n").as_number().to_int64() == 7);

    // An error arrives as the exception Asio makes of the code.
    server.set_handler([](const RecordedRequest&) {
        return Action::error(400, "ResourceNotFoundException", "no table");
    });
    std::future<GetItemResponse> failed = client.async_get_item(req, asio::use_future);
    try {
        (void)failed.get();
        FAIL("no error");
    } catch (const boost::system::system_error& e) {
        CHECK(e.code() == errc::resource_not_found);
    }
}

TEST_CASE("as_tuple gives (error_code, Response) and Diagnostics for a ConditionalCheckFailed") {
    FaultServer server([](const RecordedRequest&) {
        return Action::error(400, "ConditionalCheckFailedException",
                             "The conditional request failed")
            .with_header("x-amzn-RequestId", "RID-CCF");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const PutItemRequest put{.table_name = "tbl",
                             .item = {{"pk", "a"}},
                             .condition_expression = "attribute_not_exists(pk)"};
    Diagnostics diag;
    diag.message = "left over from before";
    auto [ec, response] = dynaq::test::run_until_done(
        ioc, [&]() -> asio::awaitable<std::tuple<error_code, PutItemResponse>> {
            co_return co_await client.async_put_item(put, diag,
                                                     asio::as_tuple(asio::use_awaitable));
        }());
    CHECK(ec == errc::conditional_check_failed);
    CHECK(is_service_error(ec));
    CHECK(!response.attributes);
    CHECK(diag.service_code == "ConditionalCheckFailedException");
    CHECK(diag.service_message == "The conditional request failed");
    CHECK(diag.http_status == 400);
    CHECK(diag.request_id == "RID-CCF");
    CHECK(diag.operation == "PutItem");
    CHECK(diag.endpoint == server.url());
    CHECK(diag.attempts == 1);

    // The exception rebuilt from the pair is the one the short form throws.
    std::string thrown;
    try {
        dynaq::test::run_until_done(ioc, client.put_item(put));
    } catch (const ConditionalCheckFailedError& e) {
        thrown = e.what();
    }
    REQUIRE(!thrown.empty());
    try {
        throw_error(ec, diag);
    } catch (const ConditionalCheckFailedError& e) {
        CHECK(std::string(e.what()) == thrown);
        CHECK(e.request_id() == "RID-CCF");
    }

    // Success clears what an earlier failure left.
    server.set_handler([](const RecordedRequest&) { return Action::ok("{}"); });
    auto [ok, put_response] = dynaq::test::run_until_done(
        ioc, [&]() -> asio::awaitable<std::tuple<error_code, PutItemResponse>> {
            co_return co_await client.async_put_item(put, diag,
                                                     asio::as_tuple(asio::use_awaitable));
        }());
    CHECK(!ok);
    CHECK(diag.service_code.empty());
    CHECK(diag.operation.empty());
}

TEST_CASE("invalid input completes with errc::invalid_argument and sends nothing") {
    FaultServer server = answering(item_body);
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest bad{.table_name = "", .key = {{"pk", "a"}}};
    Diagnostics diag;
    std::optional<error_code> got;
    client.async_get_item(bad, diag, [&](error_code ec, GetItemResponse) { got = ec; });
    CHECK(!got); // never completes inline
    ioc.run();
    REQUIRE(got);
    CHECK(*got == errc::invalid_argument);
    CHECK(*got == boost::system::errc::invalid_argument);
    CHECK(diag.attempts == 0);
    CHECK(!diag.message.empty());
    CHECK(server.request_count() == 0);
}

TEST_CASE("redirect_error stores the code instead of throwing") {
    FaultServer server([](const RecordedRequest&) {
        return Action::error(400, "ValidationException", "bad key");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();
    error_code ec;
    const GetItemResponse got =
        dynaq::test::run_until_done(ioc, [&]() -> asio::awaitable<GetItemResponse> {
            co_return co_await client.async_get_item(req,
                                                     asio::redirect_error(asio::use_awaitable, ec));
        }());
    CHECK(ec == errc::validation);
    CHECK(!got.item);
}

TEST_CASE("plain callbacks, the deferred default and deferred composition") {
    FaultServer server = answering(item_body);
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();

    int calls = 0;
    client.async_get_item(req, [&](error_code ec, GetItemResponse r) {
        ++calls;
        CHECK(!ec);
        CHECK(r.item);
    });
    ioc.run();
    CHECK(calls == 1);

    // Nothing is sent until the deferred operation is launched.
    auto op = client.async_get_item(req);
    ioc.restart();
    ioc.run();
    CHECK(server.request_count() == 1);
    std::move(op)([&](error_code ec, GetItemResponse r) {
        ++calls;
        CHECK(!ec);
        CHECK(r.item);
    });
    ioc.restart();
    ioc.run();
    CHECK(calls == 2);
    CHECK(server.request_count() == 2);

    // Chained: the second call starts from the first one's result.
    auto chained = client.async_get_item(req, asio::deferred([&](error_code ec, GetItemResponse r) {
                                             CHECK(!ec);
                                             GetItemRequest again = get_request();
                                             again.key = {{"pk", r.item->at("pk")}};
                                             return client.async_get_item(again);
                                         }));
    bool chained_done = false;
    std::move(chained)(
        [&](error_code ec, GetItemResponse r) { chained_done = !ec && r.item.has_value(); });
    ioc.restart();
    ioc.run();
    CHECK(chained_done);
    CHECK(server.request_count() == 4);

    // co_await on the default token in a coroutine.
    const GetItemResponse awaited =
        dynaq::test::run_until_done(ioc, [&]() -> asio::awaitable<GetItemResponse> {
            co_return co_await client.async_get_item(req);
        }());
    CHECK(awaited.item);
}

TEST_CASE("a bound cancellation slot cancels the call in flight") {
    FaultServer server = stalling();
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();
    asio::cancellation_signal signal;
    Diagnostics diag;
    std::optional<error_code> got;
    bool done = false;
    client.async_get_item(
        req, diag, asio::bind_cancellation_slot(signal.slot(), [&](error_code ec, GetItemResponse) {
            got = ec;
            done = true;
        }));
    // Cancel once the request has reached the server: the read of the answer is what stops.
    asio::steady_timer poll(ioc);
    std::function<void()> wait_for_request = [&] {
        poll.expires_after(std::chrono::milliseconds(5));
        poll.async_wait([&](error_code) {
            if (server.request_count() > 0)
                signal.emit(asio::cancellation_type::terminal);
            else
                wait_for_request();
        });
    };
    wait_for_request();
    run_until(ioc, done);
    REQUIRE(got);
    CHECK(*got == errc::cancelled);
    CHECK(*got == boost::system::errc::operation_canceled);
    CHECK(diag.operation == "GetItem");
    CHECK(diag.attempts >= 1);
    CHECK(server.request_count() == 1);
    CHECK_THROWS_AS(throw_error(*got, diag), CancelledError);
}

TEST_CASE("parallel_group: a timer wins and cancels the call") {
    FaultServer server = stalling();
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();
    asio::steady_timer timer(ioc, std::chrono::milliseconds(50));
    bool done = false;
    std::array<std::size_t, 2> order{};
    error_code call_ec;
    asio::experimental::make_parallel_group(client.async_get_item(req, asio::deferred),
                                            timer.async_wait(asio::deferred))
        .async_wait(asio::experimental::wait_for_one(),
                    [&](std::array<std::size_t, 2> o, error_code ec, GetItemResponse, error_code) {
                        order = o;
                        call_ec = ec;
                        done = true;
                    });
    run_until(ioc, done);
    CHECK(order[0] == 1); // the timer finished first
    CHECK(call_ec == errc::cancelled);
    ioc.restart();
    ioc.run(); // nothing left behind
}

TEST_CASE("parallel_group: two calls fan out and both complete") {
    FaultServer server = answering(item_body);
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    const GetItemRequest req = get_request();
    bool done = false;
    asio::experimental::make_parallel_group(client.async_get_item(req), client.async_get_item(req))
        .async_wait(asio::experimental::wait_for_all(),
                    [&](std::array<std::size_t, 2>, error_code a, GetItemResponse ra, error_code b,
                        GetItemResponse rb) {
                        CHECK(!a);
                        CHECK(!b);
                        CHECK(ra.item);
                        CHECK(rb.item);
                        done = true;
                    });
    run_until(ioc, done);
    CHECK(server.request_count() == 2);
}

TEST_CASE("streams: async_next through a PartiQL statement stream") {
    FaultServer server([](const RecordedRequest& r) {
        return r.index == 0 ? Action::ok(R"({"Items":[{"pk":{"S":"a"}}],"NextToken":"t1"})")
                            : Action::ok(R"({"Items":[{"pk":{"S":"b"}}]})");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    ItemStream stream = execute_statement_stream(client, R"(SELECT * FROM "t")");
    std::vector<std::string> seen;
    bool end = false;
    std::function<void()> pull = [&] {
        stream.async_next([&](error_code ec, std::optional<Item> item) {
            REQUIRE(!ec);
            if (!item) {
                end = true;
                return;
            }
            seen.emplace_back(item->at("pk").as_string());
            pull();
        });
    };
    pull();
    run_until(ioc, end);
    CHECK(seen == std::vector<std::string>{"a", "b"});
    CHECK(server.request_count() == 2);

    // A failing page: the code and diagnostics, and the stream call named.
    server.set_handler([](const RecordedRequest&) {
        return Action::error(400, "ValidationException", "bad statement");
    });
    ItemStream failing = execute_statement_stream(client, R"(SELECT * FROM "t")");
    Diagnostics diag;
    std::future<std::optional<Item>> f = failing.async_next(diag, asio::use_future);
    ioc.restart();
    ioc.run();
    CHECK_THROWS_AS(f.get(), boost::system::system_error);
    CHECK(diag.service_code == "ValidationException");
    CHECK(diag.operation == "stream.next");
}

TEST_CASE("Table: async_ forms copy their arguments and complete through any token") {
    FaultServer server([](const RecordedRequest& r) {
        if (r.operation() == "GetItem")
            return Action::ok(R"({"Item":{"pk":{"S":"a"},"sk":{"S":"b"},"v":{"N":"1"}}})");
        return Action::ok("{}");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    Table<Item> table(client, TableSchema{.table_name = "tbl"});
    bool got_record = false;
    bool put_done = false;
    {
        Item key{{"pk", "a"}, {"sk", "b"}};
        table.async_get_record(key, [&](error_code ec, std::optional<Item> found) {
            CHECK(!ec);
            REQUIRE(found);
            CHECK(found->at("v").as_number().to_int64() == 1);
            got_record = true;
        });
        table.async_put_record(key, [&](error_code ec) {
            CHECK(!ec);
            put_done = true;
        });
    } // the record is gone before the calls run
    ioc.run();
    CHECK(got_record);
    CHECK(put_done);

    Diagnostics diag;
    const Item no_key{{"v", 1}};
    std::optional<error_code> ec;
    table.async_get_record(no_key, diag, [&](error_code e, std::optional<Item>) { ec = e; });
    ioc.restart();
    ioc.run();
    REQUIRE(ec);
    CHECK(*ec == boost::system::errc::invalid_argument); // InvalidArgumentError or a subclass
    CHECK(diag.operation == "Table::get_record");
    CHECK(server.request_count() == 2);
}

TEST_CASE("async_list_all_tables and async_call, the Client calls beside the list") {
    FaultServer server([](const RecordedRequest& r) {
        if (r.operation() == "ListTables")
            return r.body.find("ExclusiveStartTableName") == std::string::npos
                       ? Action::ok(R"({"TableNames":["one"],"LastEvaluatedTableName":"one"})")
                       : Action::ok(R"({"TableNames":["two"]})");
        return Action::ok(R"({"Custom":true})");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), config_for(server));
    std::vector<std::string> names;
    client.async_list_all_tables([&](error_code ec, std::vector<std::string> n) {
        CHECK(!ec);
        names = std::move(n);
    });
    Diagnostics diag;
    std::string body;
    client.async_call("SomeNewOperation", "{}", diag, [&](error_code ec, Response r) {
        CHECK(!ec);
        body = r.body;
    });
    ioc.run();
    CHECK(names == std::vector<std::string>{"one", "two"});
    CHECK(body == R"({"Custom":true})");
    CHECK(server.request_count() == 3);
}

// The waiter driver (lib/client/waiters.cpp) against test/support's FaultServer, for what the
// test servers cannot produce: Contributor Insights and Kinesis destinations, an unexpected
// error, running out of attempts, and cancellation between polls.
#include "fault_client.hpp"
#include "fault_server.hpp"
#include "run_until_done.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/waiters.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <vector>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// Answers the bodies in turn, then repeats the last.
test::Handler scripted(std::vector<test::Action> answers) {
    return [answers = std::move(answers)](const test::RecordedRequest& r) {
        return answers[std::min(r.index, answers.size() - 1)];
    };
}

const auto fast = WaiterOptions{.delay = 1ms};

} // namespace

TEST_CASE("waiter driver: Contributor Insights from ENABLING to ENABLED, or FAILED") {
    test::FaultServer server(scripted({
        test::Action::ok(R"({"TableName": "t1x", "ContributorInsightsStatus": "ENABLING"})"),
        test::Action::ok(R"({"TableName": "t1x", "ContributorInsightsStatus": "ENABLED"})"),
    }));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeContributorInsightsRequest{.table_name = "t1x"};
    const auto done =
        test::run_until_done(ioc, wait_until_contributor_insights_enabled(client, request, fast));
    CHECK(done.contributor_insights_status == ContributorInsightsStatus::enabled);
    CHECK(server.request_count() == 2);
    CHECK(server.requests()[1].operation() == "DescribeContributorInsights");

    server.set_handler(scripted({test::Action::ok(R"({"ContributorInsightsStatus": "FAILED"})")}));
    try {
        test::run_until_done(ioc, wait_until_contributor_insights_enabled(client, request, fast));
        FAIL("FAILED was waited through");
    } catch (const WaiterFailedError& e) {
        CHECK(e.waiter() == "ContributorInsightsEnabled");
        CHECK(e.state() == "ContributorInsightsStatus = FAILED");
    }
}

TEST_CASE("waiter driver: Kinesis destinations, one of them ACTIVE or all of them down") {
    test::FaultServer server(scripted({
        test::Action::ok(R"({"KinesisDataStreamDestinations": []})"),
        test::Action::ok(R"({"KinesisDataStreamDestinations": [
            {"StreamArn": "a", "DestinationStatus": "DISABLED"},
            {"StreamArn": "b", "DestinationStatus": "ENABLING"}]})"),
        test::Action::ok(R"({"KinesisDataStreamDestinations": [
            {"StreamArn": "a", "DestinationStatus": "DISABLED"},
            {"StreamArn": "b", "DestinationStatus": "ACTIVE"}]})"),
    }));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeKinesisStreamingDestinationRequest{.table_name = "t1x"};
    const auto done = test::run_until_done(
        ioc, wait_until_kinesis_streaming_destination_active(client, request, fast));
    CHECK(done.kinesis_data_stream_destinations.size() == 2);
    CHECK(server.request_count() == 3);

    server.set_handler(scripted({test::Action::ok(R"({"KinesisDataStreamDestinations": [
            {"StreamArn": "a", "DestinationStatus": "ENABLE_FAILED"},
            {"StreamArn": "b", "DestinationStatus": "DISABLED"}]})")}));
    CHECK_THROWS_AS(test::run_until_done(ioc, wait_until_kinesis_streaming_destination_active(
                                                  client, request, fast)),
                    WaiterFailedError);
}

TEST_CASE("waiter driver: an unexpected error is rethrown at once, not waited through") {
    test::FaultServer server(scripted({test::Action::error(400, "AccessDeniedException")}));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeTableRequest{.table_name = "t1x"};
    try {
        test::run_until_done(ioc, wait_until_table_exists(client, request, fast));
        FAIL("the error was waited through");
    } catch (const ServiceError& e) {
        CHECK(e.code() == "AccessDeniedException");
    }
    CHECK(server.request_count() == 1);
}

TEST_CASE("waiter driver: max_attempts polls, then TimeoutError with the last state") {
    test::FaultServer server(
        scripted({test::Action::ok(R"({"ExportDescription": {"ExportArn": "arn:x",
                                        "ExportStatus": "IN_PROGRESS"}})")}));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeExportRequest{.export_arn = std::string(40, 'a')};
    try {
        test::run_until_done(
            ioc, wait_until_export_completed(client, request, {.delay = 1ms, .max_attempts = 4}));
        FAIL("an export IN_PROGRESS completed");
    } catch (const TimeoutError& e) {
        CHECK(std::string(e.what()) ==
              "waiter ExportCompleted gave up after 4 polls of DescribeExport, 1 ms apart; last "
              "state: ExportDescription.ExportStatus = IN_PROGRESS");
    }
    CHECK(server.request_count() == 4);
}

TEST_CASE("waiter driver: bad options fail before the first poll") {
    test::FaultServer server(scripted({test::Action::ok()}));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeTableRequest{.table_name = "t1x"};
    CHECK_THROWS_AS(test::run_until_done(
                        ioc, wait_until_table_not_exists(client, request, {.max_attempts = 0})),
                    InvalidArgumentError);
    CHECK(server.request_count() == 0);
}

TEST_CASE("waiter driver: cancellation between polls is CancelledError") {
    test::FaultServer server(scripted(
        {test::Action::ok(R"({"Table": {"TableName": "t1x", "TableStatus": "CREATING"}})")}));
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = DescribeTableRequest{.table_name = "t1x"};
    asio::cancellation_signal cancel;
    std::exception_ptr error;
    bool finished = false;
    auto body = [&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        // An hour between polls: the cancellation always finds the waiter asleep.
        asio::co_spawn(
            executor, wait_until_table_exists(client, request, {.delay = 1h}),
            asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, auto&&...) {
                error = e;
                finished = true;
            }));
        asio::steady_timer timer(executor);
        // Until the first answer is in (a bound, not a timing assumption).
        for (int i = 0; i < 10'000 && server.request_count() == 0; ++i) {
            timer.expires_after(1ms);
            co_await timer.async_wait(asio::use_awaitable);
        }
        for (int i = 0; i < 100; ++i) { // let the answer be decoded and the sleep begin
            timer.expires_after(1ms);
            co_await timer.async_wait(asio::use_awaitable);
        }
        cancel.emit(asio::cancellation_type::terminal);
    };
    test::run_until_done(ioc, body());
    REQUIRE(finished);
    REQUIRE(error);
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError& e) {
        CHECK(std::string(e.what()) == "waiter TableExists cancelled after 1 poll; last state: "
                                       "Table.TableStatus = CREATING");
    }
    CHECK(server.request_count() == 1);
}

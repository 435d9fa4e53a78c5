// The waiter machine without a server: every DynamoDB waiter's definition (botocore's
// waiters-2.json), every acceptor kind, attempt counting, the delay, and the messages.
#include "waiter_fsm.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;
using namespace std::chrono_literals;
using Action = WaiterStep::Action;

namespace {

WaiterObservation values(const std::vector<std::string_view>& v) {
    return {{}, v};
}
WaiterObservation error(std::string_view code) {
    return {code, {}};
}

WaiterFsm defaults(const WaiterDefinition& d) {
    return WaiterFsm(d, d.delay, d.max_attempts);
}

Action first(const WaiterDefinition& d, const WaiterObservation& seen) {
    WaiterFsm fsm = defaults(d);
    return fsm.on_poll(seen).action;
}

} // namespace

TEST_CASE("waiter definitions: the SDKs' names, operations, delays and attempts") {
    struct Row {
        const WaiterDefinition* d;
        std::string_view name;
        std::string_view operation;
        int attempts;
    };
    const Row rows[] = {
        {&table_exists_waiter, "TableExists", "DescribeTable", 25},
        {&table_not_exists_waiter, "TableNotExists", "DescribeTable", 25},
        {&export_completed_waiter, "ExportCompleted", "DescribeExport", 60},
        {&import_completed_waiter, "ImportCompleted", "DescribeImport", 60},
        {&contributor_insights_enabled_waiter, "ContributorInsightsEnabled",
         "DescribeContributorInsights", 30},
        {&kinesis_streaming_destination_active_waiter, "KinesisStreamingDestinationActive",
         "DescribeKinesisStreamingDestination", 30},
    };
    for (const Row& r : rows) {
        INFO(r.name);
        CHECK(r.d->name == r.name);
        CHECK(r.d->operation == r.operation);
        CHECK(r.d->delay == 20s);
        CHECK(r.d->max_attempts == r.attempts);
        CHECK_FALSE(r.d->acceptors.empty());
    }
}

TEST_CASE("waiter: TableExists succeeds on ACTIVE, waits through not-found and CREATING") {
    WaiterFsm fsm = defaults(table_exists_waiter);
    const auto a = fsm.on_poll(error("ResourceNotFoundException"));
    CHECK(a.action == Action::poll);
    CHECK(a.delay == 20s);
    CHECK(fsm.last_state() == "error ResourceNotFoundException");
    CHECK(fsm.on_poll(values({"CREATING"})).action == Action::poll);
    CHECK(fsm.last_state() == "Table.TableStatus = CREATING");
    CHECK(fsm.on_poll(values({"ACTIVE"})).action == Action::succeed);
    CHECK(fsm.attempts() == 3);
}

TEST_CASE("waiter: an error no acceptor names ends the wait at once") {
    CHECK(first(table_exists_waiter, error("AccessDeniedException")) == Action::unexpected_error);
    CHECK(first(table_not_exists_waiter, error("ValidationException")) == Action::unexpected_error);
    CHECK(first(export_completed_waiter, error("ExportNotFoundException")) ==
          Action::unexpected_error);
    // ...also on the last attempt: the error, not a timeout.
    WaiterFsm fsm(table_exists_waiter, 0ms, 1);
    CHECK(fsm.on_poll(error("AccessDeniedException")).action == Action::unexpected_error);
}

TEST_CASE("waiter: TableNotExists succeeds on not-found only") {
    WaiterFsm fsm = defaults(table_not_exists_waiter);
    CHECK(fsm.on_poll(values({"DELETING"})).action == Action::poll);
    CHECK(fsm.on_poll(values({"ACTIVE"})).action == Action::poll);
    CHECK(fsm.on_poll(values({})).action == Action::poll);
    CHECK(fsm.last_state() == "Table.TableStatus absent");
    CHECK(fsm.on_poll(error("ResourceNotFoundException")).action == Action::succeed);
}

TEST_CASE("waiter: a path acceptor never matches an error, an error acceptor never a value") {
    // A value that spells the error code is not the error.
    CHECK(first(table_not_exists_waiter, values({"ResourceNotFoundException"})) == Action::poll);
    CHECK(first(table_exists_waiter, error("ACTIVE")) == Action::unexpected_error);
}

TEST_CASE("waiter: ExportCompleted") {
    CHECK(first(export_completed_waiter, values({"IN_PROGRESS"})) == Action::poll);
    CHECK(first(export_completed_waiter, values({"COMPLETED"})) == Action::succeed);
    CHECK(first(export_completed_waiter, values({"FAILED"})) == Action::fail);
    CHECK(first(export_completed_waiter, values({"unknown"})) == Action::poll);
    CHECK(first(export_completed_waiter, values({})) == Action::poll);
}

TEST_CASE("waiter: ImportCompleted fails on FAILED and CANCELLED, waits on CANCELLING") {
    CHECK(first(import_completed_waiter, values({"IN_PROGRESS"})) == Action::poll);
    CHECK(first(import_completed_waiter, values({"CANCELLING"})) == Action::poll);
    CHECK(first(import_completed_waiter, values({"COMPLETED"})) == Action::succeed);
    CHECK(first(import_completed_waiter, values({"FAILED"})) == Action::fail);
    CHECK(first(import_completed_waiter, values({"CANCELLED"})) == Action::fail);
}

TEST_CASE("waiter: ContributorInsightsEnabled") {
    const auto& d = contributor_insights_enabled_waiter;
    for (const std::string_view s : {"ENABLING", "DISABLING", "DISABLED"})
        CHECK(first(d, values({s})) == Action::poll);
    CHECK(first(d, values({"ENABLED"})) == Action::succeed);
    CHECK(first(d, values({"FAILED"})) == Action::fail);
}

TEST_CASE("waiter: KinesisStreamingDestinationActive: any ACTIVE, or all of them down") {
    const auto& d = kinesis_streaming_destination_active_waiter;
    CHECK(first(d, values({})) == Action::poll); // no destination yet
    CHECK(first(d, values({"ENABLING"})) == Action::poll);
    CHECK(first(d, values({"DISABLED", "ACTIVE"})) == Action::succeed);
    CHECK(first(d, values({"ACTIVE"})) == Action::succeed);
    CHECK(first(d, values({"DISABLED"})) == Action::fail);
    CHECK(first(d, values({"ENABLE_FAILED", "DISABLED"})) == Action::fail);
    // One still on its way: not all are down.
    CHECK(first(d, values({"ENABLE_FAILED", "ENABLING"})) == Action::poll);
    CHECK(first(d, values({"DISABLED", "(none)"})) == Action::poll);
    WaiterFsm fsm = defaults(d);
    (void)fsm.on_poll(values({"ENABLING", "DISABLED"}));
    CHECK(fsm.last_state() ==
          "KinesisDataStreamDestinations[].DestinationStatus = [ENABLING, DISABLED]");
}

TEST_CASE("waiter: gives up after exactly max_attempts polls, with the last state") {
    for (const int max : {1, 2, 5}) {
        WaiterFsm fsm(export_completed_waiter, 1500ms, max);
        for (int i = 1; i < max; ++i) {
            const auto step = fsm.on_poll(values({"IN_PROGRESS"}));
            CHECK(step.action == Action::poll);
            CHECK(step.delay == 1500ms);
        }
        CHECK(fsm.on_poll(values({"IN_PROGRESS"})).action == Action::give_up);
        CHECK(fsm.attempts() == max);
        const std::string m = fsm.timeout_message();
        INFO(m);
        CHECK(m.find("waiter ExportCompleted") != std::string::npos);
        CHECK(m.find(std::to_string(max) + (max == 1 ? " poll " : " polls ")) != std::string::npos);
        CHECK(m.find("1500 ms apart") != std::string::npos);
        CHECK(m.find("last state: ExportDescription.ExportStatus = IN_PROGRESS") !=
              std::string::npos);
    }
}

TEST_CASE("waiter: success on the last attempt is success, not a timeout") {
    WaiterFsm fsm(table_exists_waiter, 0ms, 2);
    CHECK(fsm.on_poll(values({"CREATING"})).action == Action::poll);
    CHECK(fsm.on_poll(values({"ACTIVE"})).action == Action::succeed);
}

TEST_CASE("waiter: failure and cancellation messages name the waiter and the state") {
    WaiterFsm fsm = defaults(import_completed_waiter);
    CHECK(fsm.cancelled_message() == "waiter ImportCompleted cancelled after 0 polls; last "
                                     "state: none");
    (void)fsm.on_poll(values({"IN_PROGRESS"}));
    (void)fsm.on_poll(values({"CANCELLED"}));
    CHECK(fsm.failure_message() == "waiter ImportCompleted reached a failure state after 2 "
                                   "polls: ImportTableDescription.ImportStatus = CANCELLED");
    CHECK(fsm.timeout_message() == "waiter ImportCompleted gave up after 2 polls of "
                                   "DescribeImport, 20 s apart; last state: "
                                   "ImportTableDescription.ImportStatus = CANCELLED");
}

TEST_CASE("waiter: bad options are InvalidArgumentError") {
    CHECK_THROWS_AS(WaiterFsm(table_exists_waiter, 1s, 0), InvalidArgumentError);
    CHECK_THROWS_AS(WaiterFsm(table_exists_waiter, -1ms, 3), InvalidArgumentError);
    CHECK_NOTHROW(WaiterFsm(table_exists_waiter, 0ms, 1));
}

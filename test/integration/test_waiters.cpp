// The SDK waiters (waiters.hpp) against the real servers: a table appearing and going, a
// waiter that runs out of attempts, and (on moto, whose exports and imports without an S3
// bucket end FAILED) the failure acceptors. dynalite has no exports or imports; moto and
// dynalite have neither Contributor Insights nor Kinesis destinations, whose waiters are
// tested by the machine's unit tests (test/unit/client/test_waiter_fsm.cpp).
#include "client_fixture.hpp"

#include <dynaq/error.hpp>
#include <dynaq/waiters.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("waiters: TableExists after CreateTable, TableNotExists after DeleteTable") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("wait");
    f.run([&]() -> asio::awaitable<void> {
        const CreateTableRequest create{.table_name = table,
                                        .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                                        .key_schema = {{"pk", KeyType::hash}},
                                        .billing_mode = BillingMode::pay_per_request};
        co_await c.create_table(create);
        auto describe = DescribeTableRequest{.table_name = table};
        const auto options = WaiterOptions{.delay = 50ms};
        const auto exists = co_await wait_until_table_exists(c, describe, options);
        CHECK(exists.table.table_name == table);
        CHECK(exists.table.table_status == TableStatus::active);

        const DeleteTableRequest remove{.table_name = table};
        co_await c.delete_table(remove);
        co_await wait_until_table_not_exists(c, describe, options);
        // A table that is not there: the first poll ends the wait.
        co_await wait_until_table_not_exists(c, describe, options);
    }());
}

TEST_CASE("waiters: TableExists on a missing table gives up with the last state") {
    ClientFixture f;
    auto& c = f.client;
    auto describe = DescribeTableRequest{.table_name = unique_table_name("never")};
    const auto options = WaiterOptions{.delay = 1ms, .max_attempts = 3};
    try {
        f.run(wait_until_table_exists(c, describe, options));
        FAIL("a missing table was found");
    } catch (const TimeoutError& e) {
        INFO(e.what());
        CHECK(contains(e.what(), "waiter TableExists gave up after 3 polls"));
        CHECK(contains(e.what(), "last state: error ResourceNotFoundException"));
    }
}

TEST_CASE("waiters: a failed export or import ends the wait with WaiterFailedError") {
    if (server_kind() != server_type::moto) {
        WARN("exports and imports skipped on " << server_name() << ": it does not implement them");
        return;
    }
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("wexport");
    f.run(create_pk_sk_table(c, table));
    f.run([&]() -> asio::awaitable<void> {
        const DescribeTableRequest describe{.table_name = table};
        const auto arn = (co_await c.describe_table(describe)).table.table_arn;
        const UpdateContinuousBackupsRequest pitr{
            .table_name = table,
            .point_in_time_recovery_specification = {.point_in_time_recovery_enabled = true}};
        co_await c.update_continuous_backups(pitr);
        // moto needs an S3Prefix.
        const ExportTableToPointInTimeRequest start{
            .table_arn = arn, .s3_bucket = "no-such-bucket", .s3_prefix = "exports/"};
        const auto started = co_await c.export_table_to_point_in_time(start);
        auto export_request =
            DescribeExportRequest{.export_arn = started.export_description.export_arn};
        const auto options = WaiterOptions{.delay = 20ms, .max_attempts = 50};
        try {
            (void)co_await wait_until_export_completed(c, export_request, options);
            FAIL("an export to a missing bucket completed");
        } catch (const WaiterFailedError& e) {
            CHECK(e.waiter() == "ExportCompleted");
            CHECK(e.state() == "ExportDescription.ExportStatus = FAILED");
        }

        const ImportTableRequest import{
            .s3_bucket_source = {.s3_bucket = "no-such-bucket"},
            .input_format = InputFormat::dynamodb_json,
            .table_creation_parameters = {.table_name = unique_table_name("wimport"),
                                          .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                                          .key_schema = {{"pk", KeyType::hash}},
                                          .billing_mode = BillingMode::pay_per_request}};
        const auto import_started = co_await c.import_table(import);
        auto import_request =
            DescribeImportRequest{.import_arn = import_started.import_table_description.import_arn};
        try {
            (void)co_await wait_until_import_completed(c, import_request, options);
            FAIL("an import from a missing bucket completed");
        } catch (const WaiterFailedError& e) {
            CHECK(e.waiter() == "ImportCompleted");
            CHECK(contains(e.state(), "ImportTableDescription.ImportStatus = "));
        }
        co_await drop_table(c, table);
    }());
}

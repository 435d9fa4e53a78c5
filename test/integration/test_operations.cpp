// The operations beyond items and tables (tags, backups, point-in-time recovery, resource
// policies, account limits, endpoints, PartiQL) against the real servers. moto implements all
// of these; dynalite only the tag operations, and answers the rest with
// UnknownOperationException, which is all that is checked there.
#include "client_fixture.hpp"

#include <dynaq/statement.hpp>
#include <dynaq/table.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

/// On dynalite: `call` must fail with UnknownOperationError; then `table` (when given) is
/// dropped and the result is false, so the caller skips the rest. On moto: true, without
/// running `call`. The request of `call` lives until the end of the caller's full expression,
/// which this does not outlast.
template <class T>
bool on_moto_or_unknown_operation(ClientFixture& f, std::string_view what, asio::awaitable<T> call,
                                  const std::string& table = {}) {
    if (server_kind() == server_type::moto)
        return true;
    CHECK_THROWS_AS(f.run(std::move(call)), UnknownOperationError);
    WARN(what << " skipped on " << server_name() << ": it does not implement it");
    if (!table.empty())
        f.run(drop_table(f.client, table));
    return false;
}

asio::awaitable<std::string> table_arn(Client& c, const std::string& table) {
    const DescribeTableRequest describe{.table_name = table};
    auto d = co_await c.describe_table(describe);
    co_return d.table.table_arn;
}

} // namespace

TEST_CASE("tags: tag, list, untag") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("tags");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table);
        const std::string arn = co_await table_arn(c, table);
        REQUIRE_FALSE(arn.empty());

        const TagResourceRequest tag{.resource_arn = arn,
                                     .tags = {{"team", "payments"}, {"tier", "gold"}}};
        co_await c.tag_resource(tag);
        const ListTagsOfResourceRequest list{.resource_arn = arn};
        auto tags = (co_await c.list_tags_of_resource(list)).tags;
        std::sort(tags.begin(), tags.end(),
                  [](const Tag& a, const Tag& b) { return a.key < b.key; });
        CHECK(tags == std::vector<Tag>{{"team", "payments"}, {"tier", "gold"}});

        const UntagResourceRequest untag{.resource_arn = arn, .tag_keys = {"team"}};
        co_await c.untag_resource(untag);
        auto left = co_await c.list_tags_of_resource(list);
        CHECK(left.tags == std::vector<Tag>{{"tier", "gold"}});
        co_await drop_table(c, table);
    }());
}

TEST_CASE("backups: create, describe, list, restore, delete") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("bak");
    f.run(create_pk_sk_table(c, table));
    if (!on_moto_or_unknown_operation(
            f, "CreateBackup", c.create_backup({.table_name = table, .backup_name = "nightly"}),
            table))
        return;
    const auto copy = unique_table_name("bakcopy");
    f.run([&]() -> asio::awaitable<void> {
        const PutItemRequest put{.table_name = table, .item = {{"pk", "a"}, {"sk", "1"}}};
        co_await c.put_item(put);

        const CreateBackupRequest create{.table_name = table, .backup_name = "nightly"};
        const auto made = co_await c.create_backup(create);
        CHECK(made.backup_details.backup_name == "nightly");
        CHECK(made.backup_details.backup_type == BackupType::user);
        CHECK(made.backup_details.backup_creation_date_time.has_value());
        const std::string arn = made.backup_details.backup_arn;

        const DescribeBackupRequest describe{.backup_arn = arn};
        const auto described = co_await c.describe_backup(describe);
        REQUIRE(described.backup_description.backup_details);
        CHECK(described.backup_description.backup_details->backup_arn == arn);
        REQUIRE(described.backup_description.source_table_details);
        CHECK(described.backup_description.source_table_details->table_name == table);

        const ListBackupsRequest list{.table_name = table};
        const auto listed = co_await c.list_backups(list);
        REQUIRE(listed.backup_summaries.size() == 1);
        CHECK(listed.backup_summaries[0].backup_arn == arn);

        const RestoreTableFromBackupRequest restore{.target_table_name = copy, .backup_arn = arn};
        const auto restored = co_await c.restore_table_from_backup(restore);
        CHECK(restored.table_description.table_name == copy);
        co_await wait_active(c, copy);
        const GetItemRequest get{.table_name = copy, .key = {{"pk", "a"}, {"sk", "1"}}};
        CHECK((co_await c.get_item(get)).item.has_value());

        const DeleteBackupRequest del{.backup_arn = arn};
        const auto deleted = co_await c.delete_backup(del);
        REQUIRE(deleted.backup_description.backup_details);
        CHECK(deleted.backup_description.backup_details->backup_arn == arn);
        CHECK_THROWS_AS(co_await c.describe_backup(describe), ServiceError);
        co_await drop_table(c, copy);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("point-in-time recovery: enable, describe, restore to the latest time") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("pitr");
    f.run(create_pk_sk_table(c, table));
    if (!on_moto_or_unknown_operation(f, "DescribeContinuousBackups",
                                      c.describe_continuous_backups({.table_name = table}), table))
        return;
    const auto copy = unique_table_name("pitrcopy");
    f.run([&]() -> asio::awaitable<void> {
        const UpdateContinuousBackupsRequest enable{
            .table_name = table,
            .point_in_time_recovery_specification = {.point_in_time_recovery_enabled = true}};
        const auto updated = co_await c.update_continuous_backups(enable);
        REQUIRE(updated.continuous_backups_description.point_in_time_recovery_description);
        CHECK(updated.continuous_backups_description.point_in_time_recovery_description
                  ->point_in_time_recovery_status == PointInTimeRecoveryStatus::enabled);

        const DescribeContinuousBackupsRequest describe{.table_name = table};
        const auto d = co_await c.describe_continuous_backups(describe);
        CHECK(d.continuous_backups_description.continuous_backups_status ==
              ContinuousBackupsStatus::enabled);

        const RestoreTableToPointInTimeRequest restore{.source_table_name = table,
                                                       .target_table_name = copy,
                                                       .use_latest_restorable_time = true};
        const auto restored = co_await c.restore_table_to_point_in_time(restore);
        CHECK(restored.table_description.table_name == copy);
        co_await wait_active(c, copy);
        co_await drop_table(c, copy);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("resource policies: put, get, delete") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("policy");
    f.run(create_pk_sk_table(c, table));
    const std::string arn = f.run(table_arn(c, table));
    const std::string policy = R"({"Version":"2012-10-17","Statement":[]})";
    if (!on_moto_or_unknown_operation(
            f, "PutResourcePolicy", c.put_resource_policy({.resource_arn = arn, .policy = policy}),
            table))
        return;
    f.run([&]() -> asio::awaitable<void> {
        const PutResourcePolicyRequest put{.resource_arn = arn, .policy = policy};
        const auto made = co_await c.put_resource_policy(put);
        REQUIRE(made.revision_id);
        const GetResourcePolicyRequest get{.resource_arn = arn};
        const auto got = co_await c.get_resource_policy(get);
        CHECK(got.policy == policy);
        CHECK(got.revision_id == made.revision_id);
        const DeleteResourcePolicyRequest del{.resource_arn = arn};
        co_await c.delete_resource_policy(del);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("account: limits and endpoints") {
    ClientFixture f;
    auto& c = f.client;
    if (!on_moto_or_unknown_operation(f, "DescribeLimits", c.describe_limits()))
        return;
    const auto limits = f.run(c.describe_limits());
    REQUIRE(limits.table_max_read_capacity_units);
    CHECK(*limits.table_max_read_capacity_units > 0);
    const auto endpoints = f.run(c.describe_endpoints());
    REQUIRE_FALSE(endpoints.endpoints.empty());
    CHECK_FALSE(endpoints.endpoints[0].address.empty());
    CHECK(endpoints.endpoints[0].cache_period_in_minutes > 0);
}

TEST_CASE("PartiQL: statements with parameters, batches, transactions") {
    ClientFixture f;
    auto& c = f.client;
    // A name that is a plain identifier (no '-'), so statements need not quote it: moto's
    // BatchExecuteStatement does not find quoted table names.
    auto table = unique_table_name("sql");
    std::replace(table.begin(), table.end(), '-', '_');
    f.run(create_pk_sk_table(c, table));
    const std::string select = "SELECT * FROM " + table + " WHERE pk = ?";
    if (!on_moto_or_unknown_operation(
            f, "ExecuteStatement", c.execute_statement({.statement = select, .parameters = {"u1"}}),
            table))
        return;
    f.run([&]() -> asio::awaitable<void> {
        for (const char* sk : {"1", "2"}) {
            const PutItemRequest put{.table_name = table,
                                     .item = {{"pk", "u1"}, {"sk", sk}, {"n", 7}}};
            co_await c.put_item(put);
        }
        // The parameter is a value, not text: a quote in it cannot change the statement.
        const ExecuteStatementRequest by_key{.statement = select, .parameters = {"u1"}};
        const auto page = co_await c.execute_statement(by_key);
        CHECK(page.items.size() == 2);
        const ExecuteStatementRequest injected{.statement = select,
                                               .parameters = {"u1' OR pk <> 'x"}};
        CHECK((co_await c.execute_statement(injected)).items.empty());

        // A read transaction (moto cannot take parameters in a write statement's VALUE).
        const std::string by_full_key = "SELECT * FROM " + table + " WHERE pk = ? AND sk = ?";
        const ExecuteTransactionRequest tx{
            .transact_statements = {{.statement = by_full_key, .parameters = {"u1", "2"}}}};
        const auto read = co_await c.execute_transaction(tx);
        REQUIRE(read.responses.size() == 1);
        REQUIRE(read.responses[0]);
        CHECK(read.responses[0]->at("sk").as_string() == "2");

        const BatchExecuteStatementRequest batch{
            .statements = {{.statement = by_full_key, .parameters = {"u1", "2"}}}};
        const auto answers = co_await c.batch_execute_statement(batch);
        REQUIRE(answers.responses.size() == 1);
        CHECK_FALSE(answers.responses[0].error);
        REQUIRE(answers.responses[0].item);
        CHECK(answers.responses[0].item->at("n").as_number().to_int64() == 7);

        co_await drop_table(c, table);
    }());
}

TEST_CASE("exports and imports: started, described, listed") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("export");
    f.run(create_pk_sk_table(c, table));
    const std::string arn = f.run(table_arn(c, table));
    // No S3 bucket exists on the test servers: moto accepts both requests and reports them
    // FAILED, which is enough to see every member go and come back.
    if (!on_moto_or_unknown_operation(
            f, "ExportTableToPointInTime",
            c.export_table_to_point_in_time({.table_arn = arn, .s3_bucket = "no-such-bucket"}),
            table))
        return;
    const auto imported = unique_table_name("imported");
    f.run([&]() -> asio::awaitable<void> {
        const UpdateContinuousBackupsRequest pitr{
            .table_name = table,
            .point_in_time_recovery_specification = {.point_in_time_recovery_enabled = true}};
        co_await c.update_continuous_backups(pitr);
        const ExportTableToPointInTimeRequest start{
            .table_arn = arn, .s3_bucket = "no-such-bucket", .s3_prefix = "exports/"};
        const auto started = co_await c.export_table_to_point_in_time(start);
        const auto& e = started.export_description;
        REQUIRE_FALSE(e.export_arn.empty());
        CHECK(e.table_arn == arn);
        CHECK(e.s3_bucket == "no-such-bucket");
        CHECK(e.export_status.has_value());

        const DescribeExportRequest describe{.export_arn = e.export_arn};
        const auto described = co_await c.describe_export(describe);
        CHECK(described.export_description.export_arn == e.export_arn);

        const ListExportsRequest list{.table_arn = arn};
        const auto listed = co_await c.list_exports(list);
        CHECK(std::any_of(listed.export_summaries.begin(), listed.export_summaries.end(),
                          [&](const ExportSummary& s) { return s.export_arn == e.export_arn; }));

        const ImportTableRequest import{
            .s3_bucket_source = {.s3_bucket = "no-such-bucket"},
            .input_format = InputFormat::dynamodb_json,
            .table_creation_parameters = {.table_name = imported,
                                          .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                                          .key_schema = {{"pk", KeyType::hash}},
                                          .billing_mode = BillingMode::pay_per_request}};
        const auto import_started = co_await c.import_table(import);
        const auto& d = import_started.import_table_description;
        REQUIRE_FALSE(d.import_arn.empty());
        CHECK(d.import_status.has_value());
        const DescribeImportRequest describe_import{.import_arn = d.import_arn};
        const auto import_described = co_await c.describe_import(describe_import);
        CHECK(import_described.import_table_description.import_arn == d.import_arn);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("PartiQL streams: execute_statement_stream and Table::execute follow NextToken") {
    ClientFixture f;
    auto& c = f.client;
    auto name = unique_table_name("sqlstream");
    std::replace(name.begin(), name.end(), '-', '_'); // a plain identifier, as above
    f.run(create_pk_sk_table(c, name));
    if (!on_moto_or_unknown_operation(f, "ExecuteStatement",
                                      c.execute_statement({.statement = "SELECT * FROM " + name}),
                                      name))
        return;
    f.run([&]() -> asio::awaitable<void> {
        for (int i = 0; i < 5; ++i) {
            const PutItemRequest put{.table_name = name,
                                     .item = {{"pk", "p"}, {"sk", std::to_string(i)}, {"n", i}}};
            co_await c.put_item(put);
        }
        const PutItemRequest other{.table_name = name, .item = {{"pk", "q"}, {"sk", "0"}}};
        co_await c.put_item(other);

        auto stream = execute_statement_stream(c, "SELECT * FROM " + name + " WHERE pk = ?", {"p"});
        const auto items = co_await stream.collect();
        CHECK(items.size() == 5);
        CHECK(stream.pages() >= 1);

        Table<Item> table(c, TableSchema{.table_name = name});
        auto records = table.execute("SELECT * FROM " + name + " WHERE pk = ? AND sk = ?", "p",
                                     std::string("3"));
        const auto found = co_await records.collect();
        REQUIRE(found.size() == 1);
        CHECK(found[0].at("n").as_number().to_int64() == 3);
        co_await drop_table(c, name);
    }());
    // Bad input fails before anything is sent.
    CHECK_THROWS_AS(execute_statement_stream(c, ""), InvalidArgumentError);
}

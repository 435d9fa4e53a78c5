// The Table layer against a real server: the seed library's integration scenarios (seed-spec
// 6.3) re-enacted, and the ones it lacked.
#include "table_fixture.hpp"

#include <dynaq/expression.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

std::set<std::string> emails(const std::vector<UserRecord>& users) {
    std::set<std::string> out;
    for (const auto& u : users)
        out.insert(u.email);
    return out;
}

std::vector<UserRecord> scan_all(UsersFixture& f) {
    return f.run([&]() -> asio::awaitable<std::vector<UserRecord>> {
        auto stream = f.users.scan();
        co_return co_await stream.collect();
    }());
}

} // namespace

TEST_CASE("create_table is idempotent and picks the billing mode") {
    ClientFixture f;
    // Scenario 1 (create_pay_per_request): default pk/sk, no capacity.
    Table<> cheap(f.client, {.table_name = unique_table_name("cheap")}, test_table_config());
    f.run([&]() -> asio::awaitable<void> {
        auto created = co_await cheap.create_table();
        REQUIRE(created.has_value());
        CHECK(created->table_name == cheap.name());
        co_await cheap.wait_until_exists();
        auto again = co_await cheap.create_table(); // ACTIVE: nothing to do
        CHECK_FALSE(again.has_value());
        auto status = co_await cheap.get_table_status();
        CHECK(status == TableStatus::active);
        const DescribeTableRequest describe{.table_name = cheap.name()};
        auto d = co_await f.client.describe_table(describe);
        REQUIRE(d.table.billing_mode_summary.has_value());
        CHECK(d.table.billing_mode_summary->billing_mode == BillingMode::pay_per_request);

        const bool deleted = co_await cheap.delete_table();
        CHECK(deleted);
        co_await cheap.wait_until_not_exists();
        const auto gone = co_await cheap.get_table_status();
        CHECK_FALSE(gone.has_value());
        const bool again_deleted = co_await cheap.delete_table(); // gone: nothing to do
        CHECK_FALSE(again_deleted);
    }());
}

TEST_CASE("scenario: upsert, count, clear_table") {
    UsersFixture f;
    const UserRecord john = user("john_student@gmail.com", "IBM", "John", 34);
    f.run(f.users.upsert_record(john));
    CHECK(f.scan_count() == 1);
    CHECK(f.run(f.users.clear_table()) == 1);
    CHECK(f.scan_count() == 0);
}

TEST_CASE("scenario: batch_upsert of records, get_record, batch_get, batch_delete") {
    UsersFixture f;
    const std::vector<UserRecord> both{user("john_student@gmail.com", "IBM", "John", 34),
                                       user("mary@gmail.com", "CiscoSystems", "Mary", 34)};
    auto written = f.run(f.users.batch_upsert(both));
    REQUIRE(written.size() == 2);
    CHECK(written[0].dt_created.has_value());
    CHECK(f.scan_count() == 2);
    CHECK(emails(scan_all(f)) == std::set<std::string>{"john_student@gmail.com", "mary@gmail.com"});

    // get_record: found by key, N comes back as a number; another company is not found.
    UserRecord probe;
    probe.email = "john_student@gmail.com";
    probe.company = "IBM";
    auto got = f.run(f.users.get_record(probe));
    REQUIRE(got.has_value());
    CHECK(got->age == 34);
    probe.company = "IBM1";
    CHECK_FALSE(f.run(f.users.get_record(probe)).has_value());

    // batch_get: one result per input row, in order, with a found flag (the seed asserted
    // inside a loop that an empty result would have passed).
    const std::vector<UserRecord> keys{both[1], probe, both[0]};
    auto rows = f.run(f.users.batch_get(keys));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].found);
    CHECK(rows[0].record.email == "mary@gmail.com");
    CHECK_FALSE(rows[1].found);
    CHECK(rows[1].record.company == "IBM1"); // the input as given
    CHECK(rows[2].found);
    CHECK(rows[2].record.age == 34);

    // batch_delete with records holding only what computes the key.
    UserRecord key_only;
    key_only.company = "IBM";
    const std::vector<UserRecord> del{key_only};
    auto deleted = f.run(f.users.batch_delete(del));
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0] == Item{{"pk", "my_project"}, {"sk", "IBM"}});
    CHECK(f.scan_count() == 1);
}

TEST_CASE("scenario: query with a nested filter") {
    UsersFixture f;
    UserRecord u = user("john_student@gmail.com", "IBM", "John", 34);
    u.nested = Item{{"test", Map{{"deep", "value"}}}};
    f.run(f.users.upsert_record(u));
    auto matches = [&](std::string deep) {
        return f.run([&]() -> asio::awaitable<std::size_t> {
            const QueryOptions q{.partition_key = "my_project",
                                 .filter = attr("nested.test.deep") == named("deep"),
                                 .data = {{"deep", deep}}};
            auto stream = f.users.query(q);
            auto all = co_await stream.collect();
            co_return all.size();
        }());
    };
    CHECK(matches("value") == 1);
    CHECK(matches("none") == 0);
}

TEST_CASE("upsert sets timestamps from the clock, keeps dt_created, never removes attributes") {
    std::chrono::system_clock::time_point now =
        std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + std::chrono::hours(12);
    TableConfig config = test_table_config();
    config.clock = [&] { return now; };
    UsersFixture f(config);

    UserRecord u = user("a@x.io", "IBM", "Ann", 30);
    auto first = f.run(f.users.upsert_record(u));
    CHECK(first.dt_created == "2024-02-29T12:00:00.000000");
    CHECK(first.dt_modified == "2024-02-29T12:00:00.000000");

    now += std::chrono::microseconds(1'500'000);
    UserRecord partial; // name and age absent: left as stored
    partial.company = "IBM";
    partial.email = "a@x.io";
    auto second = f.run(f.users.upsert_record(partial));
    CHECK(second.dt_created == "2024-02-29T12:00:00.000000");
    CHECK(second.dt_modified == "2024-02-29T12:00:01.500000");
    CHECK(second.name == "Ann");
    CHECK(second.age == 30);
}

TEST_CASE("conditional upsert, set_if_not_exists, condition values that are not written") {
    UsersFixture f;
    UserRecord u = user("a@x.io", "IBM", "Ann", 30);
    f.run(f.users.upsert_record(u));

    // The stored age (30) must be below the new one: 25 fails with a typed error.
    u.age = 25;
    UpsertOptions older{.condition = attr("age") < named("age")};
    CHECK_THROWS_AS(f.run(f.users.upsert_record(u, older)), ConditionalCheckFailedError);
    u.age = 31;
    CHECK(f.run(f.users.upsert_record(u, older)).age == 31);

    // A condition value that is not an attribute, and is not written.
    u.age = 32;
    UpsertOptions guarded{.condition = attr("name") == named("expected_name"),
                          .condition_values = {{"expected_name", "Ann"}}};
    auto stored = f.run(f.users.upsert_record(u, guarded));
    CHECK(stored.age == 32);
    auto raw = f.run(f.users.items().get(Item{{"pk", "my_project"}, {"sk", "IBM"}}, GetOptions{}));
    REQUIRE(raw.has_value());
    CHECK_FALSE(raw->contains("expected_name"));

    // set_if_not_exists keeps the stored name.
    u.name = "Changed";
    const UpsertOptions keep{.set_if_not_exists = {"name"}};
    CHECK(f.run(f.users.upsert_record(u, keep)).name == "Ann");
    // ... and is refused for a key attribute or an attribute the record lacks.
    const UpsertOptions bad_key{.set_if_not_exists = {"sk"}};
    CHECK_THROWS_AS(f.run(f.users.upsert_record(u, bad_key)), InvalidArgumentError);
    const UpsertOptions missing{.set_if_not_exists = {"nickname"}};
    CHECK_THROWS_AS(f.run(f.users.upsert_record(u, missing)), InvalidArgumentError);
}

TEST_CASE("delete_record returns the old item, then nothing; conditions see the record") {
    UsersFixture f;
    UserRecord u = user("a@x.io", "IBM", "Ann", 30);
    f.run(f.users.upsert_record(u));
    // The seed could only use key values in a delete condition; any record value works here.
    const DeleteOptions cond{.condition = attr("age") == named("age")};
    u.age = 99;
    CHECK_THROWS_AS(f.run(f.users.delete_record(u, cond)), ConditionalCheckFailedError);
    u.age = 30;
    auto old = f.run(f.users.delete_record(u, cond));
    REQUIRE(old.has_value());
    CHECK(old->name == "Ann");
    CHECK_FALSE(f.run(f.users.delete_record(u)).has_value());
}

TEST_CASE("query: sort key prefix, descending, limit, filter across pages, resume") {
    ClientFixture f;
    Table<> t(f.client, {.table_name = unique_table_name("q")}, test_table_config());
    f.run([&]() -> asio::awaitable<void> {
        co_await t.create_table();
        co_await t.wait_until_exists();
        std::vector<Item> rows;
        for (int i = 0; i < 5; ++i)
            rows.push_back({{"pk", "a"}, {"sk", "x0" + std::to_string(i)}, {"n", i}});
        rows.push_back({{"pk", "a"}, {"sk", "y"}, {"n", 9}});
        rows.push_back({{"pk", "b"}, {"sk", "x00"}, {"n", 0}});
        co_await t.batch_put(rows);

        auto sks = [](const std::vector<Item>& items) {
            std::vector<std::string> out;
            for (const auto& i : items)
                out.push_back(i.at("sk").as_string());
            return out;
        };
        // Appendix A.6 on a server: 5 items x00..x04, descending, limit 2 -> x04, x03.
        const QueryOptions desc{
            .partition_key = "a", .sort_key_prefix = "x", .scan_index_forward = false, .limit = 2};
        auto s1 = t.query(desc);
        const auto r1 = co_await s1.collect();
        CHECK(sks(r1) == std::vector<std::string>{"x04", "x03"});
        REQUIRE(s1.last_evaluated_key().has_value());
        // Resume where it stopped.
        QueryOptions rest = desc;
        rest.limit.reset();
        rest.exclusive_start_key = s1.last_evaluated_key();
        auto s2 = t.query(rest);
        const auto r2 = co_await s2.collect();
        CHECK(sks(r2) == std::vector<std::string>{"x02", "x01", "x00"});

        // A filter n >= 2 with limit 2 and pages of 1 item: the limit counts records returned.
        const QueryOptions filtered{.partition_key = "a",
                                    .sort_key_prefix = "x",
                                    .filter = attr("n") >= 2,
                                    .limit = 2,
                                    .page_size = 1};
        auto s3 = t.query(filtered);
        const auto r3 = co_await s3.collect();
        CHECK(sks(r3) == std::vector<std::string>{"x02", "x03"});
        CHECK(s3.pages() >= 4);

        // Ranges and equality on the sort key.
        const QueryOptions between{.partition_key = "a",
                                   .sort_key_match = SortKeyMatch::between("x01", "x03")};
        auto s4 = t.query(between);
        const auto r4 = co_await s4.collect();
        CHECK(sks(r4) == std::vector<std::string>{"x01", "x02", "x03"});
        const QueryOptions eq{.partition_key = "a", .sort_key = "y"};
        const auto n_eq = co_await t.count(eq);
        CHECK(n_eq == 1);
        const QueryOptions whole{.partition_key = "a", .page_size = 2};
        const auto n_whole = co_await t.count(whole);
        CHECK(n_whole == 6);

        // Pages: next_page hands out whole pages.
        auto s5 = t.query(whole);
        std::size_t seen = 0;
        while (auto page = co_await s5.next_page()) {
            CHECK(page->size() <= 2);
            seen += page->size();
        }
        CHECK(seen == 6);
        co_await t.delete_table();
    }());
}

TEST_CASE("bad query options are rejected before anything is sent") {
    UsersFixture f;
    const QueryOptions no_pk{};
    CHECK_THROWS_AS(f.users.query(no_pk), InvalidArgumentError);
    const QueryOptions two_forms{.partition_key = "p", .sort_key = "a", .sort_key_prefix = "b"};
    CHECK_THROWS_AS(f.users.query(two_forms), InvalidArgumentError);
    const QueryOptions gsi_consistent{
        .partition_key = "John", .index = "gsi_name_age", .consistent_read = true};
    CHECK_THROWS_AS(f.users.query(gsi_consistent), InvalidArgumentError);
    const QueryOptions unknown_index{.partition_key = "x", .index = "nope"};
    CHECK_THROWS_AS(f.users.query(unknown_index), InvalidArgumentError);
    const ClearOptions both{.partition_key = "a", .partition_key_prefix = "b"};
    CHECK_THROWS_AS(f.run(f.users.clear_table(both)), InvalidArgumentError);
    CHECK_THROWS_AS(f.run(f.users.clear_records()), InvalidArgumentError);
}

TEST_CASE("GSI query with a typed sort key") {
    UsersFixture f;
    const std::vector<UserRecord> people{user("m1@x.io", "A", "Mary", 34),
                                         user("m2@x.io", "B", "Mary", 50),
                                         user("j@x.io", "C", "John", 34)};
    f.run(f.users.batch_upsert(people));
    auto found = f.run([&]() -> asio::awaitable<std::vector<UserRecord>> {
        const QueryOptions q{.partition_key = "Mary", .index = "gsi_name_age", .sort_key = 34};
        auto stream = f.users.query(q);
        co_return co_await stream.collect();
    }());
    REQUIRE(found.size() == 1);
    CHECK(found[0].email == "m1@x.io");
}

TEST_CASE("batches: duplicates, more than 25 and 100, large batch then get and count") {
    ClientFixture f;
    Table<> t(f.client, {.table_name = unique_table_name("batch")}, test_table_config());
    // dynalite takes 10,000 items in seconds; moto is about 3x slower, keep it smaller there.
    const int n = server_kind() == server_type::dynalite ? 10'000 : 2'000;
    f.run([&]() -> asio::awaitable<void> {
        co_await t.create_table();
        co_await t.wait_until_exists();

        std::vector<Item> rows;
        for (int i = 0; i < n; ++i)
            rows.push_back({{"pk", "p" + std::to_string(i % 37)},
                            {"sk", std::to_string(i)},
                            {"v", i},
                            {"pad", std::string(100, 'x')}});
        // Duplicates: the last record of a key wins.
        rows.push_back({{"pk", "p0"}, {"sk", "0"}, {"v", -1}});
        auto written = co_await t.batch_upsert(rows);
        CHECK(written.size() == std::size_t(n));

        const ScanOptions all;
        const auto counted = co_await t.count(all);
        CHECK(counted == n);

        // Read everything back (with duplicates and a missing key) in input order.
        std::vector<Item> keys;
        for (int i = 0; i < n; ++i)
            keys.push_back({{"pk", "p" + std::to_string(i % 37)}, {"sk", std::to_string(i)}});
        keys.push_back({{"pk", "p0"}, {"sk", "0"}});
        keys.push_back({{"pk", "nope"}, {"sk", "0"}});
        auto got = co_await t.batch_get(keys);
        REQUIRE(got.size() == keys.size());
        int found = 0;
        for (std::size_t i = 0; i < std::size_t(n); ++i)
            found += got[i].found && got[i].record.at("sk") == keys[i].at("sk");
        CHECK(found == n);
        CHECK(got[0].record.at("v") == AttributeValue(-1));
        CHECK(got[std::size_t(n)].record.at("v") == AttributeValue(-1));
        CHECK_FALSE(got.back().found);

        // Scan with 4 segments: every item exactly once.
        const ScanOptions parallel{.segments = 4};
        auto stream = t.scan(parallel);
        std::set<std::string> seen;
        std::size_t total = 0;
        while (auto item = co_await stream.next()) {
            seen.insert(item->at("pk").as_string() + "/" + item->at("sk").as_string());
            ++total;
        }
        CHECK(total == std::size_t(n));
        CHECK(seen.size() == std::size_t(n));

        // Delete 130 with duplicates (more than 25 and 100 per request).
        std::vector<Item> doomed(keys.begin(), keys.begin() + 130);
        doomed.push_back(keys[0]);
        auto deleted = co_await t.batch_delete(doomed);
        CHECK(deleted.size() == 130);
        const auto left = co_await t.count(all);
        CHECK(left == n - 130);
        co_await t.delete_table();
    }());
}

TEST_CASE("clear_table honours every option and never widens a delete") {
    ClientFixture f;
    const TableSchema schema{
        .table_name = unique_table_name("clear"),
        .global_secondary_indexes = {{.name = "by_kind",
                                      .partition_key = {"kind"},
                                      .projection = ProjectionType::keys_only}}};
    TableConfig config = test_table_config();
    config.sort_key_prefix = "order#";
    Table<> t(f.client, schema, config);
    auto fill = [&]() -> asio::awaitable<void> {
        std::vector<Item> rows;
        for (std::string pk : {"acme", "acorn", "beta"})
            for (int i = 0; i < 4; ++i) {
                rows.push_back({{"pk", pk},
                                {"sk", (i < 2 ? "order#" : "user#") + std::to_string(i)},
                                {"kind", i % 2 == 0 ? "even" : "odd"},
                                {"n", i}});
            }
        co_await t.batch_put(rows); // 12 items
    };
    const ScanOptions all;
    f.run([&]() -> asio::awaitable<void> {
        co_await t.create_table();
        co_await t.wait_until_exists();

        struct Case {
            const char* what;
            ClearOptions options;
            std::int64_t deleted;
        };
        const std::vector<Case> cases{
            {"partition", {.partition_key = "acme"}, 4},
            {"partition + sort key", {.partition_key = "acme", .sort_key = "user#2"}, 1},
            {"partition + sort prefix", {.partition_key = "acme", .sort_key_prefix = "order#"}, 2},
            {"partition + filter", {.partition_key = "acme", .filter = attr("n") >= 1}, 3},
            {"partition + limit", {.partition_key = "acme", .limit = 3}, 3},
            {"partition prefix", {.partition_key_prefix = "ac"}, 8},
            {"partition prefix + sort prefix",
             {.partition_key_prefix = "ac", .sort_key_prefix = "user#"},
             4},
            {"sort key", {.sort_key = "order#1"}, 3},
            {"filter only", {.filter = attr("kind") == "odd"}, 6},
            {"filter with data", {.filter = attr("n") == named("n"), .data = {{"n", 3}}}, 3},
            {"limit only", {.limit = 5}, 5},
            {"index query", {.partition_key = "even", .index = "by_kind"}, 6},
            {"index scan + filter", {.index = "by_kind", .filter = attr("kind") == "odd"}, 6},
            {"everything", {}, 12},
        };
        for (const auto& c : cases) {
            INFO(c.what);
            co_await t.clear_table();
            co_await fill();
            const std::int64_t deleted = co_await t.clear_table(c.options);
            CHECK(deleted == c.deleted);
            const auto left = co_await t.count(all);
            CHECK(left == 12 - c.deleted);
        }

        // clear_records: the configured sort key prefix only.
        co_await t.clear_table();
        co_await fill();
        const auto cleared = co_await t.clear_records();
        CHECK(cleared == 6);
        const auto rest = co_await t.count(all);
        CHECK(rest == 6);

        // A sort key on the hash-only index is refused, not ignored.
        const ClearOptions bad{.partition_key = "even", .sort_key = "x", .index = "by_kind"};
        bool refused = false;
        try {
            co_await t.clear_table(bad);
        } catch (const InvalidArgumentError&) {
            refused = true;
        }
        CHECK(refused);
        co_await t.delete_table();
    }());
}

TEST_CASE("transactions through the table (servers that have them)") {
    if (!server_has_transactions()) {
        WARN(std::string(server_name()) + " has no TransactWriteItems: skipped");
        return;
    }
    UsersFixture f;
    const UserRecord a = user("a@x.io", "A", "Ann", 30);
    const UserRecord b = user("b@x.io", "B", "Bob", 40);
    f.run([&]() -> asio::awaitable<void> {
        TransactWriteItemsRequest tx;
        tx.transact_items.push_back(f.users.transact_upsert(a));
        tx.transact_items.push_back(f.users.transact_put(b));
        co_await f.client.transact_write_items(tx);

        const std::vector<UserRecord> both{a, b, user("c@x.io", "C", "Cy", 1)};
        auto got = co_await f.users.transact_get(both);
        REQUIRE(got.size() == 3);
        CHECK(got[0]->dt_created.has_value());
        CHECK(got[1]->name == "Bob");
        CHECK_FALSE(got[2].has_value());

        TransactWriteItemsRequest failing;
        failing.transact_items.push_back(f.users.transact_condition_check(a, attr("age") > 100));
        failing.transact_items.push_back(f.users.transact_delete(b));
        bool cancelled = false;
        try {
            co_await f.client.transact_write_items(failing);
        } catch (const TransactionCanceledError&) {
            cancelled = true;
        }
        CHECK(cancelled);
        const auto still = co_await f.users.get_record(b);
        CHECK(still.has_value());
    }());
}

// The Table layer end to end on a users table: create it, write and read single records,
// query (table and index), write 1,000 records in one batch, scan, count, delete in a batch,
// clear a partition, drop the table. Each step prints one line with the numbers it got and
// checks them; the exit status is 0 only when every check passed.
//
//   dynaq-users-table [--endpoint http://127.0.0.1:8000] [--region REGION] [--table NAME]
//
// Where region and credentials come from: see example_args.hpp. The table gets a fresh name
// per run and is deleted at the end, also after a failed step.
//
// g++ 12: records and options are named variables, never temporaries inside a co_await
// expression (README, "g++ 12 users").
#include "example_args.hpp"

#include <dynaq/expression.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/describe/class.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace asio = boost::asio;

namespace {

/// One user of a project. The key attributes are not fields of the struct: the table's key
/// hooks compute them, pk = project and sk = "user#<email>".
struct User {
    std::string project{};
    std::string email{};
    std::string name{};
    int age = 0;
    std::optional<std::string> dt_created{}; // set by upserts (TableConfig::created_field)
    std::optional<std::string> dt_modified{};
};
BOOST_DESCRIBE_STRUCT(User, (), (project, email, name, age, dt_created, dt_modified))

using Users = dynaq::Table<User>;

User make_user(std::string project, std::string email, std::string name, int age) {
    return User{.project = std::move(project),
                .email = std::move(email),
                .name = std::move(name),
                .age = age};
}

dynaq::TableSchema users_schema(std::string table) {
    // pk = the project, sk = "user#<email>" (both S, the defaults); no throughput, so the table
    // is PAY_PER_REQUEST. The index is filled in by assignment: built in place in a braced list,
    // it makes g++ 12 -O3 warn (wrongly) that its strings may be used uninitialized.
    dynaq::TableSchema schema{.table_name = std::move(table)};
    dynaq::SecondaryIndex by_name_age;
    by_name_age.name = "by_name_age";
    by_name_age.partition_key = dynaq::KeyDefinition{"name"};
    by_name_age.sort_key = dynaq::KeyDefinition{"age", dynaq::ScalarAttributeType::n};
    schema.global_secondary_indexes.push_back(std::move(by_name_age));
    return schema;
}

dynaq::TableHooks users_hooks() {
    return dynaq::TableHooks{
        .partition_key = [](const dynaq::Item& u) { return u.at("project"); },
        .sort_key =
            [](const dynaq::Item& u) {
                return dynaq::AttributeValue("user#" + u.at("email").as_string());
            },
    };
}

dynaq::TableConfig users_config() {
    dynaq::TableConfig config;
    config.wait_delay = std::chrono::milliseconds(250); // local servers are quick
    config.wait_attempts = 1'200;                       // 5 minutes for AWS
    return config;
}

/// A step whose result is not what it should be.
class StepFailed : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

void expect(bool ok, const std::string& what) {
    if (!ok)
        throw StepFailed("step failed: " + what);
}

void expect_count(const std::string& step, std::int64_t got, std::int64_t expected) {
    expect(got == expected,
           step + ": got " + std::to_string(got) + ", expected " + std::to_string(expected));
}

asio::awaitable<std::int64_t> count_all(Users& users) {
    const dynaq::ScanOptions everything;
    co_return co_await users.count(everything);
}

asio::awaitable<void> exercise(Users& users) {
    co_await users.wait_until_exists();
    const auto status = co_await users.get_table_status();
    expect(status == dynaq::TableStatus::active, "create_table: the table is not ACTIVE");
    std::cout << "create_table: " << users.name() << " is ACTIVE\n";

    // Single records. upsert_record returns the item as stored, timestamps included.
    const User alice = make_user("acme", "alice@acme.io", "Alice", 34);
    const User stored = co_await users.upsert_record(alice);
    expect(stored.age == 34 && stored.dt_created.has_value(), "upsert_record: wrong item back");
    std::cout << "upsert_record: " << stored.email << ", age " << stored.age << ", created "
              << *stored.dt_created << '\n';

    User alice_key; // the fields the key hooks need are enough
    alice_key.project = "acme";
    alice_key.email = "alice@acme.io";
    const auto found = co_await users.get_record(alice_key);
    expect(found && found->name == "Alice", "get_record: Alice not found");
    std::cout << "get_record: " << found->name << ", age " << found->age << '\n';

    // Query: the partition's users by sort key prefix, filtered by age; then the index.
    const std::vector<User> team{make_user("acme", "bob@acme.io", "Bob", 25),
                                 make_user("acme", "carol@acme.io", "Carol", 41)};
    for (const User& u : team)
        co_await users.upsert_record(u);
    const dynaq::QueryOptions over_30{
        .partition_key = "acme", .sort_key_prefix = "user#", .filter = dynaq::attr("age") >= 30};
    auto over_30_stream = users.query(over_30);
    const std::vector<User> older = co_await over_30_stream.collect();
    expect_count("query (age >= 30)", static_cast<std::int64_t>(older.size()), 2);
    std::cout << "query: " << older.size() << " of 3 acme users are 30 or older\n";

    const dynaq::QueryOptions carol_40_plus{.partition_key = "Carol",
                                            .index = "by_name_age",
                                            .sort_key_match = dynaq::SortKeyMatch::ge(40)};
    const std::int64_t carols = co_await users.count(carol_40_plus);
    expect_count("query by_name_age (Carol, age >= 40)", carols, 1);
    std::cout << "query by_name_age: " << carols << " Carol aged 40 or more\n";

    // 1,000 records in one call: chunked, sent in parallel, unprocessed items re-sent.
    std::vector<User> bulk;
    for (int i = 0; i < 1'000; ++i)
        bulk.push_back(make_user("bulk", "user" + std::to_string(i) + "@bulk.io",
                                 "User " + std::to_string(i % 50), 20 + i % 50));
    const std::vector<User> written = co_await users.batch_upsert(bulk);
    expect_count("batch_upsert", static_cast<std::int64_t>(written.size()), 1'000);
    const std::int64_t total = co_await count_all(users);
    expect_count("count after batch_upsert", total, 1'003);
    std::cout << "batch_upsert: " << written.size() << " written, count: " << total << '\n';

    // Scan, pulled one record at a time (one page in memory), then in 4 parallel segments.
    auto stream = users.scan();
    std::int64_t scanned = 0;
    std::int64_t in_their_twenties = 0;
    while (auto user = co_await stream.next()) {
        ++scanned;
        in_their_twenties += user->age < 30 ? 1 : 0;
    }
    expect_count("scan", scanned, 1'003);
    std::cout << "scan: " << scanned << " records in " << stream.pages() << " page(s), "
              << in_their_twenties << " younger than 30\n";

    const dynaq::ScanOptions four_segments{.segments = 4};
    auto parallel = users.scan(four_segments);
    std::set<std::string> emails;
    while (auto user = co_await parallel.next())
        emails.insert(user->email);
    expect_count("parallel scan (distinct records)", static_cast<std::int64_t>(emails.size()),
                 1'003);
    std::cout << "scan (4 segments): " << emails.size() << " distinct records\n";

    const dynaq::QueryOptions bulk_partition{.partition_key = "bulk"};
    const std::int64_t in_bulk = co_await users.count(bulk_partition);
    expect_count("count (partition bulk)", in_bulk, 1'000);
    std::cout << "count: " << in_bulk << " in partition bulk\n";

    // Deletes: 100 records by key, then the rest of the partition.
    const std::vector<User> first_100(bulk.begin(), bulk.begin() + 100);
    const std::vector<dynaq::Item> deleted = co_await users.batch_delete(first_100);
    const std::int64_t after_delete = co_await count_all(users);
    expect_count("batch_delete", static_cast<std::int64_t>(deleted.size()), 100);
    expect_count("count after batch_delete", after_delete, 903);
    std::cout << "batch_delete: " << deleted.size() << " deleted, count: " << after_delete << '\n';

    const dynaq::ClearOptions bulk_only{.partition_key = "bulk"};
    const std::int64_t cleared = co_await users.clear_table(bulk_only);
    const std::int64_t left = co_await count_all(users);
    expect_count("clear_table (partition bulk)", cleared, 900);
    expect_count("count after clear_table", left, 3);
    std::cout << "clear_table(partition bulk): " << cleared << " deleted, count: " << left << '\n';

    const bool dropped = co_await users.delete_table();
    co_await users.wait_until_not_exists();
    const auto gone = co_await users.get_table_status();
    expect(dropped && !gone, "delete_table: the table is still there");
    std::cout << "delete_table: " << users.name() << " is gone\n";
}

asio::awaitable<void> run(dynaq::Client& client, std::string table) {
    Users users(client, users_schema(std::move(table)), users_config(), users_hooks());
    const auto created = co_await users.create_table();
    if (!created) // never clear or delete a table this program did not create
        throw StepFailed("create_table: " + users.name() +
                         " already exists; pass a new --table name");
    std::exception_ptr failure;
    try {
        co_await exercise(users);
    } catch (...) {
        failure = std::current_exception();
    }
    if (!failure)
        co_return;
    try { // best effort: do not leave the table behind, then report the first error
        co_await users.delete_table();
    } catch (const dynaq::Error& e) {
        std::cerr << "clean-up: could not delete " << users.name() << ": " << e.what() << '\n';
    }
    std::rethrow_exception(failure);
}

} // namespace

int main(int argc, char** argv) {
    return dynaq_examples::example_main(argc, argv, "dynaq_users", "dynaq-users-table", run);
}

#pragma once
// The seed library's integration fixture, ported: UserRecord (pk = project_id, sk = company)
// in a table with the GSI gsi_name_age(name S, age N), created fresh for each test.
#include "client_fixture.hpp"

#include <dynaq/table.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace dynaq::test {

struct UserRecord {
    std::string project_id = "my_project";
    std::string company;
    std::string email;
    std::optional<std::string> name;
    std::optional<int> age;
    std::optional<std::string> dt_created;
    std::optional<std::string> dt_modified;
    std::optional<Item> nested;
};
BOOST_DESCRIBE_STRUCT(UserRecord, (),
                      (project_id, company, email, name, age, dt_created, dt_modified, nested))

inline TableSchema users_schema(std::string name) {
    return TableSchema{
        .table_name = std::move(name),
        .global_secondary_indexes = {{.name = "gsi_name_age",
                                      .partition_key = {"name"},
                                      .sort_key = KeyDefinition{"age", ScalarAttributeType::n}}},
    };
}

/// The seed's compute_key("pk") / compute_key("sk").
inline TableHooks users_hooks() {
    return TableHooks{
        .partition_key = [](const Item& r) { return r.at("project_id"); },
        .sort_key = [](const Item& r) { return r.at("company"); },
    };
}

inline UserRecord user(std::string email, std::string company, std::string name, int age) {
    UserRecord u;
    u.email = std::move(email);
    u.company = std::move(company);
    u.name = std::move(name);
    u.age = age;
    return u;
}

/// Local servers create and delete tables at once: poll them quickly.
inline TableConfig test_table_config() {
    TableConfig config;
    config.wait_delay = std::chrono::milliseconds(50);
    return config;
}

/// A ClientFixture with a users table that exists for the fixture's lifetime.
class UsersFixture : public ClientFixture {
public:
    explicit UsersFixture(TableConfig config = test_table_config()) :
        users(client, users_schema(unique_table_name("users")), std::move(config), users_hooks()) {
        run(create_and_wait());
    }
    ~UsersFixture() {
        try {
            run(drop());
        } catch (...) { // a failed test already said what went wrong
        }
    }
    UsersFixture(const UsersFixture&) = delete;
    UsersFixture& operator=(const UsersFixture&) = delete;

    Table<UserRecord> users;

    std::int64_t scan_count() {
        const ScanOptions all;
        return run(users.count(all));
    }

private:
    boost::asio::awaitable<void> create_and_wait() {
        co_await users.create_table();
        co_await users.wait_until_exists();
    }
    boost::asio::awaitable<void> drop() { co_await users.delete_table(); }
};

} // namespace dynaq::test

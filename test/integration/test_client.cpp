// Every Client operation against a real DynamoDB implementation (moto and dynalite).
#include "client_fixture.hpp"

#include <dynaq/json.hpp>

#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <thread>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

Item key(std::string pk, std::string sk) {
    return Item{{"pk", std::move(pk)}, {"sk", std::move(sk)}};
}

} // namespace

TEST_CASE("table lifecycle: create, describe, list, duplicate, delete, missing") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("life");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table);
        const DescribeTableRequest describe_table_req1{.table_name = table};
        auto d = co_await c.describe_table(describe_table_req1);
        CHECK(d.table.table_name == table);
        CHECK(d.table.table_status == TableStatus::active);
        REQUIRE(d.table.key_schema.size() == 2);
        CHECK(d.table.key_schema[0].attribute_name == "pk");
        CHECK(d.table.key_schema[0].key_type == KeyType::hash);

        auto names = co_await c.list_all_tables();
        CHECK(std::find(names.begin(), names.end(), table) != names.end());

        // Paging through ListTables with a page size of 1 sees the same tables.
        std::vector<std::string> paged;
        ListTablesRequest page_req{.limit = 1};
        for (;;) {
            auto page = co_await c.list_tables(page_req);
            CHECK(page.table_names.size() <= 1);
            paged.insert(paged.end(), page.table_names.begin(), page.table_names.end());
            if (!page.last_evaluated_table_name)
                break;
            page_req.exclusive_start_table_name = page.last_evaluated_table_name;
        }
        CHECK(std::find(paged.begin(), paged.end(), table) != paged.end());

        CHECK_THROWS_AS(co_await create_pk_sk_table(c, table), ResourceInUseError);
        co_await drop_table(c, table);
        // Deletion is asynchronous in DynamoDB (and briefly DELETING on dynalite): poll until the
        // table is gone, which must end in ResourceNotFoundError.
        bool gone = false;
        asio::steady_timer timer(co_await asio::this_coro::executor);
        for (int i = 0; i < 200 && !gone; ++i) {
            try {
                const DescribeTableRequest describe{.table_name = table};
                auto d = co_await c.describe_table(describe);
                CHECK(d.table.table_status == TableStatus::deleting);
            } catch (const ResourceNotFoundError&) {
                gone = true;
            }
            if (!gone) {
                timer.expires_after(std::chrono::milliseconds(50));
                co_await timer.async_wait(asio::use_awaitable);
            }
        }
        CHECK(gone);
        CHECK_THROWS_AS(co_await drop_table(c, table), ResourceNotFoundError);
    }());
}

TEST_CASE("put, get, update and delete keep every type exact") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("items");
    f.run(create_pk_sk_table(c, table));

    const Item item{{"pk", "user#1"},
                    {"sk", "profile"},
                    {"big", Number("12345678901234567890123456789012345678")},
                    {"tiny", Number("-1.5e-120")},
                    {"count", 7},
                    {"flag", true},
                    {"nothing", Null{}},
                    {"blob", Binary(std::string("\x00\x01\xff", 3))},
                    {"names", StringSet{"a", "b"}},
                    {"nums", NumberSet{1, 2, Number("3.25")}},
                    {"bins", BinarySet{Binary("x"), Binary("y")}},
                    {"list", List{1, "two", List{true}}},
                    {"map", Map{{"nested", Map{{"deep", "value"}}}, {"unicode", "h\xc3\xa9llo"}}}};

    f.run([&]() -> asio::awaitable<void> {
        const PutItemRequest put_item_req5{.table_name = table, .item = item};
        auto put = co_await c.put_item(put_item_req5);
        CHECK_FALSE(put.attributes);

        const GetItemRequest get_item_req101{
            .table_name = table, .key = key("user#1", "profile"), .consistent_read = true};
        auto got = co_await c.get_item(get_item_req101);
        REQUIRE(got.item);
        CHECK(*got.item == item);
        CHECK(got.item->at("big").as_number().text() == "12345678901234567890123456789012345678");

        const GetItemRequest get_item_req6{.table_name = table, .key = key("user#1", "nope")};
        auto missing = co_await c.get_item(get_item_req6);
        CHECK_FALSE(missing.item);

        const GetItemRequest req1{.table_name = table,
                                  .key = key("user#1", "profile"),
                                  .projection_expression = "#c, #m.nested",
                                  .expression_attribute_names = {{"#c", "count"}, {"#m", "map"}}};
        auto projected = co_await c.get_item(req1);
        REQUIRE(projected.item);
        CHECK(projected.item->size() == 2);
        CHECK(projected.item->at("count").as_number().to_int64() == 7);

        const UpdateItemRequest req2{
            .table_name = table,
            .key = key("user#1", "profile"),
            .update_expression = "SET #c = #c + :one REMOVE #n ADD #s :more",
            .expression_attribute_names = {{"#c", "count"}, {"#n", "nothing"}, {"#s", "names"}},
            .expression_attribute_values = {{":one", 1}, {":more", StringSet{"c"}}},
            .return_values = ReturnValues::all_new,
        };
        auto updated = co_await c.update_item(req2);
        REQUIRE(updated.attributes);
        CHECK(updated.attributes->at("count").as_number().to_int64() == 8);
        CHECK_FALSE(updated.attributes->contains("nothing"));
        CHECK(updated.attributes->at("names") == AttributeValue(StringSet{"a", "b", "c"}));

        const PutItemRequest req3{.table_name = table,
                                  .item = {{"pk", "user#1"}, {"sk", "profile"}, {"v", 2}},
                                  .return_values = ReturnValues::all_old};
        auto replaced = co_await c.put_item(req3);
        REQUIRE(replaced.attributes);
        CHECK(replaced.attributes->at("count").as_number().to_int64() == 8);

        const DeleteItemRequest delete_item_req7{.table_name = table,
                                                 .key = key("user#1", "profile"),
                                                 .return_values = ReturnValues::all_old};
        auto deleted = co_await c.delete_item(delete_item_req7);
        REQUIRE(deleted.attributes);
        CHECK(deleted.attributes->at("v").as_number().to_int64() == 2);
        const DeleteItemRequest delete_item_req8{.table_name = table,
                                                 .key = key("user#1", "profile"),
                                                 .return_values = ReturnValues::all_old};
        auto again = co_await c.delete_item(delete_item_req8);
        CHECK_FALSE(again.attributes);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("conditions fail with typed exceptions, server validation errors are typed") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("cond");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table);
        const PutItemRequest create_only{.table_name = table,
                                         .item = {{"pk", "a"}, {"sk", "1"}, {"version", 1}},
                                         .condition_expression = "attribute_not_exists(pk)"};
        co_await c.put_item(create_only);
        CHECK_THROWS_AS(co_await c.put_item(create_only), ConditionalCheckFailedError);

        const UpdateItemRequest req4{.table_name = table,
                                     .key = key("a", "1"),
                                     .update_expression = "SET version = :v",
                                     .condition_expression = "version = :old",
                                     .expression_attribute_values = {{":v", 3}, {":old", 2}}};
        CHECK_THROWS_AS(co_await c.update_item(req4), ConditionalCheckFailedError);
        const DeleteItemRequest delete_item_req10{.table_name = table,
                                                  .key = key("a", "1"),
                                                  .condition_expression =
                                                      "attribute_not_exists(pk)"};
        CHECK_THROWS_AS(co_await c.delete_item(delete_item_req10), ConditionalCheckFailedError);

        // The table's key is pk+sk: a key without sk is the server's ValidationException.
        const GetItemRequest req5{.table_name = table, .key = {{"pk", "a"}}};
        CHECK_THROWS_AS(co_await c.get_item(req5), ValidationError);
        // Missing table.
        const GetItemRequest get_item_req11{.table_name = unique_table_name("missing"),
                                            .key = key("a", "1")};
        CHECK_THROWS_AS(co_await c.get_item(get_item_req11), ResourceNotFoundError);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("bad requests are rejected before anything is sent") {
    ClientFixture f;
    auto& c = f.client;
    f.run([&]() -> asio::awaitable<void> {
        const GetItemRequest get_item_req13{.table_name = "x", .key = key("a", "1")};
        CHECK_THROWS_AS(co_await c.get_item(get_item_req13), InvalidArgumentError);
        const PutItemRequest req6{.table_name = "valid_name",
                                  .item = {{"pk", "a"}, {"s", StringSet{}}}};
        CHECK_THROWS_AS(co_await c.put_item(req6), InvalidArgumentError);
        const PutItemRequest req7{.table_name = "valid_name",
                                  .item = {{"pk", "a"}, {"s", StringSet{"x", "x"}}}};
        CHECK_THROWS_AS(co_await c.put_item(req7), InvalidArgumentError);
        const QueryRequest req8{.table_name = "valid_name",
                                .key_condition_expression = "pk = :p",
                                .expression_attribute_values = {{":p", "a"}},
                                .limit = 0};
        CHECK_THROWS_AS(co_await c.query(req8), InvalidArgumentError);
    }());
    // Nothing reached the server: no connection was ever opened.
    CHECK(f.client.transport().pool_stats().opened == 0);
}

TEST_CASE("query and scan paginate, count and run in parallel segments") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("query");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table);
        for (int i = 0; i < 30; ++i) {
            char sk[16];
            std::snprintf(sk, sizeof sk, "%02d", i);
            const PutItemRequest req9{.table_name = table,
                                      .item = {{"pk", i < 20 ? "p1" : "p2"}, {"sk", sk}, {"n", i}}};
            co_await c.put_item(req9);
        }

        // Pages of 7 over the 20 items of p1, in descending order.
        QueryRequest q{.table_name = table,
                       .key_condition_expression = "pk = :p AND sk >= :from",
                       .expression_attribute_values = {{":p", "p1"}, {":from", "05"}},
                       .limit = 7,
                       .scan_index_forward = false};
        std::vector<std::string> seen;
        int pages = 0;
        for (;;) {
            auto page = co_await c.query(q);
            ++pages;
            for (auto& it : page.items)
                seen.push_back(it.at("sk").as_string());
            if (!page.last_evaluated_key)
                break;
            q.exclusive_start_key = page.last_evaluated_key;
        }
        REQUIRE(seen.size() == 15);
        CHECK(seen.front() == "19");
        CHECK(seen.back() == "05");
        CHECK(std::is_sorted(seen.rbegin(), seen.rend()));
        CHECK(pages >= 3);

        const QueryRequest req10{.table_name = table,
                                 .key_condition_expression = "pk = :p",
                                 .filter_expression = "n < :max",
                                 .expression_attribute_values = {{":p", "p1"}, {":max", 10}},
                                 .select = Select::count};
        auto counted = co_await c.query(req10);
        CHECK(counted.count == 10);
        CHECK(counted.scanned_count == 20);
        CHECK(counted.items.empty());

        // Four segments together see every item exactly once.
        std::multiset<std::string> all;
        for (int segment = 0; segment < 4; ++segment) {
            ScanRequest s{.table_name = table, .limit = 5, .segment = segment, .total_segments = 4};
            for (;;) {
                auto page = co_await c.scan(s);
                for (auto& it : page.items)
                    all.insert(it.at("pk").as_string() + "/" + it.at("sk").as_string());
                if (!page.last_evaluated_key)
                    break;
                s.exclusive_start_key = page.last_evaluated_key;
            }
        }
        CHECK(all.size() == 30);
        CHECK(std::set<std::string>(all.begin(), all.end()).size() == 30);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("batch write and batch get") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("batch");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table);
        BatchWriteItemRequest w;
        for (int i = 0; i < 25; ++i)
            w.request_items[table].push_back(
                PutRequest{.item = {{"pk", "b"}, {"sk", std::to_string(i)}, {"i", i}}});
        auto wrote = co_await c.batch_write_item(w);
        CHECK(wrote.unprocessed_items.empty());

        BatchGetItemRequest g;
        for (int i = 0; i < 30; ++i) // 5 of them do not exist
            g.request_items[table].keys.push_back(key("b", std::to_string(i)));
        g.request_items[table].consistent_read = true;
        auto got = co_await c.batch_get_item(g);
        CHECK(got.unprocessed_keys.empty());
        REQUIRE(got.responses.count(table) == 1);
        CHECK(got.responses[table].size() == 25);

        BatchWriteItemRequest d;
        for (int i = 0; i < 10; ++i)
            d.request_items[table].push_back(DeleteRequest{.key = key("b", std::to_string(i))});
        co_await c.batch_write_item(d);
        const ScanRequest scan_req15{.table_name = table, .select = Select::count};
        auto left = co_await c.scan(scan_req15);
        CHECK(left.count == 15);
        co_await drop_table(c, table);
    }());
}

TEST_CASE("transactions: all or nothing, with cancellation reasons") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("tx");
    f.run(create_pk_sk_table(c, table));
    if (!server_has_transactions()) {
        // dynalite has no transactions: the typed error must say so, and that is all we test.
        CHECK_THROWS_AS(f.run(c.transact_write_items(
                            {.transact_items = {TransactPut{.table_name = table,
                                                            .item = {{"pk", "t"}, {"sk", "1"}}}}})),
                        UnknownOperationError);
        WARN("transactions skipped on " << server_name() << ": it has no TransactWriteItems");
        return;
    }
    f.run([&]() -> asio::awaitable<void> {
        const TransactWriteItemsRequest req11{
            .transact_items = {
                TransactPut{.table_name = table, .item = {{"pk", "t"}, {"sk", "1"}, {"v", 1}}},
                TransactPut{.table_name = table, .item = {{"pk", "t"}, {"sk", "2"}, {"v", 2}}},
            }};
        co_await c.transact_write_items(req11);
        const TransactGetItemsRequest get_both{
            .transact_items = {TransactGet{.table_name = table, .key = key("t", "1")},
                               TransactGet{.table_name = table, .key = key("t", "9")}}};
        auto got = co_await c.transact_get_items(get_both);
        REQUIRE(got.responses.size() == 2);
        REQUIRE(got.responses[0]);
        CHECK(got.responses[0]->at("v").as_number().to_int64() == 1);
        CHECK_FALSE(got.responses[1]);

        try {
            const TransactWriteItemsRequest req12{
                .transact_items = {
                    TransactUpdate{.table_name = table,
                                   .key = key("t", "1"),
                                   .update_expression = "SET v = :v",
                                   .expression_attribute_values = {{":v", 10}}},
                    TransactConditionCheck{.table_name = table,
                                           .key = key("t", "2"),
                                           .condition_expression = "v = :no",
                                           .expression_attribute_values = {{":no", 99}}},
                }};
            co_await c.transact_write_items(req12);
            FAIL("the transaction should have been cancelled");
        } catch (const TransactionCanceledError& e) {
            REQUIRE(e.reasons().size() == 2);
            CHECK(e.reasons()[0].code == "None");
            CHECK(e.reasons()[1].code == "ConditionalCheckFailed");
        }
        const GetItemRequest get_item_req17{.table_name = table, .key = key("t", "1")};
        auto after = co_await c.get_item(get_item_req17);
        CHECK(after.item->at("v").as_number().to_int64() == 1); // nothing applied
    }());
}

TEST_CASE("time to live and table updates") {
    ClientFixture f;
    auto& c = f.client;
    const auto table = unique_table_name("ttl");
    f.run([&]() -> asio::awaitable<void> {
        const CreateTableRequest req13{.table_name = table,
                                       .attribute_definitions = {{"pk", ScalarAttributeType::s}},
                                       .key_schema = {{"pk", KeyType::hash}},
                                       .provisioned_throughput = ProvisionedThroughput{5, 5}};
        co_await c.create_table(req13);
        co_await wait_active(c, table);
        const UpdateTableRequest update_table_req102{
            .table_name = table, .provisioned_throughput = ProvisionedThroughput{10, 7}};
        auto updated = co_await c.update_table(update_table_req102);
        CHECK(updated.table_description.table_name == table);
        co_await wait_active(c, table);
        const DescribeTableRequest describe_table_req18{.table_name = table};
        auto d = co_await c.describe_table(describe_table_req18);
        REQUIRE(d.table.provisioned_throughput);
        CHECK(d.table.provisioned_throughput->read_capacity_units == 10);
        CHECK(d.table.provisioned_throughput->write_capacity_units == 7);

        if (server_kind() == server_type::moto) { // dynalite has no TTL operations
            const UpdateTimeToLiveRequest update_time_to_live_req103{
                .table_name = table,
                .time_to_live_specification = {.enabled = true, .attribute_name = "expires"}};
            co_await c.update_time_to_live(update_time_to_live_req103);
            const DescribeTimeToLiveRequest describe_time_to_live_req19{.table_name = table};
            auto ttl = co_await c.describe_time_to_live(describe_time_to_live_req19);
            CHECK(ttl.time_to_live_description.attribute_name == "expires");
        }
        co_await drop_table(c, table);
    }());
}

TEST_CASE("the raw escape hatch sends any operation") {
    ClientFixture f;
    auto reply = f.run(f.client.call("ListTables", "{\"Limit\":5}"));
    CHECK(reply.status == 200);
    CHECK(reply.body.find("TableNames") != std::string::npos);
    CHECK_THROWS_AS(f.run(f.client.call("DescribeTable", "{\"TableName\":\"no_such_table_x\"}")),
                    ResourceNotFoundError);
}

TEST_CASE("callers without coroutines: std::future and a plain callback") {
    asio::io_context io;
    Client client(io.get_executor(), test_client_config());
    std::thread runner;
    {
        auto guard = asio::make_work_guard(io);
        runner = std::thread([&] { io.run(); });
        // std::future: co_spawn with use_future.
        std::future<ListTablesResponse> fut =
            asio::co_spawn(io, client.list_tables({}), asio::use_future);
        CHECK_NOTHROW(fut.get());
        // A plain completion handler.
        std::promise<std::string> done;
        asio::co_spawn(io, client.describe_table({.table_name = "no_such_table_y"}),
                       [&](std::exception_ptr e, DescribeTableResponse) {
                           try {
                               if (e)
                                   std::rethrow_exception(e);
                               done.set_value("no error");
                           } catch (const ResourceNotFoundError&) {
                               done.set_value("ResourceNotFoundError");
                           } catch (...) {
                               done.set_value("other error");
                           }
                       });
        CHECK(done.get_future().get() == "ResourceNotFoundError");
    }
    runner.join();
}

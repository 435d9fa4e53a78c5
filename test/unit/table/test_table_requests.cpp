// What the Table layer puts on the wire: the requests of the seed's Appendix A (A.1-A.9, A.14),
// sent to a FaultServer that records them and gives minimal valid answers. Expressions are
// compared by meaning: every `#name` / `:value` placeholder is replaced by the attribute name or
// the value's typed JSON it stands for, so a test does not depend on the placeholder letters
// (which are deterministic anyway, see expression.hpp).
#include "fault_server.hpp"
#include "run_until_done.hpp"
#include "table_test_setup.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/json.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

const std::string now_json = R"({"S":"2024-01-02T03:04:05.000000"})";

ClientConfig client_config(const FaultServer& server) {
    return fault_client_config(server, 1);
}

TableConfig table_config() {
    TableConfig c = fast_table_config(1); // requests arrive in chunk order
    c.wait_attempts = 10;
    return c;
}

// The table of A.7 and A.14: a global index on name (S) and age (N).
TableSchema schema_with_gsi() {
    TableSchema s = schema();
    s.global_secondary_indexes.push_back(
        SecondaryIndex{.name = "gsi_name_age",
                       .partition_key = {"name"},
                       .sort_key = KeyDefinition{"age", ScalarAttributeType::n}});
    return s;
}

Action describe(const std::string& status) {
    return Action::ok(R"({"Table":{"TableName":"tbl","TableStatus":")" + status + "\"}}");
}

Action not_found() {
    return Action::error(400, "ResourceNotFoundException", "Requested resource not found");
}

// The smallest valid answer to each operation.
Action minimal_answer(const RecordedRequest& r) {
    const std::string op = r.operation();
    if (op == "UpdateItem")
        return Action::ok(R"({"Attributes":{"pk":{"S":"p"},"sk":{"S":"s"}}})");
    if (op == "Query" || op == "Scan")
        return Action::ok(R"({"Items":[],"Count":0,"ScannedCount":0})");
    if (op == "BatchGetItem")
        return Action::ok(R"({"Responses":{}})");
    if (op == "BatchWriteItem")
        return Action::ok(R"({"UnprocessedItems":{}})");
    if (op == "CreateTable")
        return Action::ok(R"({"TableDescription":{"TableName":"tbl","TableStatus":"CREATING"}})");
    if (op == "DeleteTable")
        return Action::ok(R"({"TableDescription":{"TableName":"tbl","TableStatus":"DELETING"}})");
    if (op == "DescribeTable")
        return not_found();
    return Action::ok("{}"); // GetItem, PutItem, DeleteItem
}

// Answers `op` with `script` in turn (the last entry once it runs out), anything else minimally.
Handler scripted(std::string op, std::vector<Action> script) {
    auto calls = std::make_shared<std::atomic<std::size_t>>(0);
    return [op = std::move(op), script = std::move(script), calls](const RecordedRequest& r) {
        if (r.operation() != op)
            return minimal_answer(r);
        const std::size_t n = calls->fetch_add(1);
        return script[std::min(n, script.size() - 1)];
    };
}

// A Table of Items on a recording server.
struct Wire {
    explicit Wire(Handler handler = minimal_answer, TableSchema s = schema(),
                  TableConfig config = table_config()) :
        server(std::move(handler)),
        client(ioc.get_executor(), client_config(server)),
        table(client, std::move(s), std::move(config)) {}

    [[nodiscard]] std::vector<std::string> operations() const {
        std::vector<std::string> out;
        for (const auto& r : server.requests())
            out.push_back(r.operation());
        return out;
    }

    // The body of the i-th request, parsed.
    [[nodiscard]] rapidjson::Document body(std::size_t i) const {
        const auto requests = server.requests();
        if (i >= requests.size())
            throw std::runtime_error("no request " + std::to_string(i));
        rapidjson::Document d;
        d.Parse(requests[i].body.c_str());
        if (d.HasParseError() || !d.IsObject())
            throw std::runtime_error("request " + std::to_string(i) + " is not a JSON object");
        return d;
    }

    FaultServer server;
    asio::io_context ioc;
    Client client;
    Table<Item> table;
};

// ---- JSON ----------------------------------------------------------------------------------

std::string json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

const rapidjson::Value* find(const rapidjson::Value& v, const char* name) {
    if (!v.IsObject())
        return nullptr;
    const auto it = v.FindMember(name);
    return it == v.MemberEnd() ? nullptr : &it->value;
}

const rapidjson::Value& member(const rapidjson::Value& v, const char* name) {
    const rapidjson::Value* m = find(v, name);
    if (!m)
        throw std::runtime_error(std::string("missing member ") + name);
    return *m;
}

bool has(const rapidjson::Value& v, const char* name) {
    return find(v, name) != nullptr;
}

std::string text(const rapidjson::Value& v, const char* name) {
    const rapidjson::Value& m = member(v, name);
    if (!m.IsString())
        throw std::runtime_error(std::string(name) + " is not a string");
    return {m.GetString(), m.GetStringLength()};
}

// A member as compact JSON ("<absent>" when missing): compares scalars and whole objects.
std::string json_of(const rapidjson::Value& v, const char* name) {
    const rapidjson::Value* m = find(v, name);
    return m ? json_text(*m) : "<absent>";
}

Item item_of(const rapidjson::Value& v, const char* name) {
    return item_from_json(json_text(member(v, name)));
}

// The placeholders of `request` that none of its expressions uses (DynamoDB rejects those).
std::set<std::string> unused_placeholders(const rapidjson::Value& request) {
    std::string all;
    for (const char* e : {"KeyConditionExpression", "FilterExpression", "ConditionExpression",
                          "UpdateExpression", "ProjectionExpression"})
        if (has(request, e))
            all += text(request, e) + ' ';
    std::set<std::string> unused;
    for (const char* map : {"ExpressionAttributeNames", "ExpressionAttributeValues"})
        if (const rapidjson::Value* m = find(request, map))
            for (auto it = m->MemberBegin(); it != m->MemberEnd(); ++it) {
                const std::string p(it->name.GetString(), it->name.GetStringLength());
                const std::regex used(std::regex_replace(p, std::regex(R"([#:])"), R"(\$&)") +
                                      R"((?![A-Za-z0-9_]))");
                if (!std::regex_search(all, used))
                    unused.insert(p);
            }
    return unused;
}

// `expression` of `request` with every placeholder replaced by what it stands for: `#n0` by the
// attribute name, `:v0` by the value's typed JSON.
std::string resolve(const rapidjson::Value& request, const char* expression) {
    const std::string in = text(request, expression);
    static const std::regex placeholder(R"([#:][A-Za-z0-9_]+)");
    std::string out;
    auto last = in.cbegin();
    for (std::sregex_iterator it(in.begin(), in.end(), placeholder), end; it != end; ++it) {
        out.append(last, in.cbegin() + it->position());
        const std::string p = it->str();
        const char* map = p[0] == '#' ? "ExpressionAttributeNames" : "ExpressionAttributeValues";
        const rapidjson::Value* m = find(request, map);
        const rapidjson::Value* v = m ? find(*m, p.c_str()) : nullptr;
        if (!v)
            out += "<unknown " + p + ">";
        else if (p[0] == '#')
            out.append(v->GetString(), v->GetStringLength());
        else
            out += to_json(value_from_json(json_text(*v)));
        last = in.cbegin() + it->position() + it->length();
    }
    out.append(last, in.cend());
    return out;
}

std::vector<std::string> names_of(const rapidjson::Value& request) {
    std::vector<std::string> out;
    if (const rapidjson::Value* m = find(request, "ExpressionAttributeNames"))
        for (auto it = m->MemberBegin(); it != m->MemberEnd(); ++it)
            out.emplace_back(it->value.GetString(), it->value.GetStringLength());
    return out;
}

Item key(const std::string& pk, const std::string& sk) {
    return Item{{"pk", pk}, {"sk", sk}};
}

} // namespace

// ---- upsert_record (A.1-A.3) ---------------------------------------------------------------

TEST_CASE("upsert_record: UpdateItem SETs every non-key attribute, dt_created once (A.1)") {
    Wire w(scripted("UpdateItem", {Action::ok(R"({"Attributes":{"pk":{"S":"p"},"sk":{"S":"s"},)"
                                              R"("name":{"S":"stored"}}})")}));
    const Item record{{"pk", "p"}, {"sk", "s"}, {"name", "n"}, {"age", 3}};
    auto body = [&]() -> asio::awaitable<Item> {
        co_return co_await w.table.upsert_record(record);
    };
    const Item stored = run_until_done(w.ioc, body());

    // What comes back is the whole item as stored (ALL_NEW), not the record sent.
    CHECK(stored == Item{{"pk", "p"}, {"sk", "s"}, {"name", "stored"}});
    REQUIRE(w.operations() == std::vector<std::string>{"UpdateItem"});
    const auto r = w.body(0);
    CHECK(text(r, "TableName") == table_name);
    CHECK(item_of(r, "Key") == key("p", "s"));
    CHECK(resolve(r, "UpdateExpression") ==
          R"(SET age = {"N":"3"}, dt_modified = )" + now_json + R"(, name = {"S":"n"}, )" +
              "dt_created = if_not_exists(dt_created, " + now_json + ")");
    CHECK(text(r, "ReturnValues") == "ALL_NEW");
    CHECK(!has(r, "ConditionExpression"));
    CHECK(unused_placeholders(r).empty());
    // The exact text, with our documented placeholder scheme.
    CHECK(text(r, "UpdateExpression") ==
          "SET #n0 = :v0, #n1 = :v1, #n2 = :v2, #n3 = if_not_exists(#n3, :v1)");
}

TEST_CASE("upsert_record: condition, set_if_not_exists and extra_data (A.2)") {
    Wire w;
    const Item record{{"pk", "p"}, {"sk", "s"}, {"name", "n"}, {"age", 3}};
    UpsertOptions options;
    options.condition = attr("pk").not_exists();
    options.set_if_not_exists = {"name"};
    options.extra_data = Item{{"x", 1}};
    auto body = [&]() -> asio::awaitable<Item> {
        co_return co_await w.table.upsert_record(record, options);
    };
    (void)run_until_done(w.ioc, body());

    const auto r = w.body(0);
    CHECK(item_of(r, "Key") == key("p", "s"));
    CHECK(resolve(r, "ConditionExpression") == "attribute_not_exists(pk)");
    // extra_data is written (the Python library's behaviour); name only when absent.
    CHECK(resolve(r, "UpdateExpression") ==
          R"(SET age = {"N":"3"}, dt_modified = )" + now_json + R"(, x = {"N":"1"}, )" +
              "dt_created = if_not_exists(dt_created, " + now_json + R"(), )" +
              R"(name = if_not_exists(name, {"S":"n"}))");
    CHECK(unused_placeholders(r).empty());
}

TEST_CASE("upsert_record: a condition on the new value (A.3); condition_values are not written") {
    Wire w;
    const Item record{{"pk", "p"}, {"sk", "s"}, {"version", 2}};
    UpsertOptions options;
    SECTION("a named value from the record") {
        options.condition = attr("version") < named("version");
        auto body = [&]() -> asio::awaitable<Item> {
            co_return co_await w.table.upsert_record(record, options);
        };
        (void)run_until_done(w.ioc, body());
        const auto r = w.body(0);
        CHECK(resolve(r, "ConditionExpression") == R"(version < {"N":"2"})");
        CHECK(resolve(r, "UpdateExpression")
                  .starts_with(R"(SET dt_modified = )" + now_json + R"(, version = {"N":"2"}, )"));
    }
    SECTION("a named value from condition_values") {
        options.condition = attr("version") < named("limit");
        options.condition_values = Item{{"limit", 9}};
        auto body = [&]() -> asio::awaitable<Item> {
            co_return co_await w.table.upsert_record(record, options);
        };
        (void)run_until_done(w.ioc, body());
        const auto r = w.body(0);
        CHECK(resolve(r, "ConditionExpression") == R"(version < {"N":"9"})");
        CHECK(resolve(r, "UpdateExpression") ==
              "SET dt_modified = " + now_json + R"(, version = {"N":"2"}, )" +
                  "dt_created = if_not_exists(dt_created, " + now_json + ")");
        const auto names = names_of(r);
        CHECK(std::find(names.begin(), names.end(), "limit") == names.end());
        CHECK(unused_placeholders(r).empty());
    }
}

TEST_CASE("upsert_record: an attribute named with a dot is one attribute, not a path") {
    Wire w;
    const Item record{{"pk", "p"}, {"sk", "s"}, {"a.b", 1}};
    auto body = [&]() -> asio::awaitable<Item> {
        co_return co_await w.table.upsert_record(record);
    };
    (void)run_until_done(w.ioc, body());
    const auto r = w.body(0);
    const auto names = names_of(r);
    CHECK(std::find(names.begin(), names.end(), "a.b") != names.end());
    CHECK(std::find(names.begin(), names.end(), "a") == names.end());
    CHECK(std::find(names.begin(), names.end(), "b") == names.end());
    // One placeholder for the name, never `#x.#y`.
    CHECK(!std::regex_search(text(r, "UpdateExpression"), std::regex(R"(#\w+\.)")));
    CHECK(resolve(r, "UpdateExpression").starts_with(R"(SET a.b = {"N":"1"}, )"));
}

TEST_CASE("upsert_record: the timestamps come from the configured clock, six fraction digits") {
    TableConfig config = table_config();
    config.clock = [] { return fixed_now() + 123456us; };
    Wire w(minimal_answer, schema(), config);
    const Item record{{"pk", "p"}, {"sk", "s"}, {"dt_created", "given"}};
    auto body = [&]() -> asio::awaitable<Item> {
        co_return co_await w.table.upsert_record(record);
    };
    (void)run_until_done(w.ioc, body());
    const auto r = w.body(0);
    const std::string stamp = R"({"S":"2024-01-02T03:04:05.123456"})";
    // A caller's dt_created is replaced by the clock's, and still written only once.
    CHECK(resolve(r, "UpdateExpression") ==
          "SET dt_modified = " + stamp + ", dt_created = if_not_exists(dt_created, " + stamp + ")");
}

// ---- delete_record (A.4) and get_record (A.5) -----------------------------------------------

TEST_CASE("delete_record: DeleteItem with the key, the condition and ALL_OLD (A.4)") {
    Wire w(scripted("DeleteItem",
                    {Action::ok(R"({"Attributes":{"pk":{"S":"b"},"sk":{"S":"1"},"x":{"N":"5"}}})"),
                     Action::ok("{}")}));
    const Item record{{"pk", "b"}, {"sk", "1"}, {"other", 5}};
    DeleteOptions options;
    options.condition = attr("pk").exists() && attr("other") == named("other");
    auto body = [&]() -> asio::awaitable<std::pair<std::optional<Item>, std::optional<Item>>> {
        auto first = co_await w.table.delete_record(record, options);
        auto second = co_await w.table.delete_record(record, options);
        std::pair<std::optional<Item>, std::optional<Item>> out{std::move(first),
                                                                std::move(second)};
        co_return out;
    };
    const auto [first, second] = run_until_done(w.ioc, body());

    REQUIRE(first.has_value());
    CHECK(*first == Item{{"pk", "b"}, {"sk", "1"}, {"x", 5}});
    CHECK(!second.has_value()); // nothing was stored any more
    const auto r = w.body(0);
    CHECK(item_of(r, "Key") == key("b", "1"));
    // Named values come from the record too (the Python library only had the key).
    CHECK(resolve(r, "ConditionExpression") == R"(attribute_exists(pk) AND other = {"N":"5"})");
    CHECK(text(r, "ReturnValues") == "ALL_OLD");
    CHECK(unused_placeholders(r).empty());
}

TEST_CASE("get_record: GetItem with the key; ConsistentRead only when asked; projection keeps the "
          "keys (A.5)") {
    Wire w(scripted("GetItem", {Action::ok(R"({"Item":{"pk":{"S":"p"},"sk":{"S":"s"},)"
                                           R"("name":{"S":"n"}}})"),
                                Action::ok("{}")}));
    const Item record{{"pk", "p"}, {"sk", "s"}, {"name", "ignored"}};
    GetOptions consistent;
    consistent.consistent_read = true;
    consistent.projection = Projection{"name"};
    auto body = [&]() -> asio::awaitable<std::pair<std::optional<Item>, std::optional<Item>>> {
        auto first = co_await w.table.get_record(record);
        auto second = co_await w.table.get_record(record, consistent);
        std::pair<std::optional<Item>, std::optional<Item>> out{std::move(first),
                                                                std::move(second)};
        co_return out;
    };
    const auto [found, missing] = run_until_done(w.ioc, body());

    REQUIRE(found.has_value());
    CHECK(*found == Item{{"pk", "p"}, {"sk", "s"}, {"name", "n"}});
    CHECK(!missing.has_value());

    const auto plain = w.body(0);
    CHECK(item_of(plain, "Key") == key("p", "s"));
    CHECK(json_of(plain, "ConsistentRead") != "true");
    CHECK(!has(plain, "ProjectionExpression"));
    CHECK(!has(plain, "ExpressionAttributeNames"));

    const auto asked = w.body(1);
    CHECK(item_of(asked, "Key") == key("p", "s"));
    CHECK(json_of(asked, "ConsistentRead") == "true");
    CHECK(resolve(asked, "ProjectionExpression") == "name, pk, sk");
    CHECK(unused_placeholders(asked).empty());
}

// ---- query (A.6, A.7) and scan (A.8) --------------------------------------------------------

TEST_CASE("query: key condition, order, consistency, Limit and projection (A.6)") {
    Wire w;
    QueryOptions options;
    options.partition_key = "a";
    options.limit = 4;
    options.scan_index_forward = false;
    options.consistent_read = true;
    options.projection = Projection{"name", "age"};
    std::string expected_key;
    SECTION("prefix") {
        options.sort_key_prefix = "x";
        expected_key = R"(pk = {"S":"a"} AND begins_with(sk, {"S":"x"}))";
    }
    SECTION("equality") {
        options.sort_key = "x";
        expected_key = R"(pk = {"S":"a"} AND sk = {"S":"x"})";
    }
    SECTION("between") {
        options.sort_key_match = SortKeyMatch::between("a", "m");
        expected_key = R"(pk = {"S":"a"} AND sk BETWEEN {"S":"a"} AND {"S":"m"})";
    }
    SECTION("partition only") {
        expected_key = R"(pk = {"S":"a"})";
    }
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = w.table.query(options);
        co_return co_await stream.collect();
    };
    CHECK(run_until_done(w.ioc, body()).empty());

    REQUIRE(w.operations() == std::vector<std::string>{"Query"});
    const auto r = w.body(0);
    CHECK(text(r, "TableName") == table_name);
    CHECK(!has(r, "IndexName"));
    CHECK(resolve(r, "KeyConditionExpression") == expected_key);
    CHECK(resolve(r, "ProjectionExpression") == "name, age");
    CHECK(json_of(r, "ScanIndexForward") == "false");
    CHECK(json_of(r, "ConsistentRead") == "true");
    CHECK(json_of(r, "Limit") == "4");
    CHECK(!has(r, "FilterExpression"));
    CHECK(unused_placeholders(r).empty());
}

TEST_CASE("query: a global index with a sort key value and a filter with named values (A.7)") {
    Wire w(minimal_answer, schema_with_gsi());
    QueryOptions options;
    options.partition_key = "Mary";
    options.index = "gsi_name_age";
    options.sort_key = 34;
    options.filter = (attr("age").between(named("lo"), named("hi")) &&
                      attr("city").in({named("c0"), named("c1"), named("c2")})) ||
                     attr("deleted").not_exists();
    options.data = Item{{"lo", 1}, {"hi", 50}, {"c0", "A"}, {"c1", "B"}, {"c2", "C"}};
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = w.table.query(options);
        co_return co_await stream.collect();
    };
    (void)run_until_done(w.ioc, body());

    const auto r = w.body(0);
    CHECK(text(r, "IndexName") == "gsi_name_age");
    CHECK(resolve(r, "KeyConditionExpression") == R"(name = {"S":"Mary"} AND age = {"N":"34"})");
    // Nested groups are parenthesised: the meaning never rests on DynamoDB's precedence.
    CHECK(resolve(r, "FilterExpression") ==
          R"(((age BETWEEN {"N":"1"} AND {"N":"50"}) AND city IN ({"S":"A"}, {"S":"B"}, )"
          R"({"S":"C"})) OR attribute_not_exists(deleted))");
    CHECK(json_of(r, "Limit") == "1000");
    CHECK(json_of(r, "ScanIndexForward") == "true");
    CHECK(unused_placeholders(r).empty());
}

TEST_CASE("query: Limit is min(page_size, what is left of the limit) on every page") {
    // Three full pages of 4 with a LastEvaluatedKey each.
    std::vector<Action> pages;
    for (int p = 0; p < 3; ++p) {
        std::string items;
        for (int i = 0; i < 4; ++i)
            items += std::string(items.empty() ? "" : ",") + R"({"pk":{"S":"a"},"sk":{"S":"s)" +
                     std::to_string(p * 4 + i) + R"("}})";
        pages.push_back(Action::ok(R"({"Items":[)" + items + R"(],"Count":4,"ScannedCount":4,)" +
                                   R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"S":"s)" +
                                   std::to_string(p * 4 + 3) + R"("}}})"));
    }
    Wire w(scripted("Query", pages));
    QueryOptions options;
    options.partition_key = "a";
    options.page_size = 4;
    options.limit = 10;
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = w.table.query(options);
        co_return co_await stream.collect();
    };
    CHECK(run_until_done(w.ioc, body()).size() == 10);
    REQUIRE(w.operations().size() == 3);
    CHECK(json_of(w.body(0), "Limit") == "4");
    CHECK(json_of(w.body(1), "Limit") == "4");
    CHECK(json_of(w.body(2), "Limit") == "2");
    CHECK(!has(w.body(0), "ExclusiveStartKey"));
    CHECK(item_of(w.body(1), "ExclusiveStartKey") == key("a", "s3"));
    CHECK(item_of(w.body(2), "ExclusiveStartKey") == key("a", "s7"));
}

TEST_CASE("query: consistent_read on a global index is refused before sending") {
    Wire w(minimal_answer, schema_with_gsi());
    QueryOptions options;
    options.partition_key = "Mary";
    options.index = "gsi_name_age";
    options.consistent_read = true;
    CHECK_THROWS_AS(w.table.query(options), InvalidArgumentError);
    CHECK(w.server.request_count() == 0);
}

TEST_CASE("scan: filter with data, projection and limit (A.8); a plain scan sends only Limit") {
    Wire w;
    ScanOptions options;
    SECTION("A.8") {
        options.filter = attr("name").contains(named("needle")) && attr("age") != named("age");
        options.data = Item{{"needle", "oh"}, {"age", 3}};
        options.projection = Projection{"name"};
        options.limit = 20;
    }
    SECTION("plain") {}
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = w.table.scan(options);
        co_return co_await stream.collect();
    };
    (void)run_until_done(w.ioc, body());
    REQUIRE(w.operations() == std::vector<std::string>{"Scan"});
    const auto r = w.body(0);
    CHECK(text(r, "TableName") == table_name);
    if (options.filter) {
        CHECK(resolve(r, "FilterExpression") ==
              R"(contains(name, {"S":"oh"}) AND age <> {"N":"3"})");
        CHECK(resolve(r, "ProjectionExpression") == "name");
        CHECK(json_of(r, "Limit") == "20");
        CHECK(unused_placeholders(r).empty());
    } else {
        std::set<std::string> members;
        for (auto it = r.MemberBegin(); it != r.MemberEnd(); ++it)
            members.insert(it->name.GetString());
        CHECK(members == std::set<std::string>{"TableName", "Limit"});
        CHECK(json_of(r, "Limit") == "1000");
    }
}

TEST_CASE("scan: segments put Segment and TotalSegments on each request") {
    Wire w;
    ScanOptions options;
    options.segments = 3;
    options.filter = attr("kind") == "x";
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = w.table.scan(options);
        co_return co_await stream.collect();
    };
    (void)run_until_done(w.ioc, body());
    REQUIRE(w.operations().size() == 3);
    std::set<std::string> segments;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto r = w.body(i);
        segments.insert(json_of(r, "Segment"));
        CHECK(json_of(r, "TotalSegments") == "3");
        CHECK(resolve(r, "FilterExpression") == R"(kind = {"S":"x"})");
    }
    CHECK(segments == std::set<std::string>{"0", "1", "2"});
}

// ---- create_table / delete_table (A.14) -----------------------------------------------------

TEST_CASE("create_table: a provisioned table with a global index (A.14)") {
    TableSchema s = schema_with_gsi();
    s.throughput = ProvisionedThroughput{50, 10};
    Wire w(minimal_answer, s);
    auto body = [&]() -> asio::awaitable<std::optional<TableDescription>> {
        co_return co_await w.table.create_table();
    };
    const auto created = run_until_done(w.ioc, body());
    REQUIRE(created.has_value());
    CHECK(created->table_status == TableStatus::creating);

    REQUIRE(w.operations() == std::vector<std::string>{"DescribeTable", "CreateTable"});
    CHECK(json_of(w.body(0), "TableName") == R"("tbl")");
    const auto r = w.body(1);
    CHECK(text(r, "TableName") == table_name);
    CHECK(
        json_of(r, "AttributeDefinitions") ==
        R"([{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},)"
        R"({"AttributeName":"name","AttributeType":"S"},{"AttributeName":"age","AttributeType":"N"}])");
    CHECK(json_of(r, "KeySchema") ==
          R"([{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}])");
    CHECK(json_of(r, "ProvisionedThroughput") ==
          R"({"ReadCapacityUnits":50,"WriteCapacityUnits":10})");
    CHECK(text(r, "BillingMode") == "PROVISIONED");
    const auto& indexes = member(r, "GlobalSecondaryIndexes");
    REQUIRE(indexes.IsArray());
    REQUIRE(indexes.Size() == 1);
    const auto& gsi = indexes[0];
    CHECK(text(gsi, "IndexName") == "gsi_name_age");
    CHECK(
        json_of(gsi, "KeySchema") ==
        R"([{"AttributeName":"name","KeyType":"HASH"},{"AttributeName":"age","KeyType":"RANGE"}])");
    CHECK(json_of(gsi, "Projection") == R"({"ProjectionType":"ALL"})");
    CHECK(json_of(gsi, "ProvisionedThroughput") ==
          R"({"ReadCapacityUnits":50,"WriteCapacityUnits":10})");
}

TEST_CASE("create_table: a table without capacity is PAY_PER_REQUEST") {
    Wire w;
    auto body = [&]() -> asio::awaitable<std::optional<TableDescription>> {
        co_return co_await w.table.create_table();
    };
    (void)run_until_done(w.ioc, body());
    REQUIRE(w.operations() == std::vector<std::string>{"DescribeTable", "CreateTable"});
    const auto r = w.body(1);
    CHECK(text(r, "BillingMode") == "PAY_PER_REQUEST");
    CHECK(!has(r, "ProvisionedThroughput"));
    CHECK(!has(r, "GlobalSecondaryIndexes"));
    CHECK(
        json_of(r, "AttributeDefinitions") ==
        R"([{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}])");
    CHECK(json_of(r, "KeySchema") ==
          R"([{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}])");
}

TEST_CASE("create_table: an existing table is left alone; a DELETING one is waited out") {
    SECTION("ACTIVE: no CreateTable") {
        Wire w(scripted("DescribeTable", {describe("ACTIVE")}));
        auto body = [&]() -> asio::awaitable<std::optional<TableDescription>> {
            co_return co_await w.table.create_table();
        };
        CHECK(!run_until_done(w.ioc, body()).has_value());
        CHECK(w.operations() == std::vector<std::string>{"DescribeTable"});
    }
    SECTION("DELETING: wait until gone, then create") {
        Wire w(
            scripted("DescribeTable", {describe("DELETING"), describe("DELETING"), not_found()}));
        auto body = [&]() -> asio::awaitable<std::optional<TableDescription>> {
            co_return co_await w.table.create_table();
        };
        CHECK(run_until_done(w.ioc, body()).has_value());
        CHECK(w.operations() == std::vector<std::string>{"DescribeTable", "DescribeTable",
                                                         "DescribeTable", "CreateTable"});
    }
}

TEST_CASE("delete_table: a CREATING table is waited for before DeleteTable") {
    SECTION("CREATING, then ACTIVE") {
        Wire w(scripted("DescribeTable",
                        {describe("CREATING"), describe("CREATING"), describe("ACTIVE")}));
        auto body = [&]() -> asio::awaitable<bool> { co_return co_await w.table.delete_table(); };
        CHECK(run_until_done(w.ioc, body()));
        CHECK(w.operations() == std::vector<std::string>{"DescribeTable", "DescribeTable",
                                                         "DescribeTable", "DeleteTable"});
        CHECK(json_of(w.body(3), "TableName") == R"("tbl")");
    }
    SECTION("absent: nothing to delete") {
        Wire w;
        auto body = [&]() -> asio::awaitable<bool> { co_return co_await w.table.delete_table(); };
        CHECK(!run_until_done(w.ioc, body()));
        CHECK(w.operations() == std::vector<std::string>{"DescribeTable"});
    }
}

// ---- batch request sizes (A.9) -------------------------------------------------------------

TEST_CASE("batch_get: up to 100 keys a request; ConsistentRead and projection inside "
          "RequestItems") {
    Wire w;
    std::vector<Item> rows;
    std::size_t count = 0;
    GetOptions options;
    std::vector<std::size_t> expected;
    SECTION("32 keys: one request") {
        count = 32;
        expected = {32};
    }
    SECTION("130 keys: 100 and 30, consistent, projected") {
        count = 130;
        expected = {100, 30};
        options.consistent_read = true;
        options.projection = Projection{"name"};
    }
    for (std::size_t i = 0; i < count; ++i)
        rows.push_back(key("p", "s" + std::to_string(i)));
    auto body = [&]() -> asio::awaitable<std::vector<BatchGetResult<Item>>> {
        co_return co_await w.table.batch_get(rows, options);
    };
    const auto results = run_until_done(w.ioc, body());
    CHECK(results.size() == count);

    REQUIRE(w.operations().size() == expected.size());
    std::vector<Item> sent;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto r = w.body(i);
        const auto& request = member(member(r, "RequestItems"), table_name.c_str());
        const auto& keys = member(request, "Keys");
        CHECK(keys.Size() == expected[i]);
        for (const auto& k : keys.GetArray())
            sent.push_back(item_from_json(json_text(k)));
        if (options.consistent_read) {
            CHECK(json_of(request, "ConsistentRead") == "true");
            CHECK(resolve(request, "ProjectionExpression") == "name, pk, sk");
        } else {
            CHECK(json_of(request, "ConsistentRead") != "true");
            CHECK(!has(request, "ProjectionExpression"));
        }
    }
    CHECK(sent == rows);
}

TEST_CASE("batch_put / batch_delete: 25 writes a request") {
    Wire w;
    std::vector<Item> rows;
    for (int i = 0; i < 60; ++i)
        rows.push_back(Item{{"pk", "p"}, {"sk", "s" + std::to_string(i)}, {"v", i}});
    SECTION("puts carry whole items") {
        auto body = [&]() -> asio::awaitable<bool> {
            co_await w.table.batch_put(rows);
            co_return true;
        };
        CHECK(run_until_done(w.ioc, body()));
        REQUIRE(w.operations().size() == 3);
        std::vector<Item> sent;
        for (std::size_t i = 0; i < 3; ++i) {
            const auto r = w.body(i);
            const auto& writes = member(member(r, "RequestItems"), table_name.c_str());
            CHECK(writes.Size() == (i < 2 ? 25u : 10u));
            for (const auto& e : writes.GetArray())
                sent.push_back(item_from_json(json_text(member(member(e, "PutRequest"), "Item"))));
        }
        CHECK(sent == rows);
    }
    SECTION("deletes carry keys only") {
        auto body = [&]() -> asio::awaitable<std::vector<Item>> {
            co_return co_await w.table.batch_delete(rows);
        };
        CHECK(run_until_done(w.ioc, body()).size() == 60);
        REQUIRE(w.operations().size() == 3);
        std::vector<Item> sent;
        for (std::size_t i = 0; i < 3; ++i) {
            const auto r = w.body(i);
            const auto& writes = member(member(r, "RequestItems"), table_name.c_str());
            CHECK(writes.Size() == (i < 2 ? 25u : 10u));
            for (const auto& e : writes.GetArray())
                sent.push_back(
                    item_from_json(json_text(member(member(e, "DeleteRequest"), "Key"))));
        }
        REQUIRE(sent.size() == 60);
        for (int i = 0; i < 60; ++i)
            CHECK(sent[static_cast<std::size_t>(i)] == key("p", "s" + std::to_string(i)));
    }
}

// ---- clear_table (A.11) --------------------------------------------------------------------

TEST_CASE("clear_table: the scan branch filters on every key option, reads keys only, deletes "
          "what it found (A.11)") {
    Wire w(scripted("Scan", {Action::ok(R"({"Items":[{"pk":{"S":"ab1"},"sk":{"S":"pre1"}},)"
                                        R"({"pk":{"S":"ab2"},"sk":{"S":"pre2"}}],)"
                                        R"("Count":2,"ScannedCount":9})")}));
    ClearOptions options;
    options.partition_key_prefix = "ab";
    options.sort_key_prefix = "pre";
    options.filter = attr("kind") == "x";
    auto body = [&]() -> asio::awaitable<std::int64_t> {
        co_return co_await w.table.clear_table(options);
    };
    CHECK(run_until_done(w.ioc, body()) == 2);

    REQUIRE(w.operations() == std::vector<std::string>{"Scan", "BatchWriteItem"});
    const auto scan = w.body(0);
    CHECK(resolve(scan, "FilterExpression") ==
          R"(begins_with(pk, {"S":"ab"}) AND begins_with(sk, {"S":"pre"}) AND kind = {"S":"x"})");
    CHECK(resolve(scan, "ProjectionExpression") == "pk, sk");
    CHECK(unused_placeholders(scan).empty());
    const auto batch = w.body(1);
    const auto& deletes = member(member(batch, "RequestItems"), table_name.c_str());
    REQUIRE(deletes.Size() == 2);
    CHECK(item_from_json(json_text(member(member(deletes[0], "DeleteRequest"), "Key"))) ==
          key("ab1", "pre1"));
    CHECK(item_from_json(json_text(member(member(deletes[1], "DeleteRequest"), "Key"))) ==
          key("ab2", "pre2"));
}

TEST_CASE("clear_records: without a configured prefix it refuses instead of wiping the table") {
    SECTION("no prefix") {
        Wire w;
        auto body = [&]() -> asio::awaitable<std::int64_t> {
            co_return co_await w.table.clear_records();
        };
        CHECK_THROWS_AS(run_until_done(w.ioc, body()), InvalidArgumentError);
        CHECK(w.server.request_count() == 0);
    }
    SECTION("a prefix") {
        TableConfig config = table_config();
        config.sort_key_prefix = "user#";
        Wire w(minimal_answer, schema(), config);
        auto body = [&]() -> asio::awaitable<std::int64_t> {
            co_return co_await w.table.clear_records();
        };
        CHECK(run_until_done(w.ioc, body()) == 0);
        REQUIRE(w.operations() == std::vector<std::string>{"Scan"});
        CHECK(resolve(w.body(0), "FilterExpression") == R"(begins_with(sk, {"S":"user#"}))");
    }
}

TEST_CASE("clear_table: with a partition key it queries that partition for keys only, within the "
          "limit") {
    Wire w;
    ClearOptions options;
    options.partition_key = "a";
    options.sort_key_prefix = "x";
    options.limit = 3;
    auto body = [&]() -> asio::awaitable<std::int64_t> {
        co_return co_await w.table.clear_table(options);
    };
    CHECK(run_until_done(w.ioc, body()) == 0);
    REQUIRE(w.operations() == std::vector<std::string>{"Query"});
    const auto r = w.body(0);
    CHECK(resolve(r, "KeyConditionExpression") ==
          R"(pk = {"S":"a"} AND begins_with(sk, {"S":"x"}))");
    CHECK(resolve(r, "ProjectionExpression") == "pk, sk");
    CHECK(json_of(r, "Limit") == "3");
    CHECK(unused_placeholders(r).empty());
}

// ---- paging details ------------------------------------------------------------------------

TEST_CASE("query: a page longer than asked for is cut at the limit and resumes after the last "
          "record delivered") {
    std::string items;
    for (int i = 0; i < 6; ++i)
        items += std::string(items.empty() ? "" : ",") + R"({"pk":{"S":"a"},"sk":{"S":"s)" +
                 std::to_string(i) + R"("},"v":{"N":"1"}})";
    Wire w(scripted("Query", {Action::ok(R"({"Items":[)" + items +
                                         R"(],"Count":6,"ScannedCount":6,"LastEvaluatedKey":)" +
                                         R"({"pk":{"S":"a"},"sk":{"S":"s5"}}})")}));
    QueryOptions options;
    options.partition_key = "a";
    options.limit = 4;
    auto body = [&]() -> asio::awaitable<std::pair<std::size_t, std::optional<Item>>> {
        auto stream = w.table.query(options);
        const auto got = co_await stream.collect();
        std::pair<std::size_t, std::optional<Item>> out{got.size(), stream.last_evaluated_key()};
        co_return out;
    };
    const auto [count, resume] = run_until_done(w.ioc, body());
    CHECK(count == 4);
    REQUIRE(resume.has_value());
    CHECK(*resume == key("a", "s3"));
    CHECK(w.operations().size() == 1);
}

TEST_CASE("count: Select=COUNT on every page, summed; a projection is dropped with its names") {
    Wire w(scripted("Query", {Action::ok(R"({"Count":3,"ScannedCount":5,)"
                                         R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"S":"s4"}}})"),
                              Action::ok(R"({"Count":2,"ScannedCount":2})")}));
    QueryOptions options;
    options.partition_key = "a";
    options.filter = attr("kind") == "x";
    options.projection = Projection{"name"};
    auto body = [&]() -> asio::awaitable<std::int64_t> {
        co_return co_await w.table.count(options);
    };
    CHECK(run_until_done(w.ioc, body()) == 5);
    REQUIRE(w.operations().size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto r = w.body(i);
        CHECK(text(r, "Select") == "COUNT");
        CHECK(!has(r, "ProjectionExpression"));
        CHECK(resolve(r, "FilterExpression") == R"(kind = {"S":"x"})");
        // DynamoDB rejects a request whose ExpressionAttributeNames has an unused entry.
        CHECK(unused_placeholders(r).empty());
    }
    CHECK(item_of(w.body(1), "ExclusiveStartKey") == key("a", "s4"));
}

TEST_CASE("count: a Scan count with a projection sends no unused names") {
    Wire w(scripted("Scan", {Action::ok(R"({"Count":7,"ScannedCount":7})")}));
    ScanOptions options;
    options.projection = Projection{"name"};
    auto body = [&]() -> asio::awaitable<std::int64_t> {
        co_return co_await w.table.count(options);
    };
    CHECK(run_until_done(w.ioc, body()) == 7);
    REQUIRE(w.operations() == std::vector<std::string>{"Scan"});
    const auto r = w.body(0);
    CHECK(text(r, "Select") == "COUNT");
    CHECK(!has(r, "ProjectionExpression"));
    CHECK(!has(r, "ExpressionAttributeNames"));
}

// Batch calls, streams and clear_table under faults. FakeDynamo, a scripted in-memory table behind
// the FaultServer, leaves items unprocessed, throttles, fails requests for good or stalls, and
// counts every write it applies and every key it is sent, so each test can prove that nothing
// was lost, written twice or re-sent without being handed back. No assertion depends on timing;
// every wait is bounded and only there so that a bug fails the test instead of hanging it.
#include "fault_server.hpp"
#include "run_until_done.hpp"
#include "table_test_setup.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/json.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
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

ClientConfig client_config(const FaultServer& server, int max_attempts = 3) {
    return fault_client_config(server, max_attempts);
}

TableConfig table_config(std::size_t max_in_flight = 4, int unprocessed_retries = 10) {
    TableConfig c = fast_table_config(max_in_flight);
    c.batch.max_unprocessed_retries = unprocessed_retries;
    return c;
}

template <class E>
E run_expecting(asio::io_context& ioc, asio::awaitable<void> aw) {
    try {
        run_until_done(ioc, std::move(aw));
    } catch (const E& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    FAIL("no exception was thrown");
    throw std::logic_error("unreachable");
}

// Polls `ready` every millisecond, at most `limit` times (a safety net, not a timing assumption).
asio::awaitable<void> wait_until(const std::function<bool()>& ready, int limit = 10'000) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int i = 0; i < limit && !ready(); ++i) {
        timer.expires_after(1ms);
        co_await timer.async_wait(asio::use_awaitable);
    }
}

// ---- items ---------------------------------------------------------------------------------

std::string sk_of(int i) {
    std::string digits = std::to_string(i);
    return "k" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

// Item i of the partition "p"; "n" says which parallel scan segment it belongs to.
Item numbered(int i) {
    return Item{{"pk", "p"}, {"sk", sk_of(i)}, {"n", i}};
}

std::vector<Item> numbered_items(int count) {
    std::vector<Item> out;
    for (int i = 0; i < count; ++i)
        out.push_back(numbered(i));
    return out;
}

std::string key_text(const Item& item) {
    return item.at("pk").as_string() + '/' + item.at("sk").as_string();
}

Item key_only(const Item& item) {
    return Item{{"pk", item.at("pk")}, {"sk", item.at("sk")}};
}

const Item& target_of(const WriteRequest& w) {
    if (const auto* put = std::get_if<PutRequest>(&w))
        return put->item;
    return std::get<DeleteRequest>(w).key;
}

std::map<std::string, WriteRequest> writes_by_key(const std::vector<WriteRequest>& writes) {
    std::map<std::string, WriteRequest> out;
    for (const auto& w : writes)
        CHECK(out.emplace(key_text(target_of(w)), w).second);
    return out;
}

std::set<std::string> keys_of(const std::vector<Item>& items) {
    std::set<std::string> out;
    for (const auto& item : items)
        out.insert(key_text(item));
    return out;
}

// ---- request JSON --------------------------------------------------------------------------

std::string json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

const rapidjson::Value& member(const rapidjson::Value& v, const char* name) {
    if (!v.IsObject())
        throw std::runtime_error(std::string("not an object where ") + name + " was expected");
    const auto it = v.FindMember(name);
    if (it == v.MemberEnd())
        throw std::runtime_error(std::string("missing member ") + name);
    return it->value;
}

const rapidjson::Value* find(const rapidjson::Value& v, const char* name) {
    const auto it = v.FindMember(name);
    return it == v.MemberEnd() ? nullptr : &it->value;
}

Item item_at(const rapidjson::Value& v) {
    return item_from_json(json_text(v));
}

int int_member(const rapidjson::Value& v, const char* name, int fallback) {
    const rapidjson::Value* m = find(v, name);
    return m && m->IsInt() ? m->GetInt() : fallback;
}

std::string string_member(const rapidjson::Value& v, const char* name) {
    const rapidjson::Value* m = find(v, name);
    return m && m->IsString() ? std::string(m->GetString(), m->GetStringLength()) : std::string();
}

std::string write_json(const WriteRequest& w) {
    if (const auto* put = std::get_if<PutRequest>(&w))
        return R"({"PutRequest":{"Item":)" + to_json(put->item) + "}}";
    return R"({"DeleteRequest":{"Key":)" + to_json(std::get<DeleteRequest>(w).key) + "}}";
}

template <class T, class F>
std::string joined(const std::vector<T>& parts, F f) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += ',';
        out += f(p);
    }
    return out;
}

// ---- the fake ------------------------------------------------------------------------------

// Which keys of one BatchWriteItem / BatchGetItem to hand back unprocessed. `round` is how many
// times the request's keys were sent before (0 for a first send).
using LeavePolicy =
    std::function<std::vector<bool>(const std::vector<std::string>& keys, int round)>;
// An error to answer a whole request with instead (nothing of it is applied), or nullopt.
// `index` counts the requests of that operation, from 0.
using FailPolicy =
    std::function<std::optional<Action>(std::size_t index, const std::vector<std::string>& keys)>;

// The last third (rounded up) of each request while its keys were sent fewer than `rounds` times.
LeavePolicy last_third_for_rounds(int rounds) {
    return [rounds](const std::vector<std::string>& keys, int round) {
        std::vector<bool> leave(keys.size(), false);
        if (round < rounds)
            for (std::size_t i = keys.size() - (keys.size() + 2) / 3; i < keys.size(); ++i)
                leave[i] = true;
        return leave;
    };
}

LeavePolicy never_process(std::set<std::string> stuck) {
    return [stuck = std::move(stuck)](const std::vector<std::string>& keys, int) {
        std::vector<bool> leave(keys.size(), false);
        for (std::size_t i = 0; i < keys.size(); ++i)
            leave[i] = stuck.contains(keys[i]);
        return leave;
    };
}

FailPolicy fail_when_containing(std::string poisoned, Action action) {
    return [poisoned = std::move(poisoned), action = std::move(action)](
               std::size_t, const std::vector<std::string>& keys) -> std::optional<Action> {
        if (std::find(keys.begin(), keys.end(), poisoned) != keys.end())
            return action;
        return std::nullopt;
    };
}

// A DynamoDB table of pk/sk string keys, answering BatchWriteItem and BatchGetItem itself and
// Query/Scan through per-test handlers (which may use scan_page). Every member is guarded by
// the mutex: the handler runs on the server's thread. Tests read the members after the run,
// holding lock().
class FakeDynamo {
public:
    // Bookkeeping of one kind of batch request.
    struct Ledger {
        std::map<std::string, int> sent;   // key -> times it was in a request
        std::set<std::string> handed_back; // unprocessed or in a failed request, not re-sent
        std::vector<std::vector<std::string>> calls; // keys of each request, in arrival order
        LeavePolicy leave{};
        FailPolicy fail{};
        // Applied, then the answer is replaced by this (a dropped connection, a 5xx): what
        // DynamoDB does when the answer of a request it applied is lost on the way back.
        FailPolicy lose_answer{};
    };

    std::map<std::string, Item> items;  // key_text -> stored item
    std::map<std::string, int> applied; // key_text -> writes applied
    std::vector<bool> get_consistent;   // ConsistentRead of each BatchGetItem
    Ledger writes;
    Ledger gets;
    std::function<Action(FakeDynamo&, const rapidjson::Document&)> on_scan{};
    std::function<Action(FakeDynamo&, const rapidjson::Document&)> on_query{};
    std::vector<std::string> problems; // protocol violations seen by the fake

    [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

    void store(const std::vector<Item>& rows) {
        for (const auto& row : rows)
            items[key_text(row)] = row;
    }

    [[nodiscard]] Handler handler() {
        return [this](const RecordedRequest& r) { return handle(r); };
    }

    // A Scan (or Query: every item is in partition "p") page over the stored items in key order:
    // the items of the request's segment (n % TotalSegments == Segment), from after
    // ExclusiveStartKey, at most Limit evaluated; those `keep` accepts are returned (a filter).
    Action scan_page(const rapidjson::Document& d, const std::function<bool(const Item&)>& keep) {
        const auto limit = static_cast<std::size_t>(int_member(d, "Limit", 1000));
        const int segment = int_member(d, "Segment", 0);
        const int total = int_member(d, "TotalSegments", 1);
        auto it = items.begin();
        if (const rapidjson::Value* start = find(d, "ExclusiveStartKey"))
            it = items.upper_bound(key_text(item_at(*start)));
        std::vector<const Item*> evaluated;
        bool more = false;
        for (; it != items.end(); ++it) {
            const auto n = it->second.at("n").as_number().to_int64();
            if (n % total != segment)
                continue;
            if (evaluated.size() == limit) {
                more = true;
                break;
            }
            evaluated.push_back(&it->second);
        }
        std::vector<const Item*> returned;
        for (const Item* item : evaluated)
            if (!keep || keep(*item))
                returned.push_back(item);
        std::string body = R"({"Items":[)" +
                           joined(returned, [](const Item* i) { return to_json(*i); }) +
                           R"(],"Count":)" + std::to_string(returned.size()) +
                           R"(,"ScannedCount":)" + std::to_string(evaluated.size());
        if (more)
            body += R"(,"LastEvaluatedKey":)" + to_json(key_only(*evaluated.back()));
        return Action::ok(body + "}");
    }

private:
    Action handle(const RecordedRequest& r) {
        std::lock_guard guard(mutex_);
        try {
            rapidjson::Document d;
            d.Parse(r.body.data(), r.body.size());
            if (d.HasParseError() || !d.IsObject())
                throw std::runtime_error("unparsable request body");
            const std::string op = r.operation();
            if (op == "BatchWriteItem")
                return batch_write(d);
            if (op == "BatchGetItem")
                return batch_get(d);
            if (op == "Scan" && on_scan)
                return on_scan(*this, d);
            if (op == "Query" && on_query)
                return on_query(*this, d);
            throw std::runtime_error("unexpected operation " + op);
        } catch (const std::exception& e) {
            problems.emplace_back(e.what());
            return Action::error(400, "ValidationException", "the fake could not handle it");
        }
    }

    // Checks that a request repeats only what was handed back, and returns its round.
    int record(Ledger& ledger, const std::vector<std::string>& keys) {
        int round = 0;
        std::set<std::string> seen;
        for (const auto& k : keys) {
            if (!seen.insert(k).second)
                problems.push_back("two entries for " + k + " in one request");
            int& sent = ledger.sent[k];
            if (sent > 0 && ledger.handed_back.erase(k) == 0)
                problems.push_back(k + " was sent again without being handed back");
            round = std::max(round, sent);
            ++sent;
        }
        ledger.calls.push_back(keys);
        return round;
    }

    Action batch_write(const rapidjson::Document& d) {
        const rapidjson::Value& list = member(member(d, "RequestItems"), table_name.c_str());
        std::vector<WriteRequest> requests;
        std::vector<std::string> keys;
        for (const auto& e : list.GetArray()) {
            if (const rapidjson::Value* put = find(e, "PutRequest"))
                requests.emplace_back(PutRequest{item_at(member(*put, "Item"))});
            else
                requests.emplace_back(
                    DeleteRequest{item_at(member(member(e, "DeleteRequest"), "Key"))});
            keys.push_back(key_text(target_of(requests.back())));
        }
        const std::size_t index = writes.calls.size();
        const int round = record(writes, keys);
        if (writes.fail)
            if (auto action = writes.fail(index, keys)) {
                writes.handed_back.insert(keys.begin(), keys.end());
                return *action;
            }
        const std::vector<bool> leave =
            writes.leave ? writes.leave(keys, round) : std::vector<bool>(keys.size(), false);
        std::vector<WriteRequest> unprocessed;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            if (leave[i]) {
                writes.handed_back.insert(keys[i]);
                unprocessed.push_back(requests[i]);
                continue;
            }
            ++applied[keys[i]];
            if (const auto* put = std::get_if<PutRequest>(&requests[i]))
                items[keys[i]] = put->item;
            else
                items.erase(keys[i]);
        }
        if (writes.lose_answer)
            if (auto action = writes.lose_answer(index, keys)) {
                writes.handed_back.insert(keys.begin(), keys.end()); // it may come again
                return *action;
            }
        if (unprocessed.empty())
            return Action::ok(R"({"UnprocessedItems":{}})");
        return Action::ok(R"({"UnprocessedItems":{")" + table_name + R"(":[)" +
                          joined(unprocessed, write_json) + "]}}");
    }

    Action batch_get(const rapidjson::Document& d) {
        const rapidjson::Value& request = member(member(d, "RequestItems"), table_name.c_str());
        const rapidjson::Value* consistent = find(request, "ConsistentRead");
        get_consistent.push_back(consistent && consistent->IsBool() && consistent->GetBool());
        std::vector<Item> requested;
        std::vector<std::string> keys;
        for (const auto& k : member(request, "Keys").GetArray()) {
            requested.push_back(item_at(k));
            keys.push_back(key_text(requested.back()));
        }
        const std::size_t index = gets.calls.size();
        const int round = record(gets, keys);
        if (gets.fail)
            if (auto action = gets.fail(index, keys)) {
                gets.handed_back.insert(keys.begin(), keys.end());
                return *action;
            }
        const std::vector<bool> leave =
            gets.leave ? gets.leave(keys, round) : std::vector<bool>(keys.size(), false);
        std::vector<Item> found;
        std::vector<Item> unprocessed;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (leave[i]) {
                gets.handed_back.insert(keys[i]);
                unprocessed.push_back(requested[i]);
            } else if (auto it = items.find(keys[i]); it != items.end()) {
                found.push_back(it->second);
            }
        }
        const auto item_json = [](const Item& i) { return to_json(i); };
        std::string body =
            R"({"Responses":{")" + table_name + R"(":[)" + joined(found, item_json) + "]}";
        if (!unprocessed.empty())
            body += R"(,"UnprocessedKeys":{")" + table_name + R"(":{"Keys":[)" +
                    joined(unprocessed, item_json) + "]}}";
        return Action::ok(body + "}");
    }

    std::mutex mutex_;
};

// A Table of Items on the fake: the server, the io_context the test runs, the client, the table.
struct Rig {
    Rig(FakeDynamo& fake, TableConfig config, int max_attempts = 3) :
        server(fake.handler()), client(ioc.get_executor(), client_config(server, max_attempts)),
        table(client, schema(), std::move(config)) {}

    FaultServer server;
    asio::io_context ioc;
    Client client;
    Table<Item> table;
};

// How many of `calls` have exactly `size` keys.
std::size_t calls_of_size(const std::vector<std::vector<std::string>>& calls, std::size_t size) {
    return static_cast<std::size_t>(std::count_if(
        calls.begin(), calls.end(), [size](const auto& c) { return c.size() == size; }));
}

std::size_t keys_applied_other_than_once(const FakeDynamo& fake,
                                         const std::set<std::string>& keys) {
    std::size_t wrong = 0;
    for (const auto& k : keys) {
        const auto it = fake.applied.find(k);
        if (it == fake.applied.end() || it->second != 1)
            ++wrong;
    }
    return wrong;
}

bool is_cancellation(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
    }
    return false;
}

} // namespace

// ---- 1, 2: BatchWriteItem with unprocessed items ---------------------------------------------

TEST_CASE("batch_put: unprocessed items are re-sent, only they, until each is written once") {
    FakeDynamo fake;
    fake.writes.leave = last_third_for_rounds(2);
    Rig rig(fake, table_config(4));
    auto& server = rig.server;
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> items = numbered_items(1000);
    auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
    run_until_done(ioc, body());

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(keys_applied_other_than_once(fake, keys_of(items)) == 0);
    REQUIRE(fake.items.size() == items.size());
    std::size_t differing = 0;
    for (const auto& item : items)
        differing += fake.items.at(key_text(item)) == item ? 0 : 1;
    CHECK(differing == 0);
    // 40 requests of 25; each hands back 9, then 3 of those, then nothing.
    CHECK(fake.writes.calls.size() == 120);
    CHECK(calls_of_size(fake.writes.calls, 25) == 40);
    CHECK(calls_of_size(fake.writes.calls, 9) == 40);
    CHECK(calls_of_size(fake.writes.calls, 3) == 40);
    // One connection per request in flight, and every response keeps its connection open: the
    // number open at once bounds the requests in flight at once.
    CHECK(server.max_open_connections() <= 4);
    CHECK(server.connections() <= 4); // and never replaced: no connection was lost on the way
}

TEST_CASE("batch_put: items never processed come back in BatchIncompleteError, the rest is "
          "written") {
    const std::set<std::string> stuck{"p/k0003", "p/k0030", "p/k0031", "p/k0077"};
    FakeDynamo fake;
    fake.writes.leave = never_process(stuck);
    Rig rig(fake, table_config(4, 2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> items = numbered_items(100);
    auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    CHECK(e.cause() == nullptr);
    CHECK(e.unprocessed_keys().empty());
    const auto left = writes_by_key(e.unprocessed_writes());
    CHECK(left.size() == e.unprocessed_writes().size());
    std::set<std::string> left_keys;
    for (const auto& [k, w] : left) {
        left_keys.insert(k);
        REQUIRE(std::holds_alternative<PutRequest>(w));
        CHECK(std::get<PutRequest>(w).item == numbered(std::stoi(k.substr(3))));
    }
    CHECK(left_keys == stuck);
    CHECK(e.unknown().empty()); // handed back at the first attempt: surely not written
    CHECK(e.unwritten().size() == 4);
    CHECK(e.written_keys().size() == 96);
    CHECK_THAT(e.what(), Catch::Contains("96 written, 4 unwritten, 0 unknown"));

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(fake.items.size() == 96);
    std::set<std::string> done = keys_of(items);
    for (const auto& k : stuck) {
        done.erase(k);
        CHECK(fake.writes.sent[k] == 3); // sent, then re-sent max_unprocessed_retries times
        CHECK(fake.applied.count(k) == 0);
    }
    CHECK(keys_applied_other_than_once(fake, done) == 0);
}

TEST_CASE("batch_delete: deletes never processed come back as DeleteRequests of their keys") {
    const std::set<std::string> stuck{"p/k0010", "p/k0060"};
    FakeDynamo fake;
    fake.writes.leave = never_process(stuck);
    const std::vector<Item> items = numbered_items(80);
    fake.store(items);
    Rig rig(fake, table_config(3, 2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    auto body = [&]() -> asio::awaitable<void> { (void)co_await table.batch_delete(items); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    CHECK(e.cause() == nullptr);
    const auto left = writes_by_key(e.unprocessed_writes());
    REQUIRE(left.size() == 2);
    for (const auto& [k, w] : left) {
        REQUIRE(std::holds_alternative<DeleteRequest>(w));
        CHECK(std::get<DeleteRequest>(w).key == key_only(numbered(std::stoi(k.substr(3)))));
        CHECK(stuck.contains(k));
    }
    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(keys_of([&] {
              std::vector<Item> remaining;
              for (const auto& [k, v] : fake.items)
                  remaining.push_back(v);
              return remaining;
          }()) == stuck);
}

// ---- 3: BatchGetItem with unprocessed keys ---------------------------------------------------

TEST_CASE("batch_get: unprocessed keys are re-read; rows come back in input order, duplicates "
          "fanned out") {
    FakeDynamo fake;
    fake.gets.leave = last_third_for_rounds(2);
    std::vector<Item> stored;
    for (int i = 0; i < 200; ++i)
        if (i % 7 != 0) {
            Item item = numbered(i);
            item["stored"] = true;
            stored.push_back(item);
        }
    fake.store(stored);
    Rig rig(fake, table_config(2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    // 220 distinct keys (200..219 and multiples of 7 not stored), then 40 repeats.
    std::vector<Item> rows;
    for (int i = 0; i < 260; ++i) {
        Item row = key_only(numbered(i < 220 ? i : i - 220));
        row["row"] = i;
        rows.push_back(row);
    }
    auto body = [&]() -> asio::awaitable<std::vector<BatchGetResult<Item>>> {
        co_return co_await table.batch_get(rows);
    };
    const auto results = run_until_done(ioc, body());

    auto lock = fake.lock();
    REQUIRE(results.size() == rows.size());
    std::size_t wrong = 0;
    for (int i = 0; i < 260; ++i) {
        const int k = i < 220 ? i : i - 220;
        const bool expected = k < 200 && k % 7 != 0;
        const auto& r = results[static_cast<std::size_t>(i)];
        if (r.found != expected)
            ++wrong;
        else if (expected && r.record != fake.items.at(key_text(numbered(k))))
            ++wrong;
        else if (!expected && r.record != rows[static_cast<std::size_t>(i)])
            ++wrong; // not found: the input row as given
    }
    CHECK(wrong == 0);
    CHECK(fake.problems == std::vector<std::string>{});
    // 220 keys: requests of 100, 100 and 20, each followed by two re-reads of its last third.
    CHECK(fake.gets.calls.size() == 9);
    CHECK(calls_of_size(fake.gets.calls, 100) == 2);
    CHECK(calls_of_size(fake.gets.calls, 34) == 2);
    CHECK(calls_of_size(fake.gets.calls, 12) == 2);
    CHECK(fake.gets.sent.size() == 220);
}

TEST_CASE("batch_get: keys never processed come back in unprocessed_keys") {
    const std::set<std::string> stuck{"p/k0001", "p/k0002", "p/k0150"};
    FakeDynamo fake;
    fake.gets.leave = never_process(stuck);
    fake.store(numbered_items(200));
    Rig rig(fake, table_config(4, 2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> rows = numbered_items(200);
    auto body = [&]() -> asio::awaitable<void> { (void)co_await table.batch_get(rows); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    CHECK(e.cause() == nullptr);
    CHECK(e.unprocessed_writes().empty());
    CHECK(e.unprocessed_keys().size() == stuck.size());
    CHECK(keys_of(e.unprocessed_keys()) == stuck);
    for (const auto& k : e.unprocessed_keys())
        CHECK(k.size() == 2); // keys, not items
    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    for (const auto& k : stuck)
        CHECK(fake.gets.sent[k] == 3);
}

TEST_CASE("batch_get: an answer with a key that was not asked for fails its request, whose keys "
          "are reported") {
    FakeDynamo fake;
    fake.store(numbered_items(150));
    fake.gets.fail = [](std::size_t index, const std::vector<std::string>&) {
        std::optional<Action> a;
        if (index == 0)
            a = Action::ok(R"({"Responses":{"tbl":[{"pk":{"S":"zz"},"sk":{"S":"zz"}}]}})");
        return a;
    };
    Rig rig(fake, table_config(1));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> rows = numbered_items(150); // 100 keys, then 50 never asked for
    auto body = [&]() -> asio::awaitable<void> { (void)co_await table.batch_get(rows); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    REQUIRE(e.cause() != nullptr);
    CHECK_THROWS_AS(std::rethrow_exception(e.cause()), ProtocolError);
    CHECK(keys_of(e.unprocessed_keys()) == keys_of(rows));
    CHECK(e.unprocessed_keys().size() == rows.size());
    auto lock = fake.lock();
    CHECK(fake.gets.calls.size() == 1);
}

// ---- 4: a request that fails for good ------------------------------------------------------

TEST_CASE("batch_put: a request rejected for good stops the batch; its items and the unstarted "
          "ones are reported") {
    FakeDynamo fake;
    fake.writes.fail =
        fail_when_containing("p/k0042", Action::error(400, "ValidationException", "poisoned"));
    Rig rig(fake, table_config(1)); // one at a time: the order is known
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> items = numbered_items(100);
    auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    REQUIRE(e.cause() != nullptr);
    CHECK_THROWS_AS(std::rethrow_exception(e.cause()), ValidationError);
    const auto left = writes_by_key(e.unprocessed_writes());
    // Request 0 (items 0-24) was written, request 1 (25-49, with 42) failed, 2 and 3 never left.
    std::set<std::string> expected;
    for (int i = 25; i < 100; ++i)
        expected.insert(key_text(numbered(i)));
    std::set<std::string> got;
    for (const auto& [k, w] : left) {
        got.insert(k);
        CHECK(std::get<PutRequest>(w).item == numbered(std::stoi(k.substr(3))));
    }
    CHECK(got == expected);
    CHECK(std::string(e.what()).find("poisoned") != std::string::npos);
    // A ValidationException is a refusal of the whole request: nothing of it was applied.
    CHECK(e.unknown().empty());
    CHECK(e.unwritten().size() == 75);
    CHECK(e.written_keys().size() == 25);

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(fake.writes.calls.size() == 2);
    CHECK(fake.items.size() == 25);
    for (int i = 0; i < 25; ++i)
        CHECK(fake.applied[key_text(numbered(i))] == 1);
}

TEST_CASE("batch_put: a request failing with 5xx until the retries run out; written + "
          "unprocessed == input") {
    FakeDynamo fake;
    fake.writes.leave = last_third_for_rounds(1); // re-sends in the mix
    fake.writes.fail = fail_when_containing("p/k0130", Action::error(500, "InternalServerError"));
    Rig rig(fake, table_config(3), 2);
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> items = numbered_items(300);
    auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
    const auto e = run_expecting<BatchIncompleteError>(ioc, body());

    REQUIRE(e.cause() != nullptr);
    CHECK_THROWS_AS(std::rethrow_exception(e.cause()), InternalServerError);
    const auto left = writes_by_key(e.unprocessed_writes());

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    // The failing request was sent max_attempts (2) times, then given up on.
    CHECK(fake.writes.sent["p/k0130"] == 2);
    // Its chunk (items 125-149) is in the report; nothing reported was written, everything
    // not reported was written exactly once.
    for (int i = 125; i < 150; ++i)
        CHECK(left.contains(key_text(numbered(i))));
    // DynamoDB may have applied a request it answered with a 5xx: its writes are unknown.
    CHECK(writes_by_key(e.unknown()).size() == 25);
    for (const auto& [k, w] : writes_by_key(e.unknown()))
        CHECK(std::stoi(k.substr(3)) / 25 == 5);
    CHECK(e.written_keys().size() + e.unwritten().size() + e.unknown().size() == items.size());
    std::size_t lost_or_twice = 0;
    for (const auto& item : items) {
        const std::string k = key_text(item);
        const int applied = fake.applied.contains(k) ? fake.applied.at(k) : 0;
        if (left.contains(k) ? applied != 0 : applied != 1)
            ++lost_or_twice;
    }
    CHECK(lost_or_twice == 0);
    CHECK(fake.items.size() + left.size() == items.size());
}

// ---- the audit: reported accounts against the table ----------------------------------------

// One seeded storm per run: throttling and 5xx before anything is applied, answers lost after
// the writes were applied (connection closed mid-body, reset, a 5xx), unprocessed items.
struct Storm {
    explicit Storm(unsigned seed) : rng(seed) {}
    std::mt19937 rng;
    unsigned percent() { return static_cast<unsigned>(rng() % 100); }
};

TEST_CASE("audit: under a fault storm the reported written, unwritten and unknown writes match "
          "the table (20 seeds)") {
    std::size_t incomplete = 0, unknown_total = 0, unwritten_total = 0, lost_answers = 0;
    for (unsigned seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        auto storm = std::make_shared<Storm>(seed);
        FakeDynamo fake;
        // The policies run under the fake's lock, so they may share the generator.
        fake.writes.fail = [storm](std::size_t, const std::vector<std::string>&) {
            std::optional<Action> a;
            const unsigned p = storm->percent();
            if (p < 10)
                a = Action::error(400, "ProvisionedThroughputExceededException", "slow down");
            else if (p < 16)
                a = Action::error(500, "InternalServerError");
            return a;
        };
        fake.writes.lose_answer = [storm, &lost_answers](std::size_t,
                                                         const std::vector<std::string>&) {
            std::optional<Action> a;
            const unsigned p = storm->percent();
            if (p < 6)
                a = Action::close_mid_body(200, R"({"UnprocessedItems":{}})");
            else if (p < 10)
                a = Action::reset();
            else if (p < 13)
                a = Action::error(500, "InternalServerError", "applied, then failed");
            lost_answers += a ? 1 : 0;
            return a;
        };
        fake.writes.leave = [storm](const std::vector<std::string>& keys, int) {
            std::vector<bool> leave(keys.size(), false);
            for (std::size_t i = 0; i < keys.size(); ++i)
                leave[i] = storm->percent() < 25;
            return leave;
        };
        Rig rig(fake, table_config(4, 2), 3);
        std::vector<Item> items = numbered_items(400);
        for (auto& item : items)
            item.insert_or_assign("seed", static_cast<int>(seed));

        std::optional<BatchWriteOutcome> outcome;
        auto body = [&]() -> asio::awaitable<void> {
            try {
                co_await rig.table.batch_put(items);
            } catch (const BatchIncompleteError& e) {
                outcome = e.outcome();
            }
        };
        run_until_done(rig.ioc, body());

        auto lock = fake.lock();
        if (!outcome) { // everything acknowledged
            CHECK(fake.items.size() == items.size());
            continue;
        }
        ++incomplete;
        std::map<std::string, int> seen; // key -> how many of the three lists name it
        for (const Item& key : outcome->written_keys) {
            const std::string k = key_text(key);
            ++seen[k];
            // written ⊆ table, with the value that was put
            REQUIRE(fake.items.contains(k));
            Item expected = numbered(std::stoi(k.substr(3)));
            expected.insert_or_assign("seed", static_cast<int>(seed));
            CHECK(fake.items.at(k) == expected);
        }
        for (const WriteRequest& w : outcome->unwritten) {
            const std::string k = key_text(target_of(w));
            ++seen[k];
            CHECK_FALSE(fake.items.contains(k)); // unwritten ∩ table = ∅
            CHECK(fake.applied.count(k) == 0);
        }
        for (const WriteRequest& w : outcome->unknown)
            ++seen[key_text(target_of(w))];
        // written + unwritten + unknown = input, each write in exactly one list
        CHECK(seen.size() == items.size());
        CHECK(std::all_of(seen.begin(), seen.end(), [](const auto& s) { return s.second == 1; }));
        CHECK(outcome->written_keys.size() + outcome->unwritten.size() + outcome->unknown.size() ==
              items.size());
        // Whatever the table holds beyond the written ones was reported unknown.
        std::set<std::string> written, unknown;
        for (const Item& key : outcome->written_keys)
            written.insert(key_text(key));
        for (const WriteRequest& w : outcome->unknown)
            unknown.insert(key_text(target_of(w)));
        for (const auto& stored : fake.items)
            CHECK((written.contains(stored.first) || unknown.contains(stored.first)));
        unknown_total += outcome->unknown.size();
        unwritten_total += outcome->unwritten.size();
    }
    // The storm did what it is for: lost answers, and both kinds of undone writes.
    CHECK(lost_answers > 0);
    CHECK(incomplete > 0);
    CHECK(unknown_total > 0);
    CHECK(unwritten_total > 0);
}

// ---- 5: throttling -------------------------------------------------------------------------

TEST_CASE("batch_put: throttled requests are retried by the transport, every item written once") {
    FakeDynamo fake;
    fake.writes.fail = [](std::size_t index, const std::vector<std::string>&) {
        std::optional<Action> a;
        if (index == 0 || index == 1 || index == 3)
            a = Action::error(400, "ProvisionedThroughputExceededException", "slow down");
        return a;
    };
    Rig rig(fake, table_config(1), 3);
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    const std::vector<Item> items = numbered_items(60);
    auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
    run_until_done(ioc, body());

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(keys_applied_other_than_once(fake, keys_of(items)) == 0);
    CHECK(fake.items.size() == 60);
    // 25 (throttled twice, then ok), 25 (throttled once, then ok), 10.
    REQUIRE(fake.writes.calls.size() == 6);
    CHECK(fake.writes.calls[0] == fake.writes.calls[2]);
    CHECK(fake.writes.calls[3] == fake.writes.calls[4]);
    CHECK(fake.writes.calls[5].size() == 10);
}

// ---- 6: batch_upsert -----------------------------------------------------------------------

TEST_CASE(
    "batch_upsert: reads (with unprocessed keys), merges over the stored items, writes once") {
    FakeDynamo fake;
    fake.gets.leave = last_third_for_rounds(2);
    fake.writes.leave = last_third_for_rounds(1);
    std::vector<Item> stored;
    for (int i = 0; i < 50; ++i) {
        Item item = key_only(numbered(i));
        item["dt_created"] = "old";
        item["keep"] = "db";
        item["other"] = "dbother";
        item["v"] = 0;
        stored.push_back(item);
    }
    fake.store(stored);
    Rig rig(fake, table_config(2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    std::vector<Item> input;
    for (int i = 0; i < 80; ++i) {
        Item item = key_only(numbered(i));
        item["keep"] = "new";
        item["v"] = i;
        input.push_back(item);
    }
    const std::vector<std::string> keep{"keep"};
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        co_return co_await table.batch_upsert(input, keep);
    };
    const auto written = run_until_done(ioc, body());

    std::vector<Item> expected;
    for (int i = 0; i < 80; ++i) {
        Item item = key_only(numbered(i));
        item["v"] = i;
        item["dt_modified"] = now_text;
        if (i < 50) {
            item["dt_created"] = "old";
            item["keep"] = "db";
            item["other"] = "dbother";
        } else {
            item["dt_created"] = now_text;
            item["keep"] = "new";
        }
        expected.push_back(item);
    }
    CHECK(written == expected);

    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    CHECK(keys_applied_other_than_once(fake, keys_of(input)) == 0);
    std::size_t differing = 0;
    for (const auto& item : expected)
        differing += fake.items.at(key_text(item)) == item ? 0 : 1;
    CHECK(differing == 0);
    // The merge reads the latest stored items.
    CHECK(std::all_of(fake.get_consistent.begin(), fake.get_consistent.end(),
                      [](bool c) { return c; }));
    CHECK(fake.gets.calls.size() == 3); // 80 keys, then 27, then 9
}

TEST_CASE("batch_upsert: a large set_if_not_exists value that the stored one replaces is not "
          "refused") {
    FakeDynamo fake;
    Item stored = key_only(numbered(1));
    stored["keep"] = "small";
    fake.store({stored});
    Rig rig(fake, table_config());
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    // Over the item limit as given, but the stored value wins the merge: the put fits.
    Item big = key_only(numbered(1));
    big["keep"] = std::string(410 * 1024, 'x');
    const std::vector<Item> input{big};
    const std::vector<std::string> keep{"keep"};
    auto body = [&]() -> asio::awaitable<std::vector<Item>> {
        co_return co_await table.batch_upsert(input, keep);
    };
    const auto written = run_until_done(ioc, body());
    REQUIRE(written.size() == 1);
    CHECK(written[0].at("keep") == AttributeValue("small"));
    auto lock = fake.lock();
    CHECK(fake.items.at("p/k0001").at("keep") == AttributeValue("small"));
}

// ---- 7: duplicates -------------------------------------------------------------------------

TEST_CASE("batch writes: duplicate keys are de-duplicated before sending, the last one wins") {
    FakeDynamo fake;
    Rig rig(fake, table_config(2));
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    std::vector<Item> items = numbered_items(30);
    Item again = numbered(5);
    again["v"] = "second";
    items.push_back(again);
    Item seven = numbered(7);
    seven["v"] = "only";
    items.push_back(seven);
    again["v"] = "third";
    items.push_back(again);

    SECTION("batch_put") {
        auto body = [&]() -> asio::awaitable<void> { co_await table.batch_put(items); };
        run_until_done(ioc, body());
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{}); // no request had a key twice
        CHECK(keys_applied_other_than_once(fake, keys_of(items)) == 0);
        CHECK(fake.items.size() == 30);
        CHECK(fake.items.at("p/k0005").at("v") == AttributeValue("third"));
        CHECK(fake.items.at("p/k0007").at("v") == AttributeValue("only"));
        std::size_t sent = 0;
        for (const auto& c : fake.writes.calls)
            sent += c.size();
        CHECK(sent == 30);
    }
    SECTION("batch_delete") {
        fake.store(numbered_items(40));
        auto body = [&]() -> asio::awaitable<std::vector<Item>> {
            co_return co_await table.batch_delete(items);
        };
        const auto deleted = run_until_done(ioc, body());
        CHECK(deleted.size() == 30);
        CHECK(keys_of(deleted) == keys_of(items));
        // In input order, each key where it first occurs (k0005 stays fifth, not last).
        for (int i = 0; i < 30; ++i)
            CHECK(deleted[static_cast<std::size_t>(i)] == key_only(numbered(i)));
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        CHECK(keys_applied_other_than_once(fake, keys_of(items)) == 0);
        CHECK(fake.items.size() == 10);
    }
    SECTION("batch_upsert reads each key once and writes the last record") {
        auto body = [&]() -> asio::awaitable<std::vector<Item>> {
            co_return co_await table.batch_upsert(items);
        };
        const auto written = run_until_done(ioc, body());
        CHECK(written.size() == 30);
        // In input order, each key where it first occurs, with its last record.
        for (int i = 0; i < 30; ++i)
            CHECK(key_text(written[static_cast<std::size_t>(i)]) == key_text(numbered(i)));
        CHECK(written[5].at("v") == AttributeValue("third"));
        CHECK(written[7].at("v") == AttributeValue("only"));
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        REQUIRE(fake.gets.calls.size() == 1);
        CHECK(fake.gets.calls[0].size() == 30);
        CHECK(fake.items.at("p/k0005").at("v") == AttributeValue("third"));
    }
}

// ---- 8: invalid input is refused before anything is sent -------------------------------------

TEST_CASE("batch calls: an oversized item or a record without a key is refused before any "
          "request") {
    FakeDynamo fake;
    Rig rig(fake, table_config());
    auto& server = rig.server;
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    std::vector<Item> items = numbered_items(60);
    std::string message;
    auto expect_refusal = [&](auto call) {
        const auto e = run_expecting<InvalidArgumentError>(ioc, call());
        message = e.what();
    };

    SECTION("an item over 400 KB, named by its key") {
        items[40]["blob"] = std::string(410 * 1024, 'x');
        SECTION("batch_put") {
            expect_refusal([&]() -> asio::awaitable<void> { co_await table.batch_put(items); });
        }
        SECTION("batch_upsert") {
            expect_refusal(
                [&]() -> asio::awaitable<void> { (void)co_await table.batch_upsert(items); });
        }
        CHECK(message.find(R"({pk: "p", sk: "k0040"})") != std::string::npos);
        CHECK(message.find("409600") != std::string::npos);
    }
    SECTION("a record without its sort key, named by its index") {
        items[17].erase("sk");
        SECTION("batch_put") {
            expect_refusal([&]() -> asio::awaitable<void> { co_await table.batch_put(items); });
        }
        SECTION("batch_delete") {
            expect_refusal(
                [&]() -> asio::awaitable<void> { (void)co_await table.batch_delete(items); });
        }
        SECTION("batch_get") {
            expect_refusal(
                [&]() -> asio::awaitable<void> { (void)co_await table.batch_get(items); });
        }
        SECTION("batch_upsert") {
            expect_refusal(
                [&]() -> asio::awaitable<void> { (void)co_await table.batch_upsert(items); });
        }
        CHECK(message.find("record 17") != std::string::npos);
        CHECK(message.find("sk") != std::string::npos);
    }
    CHECK(server.request_count() == 0);
}

// ---- 9: parallel scan ----------------------------------------------------------------------

TEST_CASE("parallel scan: every item once; a limit stops early") {
    FakeDynamo fake;
    fake.store(numbered_items(200));
    std::vector<std::pair<int, int>> segments; // (Segment, TotalSegments) of each request
    fake.on_scan = [&segments](FakeDynamo& f, const rapidjson::Document& d) {
        segments.emplace_back(int_member(d, "Segment", -1), int_member(d, "TotalSegments", -1));
        return f.scan_page(d, {});
    };
    Rig rig(fake, table_config());
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    SECTION("all of it") {
        ScanOptions options;
        options.segments = 4;
        options.page_size = 7;
        auto body = [&]() -> asio::awaitable<std::vector<Item>> {
            auto stream = table.scan(options);
            co_return co_await stream.collect();
        };
        const auto got = run_until_done(ioc, body());
        CHECK(got.size() == 200);
        CHECK(keys_of(got).size() == 200);
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        // 50 items per segment, 7 a page: 8 pages each.
        REQUIRE(segments.size() == 32);
        for (int s = 0; s < 4; ++s)
            CHECK(std::count(segments.begin(), segments.end(), std::pair{s, 4}) == 8);
    }
    SECTION("with a limit") {
        ScanOptions options;
        options.segments = 4;
        options.page_size = 7;
        options.limit = 30;
        auto body = [&]() -> asio::awaitable<std::vector<Item>> {
            auto stream = table.scan(options);
            auto got = co_await stream.collect();
            const auto after = co_await stream.next();
            CHECK(!after.has_value());
            co_return got;
        };
        const auto got = run_until_done(ioc, body());
        CHECK(got.size() == 30);
        CHECK(keys_of(got).size() == 30);
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        CHECK(segments.size() < 32); // not the whole table
    }
}

TEST_CASE("parallel scan: destroying the stream after one page cancels the segments") {
    FakeDynamo fake;
    fake.store(numbered_items(200));
    int scans = 0;
    fake.on_scan = [&scans](FakeDynamo& f, const rapidjson::Document& d) {
        // The first page is answered; every other request stalls until the client gives up.
        return scans++ == 0 ? f.scan_page(d, {}) : Action::stall(std::chrono::hours(1));
    };
    FaultServer server(fake.handler());
    asio::io_context ioc;
    ClientConfig cfg = client_config(server);
    // Only cancellation can end a stalled request within the run's bound.
    cfg.timeouts.attempt = 60s;
    cfg.timeouts.call_deadline = 120s;
    Client client(ioc.get_executor(), cfg);
    Table<Item> table(client, schema(), table_config());

    ScanOptions options;
    options.segments = 4;
    options.page_size = 10;
    auto body = [&]() -> asio::awaitable<std::size_t> {
        std::size_t got = 0;
        {
            auto stream = table.scan(options);
            const auto page = co_await stream.next_page();
            got = page ? page->size() : 0;
            // Four first pages and the answered segment's second one: all but one stalled.
            const std::function<bool()> stalled = [&] { return server.request_count() >= 5; };
            co_await wait_until(stalled);
        }
        co_return got;
    };
    // run_until_done() fails unless every segment has finished: they were cancelled.
    CHECK(run_until_done(ioc, body()) == 10);
    CHECK(server.request_count() == 5);
    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
}

TEST_CASE("parallel scan: a segment failing for good makes next() throw") {
    FakeDynamo fake;
    fake.store(numbered_items(200));
    int failed = 0;
    fake.on_scan = [&failed](FakeDynamo& f, const rapidjson::Document& d) {
        if (int_member(d, "Segment", -1) == 2) {
            ++failed;
            return Action::error(500, "InternalServerError", "segment 2 is down");
        }
        return f.scan_page(d, {});
    };
    Rig rig(fake, table_config(), 2);
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    ScanOptions options;
    options.segments = 4;
    options.page_size = 10;
    auto body = [&]() -> asio::awaitable<void> {
        auto stream = table.scan(options);
        for (int i = 0; i < 1000; ++i)
            if (!co_await stream.next())
                break;
    };
    (void)run_expecting<InternalServerError>(ioc, body());
    auto lock = fake.lock();
    CHECK(failed == 2); // max_attempts
    CHECK(fake.problems == std::vector<std::string>{});
}

// ---- 10: query limit across filtered pages ---------------------------------------------------

TEST_CASE("query: a limit across pages the filter thins out; Limit never exceeds what is left; "
          "last_evaluated_key resumes") {
    FakeDynamo fake;
    fake.store(numbered_items(60));
    struct Page {
        int limit;
        int delivered_before;
        int returned;
    };
    std::vector<Page> pages;
    int delivered = 0;
    fake.on_query = [&](FakeDynamo& f, const rapidjson::Document& d) {
        // Every third item is filtered out: DynamoDB evaluates Limit items, returns fewer.
        Action a =
            f.scan_page(d, [](const Item& i) { return i.at("n").as_number().to_int64() % 3 != 0; });
        rapidjson::Document r;
        r.Parse(a.body.c_str());
        const int returned = int_member(r, "Count", -1);
        pages.push_back({int_member(d, "Limit", -1), delivered, returned});
        delivered += returned;
        return a;
    };
    Rig rig(fake, table_config());
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    QueryOptions options;
    options.partition_key = "p";
    options.page_size = 5;
    options.limit = 12;
    auto first = [&]() -> asio::awaitable<std::pair<std::vector<Item>, std::optional<Item>>> {
        auto stream = table.query(options);
        std::vector<Item> got;
        while (auto item = co_await stream.next())
            got.push_back(std::move(*item));
        std::pair<std::vector<Item>, std::optional<Item>> out{std::move(got),
                                                              stream.last_evaluated_key()};
        co_return out;
    };
    const auto [head, resume] = run_until_done(ioc, first());

    REQUIRE(head.size() == 12);
    {
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        REQUIRE(pages.size() >= 3);
        bool thinned = false;
        for (const auto& p : pages) {
            CHECK(p.limit == std::min(5, 12 - p.delivered_before));
            thinned = thinned || p.returned < p.limit;
        }
        CHECK(thinned);
        pages.clear();
    }
    REQUIRE(resume.has_value());
    CHECK(*resume == key_only(head.back()));

    QueryOptions rest_options;
    rest_options.partition_key = "p";
    rest_options.exclusive_start_key = resume;
    auto rest = [&]() -> asio::awaitable<std::vector<Item>> {
        auto stream = table.query(rest_options);
        co_return co_await stream.collect();
    };
    const auto tail = run_until_done(ioc, rest());

    // Together: every item the filter keeps, each once, in order.
    std::vector<Item> all = head;
    all.insert(all.end(), tail.begin(), tail.end());
    std::vector<Item> expected;
    for (int i = 0; i < 60; ++i)
        if (i % 3 != 0)
            expected.push_back(numbered(i));
    CHECK(all == expected);
}

// ---- 11: clear_table -----------------------------------------------------------------------

TEST_CASE("clear_table: a filter and a limit reach the Scan; only what it returned is deleted") {
    FakeDynamo fake;
    std::vector<Item> stored;
    for (int i = 0; i < 30; ++i) {
        Item item = numbered(i);
        item["kind"] = i % 2 == 0 ? "x" : "y";
        stored.push_back(item);
    }
    fake.store(stored);
    std::vector<std::string> filters; // each Scan's FilterExpression, placeholders resolved
    std::vector<int> limits;
    fake.on_scan = [&](FakeDynamo& f, const rapidjson::Document& d) {
        limits.push_back(int_member(d, "Limit", -1));
        const std::string filter = string_member(d, "FilterExpression");
        std::smatch m;
        const std::regex equality(R"(^(#\w+) = (:\w+)$)");
        if (!std::regex_match(filter, m, equality)) {
            filters.push_back("<" + filter + ">");
            return f.scan_page(d, {}); // unfiltered: the test would see "y" items deleted
        }
        const std::string name =
            string_member(member(d, "ExpressionAttributeNames"), m[1].str().c_str());
        const AttributeValue value = value_from_json(
            json_text(member(member(d, "ExpressionAttributeValues"), m[2].str().c_str())));
        filters.push_back(name + " = " + to_json(value));
        return f.scan_page(d, [&](const Item& i) {
            const auto it = i.find(name);
            return it != i.end() && it->second == value;
        });
    };
    Rig rig(fake, table_config());
    auto& ioc = rig.ioc;
    auto& table = rig.table;

    ClearOptions options;
    options.filter = attr("kind") == "x";
    options.limit = 7;
    auto body = [&]() -> asio::awaitable<std::int64_t> {
        co_return co_await table.clear_table(options);
    };
    const auto deleted = run_until_done(ioc, body());

    CHECK(deleted == 7);
    auto lock = fake.lock();
    CHECK(fake.problems == std::vector<std::string>{});
    REQUIRE(!filters.empty());
    for (const auto& f : filters)
        CHECK(f == R"(kind = {"S":"x"})");
    for (int l : limits)
        CHECK((l >= 1 && l <= 7));
    CHECK(fake.items.size() == 23);
    std::size_t x_left = 0;
    for (const auto& [k, item] : fake.items)
        x_left += item.at("kind") == AttributeValue("x") ? 1 : 0;
    CHECK(x_left == 8); // 15 "x" items, 7 deleted; every "y" is still there
    CHECK(fake.applied.size() == 7);
}

// ---- 12: cancellation ----------------------------------------------------------------------

// The caller's cancellation reaches every request in flight: the call ends with
// BatchIncompleteError, cause() a CancelledError, listing every item DynamoDB did not confirm.
TEST_CASE("batch_put: cancelling a batch in flight reports every unconfirmed item") {
    FakeDynamo fake;
    // The first request is answered; every other one stalls until the client gives up.
    fake.writes.fail = [](std::size_t index, const std::vector<std::string>&) {
        std::optional<Action> a;
        if (index > 0)
            a = Action::stall(std::chrono::hours(1));
        return a;
    };
    FaultServer server(fake.handler());
    asio::io_context ioc;
    ClientConfig cfg = client_config(server);
    cfg.timeouts.attempt = 60s;
    cfg.timeouts.call_deadline = 120s;
    Client client(ioc.get_executor(), cfg);
    Table<Item> table(client, schema(), table_config(2));
    const std::vector<Item> items = numbered_items(100); // four requests of 25

    const std::function<bool()> all_stalled = [&] { return server.request_count() >= 3; };
    std::exception_ptr error;
    SECTION("through a cancellation slot") {
        asio::cancellation_signal cancel;
        auto body = [&]() -> asio::awaitable<void> {
            const auto executor = co_await asio::this_coro::executor;
            asio::co_spawn(executor, table.batch_put(items),
                           asio::bind_cancellation_slot(cancel.slot(),
                                                        [&](std::exception_ptr e) { error = e; }));
            // Two workers: one answered request, then one stalled request each.
            co_await wait_until(all_stalled);
            cancel.emit(asio::cancellation_type::terminal);
        };
        run_until_done(ioc, body());
    }
    SECTION("through awaitable_operators ||") {
        using namespace asio::experimental::awaitable_operators;
        // `||` drops the loser's exception: keep it for the checks.
        auto batch = [&]() -> asio::awaitable<void> {
            try {
                co_await table.batch_put(items);
            } catch (...) {
                error = std::current_exception();
            }
        };
        auto deadline = [&]() -> asio::awaitable<void> { co_await wait_until(all_stalled); };
        auto body = [&]() -> asio::awaitable<void> {
            auto first_done = batch() || deadline();
            (void)co_await std::move(first_done);
        };
        run_until_done(ioc, body());
    }

    REQUIRE(error != nullptr);
    try {
        std::rethrow_exception(error);
    } catch (const BatchIncompleteError& e) {
        REQUIRE(e.cause() != nullptr);
        CHECK(is_cancellation(e.cause()));
        const auto left = writes_by_key(e.unprocessed_writes());
        CHECK(left.size() == 75);
        auto lock = fake.lock();
        CHECK(fake.problems == std::vector<std::string>{});
        CHECK(fake.items.size() == 25);
        for (const auto& item : items) {
            const std::string k = key_text(item);
            CHECK(left.contains(k) != fake.items.contains(k));
        }
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    CHECK(server.request_count() == 3);
}

// A cancellation while a worker waits to re-send must be reported as such, and must stop the
// batch like any other failure.
TEST_CASE("batch_put: cancelling a batch waiting to re-send reports a CancelledError") {
    FakeDynamo fake;
    fake.writes.leave = never_process({"p/k0000", "p/k0001"});
    FaultServer server(fake.handler());
    asio::io_context ioc;
    std::atomic<int> attempts{0};
    ClientConfig cfg = client_config(server);
    cfg.on_attempt = [&attempts](const AttemptInfo&) { attempts.fetch_add(1); };
    Client client(ioc.get_executor(), cfg);
    TableConfig tc = table_config(1);
    tc.batch.base_delay = 60s; // only cancellation ends this wait within the run's bound
    tc.batch.max_delay = 60s;
    tc.batch.jitter = false;
    Table<Item> table(client, schema(), tc);
    const std::vector<Item> items = numbered_items(50); // two requests; the second never starts

    std::exception_ptr error;
    asio::cancellation_signal cancel;
    const std::function<bool()> answered = [&] { return attempts.load() >= 1; };
    auto body = [&]() -> asio::awaitable<void> {
        const auto executor = co_await asio::this_coro::executor;
        asio::co_spawn(
            executor, table.batch_put(items),
            asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) { error = e; }));
        // The answer has been handled once the attempt is reported; the worker is then in its
        // backoff, as nothing between the report and the wait suspends (one thread).
        co_await wait_until(answered);
        cancel.emit(asio::cancellation_type::terminal);
    };
    run_until_done(ioc, body());

    REQUIRE(error != nullptr);
    try {
        std::rethrow_exception(error);
    } catch (const BatchIncompleteError& e) {
        REQUIRE(e.cause() != nullptr);
        CHECK(is_cancellation(e.cause()));
        // The two handed back, and the whole request that never started.
        const auto left = writes_by_key(e.unprocessed_writes());
        CHECK(left.size() == 27);
        CHECK(left.contains("p/k0000"));
        CHECK(left.contains("p/k0049"));
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    CHECK(server.request_count() == 1);
    auto lock = fake.lock();
    CHECK(fake.items.size() == 23);
}

// DynamoDB Streams against moto (dynalite has no streams: skipped there): the four operations
// typed, and ChangeStream seeing every insert, update and delete of a table exactly once, in
// order per key, also across a restart from a checkpoint.
#include "client_fixture.hpp"
#include "deadline_scale.hpp"
#include "server.hpp"
#include "streams_fixture.hpp"

#include <dynaq/change_stream.hpp>
#include <dynaq/error.hpp>
#include <dynaq/streams_client.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

bool skip_without_streams() {
    if (server_kind() == server_type::dynalite) {
        WARN("DynamoDB Streams skipped on dynalite: it does not implement them");
        return true;
    }
    return false;
}

std::string key(int i) {
    return "k" + std::to_string(i);
}

// N inserts, an update of every second key, a delete of every third.
asio::awaitable<std::size_t> write_changes(Client& client, const std::string& table, int first,
                                           int count) {
    std::size_t changes = 0;
    for (int i = first; i < first + count; ++i) {
        const PutItemRequest put{.table_name = table, .item = {{"pk", key(i)}, {"v", 1}}};
        co_await client.put_item(put);
        ++changes;
    }
    for (int i = first; i < first + count; i += 2) {
        const PutItemRequest update{.table_name = table, .item = {{"pk", key(i)}, {"v", 2}}};
        co_await client.put_item(update);
        ++changes;
    }
    for (int i = first; i < first + count; i += 3) {
        const DeleteItemRequest remove{.table_name = table, .key = {{"pk", key(i)}}};
        co_await client.delete_item(remove);
        ++changes;
    }
    co_return changes;
}

// What a key's changes must be, in order.
std::vector<std::string> expected_events(int i, int first) {
    std::vector<std::string> out{"INSERT:1"};
    if ((i - first) % 2 == 0)
        out.emplace_back("MODIFY:2");
    if ((i - first) % 3 == 0)
        out.emplace_back("REMOVE:");
    return out;
}

struct Seen {
    std::map<std::string, std::vector<std::string>> by_key; // "INSERT:1", "MODIFY:2", "REMOVE:"
    std::set<std::string> sequence_numbers;
    std::size_t count = 0;
};

void record(Seen& seen, const StreamRecord& r) {
    std::string event(to_string(r.event_name));
    event += ':';
    if (r.new_image)
        event += std::string(r.new_image->at("v").as_number().text());
    seen.by_key[std::string(r.keys.at("pk").as_string())].push_back(event);
    CHECK(seen.sequence_numbers.insert(r.sequence_number).second); // never twice
    ++seen.count;
}

// Reads until `want` records arrived; fails instead of hanging when they do not.
asio::awaitable<void> read_changes(ChangeStream& stream, Seen& seen, std::size_t want) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer deadline(co_await asio::this_coro::executor, scaled(60s));
    while (seen.count < want) {
        auto next = stream.next();
        auto expiry = deadline.async_wait(asio::use_awaitable);
        auto got = co_await (std::move(next) || std::move(expiry));
        if (got.index() == 1)
            throw std::runtime_error("only " + std::to_string(seen.count) + " of " +
                                     std::to_string(want) + " changes arrived");
        for (const ChangeRecord& r : std::get<0>(got).records)
            record(seen, r.record);
    }
}

} // namespace

TEST_CASE("streams: the four Streams operations, typed", "[integration][streams]") {
    if (skip_without_streams())
        return;
    ClientFixture f;
    f.run([&]() -> asio::awaitable<void> {
        const std::string table = co_await create_streamed_table(f.client, "streams-ops");
        (void)co_await write_changes(f.client, table, 0, 2);
        StreamsClient streams(f.client);
        const ListStreamsRequest list{.table_name = table};
        const ListStreamsResponse listed = co_await streams.list_streams(list);
        REQUIRE(listed.streams.size() == 1);
        CHECK(listed.streams[0].table_name == table);
        const StreamDescription d =
            co_await streams.describe_stream_all(listed.streams[0].stream_arn);
        CHECK(d.stream_status == StreamStatus::enabled);
        CHECK(d.stream_view_type == StreamViewType::new_and_old_images);
        REQUIRE(!d.shards.empty());
        const GetShardIteratorRequest at_start{.stream_arn = d.stream_arn,
                                               .shard_id = d.shards[0].shard_id,
                                               .shard_iterator_type =
                                                   ShardIteratorType::trim_horizon};
        const GetShardIteratorResponse it = co_await streams.get_shard_iterator(at_start);
        REQUIRE(it.shard_iterator);
        const GetRecordsRequest get{.shard_iterator = *it.shard_iterator};
        const GetRecordsResponse page = co_await streams.get_records(get);
        // k0: insert, update, delete; k1: insert.
        REQUIRE(page.records.size() == 4);
        CHECK(page.records[0].event_name == StreamEventName::insert);
        CHECK(page.records[0].keys == Item{{"pk", "k0"}});
        CHECK(page.records[0].new_image == Item{{"pk", "k0"}, {"v", 1}});
        CHECK_FALSE(page.records[0].old_image);
        CHECK(page.records[0].approximate_creation_date_time.has_value());
        const StreamRecord& update = page.records[2];
        CHECK(update.event_name == StreamEventName::modify);
        CHECK(update.old_image == Item{{"pk", "k0"}, {"v", 1}});
        CHECK(update.new_image == Item{{"pk", "k0"}, {"v", 2}});
        CHECK(page.records[3].event_name == StreamEventName::remove);
        CHECK(page.records[3].old_image == Item{{"pk", "k0"}, {"v", 2}});
        CHECK(page.next_shard_iterator.has_value());
        // After the first record: the other three.
        const GetShardIteratorRequest after{.stream_arn = d.stream_arn,
                                            .shard_id = d.shards[0].shard_id,
                                            .shard_iterator_type =
                                                ShardIteratorType::after_sequence_number,
                                            .sequence_number = page.records[0].sequence_number};
        const GetShardIteratorResponse it2 = co_await streams.get_shard_iterator(after);
        const GetRecordsRequest rest{.shard_iterator = *it2.shard_iterator};
        const GetRecordsResponse page2 = co_await streams.get_records(rest);
        CHECK(page2.records.size() == 3);
    }());
}

TEST_CASE("streams: a change stream sees every change once, in order per key, and resumes from "
          "its checkpoint without repeating",
          "[integration][streams]") {
    if (skip_without_streams())
        return;
    ClientFixture f;
    f.run([&]() -> asio::awaitable<void> {
        const std::string table = co_await create_streamed_table(f.client, "streams-changes");
        const std::size_t first_changes = co_await write_changes(f.client, table, 0, 30);
        ChangeStreamOptions options;
        options.idle_delay = 50ms;
        Seen seen;
        Checkpoint saved;
        {
            ChangeStream stream(f.client, table, options);
            co_await read_changes(stream, seen, first_changes);
            CHECK(seen.count == first_changes);
            CHECK_FALSE(stream.stream_arn().empty());
            saved = stream.checkpoint();
        }
        for (int i = 0; i < 30; ++i)
            CHECK(seen.by_key[key(i)] == expected_events(i, 0));

        // More changes while no one reads; a stream started from the checkpoint sees only
        // those.
        const std::size_t more = co_await write_changes(f.client, table, 100, 10);
        options.from = saved;
        ChangeStream resumed(f.client, table, options);
        Seen after;
        co_await read_changes(resumed, after, more);
        CHECK(after.count == more);
        for (int i = 100; i < 110; ++i)
            CHECK(after.by_key[key(i)] == expected_events(i, 100));
        for (const auto& s : after.sequence_numbers)
            CHECK_FALSE(seen.sequence_numbers.contains(s));
    }());
}

TEST_CASE("streams: starting at latest sees only what is written afterwards",
          "[integration][streams]") {
    if (skip_without_streams())
        return;
    ClientFixture f;
    f.run([&]() -> asio::awaitable<void> {
        const std::string table = co_await create_streamed_table(f.client, "streams-latest");
        (void)co_await write_changes(f.client, table, 0, 3);
        ChangeStreamOptions options;
        options.start = ShardIteratorType::latest;
        options.idle_delay = 50ms;
        TableSchema schema;
        schema.table_name = table;
        schema.sort_key.reset();
        const Table<Item> items(f.client, schema);
        ChangeStream stream = items.changes(options);
        // The first next() lists the shards and opens them at LATEST; only then write.
        Seen seen;
        auto reader = [&]() -> asio::awaitable<void> { co_await read_changes(stream, seen, 1); };
        auto writer = [&]() -> asio::awaitable<void> {
            asio::steady_timer pause(co_await asio::this_coro::executor, 500ms);
            co_await pause.async_wait(asio::use_awaitable);
            const PutItemRequest put{.table_name = table, .item = {{"pk", "late"}, {"v", 1}}};
            co_await f.client.put_item(put);
        };
        using namespace asio::experimental::awaitable_operators;
        co_await (reader() && writer());
        CHECK(seen.by_key.size() == 1);
        CHECK(seen.by_key["late"] == std::vector<std::string>{"INSERT:1"});
    }());
}

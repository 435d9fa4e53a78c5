// A change-stream consumer whose checkpoint lives in a DynamoDB table, written with a
// conditional update so that two copies of the consumer cannot silently overwrite each other's
// position (the second one's save fails with ConditionalCheckFailedError instead). Sharing one
// stream between several consumers (leases, shard assignment) is out of scope.
//
//   dynaq-change-stream [--endpoint URL] [--region REGION] [--table NAME]
//
// It creates TABLE (with a NEW_AND_OLD_IMAGES stream) and TABLE_checkpoints, writes five
// orders, reads their changes, saves the checkpoint, writes two more, and then shows that a new
// consumer started from the saved checkpoint sees exactly those two. Needs DynamoDB Streams:
// AWS or moto (dynalite has none).
#include "example_args.hpp"

#include <dynaq/change_stream.hpp>
#include <dynaq/checkpoint.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>
#include <stdexcept>

namespace asio = boost::asio;

namespace {

// One item per consumer: {"consumer": NAME, "checkpoint": JSON text, "version": N}. Each save
// expects the version it loaded (or no item at all) and bumps it.
class TableCheckpointStore final : public dynaq::CheckpointStore {
public:
    TableCheckpointStore(dynaq::Client& client, std::string table, std::string consumer) :
        client_(client), table_(std::move(table)), consumer_(std::move(consumer)) {}

    asio::awaitable<std::optional<dynaq::Checkpoint>> load() override {
        const dynaq::GetItemRequest get{
            .table_name = table_, .key = {{"consumer", consumer_}}, .consistent_read = true};
        const dynaq::GetItemResponse got = co_await client_.get_item(get);
        if (!got.item) {
            version_ = 0;
            co_return std::nullopt;
        }
        version_ = got.item->at("version").as_number().to_int64();
        co_return dynaq::parse_checkpoint(got.item->at("checkpoint").as_string());
    }

    asio::awaitable<void> save(const dynaq::Checkpoint& checkpoint) override {
        dynaq::PutItemRequest put{.table_name = table_,
                                  .item = {{"consumer", consumer_},
                                           {"checkpoint", dynaq::to_json(checkpoint)},
                                           {"version", version_ + 1}}};
        if (version_ == 0) {
            put.condition_expression = "attribute_not_exists(consumer)";
        } else {
            put.condition_expression = "version = :loaded";
            put.expression_attribute_values = {{":loaded", version_}};
        }
        co_await client_.put_item(put); // ConditionalCheckFailedError: someone else saved
        ++version_;
    }

private:
    dynaq::Client& client_;
    std::string table_;
    std::string consumer_;
    std::int64_t version_ = 0;
};

asio::awaitable<void> create_table(dynaq::Client& client, const std::string& name,
                                   const std::string& key, bool with_stream) {
    dynaq::CreateTableRequest create{
        .table_name = name,
        .attribute_definitions = {{.attribute_name = key,
                                   .attribute_type = dynaq::ScalarAttributeType::s}},
        .key_schema = {{.attribute_name = key, .key_type = dynaq::KeyType::hash}},
        .billing_mode = dynaq::BillingMode::pay_per_request};
    if (with_stream)
        create.stream_specification = dynaq::StreamSpecification{
            .stream_enabled = true, .stream_view_type = dynaq::StreamViewType::new_and_old_images};
    (void)co_await client.create_table(create);
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (;;) {
        const dynaq::DescribeTableRequest describe{.table_name = name};
        const dynaq::DescribeTableResponse described = co_await client.describe_table(describe);
        if (described.table.table_status == dynaq::TableStatus::active)
            co_return;
        pause.expires_after(std::chrono::milliseconds(200));
        co_await pause.async_wait(asio::use_awaitable);
    }
}

asio::awaitable<void> write_orders(dynaq::Client& client, const std::string& table, int first,
                                   int count) {
    for (int i = first; i < first + count; ++i) {
        const dynaq::PutItemRequest put{
            .table_name = table, .item = {{"id", "order#" + std::to_string(i)}, {"total", i * 10}}};
        co_await client.put_item(put);
    }
}

// Reads changes until `want` arrived (or fails after a generous number of polls).
asio::awaitable<std::vector<std::string>> read_changes(dynaq::ChangeStream& stream,
                                                       std::size_t want) {
    std::vector<std::string> ids;
    for (int polls = 0; ids.size() < want; ++polls) {
        if (polls == 100)
            throw std::runtime_error("the changes did not arrive");
        const dynaq::ChangeBatch batch = co_await stream.next();
        for (const dynaq::ChangeRecord& c : batch.records) {
            const std::string id(c.record.keys.at("id").as_string());
            std::cout << to_string(c.record.event_name) << ' ' << id << '\n';
            ids.push_back(id);
        }
    }
    co_return ids;
}

asio::awaitable<void> run(dynaq::Client& client, const std::string& table) {
    const std::string checkpoints = table + "_checkpoints";
    co_await create_table(client, table, "id", true);
    co_await create_table(client, checkpoints, "consumer", false);
    TableCheckpointStore store(client, checkpoints, "billing");
    dynaq::ChangeStreamOptions options;
    options.idle_delay = std::chrono::milliseconds(100);

    co_await write_orders(client, table, 1, 5);
    {
        options.from = co_await store.load(); // nullopt: the first run starts at TRIM_HORIZON
        dynaq::ChangeStream stream(client, table, options);
        const auto seen = co_await read_changes(stream, 5);
        co_await store.save(stream.checkpoint());
        if (seen.size() != 5)
            throw std::runtime_error("expected the 5 first orders");
    }
    co_await write_orders(client, table, 6, 2);
    {
        TableCheckpointStore restarted(client, checkpoints, "billing");
        options.from = co_await restarted.load();
        dynaq::ChangeStream stream(client, table, options);
        const auto seen = co_await read_changes(stream, 2);
        if (seen != std::vector<std::string>{"order#6", "order#7"})
            throw std::runtime_error("a restart from the checkpoint must see only orders 6 and 7");
        co_await restarted.save(stream.checkpoint());
    }
    // A consumer holding a stale version cannot overwrite the newer checkpoint.
    try {
        const dynaq::Checkpoint stale;
        co_await store.save(stale);
        throw std::runtime_error("a stale checkpoint was saved");
    } catch (const dynaq::ConditionalCheckFailedError&) {
        std::cout << "stale save refused\n";
    }
    const std::vector<std::string> created{table, checkpoints};
    for (const std::string& name : created) {
        const dynaq::DeleteTableRequest drop{.table_name = name};
        (void)co_await client.delete_table(drop);
    }
}

} // namespace

int main(int argc, char** argv) {
    return dynaq_examples::example_main(argc, argv, "orders", "dynaq-change-stream", run);
}

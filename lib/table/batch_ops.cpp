// Batch get / put / upsert / delete on Items: check and plan everything first, then hand the
// requests to the batch driver.
#include "batch_driver.hpp"
#include "write_plans.hpp"

#include "table/item_size.hpp"
#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>

#include <algorithm>
#include <unordered_map>

namespace dynaq::detail {

namespace {

std::vector<Item> prepare_all(const TableCore& table, const std::vector<Item>& records) {
    std::vector<Item> out;
    out.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        try {
            out.push_back(table.prepare(records[i]));
        } catch (const InvalidArgumentError& e) {
            throw InvalidArgumentError("record " + std::to_string(i) + ": " + e.what());
        }
    }
    return out;
}

std::vector<std::vector<PendingWrite>> plan_writes(std::vector<PendingWrite> writes,
                                                   const BatchConfig& config) {
    dedupe_last_wins(writes);
    return chunk_writes(std::move(writes), config.max_writes_per_request, max_batch_request_bytes);
}

bool has_type(const AttributeValue& v, ScalarAttributeType t) {
    switch (t) {
    case ScalarAttributeType::s:
        return v.type() == Type::S;
    case ScalarAttributeType::n:
        return v.type() == Type::N;
    case ScalarAttributeType::b:
        return v.type() == Type::B;
    }
    return false;
}

// Index key attributes must have their declared type (DynamoDB rejects the write otherwise);
// absent ones are allowed unless the table requires them (the Python library's strict rule).
void check_index_keys(const TableCore& table, const Item& item) {
    auto check = [&](const KeyDefinition& k, const std::string& index) {
        auto it = item.find(k.name);
        if (it == item.end()) {
            if (table.config().require_index_keys)
                throw InvalidArgumentError("attribute '" + k.name + "' (a key of index " + index +
                                           ") is not set in record " +
                                           describe_key(table.key_of(item)));
            return;
        }
        if (!has_type(it->second, k.type))
            throw InvalidArgumentError(
                "attribute '" + k.name + "' of record " + describe_key(table.key_of(item)) +
                " must be of type " + std::string(to_string(k.type)) + " (a key of index " + index +
                "), got " + std::string(to_string(it->second.type())));
    };
    const TableSchema& s = table.schema();
    for (const auto* list : {&s.global_secondary_indexes, &s.local_secondary_indexes})
        for (const SecondaryIndex& index : *list) {
            check(index.partition_key, index.name);
            if (index.sort_key)
                check(*index.sort_key, index.name);
        }
}

// The merge keeps every attribute of the record except the set_if_not_exists ones and the
// timestamps (those may be replaced by stored or new values), so when the rest alone exceeds the
// item limit the put is bound to be refused: refuse it before anything is read.
void check_size_before_read(const TableCore& table, const Item& row,
                            const std::vector<std::string>& set_if_not_exists) {
    const TableConfig& config = table.config();
    std::size_t bytes = 0;
    for (const auto& [name, value] : row)
        if (name != config.created_field && name != config.modified_field &&
            std::find(set_if_not_exists.begin(), set_if_not_exists.end(), name) ==
                set_if_not_exists.end())
            bytes += name.size() + attribute_size(value);
    if (bytes > max_item_bytes)
        throw InvalidArgumentError("item " + describe_key(table.key_of(row)) + " is at least " +
                                   std::to_string(bytes) + " bytes; DynamoDB's limit is " +
                                   std::to_string(max_item_bytes));
}

// One row per distinct key, at the place of the key's first occurrence and with the value of
// its last: the last write of a key wins, and results list the keys in input order.
std::vector<Item> distinct_by_key(const TableCore& table, std::vector<Item> rows) {
    std::unordered_map<std::string, std::size_t> slot; // key signature -> index in `out`
    std::vector<Item> out;
    out.reserve(rows.size());
    for (Item& row : rows) {
        const auto [it, first] = slot.try_emplace(key_signature(table.key_of(row)), out.size());
        if (first)
            out.push_back(std::move(row));
        else
            out[it->second] = std::move(row);
    }
    return out;
}

GetShape shape_of(const TableCore& table, const GetOptions& options) {
    GetShape shape;
    if (options.consistent_read)
        shape.consistent_read = true;
    if (options.projection) {
        Placeholders ph;
        shape.projection_expression = ph.render(with_keys(*options.projection, table.key_names()));
        shape.expression_attribute_names = ph.release().names;
    }
    return shape;
}

} // namespace

auto TableCore::batch_get(const std::vector<Item>& records, const GetOptions& options)
    -> awaitable<std::vector<BatchGetResult<Item>>> {
    std::vector<Item> rows = prepare_all(*this, records);
    const GetPlan plan = plan_gets(rows, key_names_, config_.batch.max_keys_per_request);
    const GetShape shape = shape_of(*this, options);
    std::vector<std::optional<Item>> found = co_await run_batch_gets(
        *client_, schema_.table_name, plan, shape, key_names_, config_.batch);
    std::vector<BatchGetResult<Item>> out;
    out.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::optional<Item>& hit = found[plan.row_to_key[i]];
        if (hit)
            out.push_back({true, *hit});
        else
            out.push_back({false, std::move(rows[i])});
    }
    co_return out;
}

auto TableCore::batch_put(const std::vector<Item>& records) -> awaitable<void> {
    std::vector<PendingWrite> writes;
    writes.reserve(records.size());
    for (Item& item : prepare_all(*this, records))
        writes.push_back(prepare_write(PutRequest{std::move(item)}, key_names_));
    auto chunks = plan_writes(std::move(writes), config_.batch);
    co_await run_batch_writes(*client_, schema_.table_name, chunks, key_names_, config_.batch);
}

auto TableCore::batch_delete(const std::vector<Item>& records) -> awaitable<std::vector<Item>> {
    std::vector<Item> keys;
    keys.reserve(records.size());
    for (const Item& item : prepare_all(*this, records))
        keys.push_back(key_of(item));
    keys = distinct_by_key(*this, std::move(keys));
    std::vector<PendingWrite> writes;
    writes.reserve(keys.size());
    for (const Item& key : keys)
        writes.push_back(prepare_write(DeleteRequest{key}, key_names_));
    auto chunks = plan_writes(std::move(writes), config_.batch);
    co_await run_batch_writes(*client_, schema_.table_name, chunks, key_names_, config_.batch);
    co_return keys;
}

auto TableCore::batch_upsert(const std::vector<Item>& records,
                             const std::vector<std::string>& set_if_not_exists)
    -> awaitable<std::vector<Item>> {
    // Last record of each key wins, before anything is read.
    std::vector<Item> unique = distinct_by_key(*this, prepare_all(*this, records));
    for (const Item& row : unique) {
        check_index_keys(*this, row); // what the caller gave must be right before we read
        check_size_before_read(*this, row, set_if_not_exists);
    }

    const GetPlan plan = plan_gets(unique, key_names_, config_.batch.max_keys_per_request);
    GetShape shape;
    shape.consistent_read = true; // merge over the latest stored item
    std::vector<std::optional<Item>> stored = co_await run_batch_gets(
        *client_, schema_.table_name, plan, shape, key_names_, config_.batch);

    const std::string now = now_text();
    std::vector<Item> merged;
    std::vector<PendingWrite> writes;
    merged.reserve(unique.size());
    writes.reserve(unique.size());
    for (std::size_t i = 0; i < unique.size(); ++i) {
        const std::optional<Item>& old = stored[plan.row_to_key[i]];
        Item item = old ? *old : Item{};
        for (auto& [name, value] : unique[i])
            item.insert_or_assign(name, std::move(value));
        if (old)
            for (const auto& name : set_if_not_exists)
                if (auto it = old->find(name); it != old->end())
                    item.insert_or_assign(name, it->second);
        if (!config_.created_field.empty()) {
            const auto it = old ? old->find(config_.created_field) : Item::const_iterator{};
            item.insert_or_assign(config_.created_field,
                                  old && it != old->end() ? it->second : AttributeValue(now));
        }
        if (!config_.modified_field.empty())
            item.insert_or_assign(config_.modified_field, now);
        if (hooks_.normalize)
            hooks_.normalize(item);
        check_index_keys(*this, item);
        if (hooks_.validate)
            hooks_.validate(item);
        writes.push_back(prepare_write(PutRequest{item}, key_names_));
        merged.push_back(std::move(item));
    }
    auto chunks = chunk_writes(std::move(writes), config_.batch.max_writes_per_request,
                               max_batch_request_bytes);
    co_await run_batch_writes(*client_, schema_.table_name, chunks, key_names_, config_.batch);
    co_return merged;
}

} // namespace dynaq::detail

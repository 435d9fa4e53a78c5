// clear_table: find the records the options select, page by page, and batch-delete each page.
// Every option narrows what is deleted; one that cannot apply is an error, never ignored (the
// Python library dropped the filter, index and limit of a scan-based clear and wiped the table).
#include "batch_driver.hpp"

#include "table/item_size.hpp"
#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>

namespace dynaq::detail {

namespace {

void check(const TableSchema& schema, const ClearOptions& o) {
    if (o.partition_key && o.partition_key_prefix)
        throw InvalidArgumentError(
            "clear_table: give partition_key or partition_key_prefix, not both");
    if (o.sort_key && o.sort_key_prefix)
        throw InvalidArgumentError("clear_table: give sort_key or sort_key_prefix, not both");
    if (o.limit && *o.limit < 0)
        throw InvalidArgumentError("clear_table: limit must not be negative");
    const bool has_sort = o.index ? [&] {
        const SecondaryIndex* index = schema.find_index(*o.index);
        return index && index->sort_key;
    }()
                                  : schema.sort_key.has_value();
    if ((o.sort_key || o.sort_key_prefix) && !has_sort)
        throw InvalidArgumentError(
            "clear_table: a sort key option was given but " +
            (o.index ? "index '" + *o.index + "'" : "table " + schema.table_name) +
            " has no sort key");
}

std::optional<Condition> and_all(std::vector<Condition> parts) {
    std::optional<Condition> all;
    for (auto& c : parts)
        all = all ? (*all && c) : std::move(c);
    return all;
}

// The key names the scan filters test: the index's when one is read, else the table's.
std::pair<std::string, std::optional<std::string>> filter_keys(const TableSchema& s,
                                                               const ClearOptions& o) {
    if (o.index)
        if (const SecondaryIndex* index = s.find_index(*o.index))
            return {index->partition_key.name,
                    index->sort_key ? std::optional(index->sort_key->name) : std::nullopt};
    return {s.partition_key.name, s.sort_key ? std::optional(s.sort_key->name) : std::nullopt};
}

} // namespace

auto TableCore::clear(const ClearOptions& o) -> awaitable<std::int64_t> {
    check(schema_, o);
    Projection keys;
    for (const auto& k : key_names_)
        keys.add(path(k));

    std::optional<ItemStream> stream;
    if (o.partition_key) {
        QueryOptions q{.partition_key = *o.partition_key,
                       .index = o.index,
                       .filter = o.filter,
                       .data = o.data,
                       .projection = keys,
                       .limit = o.limit};
        if (o.sort_key)
            q.sort_key = *o.sort_key;
        if (o.sort_key_prefix)
            q.sort_key_prefix = AttributeValue(*o.sort_key_prefix);
        stream.emplace(query(q));
    } else {
        const auto [pk, sk] = filter_keys(schema_, o);
        std::vector<Condition> parts;
        if (o.partition_key_prefix)
            parts.push_back(path(pk).begins_with(*o.partition_key_prefix));
        if (o.sort_key)
            parts.push_back(path(*sk) == *o.sort_key);
        if (o.sort_key_prefix)
            parts.push_back(path(*sk).begins_with(*o.sort_key_prefix));
        if (o.filter)
            parts.push_back(*o.filter);
        const ScanOptions s{.index = o.index,
                            .filter = and_all(std::move(parts)),
                            .data = o.data,
                            .projection = keys,
                            .limit = o.limit};
        stream.emplace(scan(s));
    }

    std::int64_t deleted = 0;
    for (;;) {
        std::optional<std::vector<Item>> page = co_await stream->next_page();
        if (!page)
            co_return deleted;
        std::vector<PendingWrite> writes;
        writes.reserve(page->size());
        for (const Item& item : *page)
            writes.push_back(prepare_write(DeleteRequest{key_of(item)}, key_names_));
        dedupe_last_wins(writes); // an index can list one item twice while it is rewritten
        const std::size_t n = writes.size();
        auto chunks = chunk_writes(std::move(writes), config_.batch.max_writes_per_request,
                                   max_batch_request_bytes);
        co_await run_batch_writes(*client_, schema_.table_name, chunks, key_names_, config_.batch);
        deleted += std::int64_t(n);
    }
}

} // namespace dynaq::detail

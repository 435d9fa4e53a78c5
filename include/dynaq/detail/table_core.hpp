#pragma once
// The Table layer on Items. Table<R> (table.hpp) converts records and forwards here, so the
// logic is compiled once, in lib/table, whatever record types a program uses.
#include <dynaq/client.hpp>
#include <dynaq/export.hpp>
#include <dynaq/item_stream.hpp>
#include <dynaq/table_options.hpp>
#include <dynaq/table_schema.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq::detail {

class DYNAQ_API TableCore {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    /// Validates the schema (InvalidArgumentError).
    TableCore(Client& client, TableSchema schema, TableConfig config, TableHooks hooks);

    [[nodiscard]] Client& client() const noexcept { return *client_; }
    [[nodiscard]] const TableSchema& schema() const noexcept { return schema_; }
    [[nodiscard]] const TableConfig& config() const noexcept { return config_; }
    [[nodiscard]] const std::vector<std::string>& key_names() const noexcept { return key_names_; }

    // Records
    /// normalize hook, then the key attributes (from the record, else from the key hooks),
    /// checked. Throws InvalidArgumentError when a key cannot be had.
    [[nodiscard]] Item prepare(Item record) const;
    [[nodiscard]] Item key_of(const Item& prepared) const;
    [[nodiscard]] AttributeValue partition_key_of(const Item& record) const;
    [[nodiscard]] std::optional<AttributeValue> sort_key_of(const Item& record) const;

    // Lifecycle
    awaitable<std::optional<TableStatus>> status();
    awaitable<std::optional<TableDescription>> create();
    awaitable<bool> drop();
    awaitable<void> wait_until_exists();
    awaitable<void> wait_until_not_exists();

    // One record
    awaitable<std::optional<Item>> get(const Item& record, const GetOptions& options);
    awaitable<Item> upsert(const Item& record, const UpsertOptions& options);
    awaitable<void> put(const Item& record, const PutOptions& options);
    awaitable<std::optional<Item>> remove(const Item& record, const DeleteOptions& options);

    // Reads
    [[nodiscard]] ItemStream query(const QueryOptions& options);
    [[nodiscard]] ItemStream scan(const ScanOptions& options);
    awaitable<std::int64_t> count(const QueryOptions& options);
    awaitable<std::int64_t> count(const ScanOptions& options);

    // Batches
    awaitable<std::vector<BatchGetResult<Item>>> batch_get(const std::vector<Item>& records,
                                                           const GetOptions& options);
    awaitable<std::vector<Item>> batch_upsert(const std::vector<Item>& records,
                                              const std::vector<std::string>& set_if_not_exists);
    awaitable<void> batch_put(const std::vector<Item>& records);
    awaitable<std::vector<Item>> batch_delete(const std::vector<Item>& records);

    // Clearing
    awaitable<std::int64_t> clear(const ClearOptions& options);

    // Transactions
    [[nodiscard]] TransactWriteItem transact_put(const Item& record,
                                                 const PutOptions& options) const;
    [[nodiscard]] TransactWriteItem transact_upsert(const Item& record,
                                                    const UpsertOptions& options) const;
    [[nodiscard]] TransactWriteItem transact_delete(const Item& record,
                                                    const DeleteOptions& options) const;
    [[nodiscard]] TransactWriteItem transact_condition_check(const Item& record,
                                                             const Condition& condition,
                                                             const Item& condition_values) const;
    awaitable<std::vector<std::optional<Item>>> transact_get(const std::vector<Item>& records);

    /// The timestamp text for "now" (config clock).
    [[nodiscard]] std::string now_text() const;

private:
    Client* client_;
    TableSchema schema_;
    TableConfig config_;
    TableHooks hooks_;
    std::vector<std::string> key_names_;
};

} // namespace dynaq::detail

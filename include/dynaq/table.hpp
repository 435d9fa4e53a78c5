#pragma once
// A DynamoDB table of records of type R: the port of the Python library dynamoquery's
// DynamoTable, with its bugs fixed (see docs/architecture.md and README's Table section).
//
//   dynaq::Table<User> users(client, {.table_name = "users"});      // pk/sk strings
//   co_await users.create_table();
//   co_await users.wait_until_exists();
//   User saved = co_await users.upsert_record(user);                  // returns the new item
//   auto stream = users.query({.partition_key = "acme", .sort_key_prefix = "user#"});
//   while (auto u = co_await stream.next()) { ... }
//   co_await users.batch_upsert(many_users);                          // never drops an item
//
// R is dynaq::Item or any type with record_traits (Boost.Describe structs work as they are).
// Every operation checks its input before sending anything (InvalidArgumentError). Batch calls
// re-send unprocessed items and throw BatchIncompleteError with whatever is left.
//
// The Client must outlive the Table and its streams. Like the Client, a Table may be used by
// many coroutines at once.
//
// GCC 12 note (see README): pass records and options as named variables, not as temporaries
// built inside the co_await expression.
//
// Every awaitable operation below also has the universal form (see client.hpp): the same name
// with `async_`, the same arguments, then an optional Diagnostics& and a completion token
// (default: deferred), completing with void(error_code, T) for the awaitable's T
// (void(error_code) for awaitable<void>). Records, ranges and options are copied into the
// operation; a record source (the *_stream calls) is taken by reference and must outlive it.
//
//   users.async_get_record(ann, [](boost::system::error_code ec, std::optional<User> u) {...});
#include <dynaq/change_stream.hpp>
#include <dynaq/detail/table_core.hpp>
#include <dynaq/item_stream.hpp>
#include <dynaq/record.hpp>
#include <dynaq/statement.hpp>
#include <dynaq/table_options.hpp>
#include <dynaq/table_schema.hpp>

#include <boost/asio/awaitable.hpp>

#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

namespace dynaq {

/// Something records can be pulled from, one at a time: `co_await source.next()` gives the next
/// record or nullopt at the end. QueryStream<R> is one.
template <class S, class R>
concept RecordSource = requires(S& s) {
    { s.next() } -> std::same_as<boost::asio::awaitable<std::optional<R>>>;
};

namespace detail {
/// A record source travels into an async_ operation as a reference_wrapper; the rest by value.
template <class T>
T& unwrap(std::reference_wrapper<T> r) noexcept {
    return r.get();
}
template <class T>
T& unwrap(T& t) noexcept {
    return t;
}
} // namespace detail

#define DYNAQ_EXPAND(...) __VA_ARGS__
// async_<name>(params..., token) and async_<name>(params..., diag, token), calling name(args...).
#define DYNAQ_TABLE_ASYNC(tparams, name, T, params, args)                                          \
    template <DYNAQ_EXPAND tparams detail::token_for<T> Token = default_completion_token>          \
    auto async_##name(DYNAQ_EXPAND params Token&& token = {}) {                                    \
        return run_async<T>(                                                                       \
            nullptr, "Table::" #name, std::forward<Token>(token),                                  \
            [](auto* t, auto&... a) { return t->name(detail::unwrap(a)...); },                     \
            this DYNAQ_EXPAND args);                                                               \
    }                                                                                              \
    template <DYNAQ_EXPAND tparams detail::token_for<T> Token = default_completion_token>          \
    auto async_##name(DYNAQ_EXPAND params Diagnostics& diag, Token&& token = {}) {                 \
        return run_async<T>(                                                                       \
            &diag, "Table::" #name, std::forward<Token>(token),                                    \
            [](auto* t, auto&... a) { return t->name(detail::unwrap(a)...); },                     \
            this DYNAQ_EXPAND args);                                                               \
    }

template <TableRecord R = Item>
class Table {
public:
    template <class T>
    using awaitable = boost::asio::awaitable<T>;
    using record_type = R;

    /// Throws InvalidArgumentError when the schema is invalid (see validate(TableSchema)).
    Table(Client& client, TableSchema schema, TableConfig config = {}, TableHooks hooks = {}) :
        core_(client, std::move(schema), std::move(config), std::move(hooks)) {}

    [[nodiscard]] const TableSchema& schema() const noexcept { return core_.schema(); }
    [[nodiscard]] const std::string& name() const noexcept { return core_.schema().table_name; }
    [[nodiscard]] Client& client() const noexcept { return core_.client(); }
    /// The Item-level implementation, for code that mixes record types.
    [[nodiscard]] detail::TableCore& items() noexcept { return core_; }

    // ---- Table lifecycle ----------------------------------------------------------------

    /// The table's status, or nullopt when it does not exist.
    awaitable<std::optional<TableStatus>> get_table_status() { return core_.status(); }
    /// Creates the table unless it exists: returns nullopt, doing nothing, when it is CREATING,
    /// UPDATING or ACTIVE; waits for a DELETING table to go first. Does not wait for ACTIVE.
    awaitable<std::optional<TableDescription>> create_table() { return core_.create(); }
    /// Deletes the table: false when it does not exist or is already DELETING; a CREATING table
    /// is waited for first. Does not wait for the deletion to finish.
    awaitable<bool> delete_table() { return core_.drop(); }
    /// Polls until ACTIVE (TimeoutError after TableConfig::wait_attempts polls).
    awaitable<void> wait_until_exists() { return core_.wait_until_exists(); }
    /// Polls until DescribeTable says ResourceNotFound.
    awaitable<void> wait_until_not_exists() { return core_.wait_until_not_exists(); }

    /// The table's changes, from its DynamoDB stream (change_stream.hpp): records carry the
    /// keys and images as Items (from_item them with record_traits<R> where needed).
    [[nodiscard]] ChangeStream changes(ChangeStreamOptions options = {}) const {
        return ChangeStream(client(), name(), std::move(options));
    }

    // ---- Keys -------------------------------------------------------------------------

    /// The record's partition key: its attribute, else TableHooks::partition_key.
    [[nodiscard]] AttributeValue get_partition_key(const R& record) const {
        return core_.partition_key_of(record_traits<R>::to_item(record));
    }
    /// The record's sort key (nullopt on a hash-only table).
    [[nodiscard]] std::optional<AttributeValue> get_sort_key(const R& record) const {
        return core_.sort_key_of(record_traits<R>::to_item(record));
    }
    /// The record's primary key as an Item.
    [[nodiscard]] Item get_key(const R& record) const {
        return core_.key_of(core_.prepare(record_traits<R>::to_item(record)));
    }

    // ---- One record ---------------------------------------------------------------------

    /// The stored record with the same key, or nullopt.
    awaitable<std::optional<R>> get_record(const R& record) {
        const GetOptions options;
        co_return co_await get_record(record, options);
    }
    awaitable<std::optional<R>> get_record(const R& record, const GetOptions& options) {
        const Item item = record_traits<R>::to_item(record);
        auto found = co_await core_.get(item, options);
        co_return convert(std::move(found));
    }

    /// UpdateItem with SET of every non-key attribute of the record (absent attributes are left
    /// as stored, never removed), the created timestamp set once and the modified one always.
    /// Returns the whole item as stored afterwards. A failed condition throws
    /// ConditionalCheckFailedError.
    awaitable<R> upsert_record(const R& record) {
        const UpsertOptions options;
        co_return co_await upsert_record(record, options);
    }
    awaitable<R> upsert_record(const R& record, const UpsertOptions& options) {
        const Item item = record_traits<R>::to_item(record);
        auto stored = co_await core_.upsert(item, options);
        co_return record_traits<R>::from_item(std::move(stored));
    }

    /// PutItem: replaces the whole item (no timestamps added).
    awaitable<void> put_record(const R& record) {
        const PutOptions options;
        co_await put_record(record, options);
    }
    awaitable<void> put_record(const R& record, const PutOptions& options) {
        const Item item = record_traits<R>::to_item(record);
        co_await core_.put(item, options);
    }

    /// Deletes the record with the same key; returns what was stored, or nullopt if nothing was.
    awaitable<std::optional<R>> delete_record(const R& record) {
        const DeleteOptions options;
        co_return co_await delete_record(record, options);
    }
    awaitable<std::optional<R>> delete_record(const R& record, const DeleteOptions& options) {
        const Item item = record_traits<R>::to_item(record);
        auto old = co_await core_.remove(item, options);
        co_return convert(std::move(old));
    }

    // ---- Reads ----------------------------------------------------------------------------

    /// A stream of the partition's records (see item_stream.hpp). The options are checked now.
    [[nodiscard]] QueryStream<R> query(const QueryOptions& options) {
        return QueryStream<R>(core_.query(options));
    }
    /// A stream of the table's (or index's) records; segments > 1 reads in parallel.
    [[nodiscard]] QueryStream<R> scan(const ScanOptions& options = {}) {
        return QueryStream<R>(core_.scan(options));
    }
    /// PartiQL: the records `statement` returns, page after page (statement.hpp), with one
    /// parameter per `?` from C++ values (anything an AttributeValue is made from), sent as
    /// parameters, never spliced into the text. The statement names its table itself.
    template <class... Params>
    requires(std::constructible_from<AttributeValue, Params>&&...)
        [[nodiscard]] QueryStream<R> execute(std::string statement, Params&&... params) {
        return QueryStream<R>(
            execute_statement_stream(core_.client(), std::move(statement),
                                     {AttributeValue(std::forward<Params>(params))...}));
    }
    /// Select=COUNT: how many records match, without reading them out.
    awaitable<std::int64_t> count(const QueryOptions& options) { return core_.count(options); }
    awaitable<std::int64_t> count(const ScanOptions& options) { return core_.count(options); }

    // ---- Batches --------------------------------------------------------------------------

    /// One result per input record, in input order; each distinct key is read once.
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<std::vector<BatchGetResult<R>>> batch_get(const Range& records) {
        const GetOptions options;
        co_return co_await batch_get(records, options);
    }
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<std::vector<BatchGetResult<R>>> batch_get(const Range& records,
                                                                   const GetOptions& options) {
        const std::vector<Item> items = to_items(records);
        auto found = co_await core_.batch_get(items, options);
        std::vector<BatchGetResult<R>> out;
        out.reserve(found.size());
        for (auto& row : found)
            out.push_back({row.found, record_traits<R>::from_item(std::move(row.record))});
        co_return out;
    }

    /// The Python library's batch upsert: reads the stored items, merges each record over its
    /// stored item (attributes listed in `set_if_not_exists` keep their stored value), sets the
    /// timestamps and puts the result. Not atomic: a concurrent writer between the read and the
    /// put loses its update. Duplicate keys: the last record wins. Returns what was written,
    /// one item per distinct key, in input order (where each key first occurs).
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<std::vector<R>> batch_upsert(const Range& records) {
        const std::vector<std::string> none;
        co_return co_await batch_upsert(records, none);
    }
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& >
        awaitable<std::vector<R>> batch_upsert(const Range& records,
                                               const std::vector<std::string>& set_if_not_exists) {
        const std::vector<Item> items = to_items(records);
        auto written = co_await core_.batch_upsert(items, set_if_not_exists);
        co_return from_items(std::move(written));
    }

    /// Puts every record as it is (no read, no merge, no timestamps); the last of equal keys
    /// wins.
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<void> batch_put(const Range& records) {
        const std::vector<Item> items = to_items(records);
        co_await core_.batch_put(items);
    }

    /// Deletes every record's key. Returns the distinct keys deleted (requested), in input order
    /// (where each key first occurs).
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<std::vector<Item>> batch_delete(const Range& records) {
        const std::vector<Item> items = to_items(records);
        co_return co_await core_.batch_delete(items);
    }

    /// Streaming variants: pull records from `source` in windows of a few batches, so memory
    /// stays bounded however many there are; windows are written one after the other, so a key
    /// written twice ends with its later record. Return how many records were pulled.
    template <RecordSource<R> S>
    awaitable<std::int64_t> batch_put_stream(S& source) {
        return stream_windows(source, [this](const std::vector<Item>& w) -> awaitable<void> {
            co_await core_.batch_put(w);
        });
    }
    template <RecordSource<R> S>
    awaitable<std::int64_t> batch_delete_stream(S& source) {
        return stream_windows(source, [this](const std::vector<Item>& w) -> awaitable<void> {
            co_await core_.batch_delete(w);
        });
    }
    template <RecordSource<R> S>
    awaitable<std::int64_t> batch_upsert_stream(S& source) {
        const std::vector<std::string> none;
        co_return co_await batch_upsert_stream(source, none);
    }
    template <RecordSource<R> S>
    awaitable<std::int64_t> batch_upsert_stream(S& source,
                                                const std::vector<std::string>& set_if_not_exists) {
        return stream_windows(
            source, [this, &set_if_not_exists](const std::vector<Item>& w) -> awaitable<void> {
                co_await core_.batch_upsert(w, set_if_not_exists);
            });
    }

    // ---- Clearing -------------------------------------------------------------------------

    /// Deletes the records the options select (all of them with no option). Returns how many.
    awaitable<std::int64_t> clear_table() {
        const ClearOptions options;
        co_return co_await core_.clear(options);
    }
    awaitable<std::int64_t> clear_table(const ClearOptions& options) {
        return core_.clear(options);
    }
    /// Deletes the records whose sort key starts with TableConfig::sort_key_prefix. Without a
    /// configured prefix this throws InvalidArgumentError instead of wiping the table (use
    /// clear_table() for that).
    awaitable<std::int64_t> clear_records() {
        ClearOptions options;
        options.sort_key_prefix = core_.config().sort_key_prefix;
        if (!options.sort_key_prefix)
            throw InvalidArgumentError("clear_records() on " + name() +
                                       " needs TableConfig::sort_key_prefix; use clear_table() "
                                       "to delete every record");
        co_return co_await core_.clear(options);
    }

    // ---- Transactions ---------------------------------------------------------------------
    // Build the actions here, send them together with Client::transact_write_items (they may
    // span tables): transaction.transact_items.push_back(users.transact_upsert(u));

    [[nodiscard]] TransactWriteItem transact_put(const R& record, const PutOptions& o = {}) const {
        return core_.transact_put(record_traits<R>::to_item(record), o);
    }
    [[nodiscard]] TransactWriteItem transact_upsert(const R& record,
                                                    const UpsertOptions& o = {}) const {
        return core_.transact_upsert(record_traits<R>::to_item(record), o);
    }
    [[nodiscard]] TransactWriteItem transact_delete(const R& record,
                                                    const DeleteOptions& o = {}) const {
        return core_.transact_delete(record_traits<R>::to_item(record), o);
    }
    [[nodiscard]] TransactWriteItem
    transact_condition_check(const R& record, const Condition& condition,
                             const Item& condition_values = {}) const {
        return core_.transact_condition_check(record_traits<R>::to_item(record), condition,
                                              condition_values);
    }
    /// TransactGetItems: a consistent snapshot of up to 100 records, in input order.
    template <std::ranges::input_range Range>
    requires std::convertible_to < std::ranges::range_reference_t<Range>,
    const R& > awaitable<std::vector<std::optional<R>>> transact_get(const Range& records) {
        const std::vector<Item> items = to_items(records);
        auto got = co_await core_.transact_get(items);
        std::vector<std::optional<R>> out;
        out.reserve(got.size());
        for (auto& g : got)
            out.push_back(convert(std::move(g)));
        co_return out;
    }

    // ---- The universal forms (see the top of this file) --------------------------------

    DYNAQ_TABLE_ASYNC((), get_table_status, std::optional<TableStatus>, (), ())
    DYNAQ_TABLE_ASYNC((), create_table, std::optional<TableDescription>, (), ())
    DYNAQ_TABLE_ASYNC((), delete_table, bool, (), ())
    DYNAQ_TABLE_ASYNC((), wait_until_exists, void, (), ())
    DYNAQ_TABLE_ASYNC((), wait_until_not_exists, void, (), ())
    DYNAQ_TABLE_ASYNC((), get_record, std::optional<R>, (R record, ), (, std::move(record)))
    DYNAQ_TABLE_ASYNC((), get_record, std::optional<R>, (R record, GetOptions options, ),
                      (, std::move(record), std::move(options)))
    DYNAQ_TABLE_ASYNC((), upsert_record, R, (R record, ), (, std::move(record)))
    DYNAQ_TABLE_ASYNC((), upsert_record, R, (R record, UpsertOptions options, ),
                      (, std::move(record), std::move(options)))
    DYNAQ_TABLE_ASYNC((), put_record, void, (R record, ), (, std::move(record)))
    DYNAQ_TABLE_ASYNC((), put_record, void, (R record, PutOptions options, ),
                      (, std::move(record), std::move(options)))
    DYNAQ_TABLE_ASYNC((), delete_record, std::optional<R>, (R record, ), (, std::move(record)))
    DYNAQ_TABLE_ASYNC((), delete_record, std::optional<R>, (R record, DeleteOptions options, ),
                      (, std::move(record), std::move(options)))
    DYNAQ_TABLE_ASYNC((), count, std::int64_t, (QueryOptions options, ), (, std::move(options)))
    DYNAQ_TABLE_ASYNC((), count, std::int64_t, (ScanOptions options, ), (, std::move(options)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_get, std::vector<BatchGetResult<R>>, (Range records, ),
                      (, std::move(records)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_get, std::vector<BatchGetResult<R>>,
                      (Range records, GetOptions options, ),
                      (, std::move(records), std::move(options)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_upsert, std::vector<R>, (Range records, ),
                      (, std::move(records)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_upsert, std::vector<R>,
                      (Range records, std::vector<std::string> set_if_not_exists, ),
                      (, std::move(records), std::move(set_if_not_exists)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_put, void, (Range records, ), (, std::move(records)))
    DYNAQ_TABLE_ASYNC((class Range, ), batch_delete, std::vector<Item>, (Range records, ),
                      (, std::move(records)))
    DYNAQ_TABLE_ASYNC((class S, ), batch_put_stream, std::int64_t, (S & source, ),
                      (, std::ref(source)))
    DYNAQ_TABLE_ASYNC((class S, ), batch_delete_stream, std::int64_t, (S & source, ),
                      (, std::ref(source)))
    DYNAQ_TABLE_ASYNC((class S, ), batch_upsert_stream, std::int64_t, (S & source, ),
                      (, std::ref(source)))
    DYNAQ_TABLE_ASYNC((class S, ), batch_upsert_stream, std::int64_t,
                      (S & source, std::vector<std::string> set_if_not_exists, ),
                      (, std::ref(source), std::move(set_if_not_exists)))
    DYNAQ_TABLE_ASYNC((), clear_table, std::int64_t, (), ())
    DYNAQ_TABLE_ASYNC((), clear_table, std::int64_t, (ClearOptions options, ),
                      (, std::move(options)))
    DYNAQ_TABLE_ASYNC((), clear_records, std::int64_t, (), ())
    DYNAQ_TABLE_ASYNC((class Range, ), transact_get, std::vector<std::optional<R>>,
                      (Range records, ), (, std::move(records)))

private:
    template <class T, class Token, class F, class... Args>
    auto run_async(Diagnostics* diag, const char* operation, Token&& token, F f, Args&&... args) {
        return detail::async_run<T>(core_.client().get_executor(), diag, {operation, {}},
                                    std::forward<Token>(token), f, std::forward<Args>(args)...);
    }

    static std::optional<R> convert(std::optional<Item> item) {
        if (!item)
            return std::nullopt;
        return record_traits<R>::from_item(std::move(*item));
    }

    template <class Range>
    static std::vector<Item> to_items(const Range& records) {
        std::vector<Item> items;
        if constexpr (std::ranges::sized_range<const Range>)
            items.reserve(std::ranges::size(records));
        for (const R& r : records)
            items.push_back(record_traits<R>::to_item(r));
        return items;
    }

    static std::vector<R> from_items(std::vector<Item> items) {
        std::vector<R> out;
        out.reserve(items.size());
        for (auto& item : items)
            out.push_back(record_traits<R>::from_item(std::move(item)));
        return out;
    }

    template <RecordSource<R> S, class Flush>
    awaitable<std::int64_t> stream_windows(S& source, Flush flush) {
        const auto& batch = core_.config().batch;
        const std::size_t window =
            std::max<std::size_t>(1, batch.max_in_flight) * batch.max_writes_per_request * 4;
        std::int64_t pulled = 0;
        std::vector<Item> pending;
        pending.reserve(window);
        for (;;) {
            auto next = co_await source.next();
            if (next) {
                pending.push_back(record_traits<R>::to_item(*next));
                ++pulled;
            }
            if (!pending.empty() && (!next || pending.size() >= window)) {
                co_await flush(pending);
                pending.clear();
            }
            if (!next)
                co_return pulled;
        }
    }

    detail::TableCore core_;
};

} // namespace dynaq

#undef DYNAQ_TABLE_ASYNC
#undef DYNAQ_EXPAND

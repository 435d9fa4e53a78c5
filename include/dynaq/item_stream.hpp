#pragma once
// Query and Scan results as a stream the caller pulls from, one page in memory at a time.
//
//   auto stream = users.query({.partition_key = "acme"});
//   while (auto user = co_await stream.next()) { ... }
//   // or: for (;;) { auto page = co_await stream.next_page(); if (!page) break; ... }
//
// async_next(token), async_next_page(token) and async_collect(token) are the universal forms
// (any Asio completion token, completing with (error_code, the awaitable's result); see
// client.hpp), each with a Diagnostics& overload. They run on the Client's executor; the stream
// must outlive them, and one call at a time, as for the awaitables.
//
// Pagination (LastEvaluatedKey) is followed automatically. A stream is a move-only handle that
// must be used by one coroutine at a time; the Client it reads from must outlive it. Destroying
// a stream cancels its requests in flight (a parallel scan's segments included).
#include <dynaq/detail/async_call.hpp>
#include <dynaq/export.hpp>
#include <dynaq/record.hpp>
#include <dynaq/value.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

// async_<name>(token) and async_<name>(diag, token) for the stream's awaitable <name>().
#define DYNAQ_STREAM_ASYNC(name, T)                                                                \
    template <detail::token_for<T> Token = default_completion_token>                               \
    auto async_##name(Token&& token = {}) {                                                        \
        return detail::async_run<T>(                                                               \
            get_executor(), nullptr, {"stream." #name, {}}, std::forward<Token>(token),            \
            [](auto* self) { return self->name(); }, this);                                        \
    }                                                                                              \
    template <detail::token_for<T> Token = default_completion_token>                               \
    auto async_##name(Diagnostics& diag, Token&& token = {}) {                                     \
        return detail::async_run<T>(                                                               \
            get_executor(), &diag, {"stream." #name, {}}, std::forward<Token>(token),              \
            [](auto* self) { return self->name(); }, this);                                        \
    }

namespace dynaq {

namespace detail {
/// Where a stream's pages come from: one Query/Scan pager, or the segments of a parallel scan.
class DYNAQ_API PageSource {
public:
    virtual ~PageSource() = default;
    /// The executor of the Client the pages come from (the async_ forms run there).
    [[nodiscard]] virtual boost::asio::any_io_executor executor() const = 0;
    /// The next page's items (possibly empty while more pages follow); nullopt at the end.
    virtual boost::asio::awaitable<std::optional<std::vector<Item>>> next_page() = 0;
    [[nodiscard]] virtual const std::optional<Item>& last_evaluated_key() const noexcept = 0;
    [[nodiscard]] virtual std::int64_t scanned_count() const noexcept = 0;
    [[nodiscard]] virtual std::size_t pages() const noexcept = 0;
};
} // namespace detail

/// A stream of Items.
class DYNAQ_API ItemStream {
public:
    explicit ItemStream(std::unique_ptr<detail::PageSource> source) : source_(std::move(source)) {}

    /// The next item, or nullopt when the result is exhausted (or the limit reached).
    boost::asio::awaitable<std::optional<Item>> next();
    /// The rest of the current page, or the next non-empty page; nullopt at the end.
    boost::asio::awaitable<std::optional<std::vector<Item>>> next_page();
    /// Everything that is left, in memory.
    boost::asio::awaitable<std::vector<Item>> collect();

    DYNAQ_STREAM_ASYNC(next, std::optional<Item>)
    DYNAQ_STREAM_ASYNC(next_page, std::optional<std::vector<Item>>)
    DYNAQ_STREAM_ASYNC(collect, std::vector<Item>)

    [[nodiscard]] boost::asio::any_io_executor get_executor() const { return source_->executor(); }

    /// Where a later query/scan can resume (its exclusive_start_key): the LastEvaluatedKey of
    /// the last page read, empty once the result is exhausted. A parallel scan has none.
    [[nodiscard]] const std::optional<Item>& last_evaluated_key() const noexcept {
        return source_->last_evaluated_key();
    }
    /// Items delivered so far, items DynamoDB evaluated, and pages read.
    [[nodiscard]] std::int64_t delivered() const noexcept { return delivered_; }
    [[nodiscard]] std::int64_t scanned_count() const noexcept { return source_->scanned_count(); }
    [[nodiscard]] std::size_t pages() const noexcept { return source_->pages(); }

private:
    std::unique_ptr<detail::PageSource> source_;
    std::vector<Item> buffer_; // the current page, consumed from `next_`
    std::size_t next_ = 0;
    std::int64_t delivered_ = 0;
};

/// A stream of records of type R, converted from the items as they are pulled.
template <TableRecord R>
class QueryStream {
public:
    explicit QueryStream(ItemStream items) : items_(std::move(items)) {}

    boost::asio::awaitable<std::optional<R>> next() {
        auto item = co_await items_.next();
        if (!item)
            co_return std::nullopt;
        co_return record_traits<R>::from_item(std::move(*item));
    }

    boost::asio::awaitable<std::optional<std::vector<R>>> next_page() {
        auto page = co_await items_.next_page();
        if (!page)
            co_return std::nullopt;
        co_return convert(std::move(*page));
    }

    boost::asio::awaitable<std::vector<R>> collect() {
        auto items = co_await items_.collect();
        co_return convert(std::move(items));
    }

    DYNAQ_STREAM_ASYNC(next, std::optional<R>)
    DYNAQ_STREAM_ASYNC(next_page, std::optional<std::vector<R>>)
    DYNAQ_STREAM_ASYNC(collect, std::vector<R>)

    [[nodiscard]] boost::asio::any_io_executor get_executor() const {
        return items_.get_executor();
    }

    [[nodiscard]] const std::optional<Item>& last_evaluated_key() const noexcept {
        return items_.last_evaluated_key();
    }
    [[nodiscard]] std::int64_t delivered() const noexcept { return items_.delivered(); }
    [[nodiscard]] std::int64_t scanned_count() const noexcept { return items_.scanned_count(); }
    [[nodiscard]] std::size_t pages() const noexcept { return items_.pages(); }
    /// The underlying item stream.
    [[nodiscard]] ItemStream& items() noexcept { return items_; }

private:
    static std::vector<R> convert(std::vector<Item> items) {
        if constexpr (std::is_same_v<R, Item>) {
            return items;
        } else {
            std::vector<R> out;
            out.reserve(items.size());
            for (auto& item : items)
                out.push_back(record_traits<R>::from_item(std::move(item)));
            return out;
        }
    }

    ItemStream items_;
};

} // namespace dynaq

#undef DYNAQ_STREAM_ASYNC

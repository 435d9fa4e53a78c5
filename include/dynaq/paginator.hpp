#pragma once
// Paginators: every page of a paginated operation, one `co_await next()` at a time, for all
// nine (Query, Scan, ListTables, ListBackups, ListExports, ListImports,
// ListContributorInsights, ListTagsOfResource, ExecuteStatement) with one class.
//
//   auto request = ListBackupsRequest{.table_name = "users"};
//   auto pages = dynaq::paginate(client, request);
//   while (auto page = co_await pages.next()) { ... page->backup_summaries ... }
//
// The request's own start token (ExclusiveStartKey, NextToken, ...) is where the first page
// starts; each later request carries the token of the page before. A response without a token
// is the last page (a page may be empty while more follow). A token equal to the one just sent
// would repeat the page forever: ProtocolError. A call that fails leaves the paginator where it
// was, so calling next() again asks for the same page. Cancel it as any call (Asio
// cancellation of the awaiting coroutine).
#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/export.hpp>

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace dynaq {

/// Which request member takes which response member's token, and which sets the page size;
/// defined for the paginated operations only.
template <class Request>
struct paginator_traits;

// clang-format off
/// X(Name, method, input token, its wire name, output token, page-size member or `none`)
#define DYNAQ_PAGINATED_OPERATIONS(X)                                                                                 \
    X(Query,                   query,                     exclusive_start_key,        "ExclusiveStartKey",       last_evaluated_key,        limit)       \
    X(Scan,                    scan,                      exclusive_start_key,        "ExclusiveStartKey",       last_evaluated_key,        limit)       \
    X(ListTables,              list_tables,               exclusive_start_table_name, "ExclusiveStartTableName", last_evaluated_table_name, limit)       \
    X(ListBackups,             list_backups,              exclusive_start_backup_arn, "ExclusiveStartBackupArn", last_evaluated_backup_arn, limit)       \
    X(ListExports,             list_exports,              next_token,                 "NextToken",               next_token,                max_results) \
    X(ListImports,             list_imports,              next_token,                 "NextToken",               next_token,                page_size)   \
    X(ListContributorInsights, list_contributor_insights, next_token,                 "NextToken",               next_token,                max_results) \
    X(ListTagsOfResource,      list_tags_of_resource,     next_token,                 "NextToken",               next_token,                none)        \
    X(ExecuteStatement,        execute_statement,         next_token,                 "NextToken",               next_token,                limit)
// clang-format on

#define DYNAQ_PAGINATOR_TRAITS(Name, method_, in, in_wire, out, size)                              \
    template <>                                                                                    \
    struct paginator_traits<Name##Request> {                                                       \
        using response_type = Name##Response;                                                      \
        static constexpr std::string_view name = #Name;                                            \
        static constexpr std::string_view input_token_name = in_wire;                              \
        static constexpr auto method = &Client::method_;                                           \
        static constexpr auto input_token = &Name##Request::in;                                    \
        static constexpr auto output_token = &response_type::out;                                  \
        static constexpr auto page_size = DYNAQ_PAGINATOR_SIZE_##size(Name##Request);              \
    };
#define DYNAQ_PAGINATOR_SIZE_limit(R) &R::limit
#define DYNAQ_PAGINATOR_SIZE_max_results(R) &R::max_results
#define DYNAQ_PAGINATOR_SIZE_page_size(R) &R::page_size
#define DYNAQ_PAGINATOR_SIZE_none(R) nullptr
DYNAQ_PAGINATED_OPERATIONS(DYNAQ_PAGINATOR_TRAITS)
#undef DYNAQ_PAGINATOR_TRAITS
#undef DYNAQ_PAGINATOR_SIZE_limit
#undef DYNAQ_PAGINATOR_SIZE_max_results
#undef DYNAQ_PAGINATOR_SIZE_page_size
#undef DYNAQ_PAGINATOR_SIZE_none

template <class Request>
concept Paginated = requires {
    paginator_traits<Request>::input_token;
};

namespace detail {

/// The paginators' protocol without I/O: whether there is a page to ask for, and what a
/// page's token means. The template below only compares and moves the tokens.
class DYNAQ_API PageTokenFsm {
public:
    /// `operation` and `token_member` (static strings) name the call in a ProtocolError.
    PageTokenFsm(std::string_view operation, std::string_view token_member) noexcept :
        operation_(operation), token_member_(token_member) {}

    /// No page is left to ask for.
    [[nodiscard]] bool done() const noexcept { return done_; }
    [[nodiscard]] std::size_t pages() const noexcept { return pages_; }

    /// A page arrived: `has_token` when it carries a token, `same_as_sent` when that token is
    /// the one its request carried. Returns whether another page follows. Throws
    /// ProtocolError for a repeated token (the paginator is then done).
    bool on_page(bool has_token, bool same_as_sent);

private:
    std::string_view operation_;
    std::string_view token_member_;
    std::size_t pages_ = 0;
    bool done_ = false;
};

} // namespace detail

/// Optional settings of a paginator.
struct PaginatorOptions {
    /// Sets the request's page-size member (Limit, MaxResults, PageSize) when it has one;
    /// ListTagsOfResource has none (InvalidArgumentError). Absent: the request's own.
    std::optional<std::int32_t> page_size{};
};

template <Paginated Request>
class Paginator {
public:
    using traits = paginator_traits<Request>;
    using response_type = typename traits::response_type;

    /// The client must outlive the paginator.
    Paginator(Client& client, Request request, PaginatorOptions options = {}) :
        client_(&client), request_(std::move(request)),
        fsm_(traits::name, traits::input_token_name) {
        if (options.page_size) {
            if constexpr (!std::is_null_pointer_v<decltype(traits::page_size)>)
                request_.*traits::page_size = *options.page_size;
            else
                throw InvalidArgumentError(std::string(traits::name) +
                                           ": the operation has no page size");
        }
    }

    /// The next page, or nullopt after the last.
    boost::asio::awaitable<std::optional<response_type>> next() {
        if (fsm_.done())
            co_return std::nullopt;
        response_type page = co_await (client_->*traits::method)(request_);
        auto& token = page.*traits::output_token;
        auto& sent = request_.*traits::input_token;
        const bool same = token.has_value() && sent.has_value() && *token == *sent;
        if (fsm_.on_page(token.has_value(), same))
            sent = token; // a copy: the page handed back keeps its token
        co_return page;
    }

    /// No page is left (next() gives nullopt).
    [[nodiscard]] bool done() const noexcept { return fsm_.done(); }
    /// Pages received so far.
    [[nodiscard]] std::size_t pages() const noexcept { return fsm_.pages(); }
    /// The request the next page is asked with (its start token is the last page's).
    [[nodiscard]] const Request& request() const noexcept { return request_; }

private:
    Client* client_;
    Request request_;
    detail::PageTokenFsm fsm_;
};

/// A paginator over `request`'s pages.
template <Paginated Request>
Paginator<Request> paginate(Client& client, Request request, PaginatorOptions options = {}) {
    return Paginator<Request>(client, std::move(request), options);
}

} // namespace dynaq

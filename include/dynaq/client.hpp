#pragma once
// One call per DynamoDB operation, in two forms.
//
//   dynaq::Client client(io.get_executor(), dynaq::ClientConfig::from_env());
//   const dynaq::GetItemRequest req{.table_name = "users", .key = {{"pk", "user#1"}}};
//   auto got = co_await client.get_item(req);           // awaitable, throws dynaq::Error
//   if (got.item) ...
//
// The short form, `get_item(req)`, returns awaitable<GetItemResponse> and throws the Error
// subclass of what went wrong. It takes the request by reference: keep it alive until the call
// completes (it is when the call is awaited at once, as above). Name the request (g++ 12
// destroys temporaries inside a co_await expression twice; see README).
//
// The universal form, `async_get_item(req, token)`, is an Asio asynchronous operation with the
// completion signature void(boost::system::error_code, GetItemResponse) for any completion
// token: use_awaitable, deferred (the default), use_future, a callback, as_tuple(...),
// redirect_error(...), bind_cancellation_slot(...), experimental::make_parallel_group. The
// request is copied into the operation. Errors are codes of dynaq::errc (error_code.hpp);
// `async_get_item(req, diag, token)` also fills a dynaq::Diagnostics with everything the
// exception would have carried, and dynaq::throw_error(ec, diag) rebuilds that exception.
// A cancellation slot bound to the token cancels the call (CancelledError / errc::cancelled).
//
// Requests are validated before anything is sent (InvalidArgumentError); service errors arrive
// as the ServiceError subclass of their code; the transport retries what is safe to retry.
#include <dynaq/config.hpp>
#include <dynaq/detail/async_call.hpp>
#include <dynaq/detail/operation_list.hpp>
#include <dynaq/diagnostics.hpp>
#include <dynaq/export.hpp>
#include <dynaq/operations.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynaq {

class DYNAQ_API Client {
public:
    using executor_type = boost::asio::any_io_executor;
    template <class T>
    using awaitable = boost::asio::awaitable<T>;

    /// Throws ConfigError for an unusable configuration (no region, no credentials, bad
    /// endpoint). Connects lazily, on the first call.
    Client(executor_type executor, ClientConfig config);
    ~Client();
    Client(Client&&) noexcept;
    Client& operator=(Client&&) noexcept;

    // One method per row of detail/operation_list.hpp (grouped and commented there):
    //   awaitable<GetItemResponse> get_item(const GetItemRequest& request);
    // Requests whose members are all optional may be left out: list_tables().
#define DYNAQ_ARGUMENT_required
#define DYNAQ_ARGUMENT_optional = {}
#define DYNAQ_DECLARE_OPERATION(method, Name, retry, items, argument)                              \
    awaitable<Name##Response> method(const Name##Request& request DYNAQ_ARGUMENT_##argument);
    DYNAQ_OPERATIONS(DYNAQ_DECLARE_OPERATION)
#undef DYNAQ_DECLARE_OPERATION
#undef DYNAQ_ARGUMENT_optional
#undef DYNAQ_ARGUMENT_required

    // The universal form of every row, with and without Diagnostics:
    //   template <class Token = default_completion_token>
    //   auto async_get_item(GetItemRequest request, Token&& token = {});
    //   auto async_get_item(GetItemRequest request, Diagnostics& diag, Token&& token = {});
    // Requests that may be left out above are passed as {} here: async_list_tables({}, token).
#define DYNAQ_DECLARE_ASYNC_OPERATION(method, Name, ...)                                           \
    template <detail::token_for<Name##Response> Token = default_completion_token>                  \
    auto async_##method(Name##Request request, Token&& token = {}) {                               \
        return initiate<Name##Response>(&Client::start_##method, nullptr,                          \
                                        std::forward<Token>(token), std::move(request));           \
    }                                                                                              \
    template <detail::token_for<Name##Response> Token = default_completion_token>                  \
    auto async_##method(Name##Request request, Diagnostics& diag, Token&& token = {}) {            \
        return initiate<Name##Response>(&Client::start_##method, &diag,                            \
                                        std::forward<Token>(token), std::move(request));           \
    }
    DYNAQ_OPERATIONS(DYNAQ_DECLARE_ASYNC_OPERATION)
#undef DYNAQ_DECLARE_ASYNC_OPERATION

    /// Follows LastEvaluatedTableName until every table name is collected.
    awaitable<std::vector<std::string>> list_all_tables();
    template <detail::token_for<std::vector<std::string>> Token = default_completion_token>
    auto async_list_all_tables(Token&& token = {}) {
        return initiate<std::vector<std::string>>(&Client::start_list_all_tables, nullptr,
                                                  std::forward<Token>(token), 0);
    }
    template <detail::token_for<std::vector<std::string>> Token = default_completion_token>
    auto async_list_all_tables(Diagnostics& diag, Token&& token = {}) {
        return initiate<std::vector<std::string>>(&Client::start_list_all_tables, &diag,
                                                  std::forward<Token>(token), 0);
    }

    /// The escape hatch for operations newer than this version: sends `json_body` as
    /// DynamoDB_20120810.<operation> with the same signing, retries and error mapping, and
    /// returns the raw 2xx response (body is the JSON text).
    awaitable<Response> call(std::string_view operation, std::string_view json_body);
    /// The universal form of call(); the operation name and body are copied.
    template <detail::token_for<Response> Token = default_completion_token>
    auto async_call(std::string operation, std::string json_body, Token&& token = {}) {
        return initiate<Response>(&Client::start_call, nullptr, std::forward<Token>(token),
                                  RawCall{std::move(operation), std::move(json_body)});
    }
    template <detail::token_for<Response> Token = default_completion_token>
    auto async_call(std::string operation, std::string json_body, Diagnostics& diag,
                    Token&& token = {}) {
        return initiate<Response>(&Client::start_call, &diag, std::forward<Token>(token),
                                  RawCall{std::move(operation), std::move(json_body)});
    }

    [[nodiscard]] executor_type get_executor() const noexcept;
    [[nodiscard]] const ClientConfig& config() const noexcept;
    /// The transport underneath, for pool statistics and the retry quota.
    [[nodiscard]] const Transport& transport() const noexcept;

private:
    struct RawCall {
        std::string operation;
        std::string body;
    };

    // The compiled half of every async_ form: starts the call, completes `handler` once.
#define DYNAQ_DECLARE_START(method, Name, ...)                                                     \
    void start_##method(detail::any_handler<Name##Response> handler, Name##Request request,        \
                        Diagnostics* diag);
    DYNAQ_OPERATIONS(DYNAQ_DECLARE_START)
#undef DYNAQ_DECLARE_START
    void start_list_all_tables(detail::any_handler<std::vector<std::string>> handler, int,
                               Diagnostics* diag);
    void start_call(detail::any_handler<Response> handler, RawCall call, Diagnostics* diag);

    template <class T, class Start, class Token, class Arg>
    auto initiate(Start start, Diagnostics* diag, Token&& token, Arg&& arg) {
        return detail::async_start<T>(
            std::forward<Token>(token),
            [this, start, diag](detail::any_handler<T> handler, auto&& a) {
                (this->*start)(std::move(handler), std::move(a), diag);
            },
            std::forward<Arg>(arg));
    }

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq

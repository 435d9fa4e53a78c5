#pragma once
// One awaitable per DynamoDB operation.
//
//   dynaq::Client client(io.get_executor(), dynaq::ClientConfig::from_env());
//   const dynaq::GetItemRequest get{.table_name = "users", .key = {{"pk", "user#1"}}};
//   auto got = co_await client.get_item(get);
//   if (got.item) ...
//
// Name the request, as above, rather than passing a braced temporary inside the co_await
// expression: g++ 12 destroys such temporaries twice (see the README).
//
// Requests are validated before anything is sent (InvalidArgumentError); service errors arrive
// as the ServiceError subclass of their code; the transport retries what is safe to retry.
// A request passed by reference must stay alive until its call completes, which it does when
// the call is awaited at once (as above).
#include <dynaq/config.hpp>
#include <dynaq/detail/operation_list.hpp>
#include <dynaq/export.hpp>
#include <dynaq/operations.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string_view>

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

    /// Follows LastEvaluatedTableName until every table name is collected.
    awaitable<std::vector<std::string>> list_all_tables();

    /// The escape hatch for operations newer than this version: sends `json_body` as
    /// DynamoDB_20120810.<operation> with the same signing, retries and error mapping, and
    /// returns the raw 2xx response (body is the JSON text).
    awaitable<Response> call(std::string_view operation, std::string_view json_body);

    [[nodiscard]] executor_type get_executor() const noexcept;
    [[nodiscard]] const ClientConfig& config() const noexcept;
    /// The transport underneath, for pool statistics and the retry quota.
    [[nodiscard]] const Transport& transport() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq

#pragma once
// One awaitable per DynamoDB operation.
//
//   dynaq::Client client(io.get_executor(), dynaq::ClientConfig::from_env());
//   auto got = co_await client.get_item({.table_name = "users", .key = {{"pk", "user#1"}}});
//   if (got.item) ...
//
// Requests are validated before anything is sent (InvalidArgumentError); service errors arrive
// as the ServiceError subclass of their code; the transport retries what is safe to retry.
// A request passed by reference must stay alive until its call completes, which it does when
// the call is awaited at once (as above).
#include <dynaq/config.hpp>
#include <dynaq/operations.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string_view>

namespace dynaq {

class Client {
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

    // Items
    awaitable<GetItemResponse> get_item(const GetItemRequest& request);
    awaitable<PutItemResponse> put_item(const PutItemRequest& request);
    awaitable<UpdateItemResponse> update_item(const UpdateItemRequest& request);
    awaitable<DeleteItemResponse> delete_item(const DeleteItemRequest& request);

    // Reads of many items. One call is one page: follow last_evaluated_key to continue.
    awaitable<QueryResponse> query(const QueryRequest& request);
    awaitable<ScanResponse> scan(const ScanRequest& request);

    // Batches. Unprocessed keys/items come back in the response, in request shape, and are
    // NOT retried here (the Table layer does that); throttling of the whole call is.
    awaitable<BatchGetItemResponse> batch_get_item(const BatchGetItemRequest& request);
    awaitable<BatchWriteItemResponse> batch_write_item(const BatchWriteItemRequest& request);

    // Transactions. A cancelled transaction throws TransactionCanceledError with its reasons.
    awaitable<TransactGetItemsResponse> transact_get_items(const TransactGetItemsRequest& request);
    awaitable<TransactWriteItemsResponse>
    transact_write_items(const TransactWriteItemsRequest& request);

    // Tables
    awaitable<CreateTableResponse> create_table(const CreateTableRequest& request);
    awaitable<DeleteTableResponse> delete_table(const DeleteTableRequest& request);
    awaitable<DescribeTableResponse> describe_table(const DescribeTableRequest& request);
    /// One page of table names; see list_all_tables for all of them.
    awaitable<ListTablesResponse> list_tables(const ListTablesRequest& request = {});
    /// Follows LastEvaluatedTableName until every table name is collected.
    awaitable<std::vector<std::string>> list_all_tables();
    awaitable<UpdateTableResponse> update_table(const UpdateTableRequest& request);
    awaitable<UpdateTimeToLiveResponse> update_time_to_live(const UpdateTimeToLiveRequest& request);
    awaitable<DescribeTimeToLiveResponse>
    describe_time_to_live(const DescribeTimeToLiveRequest& request);

    /// The escape hatch for operations not wrapped here: sends `json_body` as
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

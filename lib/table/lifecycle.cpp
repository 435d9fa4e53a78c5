// create_table / delete_table / the waits, with the Python library's status rules: create and
// delete are idempotent, and each waits out the transitional state that would make it fail.
#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>
#include <dynaq/waiters.hpp>

#include <string>

namespace dynaq::detail {

namespace asio = boost::asio;

auto TableCore::status() -> awaitable<std::optional<TableStatus>> {
    DescribeTableRequest request{.table_name = schema_.table_name};
    std::optional<DescribeTableResponse> response;
    try {
        response = co_await client_->describe_table(request);
    } catch (const ResourceNotFoundError&) {
        co_return std::nullopt;
    }
    co_return response->table.table_status.value_or(TableStatus::unknown);
}

// The Table's waits are the SDK waiters (waiters.hpp) with TableConfig's timing.
auto TableCore::wait_until_exists() -> awaitable<void> {
    auto request = DescribeTableRequest{.table_name = schema_.table_name};
    const auto options =
        WaiterOptions{.delay = config_.wait_delay, .max_attempts = config_.wait_attempts};
    (void)co_await wait_until_table_exists(*client_, request, options);
}

auto TableCore::wait_until_not_exists() -> awaitable<void> {
    auto request = DescribeTableRequest{.table_name = schema_.table_name};
    const auto options =
        WaiterOptions{.delay = config_.wait_delay, .max_attempts = config_.wait_attempts};
    co_await wait_until_table_not_exists(*client_, request, options);
}

auto TableCore::create() -> awaitable<std::optional<TableDescription>> {
    const CreateTableRequest request = create_table_request(schema_);
    const std::optional<TableStatus> status = co_await this->status();
    if (status == TableStatus::deleting)
        co_await wait_until_not_exists();
    else if (status)
        co_return std::nullopt; // creating, updating, active: it is there (or on its way)
    std::optional<CreateTableResponse> response;
    try {
        response = co_await client_->create_table(request);
    } catch (const ResourceInUseError&) {
        co_return std::nullopt; // someone else created it between DescribeTable and now
    }
    co_return std::move(response->table_description);
}

auto TableCore::drop() -> awaitable<bool> {
    const std::optional<TableStatus> status = co_await this->status();
    if (!status || status == TableStatus::deleting)
        co_return false;
    if (status == TableStatus::creating || status == TableStatus::updating)
        co_await wait_until_exists(); // DeleteTable refuses a table in transition
    DeleteTableRequest request{.table_name = schema_.table_name};
    try {
        co_await client_->delete_table(request);
    } catch (const ResourceNotFoundError&) {
        co_return false;
    }
    co_return true;
}

} // namespace dynaq::detail

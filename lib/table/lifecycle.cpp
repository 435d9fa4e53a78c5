// create_table / delete_table / waiters, with the Python library's status rules: create and
// delete are idempotent, and each waits out the transitional state that would make it fail.
#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

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

namespace {

// Polls `done(status)` every `delay`, at most `attempts` times; the first poll is immediate.
template <class Done>
asio::awaitable<void> poll_status(TableCore& table, const TableConfig& config, Done done,
                                  std::string_view waiting_for) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (int attempt = 0; attempt < config.wait_attempts; ++attempt) {
        if (attempt > 0) {
            timer.expires_after(config.wait_delay);
            co_await timer.async_wait(asio::use_awaitable);
        }
        const std::optional<TableStatus> status = co_await table.status();
        if (done(status))
            co_return;
    }
    throw TimeoutError(std::make_error_code(std::errc::timed_out),
                       "table " + table.schema().table_name + " did not become " +
                           std::string(waiting_for) + " after " +
                           std::to_string(config.wait_attempts) + " polls");
}

} // namespace

auto TableCore::wait_until_exists() -> awaitable<void> {
    return poll_status(
        *this, config_,
        [](const std::optional<TableStatus>& s) { return s == TableStatus::active; }, "ACTIVE");
}

auto TableCore::wait_until_not_exists() -> awaitable<void> {
    return poll_status(
        *this, config_, [](const std::optional<TableStatus>& s) { return !s.has_value(); },
        "deleted");
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

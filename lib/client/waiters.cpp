// The one waiter driver: poll, hand what was seen to WaiterFsm, do what it says. Everything
// the waiters decide is in waiter_fsm.cpp; this file only calls, extracts and sleeps.
#include "waiter_fsm.hpp"

#include <dynaq/error.hpp>
#include <dynaq/waiters.hpp>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq {

namespace {

namespace asio = boost::asio;
using detail::WaiterStep;

[[noreturn]] void throw_cancelled(const detail::WaiterFsm& fsm) {
    throw CancelledError(std::make_error_code(std::errc::operation_canceled),
                         fsm.cancelled_message());
}

// `poll()` sends the Describe* call; `values_of(response)` gives the values at the waiter's
// path (views of static wire names, so they outlive nothing). Returns the last answer, or
// nothing when the waiter succeeds on an error (TableNotExists).
template <class Response, class Poll, class ValuesOf>
asio::awaitable<std::optional<Response>> run_waiter(const detail::WaiterDefinition& definition,
                                                    const WaiterOptions& options, Poll poll,
                                                    ValuesOf values_of) {
    detail::WaiterFsm fsm(definition, options.delay.value_or(definition.delay),
                          options.max_attempts.value_or(definition.max_attempts));
    asio::steady_timer timer(co_await asio::this_coro::executor);
    try {
        for (;;) {
            std::optional<Response> response;
            std::exception_ptr error;
            std::string error_code;
            try {
                response = co_await poll();
            } catch (const ServiceError& e) {
                error = std::current_exception();
                error_code = e.code();
            }
            const std::vector<std::string_view> values =
                response ? values_of(*response) : std::vector<std::string_view>{};
            const WaiterStep step = fsm.on_poll({error_code, values});
            switch (step.action) {
            case WaiterStep::Action::succeed:
                co_return response;
            case WaiterStep::Action::fail:
                throw WaiterFailedError(fsm.failure_message(), std::string(definition.name),
                                        fsm.last_state());
            case WaiterStep::Action::unexpected_error:
                std::rethrow_exception(error);
            case WaiterStep::Action::give_up:
                throw TimeoutError(std::make_error_code(std::errc::timed_out),
                                   fsm.timeout_message());
            case WaiterStep::Action::poll:
                break;
            }
            timer.expires_after(step.delay);
            boost::system::error_code ec;
            co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                throw_cancelled(fsm);
        }
    } catch (const boost::system::system_error& e) {
        // A cancelled coroutine throws operation_aborted at its next co_await.
        if (e.code() != asio::error::operation_aborted)
            throw;
        throw_cancelled(fsm);
    }
}

template <class T>
std::vector<std::string_view> value_of(const std::optional<T>& status) {
    if (!status)
        return {};
    return {to_string(*status)};
}

} // namespace

asio::awaitable<DescribeTableResponse>
wait_until_table_exists(Client& client, DescribeTableRequest request, WaiterOptions options) {
    auto found = co_await run_waiter<DescribeTableResponse>(
        detail::table_exists_waiter, options, [&]() { return client.describe_table(request); },
        [](const DescribeTableResponse& r) { return value_of(r.table.table_status); });
    co_return std::move(*found);
}

asio::awaitable<void> wait_until_table_not_exists(Client& client, DescribeTableRequest request,
                                                  WaiterOptions options) {
    (void)co_await run_waiter<DescribeTableResponse>(
        detail::table_not_exists_waiter, options, [&]() { return client.describe_table(request); },
        [](const DescribeTableResponse& r) { return value_of(r.table.table_status); });
}

asio::awaitable<DescribeExportResponse>
wait_until_export_completed(Client& client, DescribeExportRequest request, WaiterOptions options) {
    auto done = co_await run_waiter<DescribeExportResponse>(
        detail::export_completed_waiter, options, [&]() { return client.describe_export(request); },
        [](const DescribeExportResponse& r) {
            return value_of(r.export_description.export_status);
        });
    co_return std::move(*done);
}

asio::awaitable<DescribeImportResponse>
wait_until_import_completed(Client& client, DescribeImportRequest request, WaiterOptions options) {
    auto done = co_await run_waiter<DescribeImportResponse>(
        detail::import_completed_waiter, options, [&]() { return client.describe_import(request); },
        [](const DescribeImportResponse& r) {
            return value_of(r.import_table_description.import_status);
        });
    co_return std::move(*done);
}

asio::awaitable<DescribeContributorInsightsResponse>
wait_until_contributor_insights_enabled(Client& client, DescribeContributorInsightsRequest request,
                                        WaiterOptions options) {
    auto done = co_await run_waiter<DescribeContributorInsightsResponse>(
        detail::contributor_insights_enabled_waiter, options,
        [&]() { return client.describe_contributor_insights(request); },
        [](const DescribeContributorInsightsResponse& r) {
            return value_of(r.contributor_insights_status);
        });
    co_return std::move(*done);
}

asio::awaitable<DescribeKinesisStreamingDestinationResponse>
wait_until_kinesis_streaming_destination_active(Client& client,
                                                DescribeKinesisStreamingDestinationRequest request,
                                                WaiterOptions options) {
    auto done = co_await run_waiter<DescribeKinesisStreamingDestinationResponse>(
        detail::kinesis_streaming_destination_active_waiter, options,
        [&]() { return client.describe_kinesis_streaming_destination(request); },
        [](const DescribeKinesisStreamingDestinationResponse& r) {
            std::vector<std::string_view> values;
            // One value per destination, so "every destination is down" counts them all.
            for (const auto& d : r.kinesis_data_stream_destinations)
                values.push_back(d.destination_status ? to_string(*d.destination_status)
                                                      : std::string_view("(none)"));
            return values;
        });
    co_return std::move(*done);
}

} // namespace dynaq

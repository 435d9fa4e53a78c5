#pragma once
// Waiters: poll a Describe* operation until what was started is done, as the AWS SDKs'
// waiters do (botocore's dynamodb waiters-2.json: the same operations, acceptors, delays and
// attempt counts).
//
//   auto request = DescribeTableRequest{.table_name = "users"};
//   DescribeTableResponse t = co_await dynaq::wait_until_table_exists(client, request);
//
// The first poll is at once, then one every `delay`. Each ends one of four ways:
//   - the awaited state: the last answer is returned;
//   - a state it can never leave (an export FAILED, an import CANCELLED): WaiterFailedError;
//   - max_attempts polls without either: TimeoutError naming the waiter and the last state;
//   - a poll fails with an error the waiter does not expect (AccessDeniedException, a
//     network error after the client's retries): that error, at once.
// Cancellation (an Asio cancellation slot bound to the awaiting coroutine) stops the wait
// between polls with CancelledError, or the poll in flight as any call is cancelled.
#include <dynaq/client.hpp>
#include <dynaq/export.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>

namespace dynaq {

/// Overrides of a waiter's own timing; absent members keep the SDKs' defaults.
struct WaiterOptions {
    /// Between two polls. Default: 20 s for every DynamoDB waiter.
    std::optional<std::chrono::milliseconds> delay{};
    /// Polls before TimeoutError, the first included (at least 1). Default: 25 for
    /// TableExists and TableNotExists, 60 for ExportCompleted and ImportCompleted, 30 for
    /// ContributorInsightsEnabled and KinesisStreamingDestinationActive.
    std::optional<int> max_attempts{};
};

/// TableExists: DescribeTable until Table.TableStatus is ACTIVE; ResourceNotFoundException
/// means "not yet".
DYNAQ_API boost::asio::awaitable<DescribeTableResponse>
wait_until_table_exists(Client& client, DescribeTableRequest request, WaiterOptions options = {});

/// TableNotExists: DescribeTable until it fails with ResourceNotFoundException.
DYNAQ_API boost::asio::awaitable<void> wait_until_table_not_exists(Client& client,
                                                                   DescribeTableRequest request,
                                                                   WaiterOptions options = {});

/// ExportCompleted: DescribeExport until ExportStatus is COMPLETED (FAILED fails).
DYNAQ_API boost::asio::awaitable<DescribeExportResponse>
wait_until_export_completed(Client& client, DescribeExportRequest request,
                            WaiterOptions options = {});

/// ImportCompleted: DescribeImport until ImportStatus is COMPLETED (FAILED and CANCELLED fail).
DYNAQ_API boost::asio::awaitable<DescribeImportResponse>
wait_until_import_completed(Client& client, DescribeImportRequest request,
                            WaiterOptions options = {});

/// ContributorInsightsEnabled: DescribeContributorInsights until ContributorInsightsStatus is
/// ENABLED (FAILED fails).
DYNAQ_API boost::asio::awaitable<DescribeContributorInsightsResponse>
wait_until_contributor_insights_enabled(Client& client, DescribeContributorInsightsRequest request,
                                        WaiterOptions options = {});

/// KinesisStreamingDestinationActive: DescribeKinesisStreamingDestination until some
/// destination is ACTIVE; fails when there are destinations and every one is DISABLED or
/// ENABLE_FAILED.
DYNAQ_API boost::asio::awaitable<DescribeKinesisStreamingDestinationResponse>
wait_until_kinesis_streaming_destination_active(Client& client,
                                                DescribeKinesisStreamingDestinationRequest request,
                                                WaiterOptions options = {});

} // namespace dynaq

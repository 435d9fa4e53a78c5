#pragma once
// Kinesis Data Streams destinations: item-level changes of a table sent to a Kinesis stream.
#include <cstdint>
#include <dynaq/export.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

enum class DestinationStatus {
    enabling,
    active,
    disabling,
    disabled,
    enable_failed,
    updating,
    unknown,
};
/// Resolution of ApproximateCreationDateTime in the stream's records.
enum class ApproximateCreationDateTimePrecision { millisecond, microsecond, unknown };

[[nodiscard]] DYNAQ_API std::string_view to_string(DestinationStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ApproximateCreationDateTimePrecision v) noexcept;

struct KinesisStreamingConfiguration {
    std::optional<ApproximateCreationDateTimePrecision> approximate_creation_date_time_precision{};

    bool operator==(const KinesisStreamingConfiguration&) const = default;
};

/// Enable, Disable and Update take and answer the same shapes; the parameter keeps them
/// distinct types, one per operation.
enum class KinesisDestinationOperation { enable, disable, update };

template <KinesisDestinationOperation>
struct KinesisStreamingDestinationRequestOf {
    /// A table name or its ARN.
    std::string table_name{};
    /// 37 to 1024 characters.
    std::string stream_arn{};
    /// EnableKinesisStreamingConfiguration (UpdateKinesisStreamingConfiguration for update).
    std::optional<KinesisStreamingConfiguration> configuration{};

    bool operator==(const KinesisStreamingDestinationRequestOf&) const = default;
};

template <KinesisDestinationOperation>
struct KinesisStreamingDestinationResponseOf {
    std::optional<std::string> table_name{};
    std::optional<std::string> stream_arn{};
    std::optional<DestinationStatus> destination_status{};
    std::optional<KinesisStreamingConfiguration> configuration{};

    bool operator==(const KinesisStreamingDestinationResponseOf&) const = default;
};

using EnableKinesisStreamingDestinationRequest =
    KinesisStreamingDestinationRequestOf<KinesisDestinationOperation::enable>;
using EnableKinesisStreamingDestinationResponse =
    KinesisStreamingDestinationResponseOf<KinesisDestinationOperation::enable>;
using DisableKinesisStreamingDestinationRequest =
    KinesisStreamingDestinationRequestOf<KinesisDestinationOperation::disable>;
using DisableKinesisStreamingDestinationResponse =
    KinesisStreamingDestinationResponseOf<KinesisDestinationOperation::disable>;
/// Changes the precision of an enabled destination.
using UpdateKinesisStreamingDestinationRequest =
    KinesisStreamingDestinationRequestOf<KinesisDestinationOperation::update>;
using UpdateKinesisStreamingDestinationResponse =
    KinesisStreamingDestinationResponseOf<KinesisDestinationOperation::update>;

struct DescribeKinesisStreamingDestinationRequest {
    std::string table_name{};

    bool operator==(const DescribeKinesisStreamingDestinationRequest&) const = default;
};

struct KinesisDataStreamDestination {
    std::optional<std::string> stream_arn{};
    std::optional<DestinationStatus> destination_status{};
    std::optional<std::string> destination_status_description{};
    std::optional<ApproximateCreationDateTimePrecision> approximate_creation_date_time_precision{};

    bool operator==(const KinesisDataStreamDestination&) const = default;
};

struct DescribeKinesisStreamingDestinationResponse {
    std::optional<std::string> table_name{};
    std::vector<KinesisDataStreamDestination> kinesis_data_stream_destinations{};

    bool operator==(const DescribeKinesisStreamingDestinationResponse&) const = default;
};

} // namespace dynaq

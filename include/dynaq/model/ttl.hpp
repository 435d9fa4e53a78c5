#pragma once
// Time to live: DynamoDB deletes items whose `attribute_name` holds an epoch-seconds number
// in the past (within a few days, at no write cost).
#include <dynaq/model/common.hpp>

#include <optional>
#include <string>

namespace dynaq {

struct TimeToLiveSpecification {
    bool enabled = false;
    std::string attribute_name{};

    bool operator==(const TimeToLiveSpecification&) const = default;
};

struct UpdateTimeToLiveRequest {
    std::string table_name{};
    TimeToLiveSpecification time_to_live_specification{};

    bool operator==(const UpdateTimeToLiveRequest&) const = default;
};

struct UpdateTimeToLiveResponse {
    TimeToLiveSpecification time_to_live_specification{};

    bool operator==(const UpdateTimeToLiveResponse&) const = default;
};

struct DescribeTimeToLiveRequest {
    std::string table_name{};

    bool operator==(const DescribeTimeToLiveRequest&) const = default;
};

struct TimeToLiveDescription {
    std::optional<TimeToLiveStatus> time_to_live_status{};
    /// Absent while TTL has never been enabled.
    std::optional<std::string> attribute_name{};

    bool operator==(const TimeToLiveDescription&) const = default;
};

struct DescribeTimeToLiveResponse {
    TimeToLiveDescription time_to_live_description{};

    bool operator==(const DescribeTimeToLiveResponse&) const = default;
};

} // namespace dynaq

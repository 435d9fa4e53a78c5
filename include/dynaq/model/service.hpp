#pragma once
// Account-wide facts: the provisioned-capacity quotas of this account and region, and the
// endpoints to send requests to.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

struct DescribeLimitsRequest {
    bool operator==(const DescribeLimitsRequest&) const = default;
};

/// Provisioned capacity units: over all tables and indexes of the account in this region, and
/// for any one table (with its GSIs).
struct DescribeLimitsResponse {
    std::optional<std::int64_t> account_max_read_capacity_units{};
    std::optional<std::int64_t> account_max_write_capacity_units{};
    std::optional<std::int64_t> table_max_read_capacity_units{};
    std::optional<std::int64_t> table_max_write_capacity_units{};

    bool operator==(const DescribeLimitsResponse&) const = default;
};

struct DescribeEndpointsRequest {
    bool operator==(const DescribeEndpointsRequest&) const = default;
};

struct EndpointDescription {
    std::string address{};
    std::int64_t cache_period_in_minutes = 0;

    bool operator==(const EndpointDescription&) const = default;
};

struct DescribeEndpointsResponse {
    std::vector<EndpointDescription> endpoints{};

    bool operator==(const DescribeEndpointsResponse&) const = default;
};

} // namespace dynaq

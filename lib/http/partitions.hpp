#pragma once
// The AWS partitions: which DNS suffixes a region's endpoints use and what the partition
// offers. The table itself is in partitions.cpp, the only place that knows these names.
#include <string_view>

namespace dynaq::detail {

struct Partition {
    std::string_view name;             ///< "aws", "aws-cn", ...
    std::string_view dns_suffix;       ///< "amazonaws.com"
    std::string_view dualstack_suffix; ///< "api.aws"
    bool supports_fips = true;
    bool supports_dualstack = true;
};

/// Lowercase letters, digits and '-', not empty: the region becomes part of a host name, so
/// anything else could change the URL's shape.
[[nodiscard]] bool is_region_name(std::string_view region) noexcept;

/// The partition of `region`. Regions no partition claims belong to "aws", as the AWS SDKs
/// decide, so a region launched after this table was written still gets an endpoint.
[[nodiscard]] const Partition& partition_of(std::string_view region) noexcept;

} // namespace dynaq::detail

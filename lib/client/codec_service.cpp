// DescribeLimits and DescribeEndpoints: requests without members.
#include "client/operation_codec.hpp"

namespace dynaq::detail {

void encode(const DescribeLimitsRequest& r, std::string& out) {
    encode_object(r, out, [](JsonWriter&) {});
}

void encode(const DescribeEndpointsRequest& r, std::string& out) {
    encode_object(r, out, [](JsonWriter&) {});
}

void decode(const JsonValue& root, DescribeLimitsResponse& out) {
    out = {};
    expect_object(root, "response");
    out.account_max_read_capacity_units = optional_int(root, "AccountMaxReadCapacityUnits", "");
    out.account_max_write_capacity_units = optional_int(root, "AccountMaxWriteCapacityUnits", "");
    out.table_max_read_capacity_units = optional_int(root, "TableMaxReadCapacityUnits", "");
    out.table_max_write_capacity_units = optional_int(root, "TableMaxWriteCapacityUnits", "");
}

void decode(const JsonValue& root, DescribeEndpointsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "Endpoints", "", [&](const JsonValue& e, const std::string& path) {
        const auto minutes = optional_int(e, "CachePeriodInMinutes", path);
        if (!minutes)
            protocol_error(member_path(path, "CachePeriodInMinutes"), "missing");
        out.endpoints.push_back({.address = std::string(require_string(e, "Address", path)),
                                 .cache_period_in_minutes = *minutes});
    });
}

} // namespace dynaq::detail

// DynamoDB's endpoint rules (what the AWS SDKs evaluate from the service's rule set), written
// out by hand in the order the rule set tries them. The ordering is the point: a custom
// endpoint beats everything, the "local" region comes next, then FIPS + dual-stack, FIPS,
// dual-stack and finally the plain regional endpoint; the account-ID endpoint is preferred
// over the last two when an account ID is known.
#include "ascii.hpp"
#include "partitions.hpp"

#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <algorithm>

namespace dynaq {

namespace {

[[noreturn]] void invalid(std::string_view why) {
    throw ConfigError("endpoint configuration: " + std::string(why));
}

// A DNS label: letters, digits and '-', not starting with '-', at most 63 characters.
bool is_host_label(std::string_view s) {
    return !s.empty() && s.size() <= 63 && s.front() != '-' && std::ranges::all_of(s, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-';
    });
}

// The region becomes part of a host name; refuse anything that would change the URL's shape.
void check_region(std::string_view region) {
    if (region.empty())
        invalid("no region is set (the region picks the endpoint)");
    if (!detail::is_region_name(region))
        invalid("'" + std::string(region) +
                "' is not an AWS region name (lowercase letters, digits, '-')");
}

std::string https(std::string_view first_labels, std::string_view region, std::string_view suffix) {
    std::string url = "https://";
    url += first_labels;
    url += '.';
    url += region;
    url += '.';
    url += suffix;
    return url;
}

bool wants_account(const EndpointParams& p, const detail::Partition& part) {
    return p.service == Service::dynamodb &&
           p.account_id_endpoint_mode != AccountIdEndpointMode::disabled && part.name == "aws" &&
           !p.use_fips && !p.account_id.empty();
}

// The account-ID endpoint under `suffix`; empty when the ordinary endpoint applies. Throws
// when the account ID is required but cannot be used. Never called with FIPS.
std::string account_endpoint(const EndpointParams& p, const detail::Partition& part,
                             std::string_view suffix) {
    if (wants_account(p, part)) {
        if (!is_host_label(p.account_id))
            invalid("the account ID '" + p.account_id + "' is not a valid host name label");
        return https(p.account_id + ".ddb", p.region, suffix);
    }
    if (p.account_id_endpoint_mode == AccountIdEndpointMode::required) {
        if (p.service == Service::streams)
            invalid("account_id_endpoint_mode is required, but DynamoDB Streams has no "
                    "account-ID endpoints");
        if (part.name != "aws")
            invalid("account_id_endpoint_mode is required, but partition " +
                    std::string(part.name) + " has no account-ID endpoints");
        invalid("account_id_endpoint_mode is required, but no account ID is known (set "
                "AWS_ACCOUNT_ID or the profile's aws_account_id)");
    }
    return {};
}

void refuse_required_account_with_fips(const EndpointParams& p) {
    if (p.account_id_endpoint_mode == AccountIdEndpointMode::required)
        invalid("account_id_endpoint_mode is required, but FIPS is enabled and FIPS has no "
                "account-ID endpoints");
}

// The first labels of the host: the service's name, FIPS or not.
std::string_view host_start(Service service, bool fips) {
    if (service == Service::streams)
        return fips ? "streams.dynamodb-fips" : "streams.dynamodb";
    return fips ? "dynamodb-fips" : "dynamodb";
}

} // namespace

std::string_view target_prefix(Service service) noexcept {
    return service == Service::streams ? "DynamoDBStreams_20120810" : "DynamoDB_20120810";
}

AccountIdEndpointMode parse_account_id_endpoint_mode(std::string_view text,
                                                     std::string_view source) {
    if (detail::equals_lower(text, "preferred"))
        return AccountIdEndpointMode::preferred;
    if (detail::equals_lower(text, "required"))
        return AccountIdEndpointMode::required;
    if (detail::equals_lower(text, "disabled"))
        return AccountIdEndpointMode::disabled;
    throw ConfigError(std::string(source) + " is '" + std::string(text) +
                      "'; it must be preferred, required or disabled");
}

std::string_view to_string(AccountIdEndpointMode mode) noexcept {
    switch (mode) {
    case AccountIdEndpointMode::required:
        return "required";
    case AccountIdEndpointMode::disabled:
        return "disabled";
    case AccountIdEndpointMode::preferred:
        break;
    }
    return "preferred";
}

ResolvedEndpoint resolve_service_endpoint(const EndpointParams& p) {
    ResolvedEndpoint out;
    out.signing_region = p.region;
    if (!p.endpoint.empty()) {
        if (p.use_fips)
            invalid("FIPS cannot be combined with a custom endpoint (" + p.endpoint + ")");
        if (p.use_dualstack)
            invalid("dual-stack cannot be combined with a custom endpoint (" + p.endpoint + ")");
        if (!p.region.empty() && is_host_label(p.region) &&
            p.endpoint == https(host_start(p.service, false), p.region,
                                detail::partition_of(p.region).dualstack_suffix))
            invalid("the dual-stack endpoint " + p.endpoint +
                    " cannot be set as a custom endpoint; enable use_dualstack_endpoint instead");
        out.url = p.endpoint;
        return out;
    }
    check_region(p.region);
    if (p.region == "local") {
        if (p.use_fips)
            invalid("FIPS cannot be combined with the local endpoint (region 'local')");
        if (p.use_dualstack)
            invalid("dual-stack cannot be combined with the local endpoint (region 'local')");
        out.url = "http://localhost:8000";
        out.signing_region = "us-east-1";
        return out;
    }
    const detail::Partition& part = detail::partition_of(p.region);
    if (p.use_fips && p.use_dualstack) {
        if (!part.supports_fips || !part.supports_dualstack)
            invalid("FIPS and dual-stack are both enabled, but partition " +
                    std::string(part.name) + " does not offer them together");
        refuse_required_account_with_fips(p);
        out.url = https(host_start(p.service, true), p.region, part.dualstack_suffix);
        return out;
    }
    if (p.use_fips) {
        if (!part.supports_fips)
            invalid("FIPS is enabled, but partition " + std::string(part.name) +
                    " has no FIPS endpoints");
        refuse_required_account_with_fips(p);
        // GovCloud's regular endpoints are its FIPS endpoints.
        out.url =
            https(host_start(p.service, part.name != "aws-us-gov"), p.region, part.dns_suffix);
        return out;
    }
    const std::string_view suffix = p.use_dualstack ? part.dualstack_suffix : part.dns_suffix;
    if (p.use_dualstack && !part.supports_dualstack)
        invalid("dual-stack is enabled, but partition " + std::string(part.name) +
                " has no dual-stack endpoints");
    out.url = account_endpoint(p, part, suffix);
    out.account_id_endpoint = !out.url.empty();
    if (out.url.empty())
        out.url = https(host_start(p.service, false), p.region, suffix);
    return out;
}

} // namespace dynaq

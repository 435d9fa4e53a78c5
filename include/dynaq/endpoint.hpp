#pragma once
// Where requests go: scheme, host and port, parsed once from a URL; and which URL a region
// and the endpoint settings (FIPS, dual-stack, account ID, a custom endpoint) lead to.
#include <cstdint>
#include <dynaq/export.hpp>
#include <string>
#include <string_view>

namespace dynaq {

/// When to use the account-ID endpoint https://{account}.ddb.{region}.amazonaws.com.
enum class AccountIdEndpointMode {
    preferred, ///< when an account ID is known (the AWS SDKs' default)
    required,  ///< always: no account ID is a ConfigError
    disabled,  ///< never
};

/// Parses "preferred", "required" or "disabled" (any case); anything else throws ConfigError
/// naming `source` (the setting the text came from).
[[nodiscard]] DYNAQ_API AccountIdEndpointMode
parse_account_id_endpoint_mode(std::string_view text, std::string_view source);
[[nodiscard]] DYNAQ_API std::string_view to_string(AccountIdEndpointMode mode) noexcept;

/// The services a transport can speak to. Both sign as "dynamodb" and speak the same JSON
/// protocol; they differ in their host and their X-Amz-Target prefix.
enum class Service {
    dynamodb, ///< DynamoDB_20120810, dynamodb.{region}.{dnsSuffix}
    streams,  ///< DynamoDBStreams_20120810, streams.dynamodb.{region}.{dnsSuffix}
};

/// The X-Amz-Target prefix of `service`, without the '.': "DynamoDB_20120810".
[[nodiscard]] DYNAQ_API std::string_view target_prefix(Service service) noexcept;

/// Everything the endpoint rules look at, as the AWS SDKs name them.
struct EndpointParams {
    /// Whose endpoint: DynamoDB's or DynamoDB Streams' (which has no account-ID endpoints).
    Service service = Service::dynamodb;
    std::string region;
    bool use_fips = false;
    bool use_dualstack = false;
    /// A custom endpoint URL; when set it wins over everything else (and refuses FIPS and
    /// dual-stack, which it cannot honour).
    std::string endpoint;
    /// The account the credentials belong to; empty when unknown.
    std::string account_id;
    AccountIdEndpointMode account_id_endpoint_mode = AccountIdEndpointMode::preferred;
};

struct ResolvedEndpoint {
    std::string url;                  ///< "https://dynamodb.eu-west-1.amazonaws.com"
    std::string signing_region;       ///< the region to sign for (differs only for region "local")
    bool account_id_endpoint = false; ///< the URL carries the account ID
};

/// DynamoDB's endpoint rules, as the AWS SDKs apply them: a custom endpoint first; region
/// "local" is http://localhost:8000; otherwise the region's partition (aws, aws-cn,
/// aws-us-gov, aws-iso, aws-iso-b; an unknown region counts as aws) gives the DNS suffix, and
/// FIPS (dynamodb-fips.), dual-stack (the partition's dual-stack suffix, api.aws for aws) and
/// the account ID (aws partition only, not with FIPS) shape the host. A pure function: no
/// I/O, the same answer for the same parameters. Throws ConfigError where a combination does
/// not exist (FIPS with a custom endpoint, dual-stack in aws-iso, a required account ID that
/// is missing, ...) or the region is not a plain region name. For Service::streams the host
/// starts with "streams.dynamodb" ("streams.dynamodb-fips" with FIPS) and the account ID is
/// not used (Streams has no account-ID endpoints; a required one is a ConfigError).
[[nodiscard]] DYNAQ_API ResolvedEndpoint resolve_service_endpoint(const EndpointParams& params);

struct DYNAQ_API Endpoint {
    bool tls = true;  ///< https (true) or http (false)
    std::string host; ///< lower-cased name or IP address; an IPv6 literal without brackets
    std::uint16_t port = 443;

    /// Parses "http://host[:port][/]" or "https://host[:port][/]". The host may be an IPv6
    /// literal in brackets ("http://[::1]:8000"). The port defaults to 80 / 443. Anything
    /// else (a path, query, user info, another scheme, a bad port) throws ConfigError.
    [[nodiscard]] static Endpoint parse(std::string_view url);

    /// The public endpoint of a region: https://dynamodb.<region>.<the partition's DNS suffix>
    /// (amazonaws.com, amazonaws.com.cn, c2s.ic.gov, ...). Throws ConfigError for an empty or
    /// malformed region name.
    [[nodiscard]] static Endpoint for_region(std::string_view region);

    [[nodiscard]] bool is_ipv6_literal() const noexcept;
    /// localhost, 127.0.0.0/8 or ::1: a server on this machine (dynalite, moto, DynamoDB Local).
    [[nodiscard]] bool is_loopback() const noexcept;
    [[nodiscard]] bool has_default_port() const noexcept { return port == (tls ? 443 : 80); }

    /// The Host header: host, plus ":port" unless the port is the scheme's default
    /// (browsers, curl and the SigV4 test suite all omit it, and the signature covers it).
    [[nodiscard]] std::string host_header() const;

    /// "https://host:port", always with the port (for messages).
    [[nodiscard]] std::string url() const;

    friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

} // namespace dynaq

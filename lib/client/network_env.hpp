#pragma once
// Where the network settings of ClientConfig::from_env come from: the configured endpoint,
// FIPS / dual-stack / account-ID endpoint settings, the CA bundle and the proxies, each from
// its environment variable, else the active profile (the precedence of the AWS SDKs).
#include <dynaq/config.hpp>
#include <dynaq/environment.hpp>

#include <optional>
#include <string>

namespace dynaq::detail {

struct ConfiguredEndpoint {
    std::string url;
    std::string source; ///< "AWS_ENDPOINT_URL_DYNAMODB", "endpoint_url in profile 'dev'", ...
};

/// The custom endpoint: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, `endpoint_url` under
/// `dynamodb` in the profile's `services` section, the profile's `endpoint_url`; nullopt when
/// none is set or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
/// ignore_configured_endpoint_urls) is true.
[[nodiscard]] std::optional<ConfiguredEndpoint> configured_endpoint(const Environment& env);

/// The custom endpoint of DynamoDB Streams: AWS_ENDPOINT_URL_DYNAMODB_STREAMS, then
/// `endpoint_url` under `dynamodb_streams` in the profile's `services` section; nullopt when
/// neither is set or configured endpoints are ignored. (Without one, Streams follows the
/// DynamoDB endpoint found by configured_endpoint.)
[[nodiscard]] std::optional<ConfiguredEndpoint> configured_streams_endpoint(const Environment& env);

/// Sets the endpoint flags, the account ID and its mode, the CA bundle and the proxies of
/// `config` from `env` (variables, then the active profile); leaves what is not configured.
/// Throws ConfigError naming the setting for a value that is not valid.
void apply_network_env(ClientConfig& config, const Environment& env);

} // namespace dynaq::detail

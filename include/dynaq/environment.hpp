#pragma once
// Where configuration comes from: environment variables and the AWS shared files
// (~/.aws/config, ~/.aws/credentials). Every lookup goes through an Environment value, so the
// process environment is read only when asked for and tests can supply their own.
#include <dynaq/export.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq {

/// Read access to environment variables.
struct DYNAQ_API Environment {
    /// The raw lookup: the variable's value, or nullopt when it is not set.
    std::function<std::optional<std::string>(std::string_view name)> get;

    /// `get(name)`, with an empty value read as unset, as the AWS SDKs do. A default-constructed
    /// Environment (no `get`) has no variables.
    [[nodiscard]] std::optional<std::string> value(std::string_view name) const;

    /// The real process environment, read with std::getenv at each lookup.
    [[nodiscard]] static Environment process();

    /// A fixed set of variables, e.g. {{"AWS_REGION", "eu-west-1"}, {"HOME", "/tmp/x"}}.
    [[nodiscard]] static Environment
    from_map(std::map<std::string, std::string, std::less<>> variables);
};

/// The region to use: AWS_REGION, then AWS_DEFAULT_REGION, then `region` in the active profile
/// (AWS_PROFILE, default "default") of the shared config and credentials files.
/// Throws ConfigError naming every source tried when none has a region, or when a shared file
/// is malformed.
[[nodiscard]] DYNAQ_API std::string resolve_region(const Environment& env);

/// The DynamoDB endpoint URL: AWS_ENDPOINT_URL_DYNAMODB, then AWS_ENDPOINT_URL, then
/// `endpoint_url` in the active profile, else "https://dynamodb.<region>.amazonaws.com"
/// (".amazonaws.com.cn" for the cn-* regions). AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true skips
/// the configured ones. The URL is returned as configured; parsing it is the transport's
/// business.
/// Throws InvalidArgumentError when the default is needed and `region` is not a plain
/// region name, ConfigError when a shared file is malformed.
[[nodiscard]] DYNAQ_API std::string resolve_endpoint(const Environment& env,
                                                     std::string_view region);

/// The retry policy's attempt count as the AWS SDKs configure it: AWS_MAX_ATTEMPTS, then
/// `max_attempts` in the active profile; nullopt when neither is set (keep the default).
/// Throws ConfigError for a value that is not a whole number from 1 to 100, naming its source.
[[nodiscard]] DYNAQ_API std::optional<int> resolve_max_attempts(const Environment& env);

} // namespace dynaq

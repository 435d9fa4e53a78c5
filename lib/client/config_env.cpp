#include "network_env.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace dynaq {

namespace {

void apply_max_attempts(ClientConfig& config, const Environment& env) {
    if (const std::optional<int> attempts = resolve_max_attempts(env))
        config.retry.max_attempts = *attempts;
}

} // namespace

ResolvedEndpoint ClientConfig::resolved_endpoint() const {
    return resolved_endpoint(Service::dynamodb);
}

ResolvedEndpoint ClientConfig::resolved_endpoint(Service service) const {
    EndpointParams params;
    params.service = service;
    params.region = region;
    params.use_fips = use_fips_endpoint;
    params.use_dualstack = use_dualstack_endpoint;
    params.endpoint =
        service == Service::streams && !streams_endpoint.empty() ? streams_endpoint : endpoint;
    params.account_id = account_id;
    params.account_id_endpoint_mode = account_id_endpoint_mode;
    return resolve_service_endpoint(params);
}

ClientConfig ClientConfig::from_env() {
    return from_env(Environment::process());
}

ClientConfig ClientConfig::from_env(const Environment& env) {
    ClientConfig config;
    config.region = resolve_region(env);
    if (auto configured = detail::configured_endpoint(env))
        config.endpoint = std::move(configured->url);
    if (auto configured = detail::configured_streams_endpoint(env))
        config.streams_endpoint = std::move(configured->url);
    detail::apply_network_env(config, env);
    // Resolved lazily, on the first request, so a client can be built before the
    // credentials file exists; a missing source is reported then, naming every source tried.
    config.credentials = std::make_shared<DefaultCredentialsChain>(env);
    apply_max_attempts(config, env);
    return config;
}

ClientConfig ClientConfig::from_env(const Environment& env, const ConfigOverrides& overrides) {
    // The overrides answer for the variables the resolvers read first, so what derives from
    // them (the profile's region and keys, the region's endpoint) follows.
    const Environment overridden{[env, overrides](std::string_view name) {
        const std::string* value = name == "AWS_REGION"    ? &overrides.region
                                   : name == "AWS_PROFILE" ? &overrides.profile
                                                           : nullptr;
        if (value != nullptr && !value->empty())
            return std::optional(*value);
        return env.get ? env.get(name) : std::nullopt;
    }};
    std::optional<std::string> region;
    try {
        region = resolve_region(overridden);
    } catch (const ConfigError&) {
        // Fine for a local server; anything else is told below, with every source tried.
    }
    ClientConfig config;
    if (!overrides.endpoint.empty())
        config.endpoint = overrides.endpoint;
    else if (auto configured = detail::configured_endpoint(overridden))
        config.endpoint = std::move(configured->url);
    // A command line's endpoint names the server for both services.
    if (overrides.endpoint.empty())
        if (auto configured = detail::configured_streams_endpoint(overridden))
            config.streams_endpoint = std::move(configured->url);
    detail::apply_network_env(config, overridden);
    config.region = region.value_or("us-east-1");
    const bool local = Endpoint::parse(config.resolved_endpoint().url).is_loopback();
    if (!region && !local)
        region = resolve_region(overridden); // throws
    ChainOptions chain;
    if (local && overrides.profile.empty()) {
        // Only when the whole chain finds nothing; the chain's source() then says so.
        Credentials dummy;
        dummy.access_key_id = "dummy";
        dummy.secret_access_key = "dummy";
        chain.fallback = std::move(dummy);
    }
    // Local emulators (moto, dynalite) compute a whole page before its first byte, which on a
    // busy machine takes longer than DynamoDB ever does: silence there is slowness, not a stall.
    if (local)
        config.timeouts.idle = std::chrono::milliseconds(0);
    config.credentials = std::make_shared<DefaultCredentialsChain>(overridden, std::move(chain));
    apply_max_attempts(config, overridden);
    return config;
}

} // namespace dynaq

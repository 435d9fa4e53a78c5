#include "network_env.hpp"

#include "../auth/ini.hpp"
#include "../auth/shared_profile.hpp"
#include "../http/ascii.hpp"
#include "../http/partitions.hpp"

#include <dynaq/error.hpp>

#include <algorithm>

namespace dynaq {

namespace {

/// A setting's value and where it came from ("AWS_CA_BUNDLE", "ca_bundle in profile 'dev'").
struct Setting {
    std::string value;
    std::string source;
};

/// `variable` from the environment, else `key` from the already loaded profile.
std::optional<Setting> lookup(const Environment& env, const detail::SharedProfile& profile,
                              std::string_view variable, std::string_view key) {
    if (auto v = env.value(variable))
        return Setting{std::move(*v), std::string(variable)};
    if (const std::string* v = profile.find(key))
        return Setting{*v, std::string(key) + " in profile '" + profile.name + "'"};
    return std::nullopt;
}

bool parse_bool(const Setting& s) {
    if (detail::equals_lower(s.value, "true"))
        return true;
    if (detail::equals_lower(s.value, "false"))
        return false;
    throw ConfigError(s.source + " is '" + s.value + "'; it must be true or false");
}

bool flag(const Environment& env, const detail::SharedProfile& profile, std::string_view variable,
          std::string_view key) {
    const auto s = lookup(env, profile, variable, key);
    return s && parse_bool(*s);
}

// `dynamodb = \n  endpoint_url = URL` in [services NAME] of the config file: the value of a
// nested property arrives as its raw lines.
std::optional<std::string> nested_value(std::string_view block, std::string_view key) {
    while (!block.empty()) {
        const auto eol = block.find('\n');
        const std::string_view line = block.substr(0, eol);
        block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos)
            continue;
        if (detail::equals_lower(detail::trim_blanks(line.substr(0, eq)), key)) {
            const std::string_view value = detail::trim_blanks(line.substr(eq + 1));
            if (!value.empty())
                return std::string(value);
        }
    }
    return std::nullopt;
}

std::optional<detail::ConfiguredEndpoint> services_endpoint(const detail::SharedProfile& profile,
                                                            std::string_view service_key) {
    const std::string* services = profile.config.find("services");
    if (services == nullptr)
        return std::nullopt;
    const auto document = detail::load_ini_file(profile.config.path);
    if (!document)
        return std::nullopt;
    for (const auto& [section, properties] : *document) {
        if (!section.starts_with("services") || section.size() <= 8 ||
            !detail::is_ini_blank(section[8]) ||
            detail::trim_blanks(std::string_view(section).substr(8)) != *services)
            continue;
        const auto service = properties.find(std::string(service_key));
        if (service == properties.end())
            continue;
        if (auto url = nested_value(service->second, "endpoint_url"))
            return detail::ConfiguredEndpoint{
                std::move(*url), "endpoint_url for " + std::string(service_key) + " in [services " +
                                     *services + "] of " + profile.config.path};
    }
    return std::nullopt;
}

// The proxy variables as curl reads them: the lowercase name first.
std::string proxy_variable(const Environment& env, std::string_view lower, std::string_view upper) {
    if (auto v = env.value(lower))
        return std::move(*v);
    return env.value(upper).value_or("");
}

} // namespace

namespace detail {

std::optional<ConfiguredEndpoint> configured_endpoint(const Environment& env) {
    const SharedProfile profile = load_shared_profile(env);
    if (flag(env, profile, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
             "ignore_configured_endpoint_urls"))
        return std::nullopt;
    for (const std::string_view variable : {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"})
        if (auto url = env.value(variable))
            return ConfiguredEndpoint{std::move(*url), std::string(variable)};
    if (auto url = services_endpoint(profile, "dynamodb"))
        return url;
    if (const std::string* url = profile.find("endpoint_url"))
        return ConfiguredEndpoint{*url, "endpoint_url in profile '" + profile.name + "'"};
    return std::nullopt;
}

std::optional<ConfiguredEndpoint> configured_streams_endpoint(const Environment& env) {
    const SharedProfile profile = load_shared_profile(env);
    if (flag(env, profile, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
             "ignore_configured_endpoint_urls"))
        return std::nullopt;
    if (auto url = env.value("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"))
        return ConfiguredEndpoint{std::move(*url), "AWS_ENDPOINT_URL_DYNAMODB_STREAMS"};
    return services_endpoint(profile, "dynamodb_streams");
}

void apply_network_env(ClientConfig& config, const Environment& env) {
    const SharedProfile profile = load_shared_profile(env);
    config.use_fips_endpoint = flag(env, profile, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
    config.use_dualstack_endpoint =
        flag(env, profile, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
    if (auto id = lookup(env, profile, "AWS_ACCOUNT_ID", "aws_account_id"))
        config.account_id = std::move(id->value);
    if (auto mode =
            lookup(env, profile, "AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode"))
        config.account_id_endpoint_mode = parse_account_id_endpoint_mode(mode->value, mode->source);
    if (auto bundle = lookup(env, profile, "AWS_CA_BUNDLE", "ca_bundle")) {
        config.tls.ca_file = std::move(bundle->value);
        config.tls.ca_file_source = std::move(bundle->source);
    }
    config.proxy.https_proxy = proxy_variable(env, "https_proxy", "HTTPS_PROXY");
    config.proxy.http_proxy = proxy_variable(env, "http_proxy", "HTTP_PROXY");
    config.proxy.no_proxy = proxy_variable(env, "no_proxy", "NO_PROXY");
}

} // namespace detail

std::string resolve_endpoint(const Environment& env, std::string_view region) {
    if (auto configured = detail::configured_endpoint(env))
        return std::move(configured->url);
    // Checked here too: resolve_endpoint has always reported this as InvalidArgumentError.
    if (!detail::is_region_name(region))
        throw InvalidArgumentError("'" + std::string(region) +
                                   "' is not an AWS region name (lowercase letters, digits, '-')");
    ClientConfig config;
    config.region = std::string(region);
    detail::apply_network_env(config, env);
    return config.resolved_endpoint().url;
}

} // namespace dynaq

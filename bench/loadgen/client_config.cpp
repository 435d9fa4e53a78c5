#include "client_config.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/environment.hpp>

#include <memory>
#include <optional>
#include <string_view>

namespace dynaq_bench {

bool is_loopback(const std::string& url) {
    const std::string host = dynaq::Endpoint::parse(url).host;
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

dynaq::ClientConfig make_client_config(const BenchConfig& config) {
    const dynaq::Environment process = dynaq::Environment::process();
    std::string endpoint = config.endpoint;
    for (const char* name : {"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL"})
        if (endpoint.empty())
            endpoint = process.value(name).value_or("");
    const bool local = !endpoint.empty() && is_loopback(endpoint);

    std::string region = config.region;
    if (region.empty() && local && !process.value("AWS_REGION") &&
        !process.value("AWS_DEFAULT_REGION"))
        region = "us-east-1";
    // --region answers for the variable from_env() reads first, so that a default endpoint
    // follows it too.
    const dynaq::Environment env{[process, region](std::string_view name) {
        if (name == "AWS_REGION" && !region.empty())
            return std::optional(region);
        return process.get(name);
    }};
    dynaq::ClientConfig client = dynaq::ClientConfig::from_env(env);
    if (!config.endpoint.empty())
        client.endpoint = config.endpoint;
    if (local && !process.value("AWS_ACCESS_KEY_ID")) {
        dynaq::Credentials dummy;
        dummy.access_key_id = "dummy";
        dummy.secret_access_key = "dummy";
        client.credentials = std::make_shared<dynaq::StaticCredentialsProvider>(std::move(dummy));
    }
    client.pool.max_connections = config.pool_size();
    client.retry.max_attempts = config.max_attempts;
    client.user_agent = "dynaq-bench/0.1.0 " + client.user_agent;
    return client;
}

} // namespace dynaq_bench

#include "client_config.hpp"

#include <dynaq/environment.hpp>

namespace dynaq_bench {

dynaq::ClientConfig make_client_config(const BenchConfig& config) {
    dynaq::ConfigOverrides overrides;
    overrides.endpoint = config.endpoint;
    overrides.region = config.region;
    dynaq::ClientConfig client =
        dynaq::ClientConfig::from_env(dynaq::Environment::process(), overrides);
    client.pool.max_connections = config.pool_size();
    client.retry.max_attempts = config.max_attempts;
    client.user_agent = "dynaq-bench/0.1.0 " + client.user_agent;
    return client;
}

} // namespace dynaq_bench

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>
#include <dynaq/environment.hpp>

#include <memory>

namespace dynaq {

ClientConfig ClientConfig::from_env() {
    return from_env(Environment::process());
}

ClientConfig ClientConfig::from_env(const Environment& env) {
    ClientConfig config;
    config.region = resolve_region(env);
    config.endpoint = resolve_endpoint(env, config.region);
    // Resolved lazily, on the first request, so a client can be built before the
    // credentials file exists; a missing source is reported then, naming every source tried.
    config.credentials = std::make_shared<DefaultCredentialsChain>(env);
    return config;
}

} // namespace dynaq

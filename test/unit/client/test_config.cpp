// ClientConfig::from_env with command-line overrides: what dynaq-bench, the examples and the
// dynaq CLI build their client from.
#include "../auth/auth_test_support.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>
#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;

namespace {

Credentials credentials_of(const ClientConfig& config) {
    REQUIRE(config.credentials);
    return config.credentials->get();
}

ConfigOverrides endpoint_only(std::string endpoint) {
    ConfigOverrides overrides;
    overrides.endpoint = std::move(endpoint);
    return overrides;
}

} // namespace

TEST_CASE("config overrides: a loopback endpoint needs no set-up") {
    for (const char* url : {"http://127.0.0.1:8000", "http://localhost:4567", "http://[::1]:80",
                            "http://127.10.0.1"}) {
        INFO(url);
        // Instance metadata off: the chain would otherwise ask it (on EC2 it would answer).
        const auto config = ClientConfig::from_env(
            Environment::from_map({{"AWS_EC2_METADATA_DISABLED", "true"}}), endpoint_only(url));
        CHECK(config.endpoint == url);
        CHECK(config.region == "us-east-1");
        const Credentials creds = credentials_of(config);
        CHECK(creds.access_key_id == "dummy");
        CHECK(creds.secret_access_key == "dummy");
    }
}

TEST_CASE("config overrides: a loopback endpoint keeps what the environment configures") {
    const auto env = Environment::from_map({{"AWS_DEFAULT_REGION", "eu-west-1"},
                                            {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                                            {"AWS_SECRET_ACCESS_KEY", "secret"}});
    const auto config = ClientConfig::from_env(env, endpoint_only("http://127.0.0.1:8000"));
    CHECK(config.region == "eu-west-1");
    CHECK(credentials_of(config).access_key_id == "AKIDEXAMPLE");
}

TEST_CASE("config overrides: the endpoint may come from the environment and still be local") {
    const auto env = Environment::from_map(
        {{"AWS_ENDPOINT_URL", "http://localhost:8000"}, {"AWS_EC2_METADATA_DISABLED", "true"}});
    const auto config = ClientConfig::from_env(env, ConfigOverrides{});
    CHECK(config.endpoint == "http://localhost:8000");
    CHECK(config.region == "us-east-1");
    CHECK(credentials_of(config).access_key_id == "dummy");
    CHECK(config.credentials->source() ==
          "default chain: fallback keys (no source has credentials)");
}

TEST_CASE("config overrides: --region wins over the environment, and the endpoint follows it") {
    const auto env = Environment::from_map({{"AWS_REGION", "eu-west-1"},
                                            {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                                            {"AWS_SECRET_ACCESS_KEY", "secret"}});
    ConfigOverrides overrides;
    overrides.region = "us-west-2";
    const auto config = ClientConfig::from_env(env, overrides);
    CHECK(config.region == "us-west-2");
    CHECK(config.endpoint.empty()); // no custom endpoint: the region's own
    CHECK(config.resolved_endpoint().url == "https://dynamodb.us-west-2.amazonaws.com");
    CHECK(credentials_of(config).access_key_id == "AKIDEXAMPLE");
}

TEST_CASE("config overrides: --endpoint wins even where configured endpoints are ignored") {
    const auto env = Environment::from_map(
        {{"AWS_REGION", "eu-west-1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}});
    const auto config = ClientConfig::from_env(env, endpoint_only("https://ddb.example.com"));
    CHECK(config.endpoint == "https://ddb.example.com");
    CHECK(config.region == "eu-west-1");
}

TEST_CASE("config overrides: a remote endpoint still needs a region") {
    const auto message = test::config_error_of(
        [] { return ClientConfig::from_env(Environment{}, ConfigOverrides{}); });
    CHECK_THAT(message, Catch::Contains("no AWS region configured"));
    CHECK_THAT(test::config_error_of([] {
                   return ClientConfig::from_env(Environment{},
                                                 endpoint_only("https://ddb.example.com"));
               }),
               Catch::Contains("no AWS region configured"));
}

TEST_CASE("config overrides: a malformed endpoint is a ConfigError") {
    CHECK_THAT(test::config_error_of([] {
                   return ClientConfig::from_env(Environment{}, endpoint_only("ftp://127.0.0.1"));
               }),
               !Catch::Equals("no error"));
}

TEST_CASE("config overrides: --profile chooses the region and the keys, also for a local server") {
    test::TempDir dir;
    const auto config_file = dir.write("config", "[profile dev]\nregion = ap-south-1\n"
                                                 "[default]\nregion = eu-north-1\n");
    const auto credentials_file = dir.write("credentials", "[dev]\naws_access_key_id = AKIDDEV\n"
                                                           "aws_secret_access_key = devsecret\n");
    const auto env = Environment::from_map(
        {{"AWS_CONFIG_FILE", config_file}, {"AWS_SHARED_CREDENTIALS_FILE", credentials_file}});
    ConfigOverrides overrides;
    overrides.profile = "dev";
    const auto remote = ClientConfig::from_env(env, overrides);
    CHECK(remote.region == "ap-south-1");
    CHECK(remote.resolved_endpoint().url == "https://dynamodb.ap-south-1.amazonaws.com");
    CHECK(credentials_of(remote).access_key_id == "AKIDDEV");

    overrides.endpoint = "http://127.0.0.1:8000";
    const auto local = ClientConfig::from_env(env, overrides);
    CHECK(local.region == "ap-south-1");
    CHECK(credentials_of(local).access_key_id == "AKIDDEV");

    // Without --profile the default profile's region applies.
    CHECK(ClientConfig::from_env(env, endpoint_only("http://127.0.0.1:8000")).region ==
          "eu-north-1");
}

TEST_CASE(
    "from_env: AWS_MAX_ATTEMPTS sets the retry policy's attempts, with or without overrides") {
    const auto env =
        Environment::from_map({{"AWS_REGION", "eu-west-1"}, {"AWS_MAX_ATTEMPTS", "3"}});
    CHECK(ClientConfig::from_env(env).retry.max_attempts == 3);
    CHECK(ClientConfig::from_env(env, endpoint_only("http://127.0.0.1:8000")).retry.max_attempts ==
          3);
    const RetryPolicy defaults;
    CHECK(ClientConfig::from_env(Environment::from_map({{"AWS_REGION", "eu-west-1"}}))
              .retry.max_attempts == defaults.max_attempts);
    CHECK_THROWS_AS(ClientConfig::from_env(Environment::from_map(
                        {{"AWS_REGION", "eu-west-1"}, {"AWS_MAX_ATTEMPTS", "zero"}})),
                    ConfigError);
}

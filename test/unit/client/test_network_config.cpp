// ClientConfig::from_env's network settings: the CA bundle, FIPS, dual-stack, account IDs,
// configured endpoints (variables, the services section, the profile) and proxies, each from
// its variable or the profile, with the variable winning.
#include "../auth/auth_test_support.hpp"

#include <dynaq/config.hpp>
#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace dynaq;
using dynaq::test::config_error_of;
using dynaq::test::TempDir;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

// A HOME with ~/.aws/config holding `config`, and the variables on top.
Environment with_home(const TempDir& home, std::string_view config, Vars vars = {}) {
    home.write(".aws/config", config);
    vars["HOME"] = home.path();
    vars.try_emplace("AWS_REGION", "eu-west-1");
    return Environment::from_map(std::move(vars));
}

} // namespace

TEST_CASE("network config: AWS_CA_BUNDLE and the profile's ca_bundle, the variable first") {
    TempDir home;
    const auto profile_only =
        ClientConfig::from_env(with_home(home, "[default]\nca_bundle = /p/ca.pem\n"));
    CHECK(profile_only.tls.ca_file == "/p/ca.pem");
    CHECK(profile_only.tls.ca_file_source == "ca_bundle in profile 'default'");

    const auto both = ClientConfig::from_env(
        with_home(home, "[default]\nca_bundle = /p/ca.pem\n", {{"AWS_CA_BUNDLE", "/e/ca.pem"}}));
    CHECK(both.tls.ca_file == "/e/ca.pem");
    CHECK(both.tls.ca_file_source == "AWS_CA_BUNDLE");

    const auto none = ClientConfig::from_env(with_home(home, "[default]\n"));
    CHECK(none.tls.ca_file.empty());
}

TEST_CASE("network config: FIPS and dual-stack from the variables or the profile") {
    TempDir home;
    auto cfg = ClientConfig::from_env(
        with_home(home, "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\n"));
    CHECK(cfg.use_fips_endpoint);
    CHECK(cfg.use_dualstack_endpoint);
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb-fips.eu-west-1.api.aws");

    cfg = ClientConfig::from_env(with_home(home, "[default]\nuse_fips_endpoint = true\n",
                                           {{"AWS_USE_FIPS_ENDPOINT", "false"}}));
    CHECK_FALSE(cfg.use_fips_endpoint);
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb.eu-west-1.amazonaws.com");

    const std::string what = config_error_of([&] {
        return ClientConfig::from_env(
            with_home(home, "[default]\n", {{"AWS_USE_DUALSTACK_ENDPOINT", "yes"}}));
    });
    CHECK(what == "AWS_USE_DUALSTACK_ENDPOINT is 'yes'; it must be true or false");
    CHECK_THAT(config_error_of([&] {
                   return ClientConfig::from_env(
                       with_home(home, "[default]\nuse_fips_endpoint = 1\n"));
               }),
               Catch::Contains("use_fips_endpoint in profile 'default' is '1'"));
}

TEST_CASE("network config: account ID and its endpoint mode") {
    TempDir home;
    auto cfg =
        ClientConfig::from_env(with_home(home, "[default]\naws_account_id = 111122223333\n"));
    CHECK(cfg.account_id == "111122223333");
    CHECK(cfg.resolved_endpoint().url == "https://111122223333.ddb.eu-west-1.amazonaws.com");

    cfg = ClientConfig::from_env(with_home(home, "[default]\naws_account_id = 111122223333\n",
                                           {{"AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled"}}));
    CHECK(cfg.account_id_endpoint_mode == AccountIdEndpointMode::disabled);
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb.eu-west-1.amazonaws.com");

    cfg =
        ClientConfig::from_env(with_home(home, "[default]\naccount_id_endpoint_mode = required\n"));
    CHECK_THAT(config_error_of([&] { return cfg.resolved_endpoint(); }),
               Catch::Contains("no account ID is known"));
    CHECK_THAT(config_error_of([&] {
                   return ClientConfig::from_env(
                       with_home(home, "[default]\naccount_id_endpoint_mode = sometimes\n"));
               }),
               Catch::Contains("account_id_endpoint_mode in profile 'default' is 'sometimes'"));
}

TEST_CASE(
    "network config: configured endpoints in the SDKs' order, and the switch that ignores them") {
    TempDir home;
    const std::string config = "[default]\n"
                               "endpoint_url = http://127.0.0.1:1001\n"
                               "services = local-ddb\n"
                               "[services local-ddb]\n"
                               "s3 =\n"
                               "  endpoint_url = http://127.0.0.1:1009\n"
                               "dynamodb =\n"
                               "  endpoint_url = http://127.0.0.1:1002\n";
    CHECK(ClientConfig::from_env(with_home(home, config)).endpoint == "http://127.0.0.1:1002");
    CHECK(ClientConfig::from_env(
              with_home(home, config, {{"AWS_ENDPOINT_URL", "http://127.0.0.1:1003"}}))
              .endpoint == "http://127.0.0.1:1003");
    CHECK(
        ClientConfig::from_env(with_home(home, config,
                                         {{"AWS_ENDPOINT_URL", "http://127.0.0.1:1003"},
                                          {"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1004"}}))
            .endpoint == "http://127.0.0.1:1004");
    CHECK(
        ClientConfig::from_env(with_home(home, "[default]\nendpoint_url = http://127.0.0.1:1001\n"))
            .endpoint == "http://127.0.0.1:1001");

    const auto ignored = ClientConfig::from_env(with_home(
        home, config,
        {{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}, {"AWS_ENDPOINT_URL", "http://x:1"}}));
    CHECK(ignored.endpoint.empty());
    CHECK(ignored.resolved_endpoint().url == "https://dynamodb.eu-west-1.amazonaws.com");
    const auto ignored_by_profile = ClientConfig::from_env(
        with_home(home, config + "[default]\nignore_configured_endpoint_urls = true\n"));
    CHECK(ignored_by_profile.endpoint.empty());
    CHECK(resolve_endpoint(with_home(home, config), "eu-west-1") == "http://127.0.0.1:1002");
}

TEST_CASE("network config: a custom endpoint with FIPS is refused when the client is built") {
    TempDir home;
    const auto cfg = ClientConfig::from_env(
        with_home(home, "[default]\n",
                  {{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}, {"AWS_USE_FIPS_ENDPOINT", "true"}}));
    CHECK_THAT(config_error_of([&] { return cfg.resolved_endpoint(); }),
               Catch::Contains("FIPS cannot be combined with a custom endpoint"));
}

TEST_CASE("network config: proxies as curl reads them, lowercase first") {
    TempDir home;
    auto cfg = ClientConfig::from_env(with_home(home, "[default]\n",
                                                {{"HTTPS_PROXY", "http://upper:1"},
                                                 {"https_proxy", "http://lower:1"},
                                                 {"HTTP_PROXY", "http://plain:2"},
                                                 {"NO_PROXY", "localhost,.internal"}}));
    CHECK(cfg.proxy.https_proxy == "http://lower:1");
    CHECK(cfg.proxy.http_proxy == "http://plain:2");
    CHECK(cfg.proxy.no_proxy == "localhost,.internal");
    cfg = ClientConfig::from_env(
        with_home(home, "[default]\n", {{"no_proxy", "*"}, {"NO_PROXY", "other"}}));
    CHECK(cfg.proxy.no_proxy == "*");
    CHECK(cfg.proxy.https_proxy.empty());
}

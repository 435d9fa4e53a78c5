#include "auth_test_support.hpp"

#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

std::string region_error(const Environment& env) {
    return test::config_error_of([&] { return resolve_region(env); });
}

} // namespace

TEST_CASE("Environment lookups") {
    const auto env = Environment::from_map({{"SET", "value"}, {"EMPTY", ""}});
    CHECK(env.value("SET") == "value");
    CHECK_FALSE(env.value("EMPTY").has_value()); // empty reads as unset
    CHECK(env.get("EMPTY") == std::string());    // the raw lookup still sees it
    CHECK_FALSE(env.value("MISSING").has_value());
    CHECK_FALSE(Environment{}.value("ANYTHING").has_value());

    const Environment copy = env; // copies share the map and see the same values
    CHECK(copy.value("SET") == "value");
}

TEST_CASE("Environment::process reads the real environment only when asked") {
    const auto env = Environment::process();
    REQUIRE(env.get);
    CHECK_FALSE(env.value("DYNAQ_TEST_VARIABLE_THAT_IS_NEVER_SET_7c1f").has_value());
}

TEST_CASE("region: AWS_REGION, then AWS_DEFAULT_REGION") {
    CHECK(resolve_region(Environment::from_map(
              {{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "us-east-2"}})) == "eu-west-1");
    CHECK(resolve_region(Environment::from_map({{"AWS_DEFAULT_REGION", "us-east-2"}})) ==
          "us-east-2");
    CHECK(resolve_region(Environment::from_map(
              {{"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", "us-east-2"}})) == "us-east-2");
}

TEST_CASE("region: from the active profile") {
    const test::TempDir dir;
    dir.write(".aws/config", "[default]\nregion = ap-southeast-2\n"
                             "[profile dev]\nregion = eu-north-1\n"
                             "[profile both]\nregion = from-config\n");
    dir.write(".aws/credentials", "[both]\nregion = from-credentials\n");
    const Vars home{{"HOME", dir.path()}};
    auto with = [&](Vars extra) {
        Vars all = home;
        all.merge(extra);
        return Environment::from_map(std::move(all));
    };
    CHECK(resolve_region(with({})) == "ap-southeast-2");
    CHECK(resolve_region(with({{"AWS_PROFILE", "dev"}})) == "eu-north-1");
    CHECK(resolve_region(with({{"AWS_PROFILE", "both"}})) == "from-credentials");
    CHECK(resolve_region(with({{"AWS_PROFILE", "dev"}, {"AWS_REGION", "us-west-2"}})) ==
          "us-west-2");
}

TEST_CASE("region: none configured lists the sources tried") {
    const test::TempDir dir;
    dir.write(".aws/config", "[profile dev]\noutput = json\n");
    const auto p = dir.path();
    CHECK(region_error(Environment::from_map({{"HOME", p}})) ==
          "no AWS region configured; tried: AWS_REGION (not set), AWS_DEFAULT_REGION (not set), "
          "profile 'default' (" +
              p + "/.aws/credentials: file not found; " + p +
              "/.aws/config: no [default] section)");
    CHECK(region_error(Environment::from_map({{"HOME", p}, {"AWS_PROFILE", "dev"}})) ==
          "no AWS region configured; tried: AWS_REGION (not set), AWS_DEFAULT_REGION (not set), "
          "profile 'dev' (" +
              p + "/.aws/credentials: file not found; " + p +
              "/.aws/config: [profile dev] has no region)");
}

TEST_CASE("region: a malformed config file is reported, not skipped") {
    const test::TempDir dir;
    const auto config = dir.write("config", "[default]\nregion us-east-1\n");
    CHECK_THAT(region_error(Environment::from_map({{"AWS_CONFIG_FILE", config}})),
               Catch::StartsWith(config + ":2: "));
}

TEST_CASE("endpoint: configured URLs in order") {
    const test::TempDir dir;
    dir.write(".aws/config", "[default]\nendpoint_url = http://from-profile:8000\n");
    Vars vars{{"HOME", dir.path()},
              {"AWS_ENDPOINT_URL", "http://global:4566"},
              {"AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:8000"}};
    CHECK(resolve_endpoint(Environment::from_map(vars), "us-east-1") == "http://localhost:8000");
    vars.erase("AWS_ENDPOINT_URL_DYNAMODB");
    CHECK(resolve_endpoint(Environment::from_map(vars), "us-east-1") == "http://global:4566");
    vars.erase("AWS_ENDPOINT_URL");
    CHECK(resolve_endpoint(Environment::from_map(vars), "us-east-1") == "http://from-profile:8000");
    vars["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
    vars["AWS_ENDPOINT_URL_DYNAMODB"] = "http://localhost:8000";
    CHECK(resolve_endpoint(Environment::from_map(vars), "us-east-1") ==
          "https://dynamodb.us-east-1.amazonaws.com");
    vars["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
    CHECK(resolve_endpoint(Environment::from_map(vars), "us-east-1") == "http://localhost:8000");
}

TEST_CASE("endpoint: the region's public endpoint by default") {
    const auto none = Environment::from_map({});
    CHECK(resolve_endpoint(none, "us-east-1") == "https://dynamodb.us-east-1.amazonaws.com");
    CHECK(resolve_endpoint(none, "eu-central-2") == "https://dynamodb.eu-central-2.amazonaws.com");
    CHECK(resolve_endpoint(none, "cn-north-1") == "https://dynamodb.cn-north-1.amazonaws.com.cn");
    CHECK_THROWS_AS(resolve_endpoint(none, ""), InvalidArgumentError);
    CHECK_THROWS_AS(resolve_endpoint(none, "evil.com/x"), InvalidArgumentError);
    CHECK_THROWS_AS(resolve_endpoint(none, "US-EAST-1"), InvalidArgumentError);
}

TEST_CASE("endpoint: a configured URL needs no valid region") {
    CHECK(resolve_endpoint(Environment::from_map({{"AWS_ENDPOINT_URL", "http://127.0.0.1:8000"}}),
                           "") == "http://127.0.0.1:8000");
}

TEST_CASE("endpoint: the profile's endpoint_url follows AWS_PROFILE") {
    const test::TempDir dir;
    dir.write(".aws/config", "[profile local]\nendpoint_url = http://localhost:8000\n");
    CHECK(resolve_endpoint(Environment::from_map({{"HOME", dir.path()}, {"AWS_PROFILE", "local"}}),
                           "us-east-1") == "http://localhost:8000");
    CHECK(resolve_endpoint(Environment::from_map({{"HOME", dir.path()}}), "us-east-1") ==
          "https://dynamodb.us-east-1.amazonaws.com");
}

TEST_CASE("max attempts: AWS_MAX_ATTEMPTS, then the profile's max_attempts") {
    const test::TempDir dir;
    dir.write(".aws/config", "[default]\nmax_attempts = 4\n[profile odd]\nmax_attempts = lots\n");
    CHECK(resolve_max_attempts(Environment::from_map({})) == std::nullopt);
    CHECK(resolve_max_attempts(Environment::from_map({{"AWS_MAX_ATTEMPTS", "2"}})) == 2);
    CHECK(resolve_max_attempts(Environment::from_map({{"HOME", dir.path()}})) == 4);
    CHECK(resolve_max_attempts(
              Environment::from_map({{"HOME", dir.path()}, {"AWS_MAX_ATTEMPTS", "1"}})) == 1);
    CHECK(test::config_error_of([&] {
              return resolve_max_attempts(
                  Environment::from_map({{"HOME", dir.path()}, {"AWS_PROFILE", "odd"}}));
          }) == "max_attempts in profile 'odd' is 'lots'; it must be a whole number from 1 to 100");
    for (const char* bad : {"0", "-1", "101", "3x", " 3", "2.5"}) {
        INFO(bad);
        CHECK_THAT(
            test::config_error_of([&] {
                return resolve_max_attempts(Environment::from_map({{"AWS_MAX_ATTEMPTS", bad}}));
            }),
            Catch::StartsWith("AWS_MAX_ATTEMPTS is '"));
    }
}

// The credential sources against the real server tools/test started: keys from the fake
// instance metadata and container agent of test/support sign real calls (both servers), and
// moto's STS (same port as its DynamoDB) answers AssumeRole and AssumeRoleWithWebIdentity,
// whose keys then call moto's DynamoDB.
#include "client_fixture.hpp"
#include "fake_credentials_servers.hpp"
#include "fake_sso.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

// A HOME of its own, with the config and credentials files given.
class Home {
public:
    Home(std::string_view config, std::string_view credentials) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "dynaq-creds-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        write(".aws/config", config);
        write(".aws/credentials", credentials);
    }
    Home(const Home&) = delete;
    Home& operator=(const Home&) = delete;
    ~Home() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    std::string write(std::string_view relative, std::string_view text) const {
        const auto path = dir_ / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
    // Only these variables: nothing of the caller's AWS set-up leaks in.
    [[nodiscard]] Environment env(Vars vars) const {
        vars["HOME"] = dir_.string();
        vars.try_emplace("AWS_EC2_METADATA_DISABLED", "true");
        return Environment::from_map(std::move(vars));
    }

private:
    std::filesystem::path dir_;
};

ClientConfig config_for(const Environment& env) {
    ConfigOverrides overrides;
    overrides.endpoint = test_endpoint();
    return ClientConfig::from_env(env, overrides);
}

// ListTables through a client built from `config`; returns the keys that signed it.
std::shared_ptr<const Credentials> list_tables_with(const ClientConfig& config) {
    ClientFixture f(config);
    f.run([&]() -> asio::awaitable<void> {
        const ListTablesRequest request{};
        (void)co_await f.client.list_tables(request);
    }());
    return config.credentials->get_shared();
}

} // namespace

TEST_CASE("no AWS variables, instance metadata configured: its keys sign the calls") {
    const Home home("", "");
    FakeImds imds;
    const auto config = config_for(home.env({{"AWS_EC2_METADATA_DISABLED", "false"},
                                             {"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() == "default chain: imds");
    CHECK(keys->access_key_id == imds.last_keys().access_key_id);
    CHECK(imds.credential_fetches() == 1);
}

TEST_CASE("container variables: the agent's keys sign the calls") {
    const Home home("", "");
    const std::string token_file = home.write("token", "Bearer pod-token");
    FakeContainerAgent agent("/v1/credentials", "Bearer pod-token");
    const auto config =
        config_for(home.env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.url()},
                             {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() == "default chain: container");
    CHECK(keys->access_key_id == agent.last_keys().access_key_id);
    CHECK(keys->account_id == "123456789012");
}

TEST_CASE("nothing configured: the loopback fallback keys, and the chain says so") {
    const Home home("", "");
    const auto config = config_for(home.env({}));
    const auto keys = list_tables_with(config);
    CHECK(keys->access_key_id == "dummy");
    CHECK(config.credentials->source() ==
          "default chain: fallback keys (no source has credentials)");
}

TEST_CASE("an AssumeRole profile against moto's STS") {
    if (server_kind() != server_type::moto) {
        WARN("STS is moto's; " << server_name() << " has none");
        return;
    }
    const Home home("[profile deploy]\n"
                    "role_arn = arn:aws:iam::123456789012:role/dynaq-deploy\n"
                    "source_profile = base\n"
                    "role_session_name = dynaq-it\n"
                    "duration_seconds = 900\n",
                    "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base\n");
    const auto config = config_for(home.env({{"AWS_PROFILE", "deploy"},
                                             {"AWS_ENDPOINT_URL_STS", test_endpoint()},
                                             {"AWS_REGION", "us-east-1"}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() ==
          "default chain: assume role arn:aws:iam::123456789012:role/dynaq-deploy");
    CHECK(keys->access_key_id.starts_with("ASIA"));
    CHECK_FALSE(keys->session_token.empty());
    CHECK(keys->account_id == "123456789012");
    REQUIRE(keys->expiration.has_value());
    CHECK(*keys->expiration > std::chrono::system_clock::now());
}

TEST_CASE("web identity variables against moto's STS") {
    if (server_kind() != server_type::moto) {
        WARN("STS is moto's; " << server_name() << " has none");
        return;
    }
    const Home home("", "");
    const std::string token = home.write("web-identity-token", "eyJhbGciOi.fake.jwt\n");
    const auto config =
        config_for(home.env({{"AWS_WEB_IDENTITY_TOKEN_FILE", token},
                             {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/dynaq-pod"},
                             {"AWS_ROLE_SESSION_NAME", "pod-1"},
                             {"AWS_ENDPOINT_URL_STS", test_endpoint()}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() ==
          "default chain: web identity arn:aws:iam::123456789012:role/dynaq-pod");
    CHECK(keys->access_key_id.starts_with("ASIA"));
    CHECK(keys->account_id == "123456789012");
}

TEST_CASE("a credential_process profile: the helper's keys sign the calls") {
    const Home home("", "");
    const std::string helper = home.write(
        "helper.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDHELPER\", "
                     "\"SecretAccessKey\": \"s\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'\n");
    std::filesystem::permissions(helper, std::filesystem::perms::owner_all);
    home.write(".aws/config", "[profile helper]\ncredential_process = " + helper + " --quiet\n");
    const auto config = config_for(home.env({{"AWS_PROFILE", "helper"}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() == "default chain: credential_process of profile 'helper'");
    CHECK(keys->access_key_id == "AKIDHELPER");
}

TEST_CASE("an SSO profile against the fake portal: its role keys sign the calls") {
    const Home home("[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\n"
                    "sso_role_name = Developer\n"
                    "[sso-session corp]\nsso_start_url = https://d-abc.awsapps.com/start\n"
                    "sso_region = eu-west-1\n",
                    "");
    FakeSso sso("111122223333", "Developer");
    const std::string token = sso.issue_token(std::chrono::hours(1));
    home.write(".aws/sso/cache/" + sso_cache_file_name("corp"),
               R"({"accessToken":")" + token + R"(","expiresAt":")" +
                   to_iso8601(std::chrono::system_clock::now() + std::chrono::hours(1)) + R"("})");
    const auto config = config_for(home.env({{"AWS_PROFILE", "sso"},
                                             {"AWS_ENDPOINT_URL_SSO", sso.url()},
                                             {"AWS_ENDPOINT_URL_SSO_OIDC", sso.url()}}));
    const auto keys = list_tables_with(config);
    CHECK(config.credentials->source() == "default chain: sso profile sso");
    CHECK(keys->access_key_id == sso.last_keys().access_key_id);
    CHECK(keys->account_id == "111122223333");
}

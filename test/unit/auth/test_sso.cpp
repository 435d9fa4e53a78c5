// SSO profiles: the config-file rules, the token cache (its file name, refresh through
// CreateToken written back atomically), GetRoleCredentials, and what an expired login says.
#include "auth_test_support.hpp"
#include "fake_sso.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace dynaq;
using namespace std::chrono_literals;

namespace {

using test::credentials_error_of;

using Vars = std::map<std::string, std::string, std::less<>>;

std::string utc(std::chrono::system_clock::time_point t) {
    return to_iso8601(t);
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct SsoHome {
    test::TempDir dir;
    test::FakeSso sso{"111122223333", "Developer"};
    std::string config;
    explicit SsoHome(std::string_view config_text) {
        config = dir.write(".aws/config", config_text);
    }
    [[nodiscard]] Environment env(Vars extra = {}) const {
        Vars all{{"HOME", dir.path()},
                 {"AWS_ENDPOINT_URL_SSO", sso.url()},
                 {"AWS_ENDPOINT_URL_SSO_OIDC", sso.url()},
                 {"AWS_EC2_METADATA_DISABLED", "true"}};
        for (auto& [k, v] : extra)
            all[k] = v;
        return Environment::from_map(std::move(all));
    }
    // What `aws sso login` leaves behind for `id` (session name or start URL).
    std::string cache(std::string_view id, const std::string& token,
                      std::chrono::system_clock::time_point expires, bool refreshable = true) {
        std::string text =
            R"({"startUrl":"https://d-abc123.awsapps.com/start","region":"eu-west-1",)"
            R"("accessToken":")" +
            token + R"(","expiresAt":")" + utc(expires) + '"';
        if (refreshable)
            text +=
                R"(,"clientId":"fake-client","clientSecret":"fake-client-secret",)"
                R"("refreshToken":"fake-refresh-1","registrationExpiresAt":"2099-01-01T00:00:00Z")";
        text += '}';
        return dir.write(".aws/sso/cache/" + sso_cache_file_name(id), text);
    }
};

constexpr std::string_view session_config = "[profile dev]\n"
                                            "sso_session = my-sso\n"
                                            "sso_account_id = 111122223333\n"
                                            "sso_role_name = Developer\n"
                                            "[sso-session my-sso]\n"
                                            "sso_start_url = https://d-abc123.awsapps.com/start\n"
                                            "sso_region = eu-west-1\n";

constexpr std::string_view legacy_config = "[profile old]\n"
                                           "sso_start_url = https://d-abc123.awsapps.com/start\n"
                                           "sso_region = eu-west-1\n"
                                           "sso_account_id = 111122223333\n"
                                           "sso_role_name = Developer\n";

} // namespace

TEST_CASE("sso: the cache file name is the SHA-1 of the session name or the start URL") {
    CHECK(sso_cache_file_name("my-sso") == "0ad374308c5a4e22f723adf10145eafad7c4031c.json");
    CHECK(sso_cache_file_name("https://d-abc123.awsapps.com/start") ==
          "40a89917e3175433e361b710a9d43528d7f1890a.json");
}

TEST_CASE("sso: a session profile with a valid cached token") {
    SsoHome home(session_config);
    home.cache("my-sso", home.sso.issue_token(1h), std::chrono::system_clock::now() + 1h);
    const auto options = SsoOptions::from_profile(home.env(), "dev");
    REQUIRE(options);
    CHECK(options->start_url == "https://d-abc123.awsapps.com/start");
    CHECK(options->region == "eu-west-1");
    CHECK(options->cache_directory == home.dir.path() + "/.aws/sso/cache");
    const SsoCredentialsProvider provider(*options);
    const Credentials c = provider.get();
    CHECK(c.access_key_id == home.sso.last_keys().access_key_id);
    CHECK(c.session_token == home.sso.last_keys().session_token);
    CHECK(c.account_id == "111122223333");
    CHECK(c.expiration.has_value());
    CHECK(home.sso.create_tokens() == 0);
    CHECK(provider.source() == "sso profile dev");
}

TEST_CASE("sso: an expired token is refreshed with CreateToken and written back") {
    SsoHome home(session_config);
    const std::string file =
        home.cache("my-sso", "expired-token", std::chrono::system_clock::now() - 1min);
    const SsoCredentialsProvider provider(*SsoOptions::from_profile(home.env(), "dev"));
    const auto id = provider.get().access_key_id;
    CHECK(id == home.sso.last_keys().access_key_id);
    CHECK(home.sso.create_tokens() == 1);
    const std::string rewritten = read(file);
    CHECK_THAT(rewritten,
               Catch::Contains(R"("accessToken":"fake-sso-access-1")") &&
                   Catch::Contains(R"("refreshToken":"fake-refresh-2")") &&
                   Catch::Contains(R"("clientId":"fake-client")") &&
                   Catch::Contains(R"("startUrl":"https://d-abc123.awsapps.com/start")"));
    CHECK_FALSE(rewritten.find("expired-token") != std::string::npos);
    // No temporary file left next to it.
    int files = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(home.dir.path() + "/.aws/sso/cache"))
        ++files;
    CHECK(files == 1);
}

TEST_CASE("sso: an expired login says to run aws sso login") {
    SECTION("legacy profile: no refresh token") {
        SsoHome home(legacy_config);
        home.cache("https://d-abc123.awsapps.com/start", "old-token",
                   std::chrono::system_clock::now() - 1min, false);
        CHECK(credentials_error_of(
                  SsoCredentialsProvider(*SsoOptions::from_profile(home.env(), "old"))) ==
              "the SSO session of profile 'old' has expired: run aws sso login --profile old");
    }
    SECTION("the refresh token is refused") {
        SsoHome home(session_config);
        home.sso.refresh_token = "another";
        home.cache("my-sso", "expired", std::chrono::system_clock::now() - 1min);
        CHECK(credentials_error_of(
                  SsoCredentialsProvider(*SsoOptions::from_profile(home.env(), "dev"))) ==
              "the SSO session of profile 'dev' has expired: run aws sso login --profile dev");
    }
    SECTION("no login at all") {
        SsoHome home(session_config);
        const std::string expected =
            home.dir.path() + "/.aws/sso/cache/" + sso_cache_file_name("my-sso");
        CHECK(credentials_error_of(SsoCredentialsProvider(*SsoOptions::from_profile(
                  home.env(), "dev"))) == "no SSO login for profile 'dev' (" + expected +
                                              " does not exist): run aws sso login --profile dev");
    }
    SECTION("a token the portal no longer knows") {
        SsoHome home(session_config);
        home.cache("my-sso", "revoked", std::chrono::system_clock::now() + 1h);
        CHECK(credentials_error_of(
                  SsoCredentialsProvider(*SsoOptions::from_profile(home.env(), "dev"))) ==
              "the SSO portal refused the token of profile 'dev' (HTTP 401): run aws sso login "
              "--profile dev");
    }
}

TEST_CASE("sso: malformed caches and answers are CredentialsErrors without the token") {
    SsoHome home(session_config);
    const std::string file = home.dir.write(".aws/sso/cache/" + sso_cache_file_name("my-sso"),
                                            R"({"accessToken": "SECRETTOKEN)");
    const auto message =
        credentials_error_of(SsoCredentialsProvider(*SsoOptions::from_profile(home.env(), "dev")));
    CHECK(message == "the SSO token cache " + file +
                         " is not a token document: run aws sso login --profile dev");
    home.cache("my-sso", home.sso.issue_token(1h), std::chrono::system_clock::now() + 1h);
    home.sso.fault = test::Fault::malformed_json;
    CHECK(credentials_error_of(
              SsoCredentialsProvider(*SsoOptions::from_profile(home.env(), "dev"))) ==
          "the SSO portal answered GetRoleCredentials without roleCredentials");
}

TEST_CASE("sso: configuration mistakes are ConfigErrors naming file, profile and key") {
    const std::string config_text = "[profile nosession]\nsso_session = gone\nsso_account_id = 1\n"
                                    "sso_role_name = R\n"
                                    "[profile norole]\nsso_session = s\nsso_account_id = 1\n"
                                    "[profile noregion]\nsso_session = s\nsso_account_id = 1\n"
                                    "sso_role_name = R\n"
                                    "[sso-session s]\nsso_start_url = https://x/start\n"
                                    "[profile plain]\nregion = eu-west-1\n";
    SsoHome home(config_text);
    const auto env = home.env();
    const auto error = [&](const char* profile) {
        return test::config_error_of([&] { return SsoOptions::from_profile(env, profile); });
    };
    CHECK(error("nosession") == "profile 'nosession' in " + home.config +
                                    " names sso_session 'gone', but " + home.config +
                                    " has no [sso-session gone] section");
    CHECK(error("norole") == "profile 'norole' in " + home.config + " has no sso_role_name");
    CHECK(error("noregion") == "[sso-session s] in " + home.config + " has no sso_region");
    CHECK_FALSE(SsoOptions::from_profile(env, "plain").has_value());
}

TEST_CASE("the default chain: an SSO profile before the shared credentials file") {
    SsoHome home(session_config);
    home.dir.write(".aws/credentials",
                   "[dev]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n");
    home.cache("my-sso", home.sso.issue_token(1h), std::chrono::system_clock::now() + 1h);
    const DefaultCredentialsChain chain(home.env({{"AWS_PROFILE", "dev"}}));
    const auto id = chain.get().access_key_id;
    CHECK(id == home.sso.last_keys().access_key_id);
    CHECK(chain.source() == "default chain: sso profile dev");
}

#include "auth_test_support.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace dynaq;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

std::string printed(const Credentials& c) {
    std::ostringstream os;
    os << c;
    return os.str();
}

std::string error_of(const CredentialsProvider& provider) {
    return test::config_error_of([&] { return provider.get(); });
}

Credentials keys(std::string id, std::string secret, std::string token = {}) {
    return {std::move(id), std::move(secret), std::move(token), std::nullopt};
}

// A HOME with ~/.aws/credentials and ~/.aws/config as given (a file is not written when its
// text is empty).
struct Home {
    test::TempDir dir;
    Vars vars;
    Home(std::string_view credentials, std::string_view config) {
        if (!credentials.empty())
            dir.write(".aws/credentials", credentials);
        if (!config.empty())
            dir.write(".aws/config", config);
        vars["HOME"] = dir.path();
    }
    [[nodiscard]] Environment env(Vars extra = {}) const {
        Vars all = vars;
        for (auto& [k, v] : extra)
            all[k] = v;
        return Environment::from_map(std::move(all));
    }
};

} // namespace

TEST_CASE("credentials print without their secrets") {
    const auto c = keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN");
    CHECK(printed(c) == "Credentials{access_key_id=AKIDEXAMPLE, secret=***, session_token=***}");
    CHECK(printed(keys("AKID", "s")) ==
          "Credentials{access_key_id=AKID, secret=***, session_token=none}");
    CHECK(printed(keys("AKID", "")) ==
          "Credentials{access_key_id=AKID, secret=<empty>, session_token=none}");

    auto temporary = c;
    using namespace std::chrono;
    temporary.expiration = sys_days{year{2024} / 1 / 2} + hours{3} + minutes{4} + seconds{5};
    const auto text = printed(temporary);
    CHECK(text == "Credentials{access_key_id=AKIDEXAMPLE, secret=***, session_token=***, "
                  "expiration=2024-01-02T03:04:05Z}");
    CHECK(text.find("wJalr") == std::string::npos);
    CHECK(text.find("SESSIONTOKEN") == std::string::npos);
}

TEST_CASE("static credentials") {
    const StaticCredentialsProvider provider(keys("AKID", "secret", "token"));
    CHECK(provider.get() == keys("AKID", "secret", "token"));
    CHECK_THROWS_AS(StaticCredentialsProvider(keys("", "secret")), InvalidArgumentError);
    CHECK_THROWS_AS(StaticCredentialsProvider(keys("AKID", "")), InvalidArgumentError);
}

TEST_CASE("environment credentials") {
    SECTION("key pair") {
        const EnvironmentCredentialsProvider provider(Environment::from_map(
            {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "secret"}}));
        CHECK(provider.get() == keys("AKID", "secret"));
    }
    SECTION("with a session token") {
        const EnvironmentCredentialsProvider provider(
            Environment::from_map({{"AWS_ACCESS_KEY_ID", "AKID"},
                                   {"AWS_SECRET_ACCESS_KEY", "secret"},
                                   {"AWS_SESSION_TOKEN", "token"}}));
        CHECK(provider.get() == keys("AKID", "secret", "token"));
    }
    SECTION("none") {
        const EnvironmentCredentialsProvider provider(Environment::from_map({}));
        CHECK(error_of(provider) == "no AWS credentials in the environment: AWS_ACCESS_KEY_ID "
                                    "and AWS_SECRET_ACCESS_KEY are not set");
    }
    SECTION("empty values count as unset") {
        const EnvironmentCredentialsProvider provider(
            Environment::from_map({{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", ""}}));
        CHECK_THROWS_AS(provider.get(), ConfigError);
    }
    SECTION("half a key pair is an error that does not show the secret") {
        const EnvironmentCredentialsProvider only_secret(
            Environment::from_map({{"AWS_SECRET_ACCESS_KEY", "TOPSECRET"}}));
        const auto message = error_of(only_secret);
        CHECK(message == "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
        const EnvironmentCredentialsProvider only_id(
            Environment::from_map({{"AWS_ACCESS_KEY_ID", "AKID"}}));
        CHECK(error_of(only_id) == "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }
}

TEST_CASE("profile credentials: which profile") {
    const Home home("[default]\n"
                    "aws_access_key_id = AKIDDEFAULT\n"
                    "aws_secret_access_key = default-secret\n"
                    "[dev]\n"
                    "aws_access_key_id = AKIDDEV\n"
                    "aws_secret_access_key = dev-secret\n"
                    "aws_session_token = dev-token\n",
                    "");
    CHECK(ProfileCredentialsProvider(home.env()).get() == keys("AKIDDEFAULT", "default-secret"));
    CHECK(ProfileCredentialsProvider(home.env({{"AWS_PROFILE", "dev"}})).get() ==
          keys("AKIDDEV", "dev-secret", "dev-token"));
    // An explicit profile beats AWS_PROFILE.
    CHECK(ProfileCredentialsProvider(home.env({{"AWS_PROFILE", "dev"}}), "default").get() ==
          keys("AKIDDEFAULT", "default-secret"));
}

TEST_CASE("profile credentials from the config file") {
    const Home home("", "[default]\n"
                        "aws_access_key_id = AKIDCONFIGDEFAULT\n"
                        "aws_secret_access_key = s1\n"
                        "[profile  ops]\n"
                        "aws_access_key_id = AKIDOPS\n"
                        "aws_secret_access_key = s2\n"
                        "[ops]\n"
                        "aws_access_key_id = NOT-A-CONFIG-PROFILE\n"
                        "aws_secret_access_key = x\n");
    CHECK(ProfileCredentialsProvider(home.env()).get() == keys("AKIDCONFIGDEFAULT", "s1"));
    CHECK(ProfileCredentialsProvider(home.env(), "ops").get() == keys("AKIDOPS", "s2"));
}

TEST_CASE("profile credentials: the credentials file wins, and keys come from one file") {
    const Home home("[dev]\n"
                    "aws_access_key_id = AKIDFROMCREDENTIALS\n"
                    "aws_secret_access_key = from-credentials\n",
                    "[profile dev]\n"
                    "aws_access_key_id = AKIDFROMCONFIG\n"
                    "aws_secret_access_key = from-config\n"
                    "aws_session_token = stale-token-from-config\n");
    CHECK(ProfileCredentialsProvider(home.env(), "dev").get() ==
          keys("AKIDFROMCREDENTIALS", "from-credentials"));
}

TEST_CASE("profile credentials: explicit file locations and '~'") {
    const test::TempDir dir;
    const auto credentials = dir.write("elsewhere/creds", "[default]\n"
                                                          "aws_access_key_id = AKIDFILE\n"
                                                          "aws_secret_access_key = file-secret\n");
    CHECK(ProfileCredentialsProvider(
              Environment::from_map({{"AWS_SHARED_CREDENTIALS_FILE", credentials}}))
              .get() == keys("AKIDFILE", "file-secret"));
    CHECK(ProfileCredentialsProvider(
              Environment::from_map(
                  {{"HOME", dir.path()}, {"AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds"}}))
              .get() == keys("AKIDFILE", "file-secret"));

    const auto config = dir.write("cfg", "[profile x]\n"
                                         "aws_access_key_id = AKIDCFG\n"
                                         "aws_secret_access_key = cfg-secret\n");
    CHECK(ProfileCredentialsProvider(
              Environment::from_map({{"AWS_CONFIG_FILE", config}, {"AWS_PROFILE", "x"}}))
              .get() == keys("AKIDCFG", "cfg-secret"));
}

TEST_CASE("profile credentials: why there are none") {
    SECTION("no files") {
        const Home home("", "");
        const auto p = home.dir.path();
        CHECK(error_of(ProfileCredentialsProvider(home.env())) ==
              "no AWS credentials in profile 'default' (" + p +
                  "/.aws/credentials: file not found; " + p + "/.aws/config: file not found)");
    }
    SECTION("no such profile, and a profile without keys") {
        const Home home("[other]\naws_access_key_id = A\naws_secret_access_key = B\n",
                        "[profile dev]\nregion = us-east-1\n");
        const auto p = home.dir.path();
        CHECK(error_of(ProfileCredentialsProvider(home.env(), "dev")) ==
              "no AWS credentials in profile 'dev' (" + p +
                  "/.aws/credentials: no [dev] section; " + p +
                  "/.aws/config: [profile dev] has no aws_access_key_id)");
    }
    SECTION("no HOME") {
        CHECK(error_of(ProfileCredentialsProvider(Environment::from_map({}))) ==
              "no AWS credentials in profile 'default' (~/.aws/credentials: HOME is not set; "
              "~/.aws/config: HOME is not set)");
    }
    SECTION("a profile whose source only the default chain reads") {
        const Home home("", "[profile sso]\nsso_session = corp\nregion = us-east-1\n");
        CHECK_THAT(
            error_of(ProfileCredentialsProvider(home.env(), "sso")),
            Catch::EndsWith("; the profile uses sso_session, which only the default chain reads"));
    }
    SECTION("half a key pair in a file") {
        const Home home("[default]\naws_access_key_id = AKID\n", "");
        CHECK(error_of(ProfileCredentialsProvider(home.env())) ==
              "profile 'default' in " + home.dir.path() +
                  "/.aws/credentials has aws_access_key_id but no aws_secret_access_key");
    }
    SECTION("a malformed file, reported without quoting the line") {
        const Home home("[default]\naws_access_key_id = AKID\naws_secret_access_key: TOPSECRET\n",
                        "");
        const auto message = error_of(ProfileCredentialsProvider(home.env()));
        CHECK(message == home.dir.path() +
                             "/.aws/credentials:3: expected 'key = value', a [section] or a "
                             "comment");
        CHECK(message.find("TOPSECRET") == std::string::npos);
    }
}

TEST_CASE("resolved credentials are kept; a failed lookup is retried") {
    const test::TempDir dir;
    const auto env = Environment::from_map({{"HOME", dir.path()}});
    const ProfileCredentialsProvider provider(env);
    CHECK_THROWS_AS(provider.get(), ConfigError);

    const auto file = dir.write(".aws/credentials", "[default]\n"
                                                    "aws_access_key_id = AKIDLATE\n"
                                                    "aws_secret_access_key = late\n");
    CHECK(provider.get() == keys("AKIDLATE", "late"));
    std::filesystem::remove(file);
    CHECK(provider.get() == keys("AKIDLATE", "late"));
}

TEST_CASE("the default chain: environment, then profile") {
    const Home home("[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n", "");
    SECTION("the environment wins") {
        const DefaultCredentialsChain chain(
            home.env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "e"}}));
        CHECK(chain.get() == keys("AKIDENV", "e"));
    }
    SECTION("the profile when the environment has nothing") {
        CHECK(DefaultCredentialsChain(home.env()).get() == keys("AKIDPROFILE", "p"));
    }
    SECTION("half a key pair in the environment does not fall through to the profile") {
        const DefaultCredentialsChain chain(home.env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}}));
        CHECK(error_of(chain) == "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    }
}

TEST_CASE("the default chain lists every source it tried") {
    const Home home("", "[default]\nregion = us-east-1\n");
    const auto p = home.dir.path();
    CHECK(error_of(DefaultCredentialsChain(
              home.env({{"AWS_PROFILE", "dev"}, {"AWS_EC2_METADATA_DISABLED", "true"}}))) ==
          "no AWS credentials found; tried: environment variables (AWS_ACCESS_KEY_ID and "
          "AWS_SECRET_ACCESS_KEY are not set); web identity (AWS_WEB_IDENTITY_TOKEN_FILE and "
          "AWS_ROLE_ARN are not both set); profile 'dev' (" +
              p + "/.aws/credentials: file not found; " + p +
              "/.aws/config: no [profile dev] section); container credentials "
              "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI "
              "are not set); instance metadata (AWS_EC2_METADATA_DISABLED is true)");
}

TEST_CASE("providers work through the base interface") {
    const Home home("[default]\naws_access_key_id = AKIDP\naws_secret_access_key = p\n", "");
    std::vector<std::shared_ptr<const CredentialsProvider>> providers{
        std::make_shared<StaticCredentialsProvider>(keys("AKIDP", "p")),
        std::make_shared<EnvironmentCredentialsProvider>(Environment::from_map(
            {{"AWS_ACCESS_KEY_ID", "AKIDP"}, {"AWS_SECRET_ACCESS_KEY", "p"}})),
        std::make_shared<ProfileCredentialsProvider>(home.env()),
        std::make_shared<DefaultCredentialsChain>(home.env()),
    };
    for (const auto& provider : providers)
        CHECK(provider->get() == keys("AKIDP", "p"));
}

TEST_CASE("get_shared hands out the kept credentials, without copying them") {
    Credentials keys;
    keys.access_key_id = "AKIDEXAMPLE";
    keys.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const StaticCredentialsProvider fixed(keys);
    CHECK(fixed.get_shared() == fixed.get_shared());
    CHECK(fixed.get_shared()->secret_access_key == keys.secret_access_key);

    const EnvironmentCredentialsProvider env(Environment::from_map(
        {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}}));
    const auto first = env.get_shared();
    CHECK(first->access_key_id == "AKIDENV");
    CHECK(env.get_shared() == first); // resolved once, then shared
    CHECK(env.get().secret_access_key == "envsecret");

    // A provider with get() only still works through the default get_shared().
    struct Rotating final : CredentialsProvider {
        mutable int calls = 0;
        Credentials get() const override {
            Credentials c;
            c.access_key_id = "AKID" + std::to_string(++calls);
            c.secret_access_key = "secret";
            return c;
        }
    } rotating;
    CHECK(rotating.get_shared()->access_key_id == "AKID1");
    CHECK(rotating.get_shared()->access_key_id == "AKID2"); // asked every time
}

TEST_CASE("try_get_shared: the kept credentials once there are any, never a lookup") {
    const StaticCredentialsProvider fixed(keys("AKIDS", "s"));
    CHECK(fixed.try_get_shared() == fixed.get_shared());

    const Home home("[default]\naws_access_key_id = AKIDP\naws_secret_access_key = p\n", "");
    const ProfileCredentialsProvider profile(home.env());
    CHECK(profile.try_get_shared() == nullptr); // not resolved yet, and not resolved by this
    CHECK(profile.try_get_shared() == nullptr);
    const auto resolved = profile.get_shared();
    CHECK(profile.try_get_shared() == resolved);

    const DefaultCredentialsChain chain(home.env());
    CHECK(chain.try_get_shared() == nullptr); // no source chosen yet
    CHECK(chain.get() == keys("AKIDP", "p"));
    REQUIRE(chain.try_get_shared() != nullptr);
    CHECK(chain.try_get_shared()->access_key_id == "AKIDP");

    // Providers that implement get() only are always awaited.
    struct Custom final : CredentialsProvider {
        Credentials get() const override { return {"AKIDC", "c", {}, std::nullopt}; }
    };
    CHECK(Custom().try_get_shared() == nullptr);
}

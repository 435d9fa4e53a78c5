// AssumeRole profiles (the config-file rules) and web identity, against a loopback STS that
// answers as STS does (XML); the requests it receives show what was signed with which keys.
#include "auth_test_support.hpp"
#include "fault_server.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <atomic>

using namespace dynaq;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

std::string sts_xml(std::string_view action, std::string_view key, std::string_view account) {
    return "<" + std::string(action) +
           "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + std::string(action) +
           "Result><Credentials><AccessKeyId>" + std::string(key) +
           "</AccessKeyId><SecretAccessKey>secret-of-" + std::string(key) +
           "</SecretAccessKey><SessionToken>token-of-" + std::string(key) +
           "</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
           "<AssumedRoleUser><Arn>arn:aws:sts::" +
           std::string(account) +
           ":assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>"
           "</AssumedRoleUser></" +
           std::string(action) + "Result></" + std::string(action) + "Response>";
}

// Answers AssumeRole with "ASIAROLE<n>" and AssumeRoleWithWebIdentity with "ASIAWEB<n>";
// a RoleArn containing "denied" gets STS's AccessDenied.
struct FakeSts {
    std::atomic<int> calls{0};
    test::FaultServer server{[this](const test::RecordedRequest& r) {
        const int n = ++calls;
        if (r.body.find("denied") != std::string::npos)
            return test::Action::respond(
                403,
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not "
                "allowed to assume the role</Message></Error><RequestId>1</RequestId>"
                "</ErrorResponse>",
                test::Crc::omitted);
        if (r.body.find("garbage") != std::string::npos)
            return test::Action::respond(200, "<AssumeRoleResponse><unclosed>", test::Crc::omitted);
        const bool web = r.body.find("Action=AssumeRoleWithWebIdentity") != std::string::npos;
        const std::string key = (web ? "ASIAWEB" : "ASIAROLE") + std::to_string(n);
        return test::Action::respond(
            200, sts_xml(web ? "AssumeRoleWithWebIdentity" : "AssumeRole", key, "111122223333"),
            test::Crc::omitted);
    }};
};

struct Profiles {
    test::TempDir dir;
    std::string config;
    Vars vars;
    Profiles(std::string_view config_text, std::string_view credentials_text = {}) {
        config = dir.write("config", config_text);
        vars["AWS_CONFIG_FILE"] = config;
        vars["AWS_SHARED_CREDENTIALS_FILE"] = dir.write("credentials", credentials_text);
        vars["HOME"] = dir.path();
        vars["AWS_EC2_METADATA_DISABLED"] = "true";
    }
    [[nodiscard]] Environment env(Vars extra = {}) const {
        Vars all = vars;
        for (auto& [k, v] : extra)
            all[k] = v;
        return Environment::from_map(std::move(all));
    }
};

std::string role_error(const Environment& env, std::string_view profile = {}) {
    return test::config_error_of([&] {
        auto provider = profile_role_provider(env, profile);
        return provider ? provider->get() : Credentials{};
    });
}

} // namespace

TEST_CASE("assume role: source_profile keys sign AssumeRole; the account id is kept") {
    FakeSts sts;
    const Profiles p("[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/dev\n"
                     "source_profile = base\nexternal_id = ext-1\nrole_session_name = me\n"
                     "duration_seconds = 1800\n",
                     "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n");
    const auto provider = profile_role_provider(p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()},
                                                       {"AWS_PROFILE", "dev"},
                                                       {"AWS_REGION", "eu-west-1"}}));
    REQUIRE(provider);
    const Credentials c = provider->get();
    CHECK(c.access_key_id == "ASIAROLE1");
    CHECK(c.secret_access_key == "secret-of-ASIAROLE1");
    CHECK(c.session_token == "token-of-ASIAROLE1");
    CHECK(c.account_id == "111122223333");
    REQUIRE(sts.server.request_count() == 1);
    const auto request = sts.server.requests().front();
    CHECK(request.method == "POST");
    CHECK_THAT(request.header("authorization"),
               Catch::StartsWith("AWS4-HMAC-SHA256 Credential=AKIDBASE/") &&
                   Catch::Contains("/eu-west-1/sts/aws4_request"));
    CHECK_THAT(request.body,
               Catch::Contains("Action=AssumeRole&Version=2011-06-15") &&
                   Catch::Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdev") &&
                   Catch::Contains("RoleSessionName=me") && Catch::Contains("ExternalId=ext-1") &&
                   Catch::Contains("DurationSeconds=1800"));
}

TEST_CASE("assume role: a chain of roles, each signed by the one before") {
    FakeSts sts;
    const Profiles p("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
                     "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n"
                     "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = base\n",
                     "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n");
    const auto c =
        profile_role_provider(p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()}}), "a")->get();
    CHECK(c.access_key_id == "ASIAROLE3");
    const auto requests = sts.server.requests();
    REQUIRE(requests.size() == 3);
    CHECK_THAT(requests[0].header("authorization"), Catch::Contains("Credential=AKIDBASE/"));
    CHECK_THAT(requests[0].body, Catch::Contains("role%2Fc"));
    CHECK_THAT(requests[1].header("authorization"), Catch::Contains("Credential=ASIAROLE1/"));
    CHECK(requests[1].header("x-amz-security-token") == "token-of-ASIAROLE1");
    CHECK_THAT(requests[2].header("authorization"), Catch::Contains("Credential=ASIAROLE2/"));
}

TEST_CASE("assume role: a profile that is its own source_profile uses its own keys") {
    FakeSts sts;
    const Profiles p("[profile self]\nrole_arn = arn:aws:iam::1:role/s\nsource_profile = self\n",
                     "[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n");
    const auto c =
        profile_role_provider(p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()}}), "self")->get();
    CHECK(c.access_key_id == "ASIAROLE1");
    CHECK_THAT(sts.server.requests().front().header("authorization"),
               Catch::Contains("Credential=AKIDSELF/"));
}

TEST_CASE("assume role: credential_source") {
    FakeSts sts;
    const Profiles p("[profile env]\nrole_arn = arn:aws:iam::1:role/e\n"
                     "credential_source = Environment\n"
                     "[profile ecs]\nrole_arn = arn:aws:iam::1:role/e\n"
                     "credential_source = EcsContainer\n"
                     "[profile odd]\nrole_arn = arn:aws:iam::1:role/e\n"
                     "credential_source = Laptop\n");
    const auto env = p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()},
                            {"AWS_ACCESS_KEY_ID", "AKIDENV"},
                            {"AWS_SECRET_ACCESS_KEY", "e"}});
    CHECK(profile_role_provider(env, "env")->get().access_key_id == "ASIAROLE1");
    CHECK_THAT(sts.server.requests().front().header("authorization"),
               Catch::Contains("Credential=AKIDENV/"));
    CHECK(role_error(env, "ecs") ==
          "profile 'ecs' in " + p.config +
              ": credential_source is EcsContainer, but neither "
              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is "
              "set");
    CHECK(role_error(env, "odd") ==
          "profile 'odd' in " + p.config +
              ": credential_source is 'Laptop'; it must be Environment, Ec2InstanceMetadata or "
              "EcsContainer");
}

TEST_CASE("assume role: configuration mistakes are ConfigErrors naming file, profile and key") {
    const Profiles p(
        "[profile loop1]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = loop2\n"
        "[profile loop2]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = loop3\n"
        "[profile loop3]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = loop1\n"
        "[profile mfa]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
        "mfa_serial = arn:aws:iam::1:mfa/me\n"
        "[profile both]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
        "credential_source = Environment\n"
        "[profile neither]\nrole_arn = arn:aws:iam::1:role/x\n"
        "[profile missing]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = nowhere\n"
        "[profile keyless]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = empty\n"
        "[profile empty]\nregion = us-east-1\n"
        "[profile long]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n"
        "duration_seconds = 50000\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = TOPSECRET\n");
    const auto env = p.env();
    CHECK(role_error(env, "loop1") == "the source_profile settings in " + p.config +
                                          " form a cycle: loop1 -> loop2 -> loop3 -> loop1");
    CHECK(role_error(env, "mfa") ==
          "profile 'mfa' in " + p.config +
              " sets mfa_serial: roles that need an MFA code are not supported by dynaq");
    CHECK(role_error(env, "both") ==
          "profile 'both' in " + p.config +
              " sets both source_profile and credential_source; choose one");
    CHECK(role_error(env, "neither") == "profile 'neither' in " + p.config +
                                            " sets role_arn without source_profile, "
                                            "credential_source or web_identity_token_file");
    CHECK(role_error(env, "missing") ==
          "profile 'missing' in " + p.config + ": source_profile 'nowhere' does not exist");
    CHECK_THAT(role_error(env, "keyless"),
               Catch::StartsWith("profile 'keyless' in " + p.config +
                                 ": source_profile 'empty' has no static keys: "));
    CHECK(role_error(env, "long") ==
          "profile 'long' in " + p.config +
              ": duration_seconds is '50000'; it must be a whole number of seconds from 900 to "
              "43200");
    CHECK(profile_role_provider(env, "base") == nullptr);
    for (const char* profile : {"loop1", "mfa", "both", "neither", "missing", "keyless", "long"})
        CHECK(role_error(env, profile).find("TOPSECRET") == std::string::npos);
}

TEST_CASE("assume role: STS errors and garbage are CredentialsErrors") {
    FakeSts sts;
    const Profiles p("[profile denied]\nrole_arn = arn:aws:iam::1:role/denied\n"
                     "source_profile = base\n"
                     "[profile garbage]\nrole_arn = arn:aws:iam::1:role/garbage\n"
                     "source_profile = base\n",
                     "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = TOPSECRET\n");
    const auto env = p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()}});
    const auto denied = profile_role_provider(env, "denied");
    CHECK_THROWS_AS(denied->get(), CredentialsError);
    CHECK(role_error(env, "denied") == "STS at " + sts.server.url() +
                                           ": AssumeRole failed (HTTP 403, AccessDenied): not "
                                           "allowed to assume the role");
    CHECK(role_error(env, "garbage") ==
          "STS at " + sts.server.url() +
              " answered AssumeRole (HTTP 200) with something that is not XML");
}

TEST_CASE("web identity: from the environment and from a profile, token file re-read") {
    FakeSts sts;
    const Profiles p("[default]\nregion = us-east-1\n");
    const auto token = p.dir.write("token", "first-jwt\n");
    const auto env = p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()},
                            {"AWS_WEB_IDENTITY_TOKEN_FILE", token},
                            {"AWS_ROLE_ARN", "arn:aws:iam::1:role/w"},
                            {"AWS_ROLE_SESSION_NAME", "pod-1"}});
    const auto provider = environment_web_identity_provider(env);
    REQUIRE(provider);
    const Credentials c = provider->get();
    CHECK(c.access_key_id == "ASIAWEB1");
    CHECK(c.account_id == "111122223333");
    const auto request = sts.server.requests().front();
    CHECK(request.header("authorization").empty()); // unsigned
    CHECK_THAT(request.body, Catch::Contains("Action=AssumeRoleWithWebIdentity") &&
                                 Catch::Contains("RoleSessionName=pod-1") &&
                                 Catch::Contains("WebIdentityToken=first-jwt"));
    CHECK(environment_web_identity_provider(p.env()) == nullptr);

    SECTION("a missing token file") {
        const auto gone = environment_web_identity_provider(
            p.env({{"AWS_WEB_IDENTITY_TOKEN_FILE", p.dir.path() + "/nothing"},
                   {"AWS_ROLE_ARN", "arn:aws:iam::1:role/w"}}));
        CHECK(test::config_error_of([&] { return gone->get(); }) ==
              "cannot read the web identity token file " + p.dir.path() + "/nothing");
    }
    SECTION("the profile keys") {
        const Profiles q("[profile web]\nrole_arn = arn:aws:iam::1:role/w\n"
                         "web_identity_token_file = " +
                         token + "\n");
        const auto c2 =
            profile_role_provider(q.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()}}), "web")
                ->get();
        CHECK(c2.access_key_id == "ASIAWEB2");
    }
}

TEST_CASE("sts endpoint and region") {
    const Profiles p("[default]\nregion = ap-south-1\n[profile ep]\nendpoint_url = "
                     "http://127.0.0.1:1\n");
    CHECK(StsOptions::from_env(p.env()).region == "ap-south-1");
    CHECK(StsOptions::from_env(p.env()).endpoint.empty()); // the regional default later
    CHECK(StsOptions::from_env(p.env({{"AWS_PROFILE", "ep"}})).endpoint == "http://127.0.0.1:1");
    CHECK(StsOptions::from_env(p.env({{"AWS_ENDPOINT_URL", "http://127.0.0.1:2"},
                                      {"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:3"}}))
              .endpoint == "http://127.0.0.1:3");
    CHECK(StsOptions::from_env(p.env({{"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:3"},
                                      {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}}))
              .endpoint.empty());
    CHECK(
        StsOptions::from_env(p.env({{"AWS_PROFILE", "ep"}, {"AWS_REGION", "eu-west-3"}})).region ==
        "eu-west-3");
}

TEST_CASE("the default chain takes a profile's role before its static keys") {
    FakeSts sts;
    const Profiles p("[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = base\n",
                     "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n"
                     "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n");
    const DefaultCredentialsChain chain(p.env({{"AWS_ENDPOINT_URL_STS", sts.server.url()}}));
    CHECK(chain.get().access_key_id == "ASIAROLE1");
    CHECK(chain.source() == "default chain: assume role arn:aws:iam::1:role/d");
}

// Instance metadata and container credentials against the loopback fakes of test/support,
// and the default chain choosing them; a Transport call shows the fetched keys sign requests.
#include "auth_test_support.hpp"
#include "fake_credentials_servers.hpp"
#include "run_until_done.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using test::FakeImds;
using test::Fault;

namespace {

using test::credentials_error_of;

using Vars = std::map<std::string, std::string, std::less<>>;

// Generous timeouts: these tests check behaviour, never speed.
ImdsOptions imds_at(const FakeImds& imds) {
    ImdsOptions options;
    options.endpoint = imds.url();
    options.timeout = 5s;
    return options;
}

// An environment with nothing but `vars` and an empty HOME: no shared files.
struct Bare {
    test::TempDir home;
    [[nodiscard]] Environment env(Vars vars) const {
        vars["HOME"] = home.path();
        return Environment::from_map(std::move(vars));
    }
};

} // namespace

TEST_CASE("imds: token, role, keys; the token is reused") {
    FakeImds imds;
    const ImdsCredentialsProvider provider(imds_at(imds));
    const Credentials first = provider.get();
    const test::IssuedKeys issued = imds.last_keys();
    CHECK(first.access_key_id == issued.access_key_id);
    CHECK(first.secret_access_key == issued.secret_access_key);
    CHECK(first.session_token == issued.session_token);
    REQUIRE(first.expiration.has_value());
    CHECK(*first.expiration > std::chrono::system_clock::now() + 50min);
    CHECK(provider.source() == "imds");
    CHECK(imds.token_puts() == 1);
    CHECK(imds.credential_fetches() == 1);
    for (const auto& r : imds.server().requests()) {
        if (r.method == "GET")
            CHECK_FALSE(r.header("x-aws-ec2-metadata-token").empty());
        else
            CHECK(r.header("x-aws-ec2-metadata-token-ttl-seconds") == "21600");
    }
}

TEST_CASE("imds: an expired token (401) is replaced and the request repeated") {
    FakeImds imds;
    imds.max_token_ttl_seconds = 1;
    imds.lifetime_seconds = 2;
    RefreshOptions refresh;
    refresh.jitter_seed = 3;
    const ImdsCredentialsProvider provider(imds_at(imds), refresh);
    const auto first = provider.get().access_key_id;
    std::this_thread::sleep_for(2500ms); // both the token and the keys expired
    CHECK(provider.get().access_key_id != first);
    CHECK(imds.token_puts() == 2);
    CHECK(imds.credential_fetches() == 2);
}

TEST_CASE("imds: IMDSv1 only when the token PUT is refused") {
    FakeImds imds;
    imds.require_token = false;
    SECTION("403 falls back to IMDSv1") {
        imds.token_put = FakeImds::TokenPut::forbidden;
        const auto id = ImdsCredentialsProvider(imds_at(imds)).get().access_key_id;
        CHECK(id == imds.last_keys().access_key_id);
        for (const auto& r : imds.server().requests())
            CHECK(r.header("x-aws-ec2-metadata-token").empty());
    }
    SECTION("404 falls back to IMDSv1") {
        imds.token_put = FakeImds::TokenPut::not_found;
        const auto id = ImdsCredentialsProvider(imds_at(imds)).get().access_key_id;
        CHECK(id == imds.last_keys().access_key_id);
    }
    SECTION("a server error does not") {
        imds.token_put = FakeImds::TokenPut::server_error;
        CHECK(credentials_error_of(ImdsCredentialsProvider(imds_at(imds))) ==
              "instance metadata at " + imds.url() +
                  "/latest/api/token refused a session token (HTTP 500)");
        CHECK(imds.credential_fetches() == 0);
    }
    SECTION("nor does a refusal when IMDSv1 is disabled") {
        imds.token_put = FakeImds::TokenPut::forbidden;
        auto options = imds_at(imds);
        options.v1_fallback = false;
        CHECK_THAT(credentials_error_of(ImdsCredentialsProvider(options)),
                   Catch::EndsWith("refused a session token (HTTP 403); IMDSv1 is disabled "
                                   "(AWS_EC2_METADATA_V1_DISABLED)"));
    }
}

TEST_CASE("imds: no role, an unknown role") {
    FakeImds imds;
    SECTION("unknown role: 404") {
        imds.set_listed_role("detached-role");
        CHECK(credentials_error_of(ImdsCredentialsProvider(imds_at(imds))) ==
              "instance metadata at " + imds.url() +
                  "/latest/meta-data/iam/security-credentials/detached-role: no such role (404)");
    }
    SECTION("no role name") {
        imds.set_role(" ");
        CHECK_THAT(credentials_error_of(ImdsCredentialsProvider(imds_at(imds))),
                   Catch::EndsWith("answered without a role name"));
    }
}

TEST_CASE("imds: faults are CredentialsErrors naming the endpoint, never a secret") {
    FakeImds imds;
    auto options = imds_at(imds);
    SECTION("slow: the timeout") {
        imds.fault = Fault::slow;
        options.timeout = 200ms;
        options.attempts = 2;
        const auto message = credentials_error_of(ImdsCredentialsProvider(options));
        CHECK_THAT(message, Catch::StartsWith("no credentials from instance metadata: ") &&
                                Catch::Contains(imds.url() + "/latest/api/token"));
        CHECK(imds.server().request_count() == 2); // each attempt's token PUT
    }
    SECTION("reset") {
        imds.fault = Fault::reset;
        CHECK_THAT(credentials_error_of(ImdsCredentialsProvider(options)),
                   Catch::StartsWith("no credentials from instance metadata: "));
    }
    SECTION("malformed JSON") {
        imds.fault = Fault::malformed_json;
        const auto message = credentials_error_of(ImdsCredentialsProvider(options));
        CHECK_THAT(message, Catch::EndsWith("answered with something that is not a JSON object"));
        CHECK(message.find("ASIA") == std::string::npos);
    }
    SECTION("refused: nothing listens") {
        std::string url;
        {
            const FakeImds gone;
            url = gone.url();
        }
        options.endpoint = url;
        CHECK_THAT(credentials_error_of(ImdsCredentialsProvider(options)),
                   Catch::StartsWith("no credentials from instance metadata: cannot connect to"));
    }
}

TEST_CASE("imds: the endpoint and its settings from the environment and the profile") {
    const test::TempDir dir;
    const auto config = dir.write("config", "[default]\n"
                                            "ec2_metadata_service_endpoint = http://127.0.0.1:9\n"
                                            "[profile six]\n"
                                            "ec2_metadata_service_endpoint_mode = IPv6\n"
                                            "[profile bad]\n"
                                            "ec2_metadata_service_endpoint_mode = IPv5\n");
    const auto env = [&](Vars vars) {
        vars["AWS_CONFIG_FILE"] = config;
        vars["HOME"] = dir.path();
        return Environment::from_map(std::move(vars));
    };
    CHECK(ImdsOptions::from_env(env({})).endpoint == "http://127.0.0.1:9");
    CHECK(ImdsOptions::from_env(env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[::1]:8/"}}))
              .endpoint == "http://[::1]:8");
    CHECK(ImdsOptions::from_env(env({{"AWS_PROFILE", "six"}})).endpoint ==
          "http://[fd00:ec2::254]");
    CHECK(ImdsOptions::from_env(env({{"AWS_PROFILE", "none"}})).endpoint ==
          "http://169.254.169.254");
    CHECK(ImdsOptions::from_env(
              env({{"AWS_PROFILE", "six"}, {"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4"}}))
              .endpoint == "http://169.254.169.254");
    CHECK(test::config_error_of([&] {
              return ImdsOptions::from_env(env({{"AWS_PROFILE", "bad"}}));
          }) == "ec2_metadata_service_endpoint_mode is 'IPv5'; it must be IPv4 or IPv6");
    const auto tuned = ImdsOptions::from_env(env({{"AWS_METADATA_SERVICE_TIMEOUT", "3"},
                                                  {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "4"},
                                                  {"AWS_EC2_METADATA_V1_DISABLED", "true"}}));
    CHECK(tuned.timeout == 3s);
    CHECK(tuned.attempts == 4);
    CHECK_FALSE(tuned.v1_fallback);
    CHECK(test::config_error_of([&] {
              return ImdsOptions::from_env(env({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0"}}));
          }) == "AWS_METADATA_SERVICE_NUM_ATTEMPTS is '0'; it must be a number of at least 1");
    CHECK(test::config_error_of([&] {
              return ImdsOptions::from_env(
                  env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254"}}));
          }) == "the instance metadata endpoint is not an http(s) URL");
}

TEST_CASE("container: the URL rules") {
    const auto options = [](Vars vars) {
        return ContainerOptions::from_env(Environment::from_map(std::move(vars)));
    };
    CHECK_FALSE(options({}).has_value());
    CHECK(options({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"}})->url ==
          "http://169.254.170.2/v2/credentials/abc");
    // The relative URI wins over the full one, as in the SDKs.
    CHECK(options({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/x"},
                   {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/y"}})
              ->url == "http://169.254.170.2/x");
    for (const char* allowed :
         {"http://127.0.0.1:8080/creds", "http://localhost/c", "http://[::1]:80/c",
          "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/v1/credentials",
          "https://creds.example.com/c"}) {
        INFO(allowed);
        CHECK(options({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", allowed}})->url == allowed);
    }
    for (const char* refused :
         {"http://creds.example.com/c", "http://169.254.169.254/c", "http://10.0.0.1/c"}) {
        INFO(refused);
        CHECK_THAT(test::config_error_of([&] {
                       return options({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", refused}});
                   }),
                   Catch::StartsWith("AWS_CONTAINER_CREDENTIALS_FULL_URI points at ") &&
                       Catch::EndsWith("over http; only https, loopback, 169.254.170.2, "
                                       "169.254.170.23 and fd00:ec2::23 are allowed"));
    }
    CHECK(test::config_error_of([&] {
              return options({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "ftp://127.0.0.1/c"}});
          }) == "AWS_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL with a valid host and "
                "port");
}

TEST_CASE("container: keys, the account id, the authorization token and its file") {
    test::FakeContainerAgent agent("/v1/credentials", "Bearer first");
    const test::TempDir dir;
    const auto token_file = dir.write("token", "Bearer first\n");
    ContainerOptions options;
    options.url = agent.url();
    options.authorization_token_file = token_file;
    options.authorization_token = "ignored when the file is set";
    agent.lifetime_seconds = 2;
    const ContainerCredentialsProvider provider(options);
    const Credentials c = provider.get();
    CHECK(c.access_key_id == agent.last_keys().access_key_id);
    CHECK(c.account_id == "123456789012");
    CHECK(provider.source() == "container");

    // The file is read again at the next fetch: the rotated token is sent.
    agent.set_token("Bearer second");
    dir.write("token", "Bearer second");
    std::this_thread::sleep_for(2500ms);
    const auto rotated = provider.get().access_key_id;
    CHECK(rotated == agent.last_keys().access_key_id);
    CHECK(agent.credential_fetches() == 2);

    SECTION("a missing token file") {
        std::filesystem::remove(token_file);
        std::this_thread::sleep_for(2500ms);
        CHECK(credentials_error_of(provider) ==
              "cannot read the container authorization token file " + token_file +
                  " (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)");
    }
    SECTION("a wrong token: 401") {
        agent.set_token("Bearer third");
        std::this_thread::sleep_for(2500ms);
        CHECK(credentials_error_of(provider) ==
              "the container credentials endpoint " + agent.url() + " answered HTTP 401");
    }
}

TEST_CASE("container: faults") {
    test::FakeContainerAgent agent;
    ContainerOptions options;
    options.url = agent.url();
    options.timeout = 200ms;
    agent.fault = Fault::malformed_json;
    CHECK_THAT(credentials_error_of(ContainerCredentialsProvider(options)),
               Catch::EndsWith("answered with something that is not a JSON object"));
    agent.fault = Fault::slow;
    CHECK_THAT(credentials_error_of(ContainerCredentialsProvider(options)),
               Catch::StartsWith("no credentials from the container endpoint: "));
    CHECK(agent.server().request_count() == 3); // one, then two attempts
}

TEST_CASE("the default chain: container, then instance metadata, then the fallback") {
    const Bare bare;
    FakeImds imds;
    test::FakeContainerAgent agent;
    SECTION("the container agent when its variables are set") {
        const DefaultCredentialsChain chain(
            bare.env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.url()},
                      {"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}));
        const auto id = chain.get().access_key_id;
        CHECK(id == agent.last_keys().access_key_id);
        CHECK(chain.source() == "default chain: container");
        CHECK(imds.server().request_count() == 0);
    }
    SECTION("instance metadata when nothing else is configured") {
        const DefaultCredentialsChain chain(
            bare.env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}));
        CHECK(chain.source() == "default chain: no source chosen yet");
        const auto id = chain.get().access_key_id;
        CHECK(id == imds.last_keys().access_key_id);
        CHECK(chain.source() == "default chain: imds");
    }
    SECTION("the environment before everything") {
        const DefaultCredentialsChain chain(
            bare.env({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                      {"AWS_SECRET_ACCESS_KEY", "e"},
                      {"AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.url()}}));
        CHECK(chain.get().access_key_id == "AKIDENV");
        CHECK(chain.source() == "default chain: environment");
    }
    SECTION("a failing instance metadata service is named, then the fallback answers") {
        imds.fault = Fault::reset;
        const auto env = bare.env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}});
        CHECK_THAT(test::config_error_of([&] { return DefaultCredentialsChain(env).get(); }),
                   Catch::StartsWith("no AWS credentials found; tried: environment variables") &&
                       Catch::Contains("; instance metadata (no credentials from instance "
                                       "metadata: "));
        ChainOptions options;
        options.fallback = Credentials{"dummy", "dummy", {}, std::nullopt};
        const DefaultCredentialsChain chain(env, options);
        CHECK(chain.get().access_key_id == "dummy");
        CHECK(chain.source() == "default chain: fallback keys (no source has credentials)");
    }
}

TEST_CASE("requests are signed with the keys instance metadata handed out, across refreshes") {
    FakeImds imds;
    imds.lifetime_seconds = 3;
    test::FaultServer dynamodb(
        [](const test::RecordedRequest&) { return test::Action::ok(R"({"TableNames":[]})"); });
    const Bare bare;
    ClientConfig config;
    config.region = "us-east-1";
    config.endpoint = dynamodb.url();
    config.credentials = std::make_shared<DefaultCredentialsChain>(
        bare.env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()}}));
    asio::io_context io;
    Transport transport(io.get_executor(), config);
    std::vector<std::string> issued;
    test::run_until_done(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer pause(co_await asio::this_coro::executor);
            // Seven seconds of calls: more than two lifetimes of the keys.
            const auto until = std::chrono::steady_clock::now() + 7s;
            while (std::chrono::steady_clock::now() < until) {
                const Response r = co_await transport.call("ListTables", "{}");
                CHECK(r.status == 200);
                issued.push_back(imds.last_keys().access_key_id);
                pause.expires_after(100ms);
                co_await pause.async_wait(asio::use_awaitable);
            }
        }(),
        60s);
    CHECK(imds.credential_fetches() >= 3);
    // Every request carried keys the fake handed out, with their session token.
    for (const auto& r : dynamodb.requests()) {
        const auto auth = r.header("authorization");
        CHECK_THAT(auth, Catch::Contains("Credential=ASIAFAKE"));
        CHECK_THAT(r.header("x-amz-security-token"), Catch::StartsWith("fake-session-token-"));
    }
}

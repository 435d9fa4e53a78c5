// The dynaq tool's network settings end to end, as a subprocess against loopback servers made
// here: `dynaq config` printing what would be used (never a secret), AWS_CA_BUNDLE trusting a
// private CA for `dynaq tables`, and a proxy refusing its login.
#include "cli_runner.hpp"
#include "fault_server.hpp"
#include "test_certs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <optional>

using dynaq::test::Action;
using dynaq::test::CliCall;
using dynaq::test::CliResult;
using dynaq::test::FaultServer;
using dynaq::test::RecordedRequest;
using dynaq::test::shown;
using dynaq::test::TempFile;

namespace {

using Env = std::map<std::string, std::optional<std::string>>;

// No developer setting leaks in: an empty HOME, no keys, no proxies but those given.
CliResult dq(std::vector<std::string> args, Env env = {}) {
    const std::string home = std::filesystem::temp_directory_path().string();
    Env base{{"HOME", home},
             {"AWS_CONFIG_FILE", home + "/dynaq-no-such-config"},
             {"AWS_SHARED_CREDENTIALS_FILE", home + "/dynaq-no-such-credentials"},
             {"AWS_PROFILE", std::nullopt},
             {"AWS_REGION", std::nullopt},
             {"AWS_DEFAULT_REGION", std::nullopt},
             {"AWS_ACCESS_KEY_ID", std::nullopt},
             {"AWS_SECRET_ACCESS_KEY", std::nullopt},
             {"AWS_SESSION_TOKEN", std::nullopt},
             {"AWS_EC2_METADATA_DISABLED", "true"}, // never the real instance metadata address
             {"AWS_ENDPOINT_URL", std::nullopt},
             {"AWS_ENDPOINT_URL_DYNAMODB", std::nullopt},
             {"AWS_CA_BUNDLE", std::nullopt},
             {"AWS_MAX_ATTEMPTS", "2"}};
    for (const char* v :
         {"https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"})
        base[v] = std::nullopt;
    for (auto& [name, value] : env)
        base[name] = value;
    return dynaq::test::run_cli(CliCall{.args = std::move(args), .input = {}, .env = base});
}

struct TlsServer {
    dynaq::test::TestPki pki = dynaq::test::make_test_pki({"localhost"}, {"127.0.0.1"});
    TempFile ca{pki.ca_cert_pem};
    FaultServer server{
        [](const RecordedRequest&) { return Action::ok(R"({"TableNames":["orders","users"]})"); },
        dynaq::test::TlsIdentity{pki.server_cert_pem, pki.server_key_pem}};
};

} // namespace

TEST_CASE("dynaq config: the endpoint the settings resolve to, the region and the proxy") {
    CliResult r = dq({"config", "--region", "us-west-2"},
                     {{"AWS_USE_FIPS_ENDPOINT", "true"}, {"AWS_ACCESS_KEY_ID", "AKIDSECRETKEY"}});
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    CHECK(r.out == "endpoint: https://dynamodb-fips.us-west-2.amazonaws.com:443\n"
                   "region: us-west-2\n"
                   "proxy: none\n"
                   "ca_bundle: the system's trust store\n");

    const TlsServer tls; // for its CA file
    r = dq(
        {"config", "--region", "cn-north-1"},
        {{"HTTPS_PROXY", "http://svc:Pa55word@127.0.0.1:3128"}, {"AWS_CA_BUNDLE", tls.ca.path()}});
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out,
               Catch::Contains("endpoint: https://dynamodb.cn-north-1.amazonaws.com.cn:443\n") &&
                   Catch::Contains("proxy: http://svc:***@127.0.0.1:3128\n") &&
                   Catch::Contains("ca_bundle: " + tls.ca.path() + " (from AWS_CA_BUNDLE)"));
    CHECK(r.out.find("Pa55word") == std::string::npos);
    CHECK(r.err.find("Pa55word") == std::string::npos);

    r = dq({"config", "--region", "eu-west-1"},
           {{"https_proxy", "http://127.0.0.1:3128"}, {"no_proxy", ".amazonaws.com"}});
    CHECK_THAT(r.out, Catch::Contains("proxy: none\n"));
    r = dq({"config", "--region", "us-east-1"},
           {{"AWS_ACCOUNT_ID", "111122223333"}, {"AWS_USE_DUALSTACK_ENDPOINT", "true"}});
    CHECK_THAT(r.out, Catch::Contains("endpoint: https://111122223333.ddb.us-east-1.api.aws:443"));
}

TEST_CASE("dynaq config: an impossible combination is a configuration error (exit 7)") {
    const CliResult r =
        dq({"config", "--region", "us-iso-east-1"}, {{"AWS_USE_DUALSTACK_ENDPOINT", "true"}});
    INFO(shown(r));
    CHECK(r.exit_code == 7);
    CHECK_THAT(r.err, Catch::Contains("aws-iso has no dual-stack endpoints"));
}

TEST_CASE("dynaq tables: AWS_CA_BUNDLE trusts a private CA; without it, a verification error") {
    TlsServer s;
    CliResult r = dq({"tables", "--endpoint", s.server.url()}, {{"AWS_CA_BUNDLE", s.ca.path()}});
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    CHECK(r.out == "orders\nusers\n");

    r = dq({"tables", "--endpoint", s.server.url()});
    INFO(shown(r));
    CHECK(r.exit_code == 9);
    CHECK_THAT(r.err, Catch::Contains("TLS handshake failed") &&
                          Catch::Contains("unable to get local issuer certificate"));

    r = dq({"tables", "--endpoint", s.server.url()}, {{"AWS_CA_BUNDLE", "/nonexistent/ca.pem"}});
    INFO(shown(r));
    CHECK(r.exit_code == 7);
    CHECK_THAT(r.err, Catch::Contains("'/nonexistent/ca.pem' (from AWS_CA_BUNDLE)"));
}

TEST_CASE("dynaq tables: a proxy refusing the login is a clear error naming the proxy") {
    FaultServer proxy([](const RecordedRequest&) { return Action::respond(407, ""); });
    const std::string proxy_url = "http://svc:Pa55word@127.0.0.1:" + std::to_string(proxy.port());
    const CliResult r =
        dq({"tables", "--region", "eu-west-1"}, {{"HTTPS_PROXY", proxy_url},
                                                 {"AWS_ACCESS_KEY_ID", "AKID"},
                                                 {"AWS_SECRET_ACCESS_KEY", "secret"}});
    INFO(shown(r));
    CHECK(r.exit_code == 9);
    CHECK_THAT(r.err, Catch::Contains("via proxy http://svc:***@127.0.0.1:" +
                                      std::to_string(proxy.port())) &&
                          Catch::Contains("407"));
    CHECK(r.err.find("Pa55word") == std::string::npos);
    REQUIRE(proxy.request_count() == 1);
    CHECK(proxy.requests()[0].target == "dynamodb.eu-west-1.amazonaws.com:443");
}

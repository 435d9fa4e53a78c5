// The trust store as deployments configure it: AWS_CA_BUNDLE or the profile's ca_bundle,
// against a TLS endpoint whose certificate comes from a CA made at test time; and the client
// certificate settings.
#include "../auth/auth_test_support.hpp"
#include "test_certs.hpp"
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <map>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

using Vars = std::map<std::string, std::string, std::less<>>;

struct TlsServer {
    TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    TempFile ca{pki.ca_cert_pem};
    FaultServer server{[](const RecordedRequest&) { return Action::ok(R"({"TableNames":[]})"); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem}};
};

// What the dynaq CLI builds for `--endpoint https://127.0.0.1:PORT` under `vars`.
ClientConfig cli_config(const TlsServer& s, const TempDir& home, Vars vars) {
    vars["HOME"] = home.path();
    ConfigOverrides overrides;
    overrides.endpoint = s.server.url();
    ClientConfig cfg = ClientConfig::from_env(Environment::from_map(std::move(vars)), overrides);
    cfg.retry.base_delay = std::chrono::milliseconds(1);
    cfg.retry.max_delay = std::chrono::milliseconds(4);
    return cfg;
}

} // namespace

TEST_CASE("ca bundle: AWS_CA_BUNDLE makes a private CA trusted") {
    TlsServer s;
    TempDir home;
    CHECK(call_failure(cli_config(s, home, {{"AWS_CA_BUNDLE", s.ca.path()}})) == "no error");
    CHECK(s.server.request_count() == 1);
}

TEST_CASE("ca bundle: the profile's ca_bundle makes a private CA trusted") {
    TlsServer s;
    TempDir home;
    home.write(".aws/config", "[profile corp]\nca_bundle = " + s.ca.path() + "\n");
    CHECK(call_failure(cli_config(s, home, {{"AWS_PROFILE", "corp"}})) == "no error");
}

TEST_CASE("ca bundle: without it the same endpoint is refused, with a verification error") {
    TlsServer s;
    TempDir home;
    const std::string what = call_failure(cli_config(s, home, {}));
    INFO(what);
    CHECK_THAT(what, Catch::Contains("TLS handshake failed") &&
                         Catch::Contains("local issuer certificate") &&
                         Catch::Contains(s.server.url().substr(8)));
    CHECK(s.server.request_count() == 0);
}

TEST_CASE("ca bundle: a bundle that cannot be read is a ConfigError at construction, naming it") {
    TempDir home;
    asio::io_context ioc;
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.credentials = std::make_shared<CountingCredentials>();
    const std::string missing = home.path() + "/no-such-ca.pem";

    cfg.tls.ca_file = missing;
    cfg.tls.ca_file_source = "AWS_CA_BUNDLE";
    CHECK_THAT(config_error_of([&] { return Transport(ioc.get_executor(), cfg); }),
               Catch::Contains("'" + missing + "'") && Catch::Contains("(from AWS_CA_BUNDLE)") &&
                   Catch::Contains("No such file"));

    // Also for a plain-HTTP endpoint: the setting is wrong whether or not it is used yet.
    cfg.endpoint = "http://127.0.0.1:1";
    cfg.tls.ca_file_source.clear();
    CHECK_THAT(config_error_of([&] { return Transport(ioc.get_executor(), cfg); }),
               Catch::Contains("(from tls.ca_file)"));

    const std::string not_pem = home.write("junk.pem", "this is not a certificate\n");
    cfg.tls.ca_file = not_pem;
    cfg.tls.ca_file_source = "ca_bundle in profile 'default'";
    CHECK_THAT(config_error_of([&] { return Transport(ioc.get_executor(), cfg); }),
               Catch::Contains(not_pem) && Catch::Contains("ca_bundle in profile 'default'"));
}

TEST_CASE("ca bundle: set for a plain-HTTP endpoint, it is checked but the endpoint stays plain") {
    const TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    const TempFile ca(pki.ca_cert_pem);
    FaultServer server([](const RecordedRequest&) { return Action::ok(); });
    auto cfg = config_for(server);
    cfg.tls.ca_file = ca.path();
    cfg.tls.ca_file_source = "AWS_CA_BUNDLE";
    CHECK(call_failure(cfg) == "no error");
    CHECK(server.request_count() == 1);
}

TEST_CASE("client certificate: loaded with its key; a mismatch or half a pair is a ConfigError") {
    const TestPki pki = make_test_pki({"client.example"}, {});
    const TestPki other = make_test_pki({"other.example"}, {});
    const TempFile cert(pki.server_cert_pem);
    const TempFile key(pki.server_key_pem);
    const TempFile wrong_key(other.server_key_pem);
    asio::io_context ioc;
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.credentials = std::make_shared<CountingCredentials>();
    cfg.tls.cert_file = cert.path();
    cfg.tls.key_file = key.path();
    CHECK_NOTHROW(Transport(ioc.get_executor(), cfg));

    cfg.tls.key_file = wrong_key.path();
    CHECK_THAT(config_error_of([&] { return Transport(ioc.get_executor(), cfg); }),
               Catch::Contains("tls.key_file"));
    cfg.tls.key_file.clear();
    CHECK_THAT(config_error_of([&] { return Transport(ioc.get_executor(), cfg); }),
               Catch::Contains("must be set together"));
}

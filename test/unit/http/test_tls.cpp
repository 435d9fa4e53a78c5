// TLS against the fault server with a CA made at test time.
#include "test_certs.hpp"
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

constexpr std::string_view body = R"({"TableName":"t"})";

std::string failure_of(Transport& t, asio::io_context& ioc) {
    try {
        (void)run(ioc, t.call("DescribeTable", body));
    } catch (const TimeoutError& e) {
        return std::string("timeout: ") + e.what();
    } catch (const TransportError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("tls: verified connection with the test CA, reused across calls") {
    const TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    const TempFile ca(pki.ca_cert_pem);
    FaultServer server([](const RecordedRequest&) { return Action::ok(R"({"Table":{}})"); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem});
    REQUIRE(server.url().rfind("https://", 0) == 0);
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.tls.ca_file = ca.path();
    Transport t(ioc.get_executor(), cfg);
    for (int i = 0; i < 20; ++i)
        CHECK(run(ioc, t.call("DescribeTable", body)).body == R"({"Table":{}})");
    CHECK(server.connections() == 1);
    CHECK(server.requests().back().header("Host") == "127.0.0.1:" + std::to_string(server.port()));
}

TEST_CASE("tls: host name verification uses the endpoint's name (SNI and SAN)") {
    const TestPki pki = make_test_pki({"localhost"}, {});
    const TempFile ca(pki.ca_cert_pem);
    FaultServer server([](const RecordedRequest&) { return Action::ok(); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem});
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.tls.ca_file = ca.path();
    cfg.endpoint = "https://localhost:" + std::to_string(server.port());
    Transport t(ioc.get_executor(), cfg);
    CHECK(run(ioc, t.call("DescribeTable", body)).status == 200);
}

TEST_CASE("tls: an unknown CA is rejected with a clear, final error") {
    const TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    FaultServer server([](const RecordedRequest&) { return Action::ok(); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem});
    asio::io_context ioc;
    Transport t(ioc.get_executor(), config_for(server)); // system trust store only
    const std::string what = failure_of(t, ioc);
    INFO(what);
    CHECK(what.find("TLS handshake failed") != std::string::npos);
    CHECK(what.find("local issuer certificate") != std::string::npos);
    CHECK(what.find("attempt 1") != std::string::npos); // not retried
    CHECK(server.request_count() == 0);
}

TEST_CASE("tls: a certificate for another host name is rejected") {
    const TestPki pki = make_test_pki({"other.example"}, {});
    const TempFile ca(pki.ca_cert_pem);
    FaultServer server([](const RecordedRequest&) { return Action::ok(); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem});
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.tls.ca_file = ca.path();
    Transport t(ioc.get_executor(), cfg);
    const std::string what = failure_of(t, ioc);
    INFO(what);
    CHECK(what.find("does not match the host name '127.0.0.1'") != std::string::npos);
    CHECK(server.request_count() == 0);
}

TEST_CASE("tls: insecure_skip_verify accepts any certificate") {
    const TestPki pki = make_test_pki({"other.example"}, {});
    FaultServer server([](const RecordedRequest&) { return Action::ok(); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem});
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.tls.insecure_skip_verify = true;
    Transport t(ioc.get_executor(), cfg);
    CHECK(run(ioc, t.call("DescribeTable", body)).status == 200);
}

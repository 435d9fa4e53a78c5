// The client through a real HTTP proxy: tinyproxy, started by tools/test on a free loopback
// port with Basic auth, which passes
//   DYNAQ_TEST_PROXY=http://127.0.0.1:PORT  DYNAQ_TEST_PROXY_USER=... DYNAQ_TEST_PROXY_PASSWORD=...
// Plain HTTP to moto/dynalite goes through it in absolute form; HTTPS to a local TLS endpoint
// (the fault server, with a CA made here) through a CONNECT tunnel. Without the variables
// every test fails: nothing here passes without a proxy.
#include "client_fixture.hpp"
#include "fault_server.hpp"
#include "test_certs.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

std::string proxy_env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        throw std::runtime_error(std::string(name) +
                                 " is not set: the proxy tests need the tinyproxy that "
                                 "tools/test starts");
    return value;
}

// "http://user:password@127.0.0.1:PORT", or without credentials.
std::string proxy_url(bool with_credentials = true, std::string password = {}) {
    const std::string base = proxy_env("DYNAQ_TEST_PROXY");
    if (!with_credentials)
        return base;
    if (password.empty())
        password = proxy_env("DYNAQ_TEST_PROXY_PASSWORD");
    return "http://" + proxy_env("DYNAQ_TEST_PROXY_USER") + ':' + password + '@' +
           base.substr(std::string_view("http://").size());
}

ClientConfig through_proxy(std::string proxy) {
    ClientConfig cfg = test_client_config();
    cfg.proxy.http_proxy = std::move(proxy);
    cfg.retry.max_attempts = 2;
    cfg.retry.base_delay = std::chrono::milliseconds(1);
    return cfg;
}

struct TlsEndpoint {
    TestPki pki = make_test_pki({"localhost"}, {"127.0.0.1"});
    TempFile ca{pki.ca_cert_pem};
    FaultServer server{[](const RecordedRequest&) { return Action::ok(R"({"TableNames":["t"]})"); },
                       TlsIdentity{pki.server_cert_pem, pki.server_key_pem}};

    ClientConfig config(std::string proxy) const {
        ClientConfig cfg = test_client_config();
        // By name: tinyproxy resolves it, the certificate is checked against it.
        cfg.endpoint = "https://localhost:" + std::to_string(server.port());
        cfg.tls.ca_file = ca.path();
        cfg.proxy.https_proxy = std::move(proxy);
        cfg.retry.max_attempts = 2;
        cfg.retry.base_delay = std::chrono::milliseconds(1);
        return cfg;
    }
};

std::string transport_failure(ClientFixture& f) {
    try {
        (void)f.run(f.client.list_all_tables());
    } catch (const TransportError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("proxy (tinyproxy): basic calls over HTTP through the proxy") {
    ClientFixture f(through_proxy(proxy_url()));
    auto& c = f.client;
    const auto table = unique_table_name("proxy");
    f.run([&]() -> asio::awaitable<void> {
        co_await create_pk_sk_table(c, table, true);
        const PutItemRequest put{.table_name = table, .item = Item{{"pk", "a"}, {"n", 7}}};
        co_await c.put_item(put);
        const GetItemRequest get{.table_name = table, .key = Item{{"pk", "a"}}};
        const auto got = co_await c.get_item(get);
        REQUIRE(got.item);
        CHECK(got.item->at("n") == AttributeValue(7));
        const auto names = co_await c.list_all_tables();
        CHECK(std::find(names.begin(), names.end(), table) != names.end());
        co_await drop_table(c, table);
    }());
    CHECK(f.client.transport().pool_stats().reused > 0); // through the proxy, kept alive
}

TEST_CASE("proxy (tinyproxy): a request without credentials is refused with 407, by name") {
    ClientFixture f(through_proxy(proxy_url(false)));
    const std::string what = transport_failure(f);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("via proxy " + proxy_env("DYNAQ_TEST_PROXY")) &&
                         Catch::Contains("refused by the proxy") && Catch::Contains("407"));
}

TEST_CASE("proxy (tinyproxy): NO_PROXY bypasses it") {
    // The same proxy without credentials would refuse (see above): success means direct.
    ClientConfig cfg = through_proxy(proxy_url(false));
    cfg.proxy.no_proxy = "localhost, 127.0.0.0/8, ::1";
    ClientFixture f(cfg);
    CHECK_NOTHROW(f.run(f.client.list_all_tables()));
}

TEST_CASE("proxy (tinyproxy): a CONNECT tunnel to a TLS endpoint, verified against its name") {
    TlsEndpoint tls;
    ClientFixture f(tls.config(proxy_url()));
    for (int i = 0; i < 3; ++i)
        CHECK(f.run(f.client.list_all_tables()) == std::vector<std::string>{"t"});
    const auto requests = tls.server.requests();
    REQUIRE(requests.size() == 3);
    // The request inside the tunnel is the one for DynamoDB, not for the proxy.
    CHECK(requests[0].target == "/");
    CHECK(requests[0].header("Host") == "localhost:" + std::to_string(tls.server.port()));
    CHECK(requests[0].header("Proxy-Authorization").empty());
    CHECK(tls.server.connections() == 1); // the tunnel is reused like a direct connection
}

TEST_CASE("proxy (tinyproxy): CONNECT with a wrong password or none is refused, by name") {
    TlsEndpoint tls;
    ClientFixture without(tls.config(proxy_url(false)));
    std::string what = transport_failure(without);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("refused by the proxy") &&
                         Catch::Contains("407 Proxy Authentication Required") &&
                         Catch::Contains("attempt 1)"));
    ClientFixture wrong(tls.config(proxy_url(true, "not-the-password")));
    what = transport_failure(wrong);
    CHECK_THAT(what, Catch::Contains("refused by the proxy") &&
                         Catch::Contains("via proxy http://" + proxy_env("DYNAQ_TEST_PROXY_USER") +
                                         ":***@"));
    CHECK(what.find("not-the-password") == std::string::npos);
    CHECK(tls.server.request_count() == 0);
}

TEST_CASE("proxy (tinyproxy): the TLS endpoint's certificate is still checked through the tunnel") {
    TlsEndpoint tls;
    ClientConfig cfg = tls.config(proxy_url());
    cfg.tls.ca_file.clear(); // the system store does not know the test CA
    ClientFixture f(cfg);
    const std::string what = transport_failure(f);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("TLS handshake failed"));
    CHECK(tls.server.request_count() == 0);
}

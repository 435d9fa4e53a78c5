// The transport through a proxy, with the fault server standing in for the proxy where a real
// one cannot produce the case: what goes over the wire (absolute form, Proxy-Authorization,
// CONNECT), refusals, a proxy that never answers CONNECT, and one that cannot be reached.
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;

namespace {

constexpr std::string_view body = R"({"TableName":"t"})";

// A loopback port with nothing listening (bound, then closed).
std::uint16_t closed_port() {
    asio::io_context ioc;
    asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

} // namespace

TEST_CASE("proxy: HTTP endpoints go through it in absolute form, signed for the real host") {
    FaultServer proxy([](const RecordedRequest&) { return Action::ok(R"({"Table":{}})"); });
    asio::io_context ioc;
    auto cfg = config_for(proxy);
    cfg.endpoint = "http://ddb.internal.example:8000";
    cfg.proxy.http_proxy = "http://svc:p%40ss@127.0.0.1:" + std::to_string(proxy.port());
    Transport t(ioc.get_executor(), cfg);
    CHECK(run(ioc, t.call("DescribeTable", body)).status == 200);
    CHECK(run(ioc, t.call("DescribeTable", body)).status == 200);
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "http://ddb.internal.example:8000/");
    CHECK(requests[0].header("Host") == "ddb.internal.example:8000");
    CHECK(requests[0].header("Proxy-Authorization") == "Basic c3ZjOnBAc3M="); // svc:p@ss
    CHECK(requests[0].header("Authorization").find("SignedHeaders=content-type;host;") !=
          std::string::npos);
    CHECK(proxy.connections() == 1); // the proxied connection is pooled like a direct one
    CHECK(t.pool_stats().reused == 1);
}

TEST_CASE("proxy: NO_PROXY sends matching hosts directly") {
    FaultServer server([](const RecordedRequest&) { return Action::ok(); });
    auto cfg = config_for(server);
    cfg.proxy.http_proxy = "http://127.0.0.1:" + std::to_string(closed_port());
    cfg.proxy.no_proxy = "example.com, 127.0.0.0/8";
    asio::io_context ioc;
    Transport t(ioc.get_executor(), cfg);
    CHECK(run(ioc, t.call("DescribeTable", body)).status == 200);
    CHECK(server.requests().front().target == "/");
}

TEST_CASE("proxy: a CONNECT refused with 407 is a final TransportError naming the proxy") {
    FaultServer proxy([](const RecordedRequest&) {
        return Action::respond(407, "").with_header("Proxy-Authenticate", "Basic realm=\"corp\"");
    });
    auto cfg = config_for(proxy);
    cfg.endpoint = "https://dynamodb.eu-west-1.amazonaws.com";
    cfg.proxy.https_proxy = "http://svc:hunter2@127.0.0.1:" + std::to_string(proxy.port());
    const std::string what = call_failure(cfg);
    INFO(what);
    CHECK_THAT(what,
               Catch::Contains("DescribeTable to https://dynamodb.eu-west-1.amazonaws.com:443 "
                               "via proxy http://svc:***@127.0.0.1:" +
                               std::to_string(proxy.port())));
    CHECK_THAT(what, Catch::Contains("refused by the proxy") &&
                         Catch::Contains("407 Proxy Authentication Required") &&
                         Catch::Contains("attempt 1)"));
    CHECK(what.find("hunter2") == std::string::npos);
    const auto requests = proxy.requests();
    REQUIRE(requests.size() == 1); // not retried
    CHECK(requests[0].method == "CONNECT");
    CHECK(requests[0].target == "dynamodb.eu-west-1.amazonaws.com:443");
    CHECK(requests[0].header("Proxy-Authorization") == "Basic c3ZjOmh1bnRlcjI=");
}

TEST_CASE("proxy: a 502 to CONNECT is retried like a failed connect") {
    FaultServer proxy([](const RecordedRequest&) { return Action::respond(502, ""); });
    auto cfg = config_for(proxy);
    cfg.endpoint = "https://dynamodb.eu-west-1.amazonaws.com";
    cfg.proxy.https_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    cfg.retry.max_attempts = 3;
    const std::string what = call_failure(cfg);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("'HTTP/1.1 502 Bad Gateway'") &&
                         Catch::Contains("attempt 3, stopped"));
    CHECK(proxy.request_count() == 3);
}

TEST_CASE("proxy: one that never answers CONNECT ends in the connect timeout, named") {
    FaultServer proxy([](const RecordedRequest&) { return Action::stall(std::chrono::hours(1)); });
    auto cfg = config_for(proxy);
    cfg.endpoint = "https://dynamodb.eu-west-1.amazonaws.com";
    cfg.proxy.https_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    cfg.timeouts.connect = std::chrono::milliseconds(200);
    cfg.retry.max_attempts = 2;
    const std::string what = call_failure(cfg);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("timed out while opening the proxy tunnel (CONNECT)") &&
                         Catch::Contains("(timeouts.connect = 200 ms)") &&
                         Catch::Contains("via proxy http://127.0.0.1:") &&
                         Catch::Contains("attempt 2"));
}

TEST_CASE("proxy: one that cannot be reached is a connect failure, retried and named") {
    FaultServer unused([](const RecordedRequest&) { return Action::ok(); });
    auto cfg = config_for(unused);
    cfg.endpoint = "https://dynamodb.eu-west-1.amazonaws.com";
    const auto port = std::to_string(closed_port());
    cfg.proxy.https_proxy = "http://127.0.0.1:" + port;
    cfg.retry.max_attempts = 3;
    const std::string what = call_failure(cfg);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("cannot connect while connecting") &&
                         Catch::Contains("via proxy http://127.0.0.1:" + port) &&
                         Catch::Contains("attempt 3, stopped"));
}

TEST_CASE("proxy: a 407 from a plain-HTTP proxy is a refusal, not a DynamoDB error") {
    FaultServer proxy([](const RecordedRequest&) { return Action::respond(407, "denied"); });
    auto cfg = config_for(proxy);
    cfg.endpoint = "http://ddb.internal.example:8000";
    cfg.proxy.http_proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    const std::string what = call_failure(cfg);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("refused by the proxy") && Catch::Contains("407"));
    CHECK(proxy.request_count() == 1);
}

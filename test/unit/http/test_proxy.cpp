// The proxy pieces without sockets: proxy URLs and their credentials, NO_PROXY matching as
// curl does it, the CONNECT request and the decision on the proxy's answer.
#include "proxy.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using dynaq::ConfigError;
using dynaq::Endpoint;
using dynaq::ProxyConfig;
using namespace dynaq::detail;

namespace {

Endpoint ep(const char* url) {
    return Endpoint::parse(url);
}

bool bypass(const char* no_proxy, const char* url) {
    return bypasses_proxy(no_proxy, ep(url));
}

} // namespace

TEST_CASE("proxy URL: host, port, credentials; the password never shown") {
    auto p = parse_proxy_url("http://alice:s%3Acret@Proxy.Corp:3128/", "HTTPS_PROXY");
    CHECK(p.host == "proxy.corp");
    CHECK(p.port == 3128);
    CHECK(p.user == "alice");
    CHECK(p.password == "s:cret");
    CHECK(p.display() == "http://alice:***@proxy.corp:3128");
    CHECK(p.authorization() == "Basic YWxpY2U6czpjcmV0"); // base64("alice:s:cret")

    p = parse_proxy_url("127.0.0.1:8888", "x"); // no scheme: http, as curl assumes
    CHECK(p.host == "127.0.0.1");
    CHECK(p.port == 8888);
    CHECK(p.authorization().empty());
    CHECK(p.display() == "http://127.0.0.1:8888");
    CHECK(parse_proxy_url("http://proxy", "x").port == 1080);
    CHECK(parse_proxy_url("http://[::1]:3128", "x").display() == "http://[::1]:3128");
}

TEST_CASE(
    "proxy URL: what cannot be used is a ConfigError naming the setting, never the password") {
    for (const char* url :
         {"https://u:topsecret@p:1", "socks5://u:topsecret@p:1", "http://u:topsecret@p:0",
          "http://u:topsecret@p:1/path", "http://u:topsecret@", "http://u:top%zzsecret@p:1",
          "http://:topsecret@p"}) {
        INFO(url);
        try {
            (void)parse_proxy_url(url, "HTTPS_PROXY");
            FAIL("accepted");
        } catch (const ConfigError& e) {
            const std::string what = e.what();
            CHECK(what.find("HTTPS_PROXY") != std::string::npos);
            CHECK(what.find("topsecret") == std::string::npos);
            CHECK(what.find("top%zz") == std::string::npos);
        }
    }
}

TEST_CASE("NO_PROXY: '*', suffixes with and without a dot, IPs, CIDR, host:port") {
    CHECK(bypass("*", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK(bypass("amazonaws.com", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK(bypass(".amazonaws.com", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK(bypass("dynamodb.us-east-1.amazonaws.com", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK_FALSE(bypass("zonaws.com", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK_FALSE(bypass("example.com", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK(bypass(" example.com , AmazonAWS.com ", "https://dynamodb.us-east-1.amazonaws.com"));
    CHECK(bypass("127.0.0.1", "http://127.0.0.1:8000"));
    CHECK_FALSE(bypass("127.0.0.2", "http://127.0.0.1:8000"));
    CHECK(bypass("127.0.0.0/8", "http://127.0.0.1:8000"));
    CHECK(bypass("10.1.0.0/16", "http://10.1.200.3"));
    CHECK_FALSE(bypass("10.1.0.0/16", "http://10.2.0.1"));
    CHECK(bypass("0.0.0.0/0", "http://192.0.2.1"));
    CHECK(bypass("::1", "http://[::1]:8000"));
    CHECK(bypass("fd00::/8", "http://[fd12::1]:8000"));
    CHECK_FALSE(bypass("fd00::/8", "http://[fe80::1]:8000"));
    CHECK_FALSE(bypass("127.0.0.0/8", "http://[::1]:8000")); // families do not mix
    CHECK(bypass("localhost:8000", "http://localhost:8000"));
    CHECK_FALSE(bypass("localhost:8001", "http://localhost:8000"));
    CHECK(bypass("[::1]:8000", "http://[::1]:8000"));
    CHECK(bypass("127.0.0.1:443", "https://127.0.0.1"));
    CHECK_FALSE(bypass("", "http://localhost:8000"));
    CHECK_FALSE(bypass(",,", "http://localhost:8000"));
    CHECK_FALSE(bypass("10.0.0.0/40", "http://10.0.0.1")); // not a prefix length: no match
}

TEST_CASE("proxy_for: https_proxy for TLS endpoints, http_proxy for plain ones, NO_PROXY wins") {
    ProxyConfig cfg;
    cfg.https_proxy = "http://secure-proxy:3128";
    cfg.http_proxy = "http://plain-proxy:3128";
    REQUIRE(proxy_for(cfg, ep("https://dynamodb.eu-west-1.amazonaws.com")));
    CHECK(proxy_for(cfg, ep("https://dynamodb.eu-west-1.amazonaws.com"))->host == "secure-proxy");
    CHECK(proxy_for(cfg, ep("http://127.0.0.1:8000"))->host == "plain-proxy");
    cfg.no_proxy = "127.0.0.1";
    CHECK_FALSE(proxy_for(cfg, ep("http://127.0.0.1:8000")));
    CHECK(proxy_for(cfg, ep("https://dynamodb.eu-west-1.amazonaws.com")));
    cfg = ProxyConfig{};
    CHECK_FALSE(proxy_for(cfg, ep("https://dynamodb.eu-west-1.amazonaws.com")));
    cfg.https_proxy = "ftp://p";
    CHECK_THROWS_WITH(proxy_for(cfg, ep("https://h")), Catch::Contains("proxy.https_proxy"));
}

TEST_CASE("CONNECT: the request names the DynamoDB host and carries Basic credentials") {
    const auto proxy = parse_proxy_url("http://bob:pw@proxy:3128", "x");
    CHECK(connect_request(ep("https://dynamodb.eu-west-1.amazonaws.com"), proxy) ==
          "CONNECT dynamodb.eu-west-1.amazonaws.com:443 HTTP/1.1\r\n"
          "Host: dynamodb.eu-west-1.amazonaws.com:443\r\n"
          "Proxy-Authorization: Basic Ym9iOnB3\r\n\r\n");
    CHECK(connect_request(ep("https://[::1]:8443"), parse_proxy_url("proxy:1", "x")) ==
          "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n");
}

TEST_CASE("CONNECT: the answer, byte by byte or at once") {
    using State = ConnectResponse::State;
    SECTION("established, split anywhere") {
        const std::string answer = "HTTP/1.1 200 Connection established\r\nVia: x\r\n\r\n";
        for (std::size_t split = 0; split <= answer.size(); ++split) {
            ConnectResponse r;
            const State first = r.feed(answer.substr(0, split));
            if (split < answer.size()) {
                REQUIRE(first == State::need_more);
                CHECK(r.feed(answer.substr(split)) == State::established);
            } else {
                CHECK(first == State::established);
            }
            CHECK(r.status() == 200);
        }
    }
    SECTION("407 and 403 are refusals with their status line") {
        ConnectResponse r;
        CHECK(r.feed("HTTP/1.0 407 Proxy Authentication Required\r\n"
                     "Proxy-Authenticate: Basic realm=\"x\"\r\n\r\n") == State::refused);
        CHECK(r.status() == 407);
        CHECK(r.status_line() == "HTTP/1.0 407 Proxy Authentication Required");
        ConnectResponse forbidden;
        CHECK(forbidden.feed("HTTP/1.1 403\r\n\r\n") == State::refused);
        CHECK(forbidden.status_line() == "HTTP/1.1 403");
        ConnectResponse with_page; // tinyproxy sends an HTML page along
        CHECK(with_page.feed("HTTP/1.0 407 Proxy Authentication Required\r\n"
                             "Content-Type: text/html\r\n\r\n<html>") == State::refused);
    }
    SECTION("not HTTP, bytes after the header, or no end in sight") {
        CHECK(ConnectResponse().feed("SSH-2.0-OpenSSH\r\n\r\n") == State::malformed);
        CHECK(ConnectResponse().feed("HTTP/1.1 2000 OK\r\n\r\n") == State::malformed);
        CHECK(ConnectResponse().feed("HTTP/1.1 200 OK\r\n\r\nextra") == State::malformed);
        ConnectResponse endless;
        State s = State::need_more;
        for (int i = 0; i < 2000 && s == State::need_more; ++i)
            s = endless.feed("X-Filler: 0123456789\r\n");
        CHECK(s == State::malformed);
    }
    SECTION("control characters in the status line are not passed on") {
        ConnectResponse r;
        CHECK(r.feed("HTTP/1.1 502 Bad\x1b[31m Gateway\r\n\r\n") == State::refused);
        CHECK(r.status_line() == "HTTP/1.1 502 Bad?[31m Gateway");
    }
}

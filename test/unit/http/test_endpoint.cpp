#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using dynaq::ConfigError;
using dynaq::Endpoint;

TEST_CASE("Endpoint: scheme decides TLS and the default port") {
    auto e = Endpoint::parse("http://localhost");
    CHECK_FALSE(e.tls);
    CHECK(e.host == "localhost");
    CHECK(e.port == 80);
    CHECK(e.host_header() == "localhost");
    CHECK(e.url() == "http://localhost:80");

    e = Endpoint::parse("HTTPS://DynamoDB.us-east-1.AmazonAWS.com/");
    CHECK(e.tls);
    CHECK(e.host == "dynamodb.us-east-1.amazonaws.com");
    CHECK(e.port == 443);
    CHECK(e.host_header() == "dynamodb.us-east-1.amazonaws.com");
}

TEST_CASE("Endpoint: explicit ports appear in the Host header unless they are the default") {
    CHECK(Endpoint::parse("http://127.0.0.1:8000").host_header() == "127.0.0.1:8000");
    CHECK(Endpoint::parse("http://127.0.0.1:80").host_header() == "127.0.0.1");
    CHECK(Endpoint::parse("https://h:443/").host_header() == "h");
    CHECK(Endpoint::parse("https://h:80").host_header() == "h:80");
    CHECK(Endpoint::parse("http://h:65535").port == 65535);
}

TEST_CASE("Endpoint: IPv6 literals") {
    auto e = Endpoint::parse("http://[::1]:8000/");
    CHECK(e.host == "::1");
    CHECK(e.is_ipv6_literal());
    CHECK(e.port == 8000);
    CHECK(e.host_header() == "[::1]:8000");
    CHECK(e.url() == "http://[::1]:8000");
    e = Endpoint::parse("https://[2001:DB8::5]");
    CHECK(e.host == "2001:db8::5");
    CHECK(e.host_header() == "[2001:db8::5]");
    CHECK_FALSE(Endpoint::parse("http://a.b").is_ipv6_literal());
}

TEST_CASE("Endpoint: invalid URLs are ConfigError") {
    for (const char* url : {"",
                            "localhost:8000",
                            "ftp://h",
                            "http://",
                            "http:///",
                            "http://:80",
                            "http://h:",
                            "http://h:0",
                            "http://h:65536",
                            "http://h:8x",
                            "http://h:-1",
                            "http://h/path",
                            "http://h/?a=1",
                            "http://h?x",
                            "http://h#f",
                            "http://u@h",
                            "http://h h",
                            "http://[::1",
                            "http://[::1]x",
                            "http://[zz::1]",
                            "http://[::1]:",
                            "https//h"}) {
        INFO(url);
        CHECK_THROWS_AS(Endpoint::parse(url), ConfigError);
    }
}

TEST_CASE("Endpoint: region endpoints") {
    auto e = Endpoint::for_region("eu-west-1");
    CHECK(e.tls);
    CHECK(e.port == 443);
    CHECK(e.host == "dynamodb.eu-west-1.amazonaws.com");
    CHECK(Endpoint::for_region("cn-north-1").host == "dynamodb.cn-north-1.amazonaws.com.cn");
    CHECK_THROWS_AS(Endpoint::for_region(""), ConfigError);
    CHECK_THROWS_AS(Endpoint::for_region("eu west"), ConfigError);
    CHECK_THROWS_AS(Endpoint::for_region("EU-WEST-1"), ConfigError);
    CHECK_THROWS_AS(Endpoint::for_region("x.evil.com/"), ConfigError);
}

TEST_CASE("Endpoint: loopback hosts") {
    for (const char* url : {"http://localhost:8000", "http://127.0.0.1", "http://127.1.2.3:1",
                            "http://[::1]:8000", "https://LOCALHOST"})
        CHECK(Endpoint::parse(url).is_loopback());
    for (const char* url : {"https://dynamodb.us-east-1.amazonaws.com", "http://10.0.0.1",
                            "http://128.0.0.1", "http://localhost.example.com", "http://[::2]"})
        CHECK_FALSE(Endpoint::parse(url).is_loopback());
}

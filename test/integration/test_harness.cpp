// Tests of the integration harness itself (server.hpp, env_guard.cpp and the servers that
// tools/test starts). They talk to the server over raw HTTP rather than through dynaq, so
// that a broken client cannot hide a broken harness, or the other way round.
#include "server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <utility>

using namespace dynaq::test;
namespace http = boost::beast::http;

namespace {

struct raw_reply {
    unsigned status = 0;
    std::string body;
    rapidjson::Document json;
};

// One DynamoDB call with the same dummy credentials tools/test exports. Neither server
// checks signatures; dynalite only insists that the headers are there.
raw_reply call_raw(const std::string& operation, std::string body) {
    const auto endpoint = parse_endpoint(test_endpoint());
    REQUIRE(endpoint.scheme == "http");

    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    boost::beast::tcp_stream stream(io);
    stream.connect(resolver.resolve(endpoint.host, endpoint.port));

    http::request<http::string_body> request{http::verb::post, "/", 11};
    request.set(http::field::host, endpoint.host + ':' + endpoint.port);
    request.set(http::field::content_type, "application/x-amz-json-1.0");
    request.set("X-Amz-Target", "DynamoDB_20120810." + operation);
    request.set("X-Amz-Date", "20200101T000000Z");
    request.set(http::field::authorization,
                "AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/dynamodb/aws4_request, "
                "SignedHeaders=host;x-amz-date, Signature=0");
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(stream, request);

    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    // Close only after the whole response is in: dynalite 4.0.0 crashes on a client that
    // hangs up mid-request.
    boost::system::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);

    raw_reply reply;
    reply.status = response.result_int();
    reply.body = std::move(response.body());
    reply.json.Parse(reply.body.c_str());
    INFO("response body: " << reply.body);
    REQUIRE_FALSE(reply.json.HasParseError());
    REQUIRE(reply.json.IsObject());
    return reply;
}

// Sets or removes one environment variable for the scope, and puts the old value back.
class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        if (value == nullptr) {
            ::unsetenv(name);
        } else {
            ::setenv(name, value, 1);
        }
    }
    ~scoped_env() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

bool is_valid_table_name(const std::string& name) {
    if (name.size() < 3 || name.size() > 255) {
        return false;
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("parse_endpoint splits host and port and rejects what a client could not use") {
    auto parts = parse_endpoint("http://127.0.0.1:8000");
    CHECK(parts.scheme == "http");
    CHECK(parts.host == "127.0.0.1");
    CHECK(parts.port == "8000");

    parts = parse_endpoint("https://dynamodb.us-east-1.amazonaws.com/");
    CHECK(parts.host == "dynamodb.us-east-1.amazonaws.com");
    CHECK(parts.port == "443");
    CHECK(parse_endpoint("http://localhost").port == "80");

    CHECK_THROWS_AS(parse_endpoint("127.0.0.1:8000"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("ftp://127.0.0.1:21"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://:8000"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://127.0.0.1:"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://127.0.0.1:0"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://127.0.0.1:65536"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://127.0.0.1:80x"), std::invalid_argument);
    CHECK_THROWS_AS(parse_endpoint("http://127.0.0.1:8000/tables"), std::invalid_argument);
}

TEST_CASE("the server helpers refuse a missing or unknown server instead of guessing") {
    const std::string kind = server_name() == "moto" ? "moto" : "dynalite";
    CHECK(kind == std::getenv("DYNAQ_TEST_SERVER"));
    CHECK(server_has_transactions() == (server_kind() == server_type::moto));

    SECTION("no endpoint") {
        scoped_env unset("DYNAQ_TEST_ENDPOINT", nullptr);
        CHECK_THROWS_WITH(test_endpoint(), Catch::Contains("DYNAQ_TEST_ENDPOINT is not set"));
    }
    SECTION("malformed endpoint") {
        scoped_env bad("DYNAQ_TEST_ENDPOINT", "127.0.0.1:8000");
        CHECK_THROWS_AS(test_endpoint(), std::invalid_argument);
    }
    SECTION("no server kind") {
        scoped_env unset("DYNAQ_TEST_SERVER", nullptr);
        CHECK_THROWS_WITH(server_kind(), Catch::Contains("DYNAQ_TEST_SERVER is not set"));
        CHECK_THROWS(server_has_transactions());
    }
    SECTION("unknown server kind") {
        scoped_env bad("DYNAQ_TEST_SERVER", "dynamodb-local");
        CHECK_THROWS_WITH(server_kind(), Catch::Contains("dynamodb-local"));
    }
    // The scoped_env destructors must have restored the real values.
    CHECK(server_name() == kind);
    CHECK_NOTHROW(test_endpoint());
}

TEST_CASE("unique table names are distinct, per process and valid DynamoDB names") {
    const auto& prefix = table_prefix();
    REQUIRE(is_valid_table_name(prefix));

    std::set<std::string> names;
    for (int i = 0; i < 500; ++i) {
        const auto name = unique_table_name(i % 2 == 0 ? "users" : "orders.v2");
        CHECK(name.rfind(prefix + '-', 0) == 0);
        CHECK(is_valid_table_name(name));
        names.insert(name);
    }
    CHECK(names.size() == 500);
    CHECK(is_valid_table_name(unique_table_name()));
    CHECK(is_valid_table_name(unique_table_name("x")));

    CHECK_THROWS_AS(unique_table_name(""), std::invalid_argument);
    CHECK_THROWS_AS(unique_table_name("has space"), std::invalid_argument);
    CHECK_THROWS_AS(unique_table_name("slash/name"), std::invalid_argument);
    CHECK_THROWS_AS(unique_table_name(std::string(250, 'a')), std::invalid_argument);
}

TEST_CASE("the server behind DYNAQ_TEST_ENDPOINT answers DynamoDB calls") {
    const auto reply = call_raw("ListTables", "{}");
    INFO(server_name() << " said: " << reply.body);
    CHECK(reply.status == 200);
    REQUIRE(reply.json.HasMember("TableNames"));
    CHECK(reply.json["TableNames"].IsArray());
}

TEST_CASE("server_has_transactions() matches what the server really does") {
    const auto reply = call_raw("TransactGetItems", R"({"TransactItems":[]})");
    INFO(server_name() << " said: " << reply.status << ' ' << reply.body);
    const bool unknown_operation =
        reply.status == 400 && reply.json.HasMember("__type") && reply.json["__type"].IsString() &&
        std::string(reply.json["__type"].GetString()).find("UnknownOperationException") !=
            std::string::npos;
    // An empty request may well be rejected as invalid; what matters is whether the server
    // knows the operation at all.
    CHECK(unknown_operation == !server_has_transactions());
}

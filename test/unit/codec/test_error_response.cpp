#include "codec/error_response.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

// Runs throw_error_response and returns what it threw, as the most derived class `E`.
template <class E>
E thrown(int status, std::string_view body, std::string request_id = "RID") {
    try {
        throw_error_response(status, body, std::move(request_id));
    } catch (const E& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    FAIL("nothing thrown");
    throw; // unreachable: FAIL throws
}

} // namespace

TEST_CASE("the code is the part of __type after the last '#'") {
    auto r = decode_error_response(
        R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
        R"("message":"The conditional request failed"})");
    CHECK(r.code == "ConditionalCheckFailedException");
    CHECK(r.message == "The conditional request failed");
    CHECK(r.reasons.empty());

    CHECK(decode_error_response(R"({"__type":"ThrottlingException"})").code ==
          "ThrottlingException");
    CHECK(decode_error_response(R"({"__type":"a#b#LastOne"})").code == "LastOne");
    CHECK(decode_error_response(
              R"({"__type":"com.amazon.coral.validate#ValidationException:http://x/"})")
              .code == "ValidationException");
    CHECK(decode_error_response(R"({"__type":"#"})").code.empty());
}

TEST_CASE("the message comes from message or Message") {
    CHECK(decode_error_response(R"({"__type":"X","Message":"upper"})").message == "upper");
    CHECK(decode_error_response(R"({"__type":"X","message":"lower","Message":"upper"})").message ==
          "lower");
    CHECK(decode_error_response(R"({"__type":"X","message":{}})").message.empty());
    CHECK(decode_error_response(R"({"__type":"X"})").message.empty());
}

TEST_CASE("cancellation reasons are kept in request order") {
    const auto r = decode_error_response(R"({
        "__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
        "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
        "CancellationReasons":[
            {"Code":"None"},
            {"Code":"ConditionalCheckFailed","Message":"The conditional request failed",
             "Item":{"pk":{"S":"a"}}},
            "garbage",
            {"Code":"ThrottlingError","message":"lower-case key"}
        ]})");
    CHECK(r.code == "TransactionCanceledException");
    REQUIRE(r.reasons.size() == 4);
    CHECK(r.reasons[0].code == "None");
    CHECK(r.reasons[0].message.empty());
    CHECK(r.reasons[1].code == "ConditionalCheckFailed");
    CHECK(r.reasons[1].message == "The conditional request failed");
    // A malformed entry keeps its place so positions still match the transaction's items.
    CHECK(r.reasons[2].code.empty());
    CHECK(r.reasons[3].code == "ThrottlingError");
    CHECK(r.reasons[3].message == "lower-case key");
    CHECK(decode_error_response(R"({"__type":"X","CancellationReasons":{}})").reasons.empty());
}

TEST_CASE("bodies that are not error documents decode to an empty code") {
    const std::string bodies[] = {
        "",
        "<html><body>502 Bad Gateway</body></html>",
        R"({"__type":"X")",
        R"({"__type":["X"]})",
        R"({"__type":null,"message":"m"})",
        "[1,2]",
        std::string("\0\xFF\xFE", 3),
    };
    for (const auto& body : bodies) {
        INFO(body);
        CHECK(decode_error_response(body).code.empty());
    }
    CHECK(decode_error_response(R"({"__type":null,"message":"m"})").message == "m");
}

TEST_CASE("decoding never throws, whatever the bytes") {
    std::mt19937 rng(99);
    const std::string seed =
        R"({"__type":"a#B","message":"m","CancellationReasons":[{"Code":"None"}]})";
    int intact = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string body = seed;
        for (int k = 0; k < 2; ++k)
            body[rng() % body.size()] = static_cast<char>(rng() % 256);
        const ErrorResponse r = decode_error_response(body);
        CHECK(r.code.find('#') == std::string::npos);
        intact += r.code == "B" ? 1 : 0;
    }
    // Mutations outside the type name leave some documents intact.
    CHECK(intact > 0);
    CHECK(intact < 2000);
}

TEST_CASE("throw_error_response raises the class for the code") {
    const auto e = thrown<ConditionalCheckFailedError>(
        400,
        R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
        R"("message":"The conditional request failed"})",
        "REQ1");
    CHECK(e.code() == "ConditionalCheckFailedException");
    CHECK(e.message() == "The conditional request failed");
    CHECK(e.http_status() == 400);
    CHECK(e.request_id() == "REQ1");

    const auto t = thrown<TransactionCanceledError>(
        400, R"({"__type":"x#TransactionCanceledException","Message":"m",)"
             R"("CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed"}]})");
    REQUIRE(t.reasons().size() == 2);
    CHECK(t.reasons()[1].code == "ConditionalCheckFailed");

    CHECK(thrown<ThrottlingError>(400, R"({"__type":"ThrottlingException"})").code() ==
          "ThrottlingException");
    CHECK(
        thrown<ResourceNotFoundError>(400, R"({"__type":"x#ResourceNotFoundException"})").code() ==
        "ResourceNotFoundException");
}

TEST_CASE("a body that is not an error document still gives a ServiceError") {
    const auto bad_gateway = thrown<InternalServerError>(
        502, "<html>\r\n  <body>\tBad\x01 Gateway\xC3\xA9</body>\n</html>\n");
    CHECK(bad_gateway.code() == "HTTP502");
    CHECK(bad_gateway.message() == "<html> <body> Bad? Gateway?"
                                   "?</body> </html>");

    const auto unavailable = thrown<ServiceUnavailableError>(503, "");
    CHECK(unavailable.code() == "HTTP503");
    CHECK(unavailable.message().empty());

    // A JSON body without __type keeps its message.
    const auto denied = thrown<ServiceError>(403, R"({"message":"Missing Authentication Token"})");
    CHECK(denied.code() == "HTTP403");
    CHECK(denied.message() == "Missing Authentication Token");

    // Long bodies are cut to a bounded excerpt.
    const auto huge = thrown<InternalServerError>(500, std::string(100000, 'x'));
    CHECK(huge.message().size() == 203);
    CHECK(huge.message().substr(200) == "...");
    CHECK(thrown<InternalServerError>(500, std::string(200, 'y') + "   ").message() ==
          std::string(200, 'y'));
}

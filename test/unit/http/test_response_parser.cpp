// The HTTP response parser alone, without a socket: what it keeps of a response, and what it
// refuses (the rest of the HTTP grammar is Beast's, fuzzed by test/fuzz/fuzz_http_head).
#include "http/http_response_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

#include <string>

using dynaq::detail::ResponseParser;

namespace {

struct Parsed {
    boost::beast::error_code ec;
    int status = 0;
    std::string body;
    std::string request_id;
    std::optional<std::uint32_t> crc32;
    bool crc32_malformed = false;
};

Parsed parse(const std::string& text, std::uint64_t limit = 1 << 20) {
    Parsed out;
    ResponseParser parser(out.body, limit);
    parser.put(boost::asio::buffer(text), out.ec);
    if (!out.ec && !parser.is_done())
        parser.put_eof(out.ec);
    out.status = parser.status();
    out.request_id = parser.request_id();
    out.crc32 = parser.crc32();
    out.crc32_malformed = parser.crc32_malformed();
    return out;
}

} // namespace

TEST_CASE("the parser keeps the status, the body, the request id and the checksum") {
    const Parsed p = parse("HTTP/1.1 200 OK\r\nX-Amzn-RequestId: R1\r\nx-amz-crc32: 2745614147\r\n"
                           "Content-Length: 2\r\n\r\n{}");
    CHECK_FALSE(p.ec);
    CHECK(p.status == 200);
    CHECK(p.body == "{}");
    CHECK(p.request_id == "R1");
    CHECK(p.crc32 == 2745614147u);
    CHECK_FALSE(p.crc32_malformed);

    const Parsed chunked = parse("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n"
                                 "x-amz-crc32: 12x\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    CHECK_FALSE(chunked.ec);
    CHECK(chunked.status == 400);
    CHECK(chunked.body == "{}");
    CHECK_FALSE(chunked.crc32);
    CHECK(chunked.crc32_malformed);

    // Two checksums, even one of them good, leave nothing to check against (fuzz_http_head).
    const Parsed twice = parse("HTTP/1.1 200 OK\r\nx-amz-crc32: 2745614147\r\nx-amz-crc32: 1\r\n"
                               "Content-Length: 2\r\n\r\n{}");
    CHECK_FALSE(twice.crc32);
    CHECK(twice.crc32_malformed);
}

TEST_CASE("a status below 100 is a broken response, not one to classify") {
    for (const char* status : {"000", "006", "099"}) {
        INFO(status);
        const Parsed p =
            parse(std::string("HTTP/1.1 ") + status + " X\r\nContent-Length: 0\r\n\r\n");
        CHECK(p.ec == boost::beast::http::error::bad_status);
        CHECK(p.status == 0);
    }
    CHECK(parse("HTTP/1.1 100 Continue\r\n\r\n").status == 100);
}

TEST_CASE("the body limit holds") {
    const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 4);
    CHECK(p.ec == boost::beast::http::error::body_limit);
}

// The canonical-request pieces on their own, beyond what the AWS suite exercises.
#include "canonical.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

std::string encoded(std::string_view text) {
    std::string out;
    append_uri_encoded(out, text);
    return out;
}

std::string path(std::string_view p, bool double_encode = true) {
    std::string out;
    append_canonical_path(out, p, double_encode);
    return out;
}

std::string query(std::string_view q) {
    std::string out;
    append_canonical_query(out, q);
    return out;
}

std::string trimmed(std::string_view v) {
    std::string out;
    append_trimmed(out, v);
    return out;
}

struct HeaderResult {
    std::string block;
    std::string signed_headers;
};

HeaderResult headers(std::vector<HttpHeader> request, std::vector<HttpHeader> own = {}) {
    HeaderScratch scratch;
    HeaderResult r;
    append_canonical_headers(r.block, r.signed_headers, request, own, scratch);
    return r;
}

} // namespace

TEST_CASE("URI encoding keeps exactly the RFC 3986 unreserved characters") {
    CHECK(encoded("AZaz09-._~") == "AZaz09-._~");
    CHECK(
        encoded(" !\"#$%&'()*+,/:;<=>?@[\\]^`{|}") ==
        "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D");
    CHECK(encoded("\xE1\x88\xB4") == "%E1%88%B4"); // U+1234, uppercase hex
    CHECK(encoded(std::string_view("\0\x7f\xff", 3)) == "%00%7F%FF");
    CHECK(encoded("").empty());
}

TEST_CASE("canonical path for non-S3 services: normalised, then encoded again") {
    CHECK(path("/") == "/");
    CHECK(path("/a/b") == "/a/b");
    CHECK(path("/a b/c") == "/a%20b/c");
    // Already percent-encoded on the request line: encoded once more ("double encoding").
    CHECK(path("/a%20b") == "/a%2520b");
    CHECK(path("/caf\xC3\xA9") == "/caf%C3%A9");
    CHECK(path("/k=v&x;y,z*") == "/k%3Dv%26x%3By%2Cz%2A");
    CHECK(path("/a/./b/../c") == "/a/c");
    CHECK(path("/a/b/..") == "/a/");
    CHECK(path("/a/b/.") == "/a/b/");
    CHECK(path("/..") == "/");
    CHECK(path("/../../a") == "/a");
    CHECK(path("//a///b//") == "/a/b/");
    CHECK(path("/a.b/..c/.d") == "/a.b/..c/.d"); // dots inside names are not dot segments
}

TEST_CASE("canonical path for S3 is the path as sent") {
    CHECK(path("/a%20b//./c", false) == "/a%20b//./c");
    CHECK(path("/", false) == "/");
}

TEST_CASE("canonical query: encoded, sorted by name then value") {
    CHECK(query("") == "");
    CHECK(query("b=2&a=1") == "a=1&b=2");
    CHECK(query("a=2&a=1&a=10") == "a=1&a=10&a=2");
    // Upper case sorts before lower case (byte order), as the AWS suite's key-case test wants.
    CHECK(query("b=1&B=2&a=3") == "B=2&a=3&b=1");
    CHECK(query("flag&x=") == "flag=&x=");
    CHECK(query("&&a=1&&") == "a=1");
    CHECK(query("k=a=b") == "k=a%3Db");
}

TEST_CASE("canonical query: raw and percent-encoded spellings sign the same") {
    CHECK(query("q=x y") == "q=x%20y");
    CHECK(query("q=x%20y") == "q=x%20y");
    CHECK(query("q=x%2fy") == "q=x%2Fy"); // escapes are normalised to uppercase
    CHECK(query("q=a/b:c@d") == "q=a%2Fb%3Ac%40d");
    CHECK(query("%E1%88%B4=bar") == "%E1%88%B4=bar");
    CHECK(query("\xE1\x88\xB4=bar") == "%E1%88%B4=bar");
    CHECK(query("q=%7E%41") == "q=~A"); // escaped unreserved characters come back plain
    // '+' is not a space in SigV4, and a '%' without two hex digits is a literal percent.
    CHECK(query("q=a+b") == "q=a%2Bb");
    CHECK(query("q=100%") == "q=100%25");
    CHECK(query("q=%zz%4") == "q=%25zz%254");
}

TEST_CASE("canonical query sorts by the encoded form") {
    // Raw, '{' (0x7B) sorts after 'a'; encoded as "%7B" it sorts before letters.
    CHECK(query("a=1&{=2") == "%7B=2&a=1");
    CHECK(query("k=a&k={") == "k=%7B&k=a");
}

TEST_CASE("header values are trimmed and runs of blanks collapsed") {
    CHECK(trimmed("value") == "value");
    CHECK(trimmed("  a   b \t c  ") == "a b c");
    CHECK(trimmed("\"a   b   c\"") == "\"a b c\"");
    CHECK(trimmed("   ").empty());
    CHECK(trimmed("").empty());
}

TEST_CASE("canonical headers: lowercased, sorted, repeated names joined in order") {
    const auto r = headers({{"X-Amz-Target", "DynamoDB_20120810.GetItem"},
                            {"Host", "dynamodb.us-east-1.amazonaws.com"},
                            {"My-Header", "b"},
                            {"content-TYPE", " application/x-amz-json-1.0 "},
                            {"my-header", "  a  "}},
                           {{"x-amz-date", "20150830T123600Z"}});
    CHECK(r.block == "content-type:application/x-amz-json-1.0\n"
                     "host:dynamodb.us-east-1.amazonaws.com\n"
                     "my-header:b,a\n"
                     "x-amz-date:20150830T123600Z\n"
                     "x-amz-target:DynamoDB_20120810.GetItem\n");
    CHECK(r.signed_headers == "content-type;host;my-header;x-amz-date;x-amz-target");
}

TEST_CASE("canonical headers: an empty value is kept") {
    const auto r = headers({{"host", "h"}, {"x-empty", "   "}});
    CHECK(r.block == "host:h\nx-empty:\n");
    CHECK(r.signed_headers == "host;x-empty");
}

TEST_CASE("canonical headers refuse what cannot be signed") {
    const std::vector<HttpHeader> own{{"x-amz-date", "20150830T123600Z"}};
    CHECK_THROWS_AS(headers({{"content-type", "x"}}, own), InvalidArgumentError);
    CHECK_THROWS_WITH(headers({{"content-type", "x"}}, own), Catch::Contains("host"));
    CHECK_THROWS_AS(headers({{"host", "h"}, {"X-Amz-Date", "20200101T000000Z"}}, own),
                    InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"Authorization", "x"}}, own), InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"", "x"}}, own), InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"bad name", "x"}}, own), InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"bad:name", "x"}}, own), InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"x-a", "one\r\nx-b: two"}}, own),
                    InvalidArgumentError);
    CHECK_THROWS_AS(headers({{"host", "h"}, {"x-a", "one\ntwo"}}, own), InvalidArgumentError);
}

TEST_CASE("canonical headers: many headers still sort stably") {
    std::vector<std::string> names;
    for (int i = 40; i-- > 0;)
        names.push_back("x-h" + std::to_string(i % 20));
    std::vector<HttpHeader> request{{"host", "h"}};
    std::vector<std::string> values;
    values.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        values.push_back(std::to_string(i));
    for (std::size_t i = 0; i < names.size(); ++i)
        request.push_back({names[i], values[i]});
    const auto r = headers(request);
    // x-h19 appears at positions 0 and 20 (values "0" and "20"), in that order.
    CHECK(r.block.find("x-h19:0,20\n") != std::string::npos);
    CHECK(r.block.starts_with("host:h\nx-h0:19,39\nx-h1:18,38\nx-h10:9,29\n"));
}

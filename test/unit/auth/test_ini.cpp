#include "auth_test_support.hpp"
#include "ini.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

IniDocument parse(std::string_view text) {
    return parse_ini(text, "test.ini");
}

std::string error_of(std::string_view text) {
    return test::config_error_of([&] { return parse(text); });
}

} // namespace

TEST_CASE("ini: sections, properties, comments and whitespace") {
    const auto doc = parse("# leading comment\n"
                           "; another\n"
                           "\n"
                           "[default]\n"
                           "aws_access_key_id = AKID\n"
                           "Region=us-east-1  \n"
                           "OUTPUT \t=\tjson\t\n"
                           "[ profile dev ]   # a comment after the header\n"
                           "empty =\n"
                           "with_equals = a=b=c\n");
    REQUIRE(doc.size() == 2);
    const auto& def = doc.at("default");
    CHECK(def.at("aws_access_key_id") == "AKID");
    CHECK(def.at("region") == "us-east-1"); // keys are lowercased
    CHECK(def.at("output") == "json");
    const auto& dev = doc.at("profile dev");
    CHECK(dev.at("empty").empty());
    CHECK(dev.at("with_equals") == "a=b=c");
}

TEST_CASE("ini: inline comments need whitespace before them") {
    const auto doc = parse("[s]\n"
                           "a = value # comment\n"
                           "b = value ; comment\n"
                           "c = pass#word;x\n"
                           "d = # only a comment\n");
    const auto& s = doc.at("s");
    CHECK(s.at("a") == "value");
    CHECK(s.at("b") == "value");
    CHECK(s.at("c") == "pass#word;x");
    CHECK(s.at("d").empty());
}

TEST_CASE("ini: CRLF line ends and a UTF-8 byte order mark") {
    const auto doc = parse("\xEF\xBB\xBF[default]\r\nregion = eu-west-1\r\n\r\nkey=v\r\n");
    CHECK(doc.at("default").at("region") == "eu-west-1");
    CHECK(doc.at("default").at("key") == "v");
}

TEST_CASE("ini: repeated sections merge and repeated keys override") {
    const auto doc = parse("[a]\nx = 1\ny = 2\n[b]\nz = 3\n[a]\nx = 9\n");
    CHECK(doc.at("a").at("x") == "9");
    CHECK(doc.at("a").at("y") == "2");
    CHECK(doc.at("b").at("z") == "3");
}

TEST_CASE("ini: deeper-indented lines continue the property above") {
    const auto doc = parse("[profile dev]\n"
                           "s3 =\n"
                           "  max_concurrent_requests = 10\n"
                           "\n"
                           "  # a comment inside\n"
                           "  multipart_threshold = 64MB\n"
                           "region = us-west-2\n"
                           "  [looks like a section]\n"
                           "    indented = property\n"
                           "    next = one\n");
    const auto& dev = doc.at("profile dev");
    CHECK(dev.at("s3") == "max_concurrent_requests = 10\nmultipart_threshold = 64MB");
    CHECK(dev.at("region") == "us-west-2\n[looks like a section]\nindented = property\nnext = one");
}

TEST_CASE("ini: a file indented as a whole is read line by line") {
    const auto doc = parse("  [default]\n  region = us-east-1\n  output = json\n");
    CHECK(doc.at("default").at("region") == "us-east-1");
    CHECK(doc.at("default").at("output") == "json");
}

TEST_CASE("ini: malformed lines are ConfigErrors with file and line") {
    CHECK(error_of("key = value\n") == "test.ini:1: property before any [section]");
    CHECK(error_of("[s]\n\nnot a property\n") ==
          "test.ini:3: expected 'key = value', a [section] or a comment");
    CHECK(error_of("[s]\n = value\n") == "test.ini:2: property without a key before '='");
    CHECK(error_of("# c\n[default\n") == "test.ini:2: section header has no closing ']'");
    CHECK(error_of("[  ]\n") == "test.ini:1: empty section name");
    CHECK(error_of("[a] b\n") == "test.ini:1: unexpected text after the section header");
    CHECK(error_of("[s]\r\nx = 1\r\noops\r\n").starts_with("test.ini:3: "));
}

TEST_CASE("ini: empty and comment-only texts have no sections") {
    CHECK(parse("").empty());
    CHECK(parse("\n\n# nothing\n; here\n").empty());
    CHECK(parse("[empty]\n").at("empty").empty());
}

TEST_CASE("ini files: missing, readable, malformed, not a file") {
    const test::TempDir dir;
    CHECK_FALSE(load_ini_file(dir.path() + "/absent").has_value());

    const auto good = dir.write("good", "[default]\nregion = ap-south-1\n");
    const auto doc = load_ini_file(good);
    REQUIRE(doc.has_value());
    CHECK(doc->at("default").at("region") == "ap-south-1");

    const auto bad = dir.write("bad", "[default]\nregion\n");
    CHECK_THROWS_WITH(load_ini_file(bad), Catch::StartsWith(bad + ":2: expected"));

    CHECK_THROWS_AS(load_ini_file(dir.path()), ConfigError); // a directory
}

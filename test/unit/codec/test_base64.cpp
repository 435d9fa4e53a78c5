#include "codec/base64.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace dynaq::detail;

TEST_CASE("base64 matches the RFC 4648 test vectors") {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        INFO(plain);
        CHECK(base64_encode(plain) == encoded);
        CHECK(base64_encoded_size(std::string_view(plain).size()) ==
              std::string_view(encoded).size());
        const auto decoded = base64_decode(encoded);
        REQUIRE(decoded);
        CHECK(*decoded == plain);
    }
}

TEST_CASE("base64 round-trips every byte value and every tail length") {
    std::string all;
    for (int i = 0; i < 256; ++i)
        all.push_back(static_cast<char>(i));
    for (std::size_t len = 0; len <= all.size(); ++len) {
        const std::string bytes = all.substr(all.size() - len);
        const std::string text = base64_encode(bytes);
        CHECK(text.size() == base64_encoded_size(len));
        const auto back = base64_decode(text);
        REQUIRE(back);
        CHECK(*back == bytes);
    }
    CHECK(base64_encode(std::string("\xFB\xFF\xBF", 3)) == "+/+/");
}

TEST_CASE("base64 encoding appends") {
    std::string out = "x:";
    base64_encode("foo", out);
    CHECK(out == "x:Zm9v");
}

TEST_CASE("base64 decoding is strict") {
    const char* bad[] = {
        "Zg=", // length not a multiple of 4
        "Zg",  // padding missing
        "Z",        "Zm9vY",
        "Z===", // too much padding
        "====",     "=Zm9",
        "Zh==",             // non-zero bits in the unused part
        "Zm9=",             // likewise, one '='
        "Zg==Zg==",         // padding in the middle
        "Zm 9",             // whitespace
        "Zm9v\n",   "Z-9v", // URL-safe alphabet
        "Z_9v",     "Zm9v====", "Zm.v", "Zm9\xC3",
    };
    for (const char* text : bad) {
        INFO(text);
        CHECK_FALSE(base64_decode(text));
    }
    CHECK_FALSE(base64_decode(std::string_view("Zm\09", 4)));
}

TEST_CASE("base64 decoding failure leaves the output as it was") {
    std::string out = "keep";
    CHECK_FALSE(base64_decode("Zm9vYmF!", out));
    CHECK(out == "keep");
    CHECK_FALSE(base64_decode("Zh==", out));
    CHECK(out == "keep");
    CHECK(base64_decode("Zm8=", out));
    CHECK(out == "keepfo");
}

// Item sizes by DynamoDB's documented rules ("DynamoDB item sizes and formats"), and the
// 400 KB item limit as prepare_write enforces it.
#include "table/batch_plan.hpp"
#include "table/item_size.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

std::size_t number_size(const char* text) {
    return attribute_size(Number(text));
}

const std::vector<std::string> pk_only{"pk"};

} // namespace

TEST_CASE("item_size: strings count their UTF-8 bytes") {
    CHECK(attribute_size("") == 0);
    CHECK(attribute_size("abc") == 3);
    CHECK(attribute_size("\xC3\xA9") == 2);                 // é
    CHECK(attribute_size("\xE6\x97\xA5\xE6\x9C\xAC") == 6); // 日本
    CHECK(attribute_size("\xF0\x9F\x98\x80") == 4);         // one emoji
}

TEST_CASE("item_size: binaries count their raw bytes, not their base64 length") {
    CHECK(attribute_size(Binary()) == 0);
    CHECK(attribute_size(Binary(std::string("\0\1\2", 3))) == 3);
    CHECK(attribute_size(Binary(std::string(300, '\xFF'))) == 300);
}

TEST_CASE("item_size: numbers take one byte per two significant digits, plus one") {
    CHECK(number_size("0") == 1);
    CHECK(number_size("-0.000e5") == 1);
    CHECK(number_size("7") == 2);
    CHECK(number_size("12") == 2);
    CHECK(number_size("123") == 3);
    CHECK(number_size("1234") == 3);
    CHECK(number_size("-12345") == 4);
}

TEST_CASE("item_size: leading and trailing zeros are not significant") {
    CHECK(number_size("1000000") == 2);
    CHECK(number_size("0012300") == 3);
    CHECK(number_size("1.2300") == 3);
    CHECK(number_size("0.000123") == 3);
    CHECK(number_size("+00.5") == 2);
    // Zeros between significant digits count.
    CHECK(number_size("100.001") == 4);
    CHECK(number_size("10000000000000000000000000000000000001") == 20);
}

TEST_CASE("item_size: the exponent does not add digits") {
    CHECK(number_size("1e10") == 2);
    CHECK(number_size("1E+125") == 2);
    CHECK(number_size("1.5e-100") == 2);
    CHECK(number_size("12.34E2") == 3);
    CHECK(number_size("10e-1") == 2);
}

TEST_CASE("item_size: 38 significant digits take 20 bytes") {
    CHECK(number_size("12345678901234567890123456789012345678") == 20);
    CHECK(number_size("-1.2345678901234567890123456789012345678e-50") == 20);
    CHECK(number_size("1234567890123456789012345678901234567") == 20); // 37 digits, rounded up
}

TEST_CASE("item_size: BOOL and NULL take one byte") {
    CHECK(attribute_size(true) == 1);
    CHECK(attribute_size(false) == 1);
    CHECK(attribute_size(Null{}) == 1);
    CHECK(attribute_size(AttributeValue()) == 1);
}

TEST_CASE("item_size: sets are the sum of their members") {
    CHECK(attribute_size(StringSet{"a", "bcd"}) == 4);
    CHECK(attribute_size(NumberSet{Number(1), Number(123), Number("1000")}) == 2 + 3 + 2);
    CHECK(attribute_size(BinarySet{Binary("xy"), Binary(std::string("\0", 1))}) == 3);
}

TEST_CASE("item_size: lists cost 3 bytes plus one per element plus the elements") {
    CHECK(attribute_size(List{}) == 3);
    CHECK(attribute_size(List{"ab"}) == 3 + 1 + 2);
    CHECK(attribute_size(List{"ab", 12, true, Null{}}) ==
          3 + (1 + 2) + (1 + 2) + (1 + 1) + (1 + 1));
}

TEST_CASE("item_size: maps also count their member names") {
    CHECK(attribute_size(Map{}) == 3);
    CHECK(attribute_size(Map{{"a", "xy"}}) == 3 + 1 + 1 + 2);
    CHECK(attribute_size(Map{{"name", "x"}, {"n", 1}}) == 3 + (1 + 4 + 1) + (1 + 1 + 2));
    // A multi-byte member name counts its UTF-8 bytes.
    CHECK(attribute_size(Map{{"\xC3\xA9t\xC3\xA9", true}}) == 3 + 1 + 5 + 1);
}

TEST_CASE("item_size: nested lists and maps add up level by level") {
    const Map inner{{"k", true}};                  // 3 + (1 + 1 + 1) = 6
    const List list{inner, List{}};                // 3 + (1 + 6) + (1 + 3) = 14
    const AttributeValue outer = Map{{"l", list}}; // 3 + (1 + 1 + 14) = 19
    CHECK(attribute_size(inner) == 6);
    CHECK(attribute_size(list) == 14);
    CHECK(attribute_size(outer) == 19);
    CHECK(item_size(Item{{"doc", outer}}) == 3 + 19);
}

TEST_CASE("item_size: an item is the sum of names and values") {
    CHECK(item_size(Item{}) == 0);
    CHECK(item_size(Item{{"pk", "abc"}}) == 2 + 3);
    CHECK(item_size(Item{{"pk", "abc"}, {"n", 12}, {"ok", true}}) == (2 + 3) + (1 + 2) + (2 + 1));
    // Names count their UTF-8 bytes: two CJK characters are 6 bytes.
    CHECK(item_size(Item{{"\xE5\x90\x8D\xE5\x89\x8D", "x"}}) == 6 + 1);
}

TEST_CASE("item_size: an item of exactly 400 KB is accepted, one byte more is rejected") {
    // "pk" + "a" + "data" + the payload = 409600 bytes.
    const std::size_t payload = max_item_bytes - (2 + 1 + 4);
    Item at_limit{{"pk", "a"}, {"data", std::string(payload, 'x')}};
    REQUIRE(item_size(at_limit) == max_item_bytes);
    const PendingWrite accepted = prepare_write(PutRequest{at_limit}, pk_only);
    CHECK(accepted.bytes >= max_item_bytes);

    Item over{{"pk", "a"}, {"data", std::string(payload + 1, 'x')}};
    REQUIRE(item_size(over) == max_item_bytes + 1);
    CHECK_THROWS_AS(prepare_write(PutRequest{over}, pk_only), InvalidArgumentError);
    CHECK_THROWS_WITH(prepare_write(PutRequest{over}, pk_only),
                      "item {pk: \"a\"} is 409601 bytes; DynamoDB's limit is 409600");
}

TEST_CASE("item_size: multi-byte characters count toward the limit by their bytes") {
    // 409600 - 7 bytes of names and key, in 3-byte characters: one character too many.
    const std::size_t chars = (max_item_bytes - (2 + 1 + 4)) / 3 + 1;
    std::string text;
    for (std::size_t i = 0; i < chars; ++i)
        text += "\xE2\x82\xAC"; // €
    Item item{{"pk", "a"}, {"data", text}};
    CHECK(item_size(item) > max_item_bytes);
    CHECK_THROWS_AS(prepare_write(PutRequest{item}, pk_only), InvalidArgumentError);
}

TEST_CASE("item_size: the batch request limit holds 25 items of the maximum size") {
    CHECK(max_item_bytes == 409'600);
    CHECK(max_batch_request_bytes == 16'777'216);
    CHECK(25 * max_item_bytes < max_batch_request_bytes);
}

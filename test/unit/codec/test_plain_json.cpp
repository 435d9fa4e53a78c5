#include <dynaq/plain_json.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace dynaq;

namespace {

std::string item_error(std::string_view json, const PlainJsonOptions& options = {}) {
    try {
        (void)item_from_plain_json(json, options);
    } catch (const InvalidArgumentError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string value_error(std::string_view json) {
    try {
        (void)value_from_plain_json(json);
    } catch (const InvalidArgumentError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string write_error(const AttributeValue& v) {
    try {
        (void)to_plain_json(v);
    } catch (const InvalidArgumentError& e) {
        return e.what();
    }
    return "(no error)";
}

// The text of the N a plain JSON number reads as.
std::string number_text(std::string_view json) {
    return value_from_plain_json(json).as_number().text();
}

} // namespace

TEST_CASE("plain JSON scalars map to S, N, BOOL and NULL") {
    CHECK(value_from_plain_json(R"("x")") == AttributeValue("x"));
    CHECK(value_from_plain_json("true") == AttributeValue(true));
    CHECK(value_from_plain_json("false") == AttributeValue(false));
    CHECK(value_from_plain_json("null") == AttributeValue(Null{}));
    CHECK(value_from_plain_json("12").type() == Type::N);
    // A number in quotes is a string: the two never mix.
    CHECK(value_from_plain_json(R"("12")").type() == Type::S);
}

TEST_CASE("plain JSON numbers keep their exact text") {
    CHECK(number_text("0.1") == "0.1");
    CHECK(number_text("1e-130") == "1e-130");
    CHECK(number_text("-9.9999999999999999999999999999999999999E+125") ==
          "-9.9999999999999999999999999999999999999E+125");
    CHECK(number_text("12345678901234567890123456789012345678") ==
          "12345678901234567890123456789012345678");
    CHECK(number_text("0.30000000000000000000000000000000000001") ==
          "0.30000000000000000000000000000000000001");
    CHECK(number_text("100000000000000000000000000000000000000000000000000") ==
          "100000000000000000000000000000000000000000000000000");
    CHECK(number_text("-0") == "-0");
}

TEST_CASE("plain JSON rejects numbers DynamoDB rejects") {
    CHECK_THAT(value_error("123456789012345678901234567890123456789"),
               Catch::Contains("38 significant digits"));
    CHECK(value_error("1e-131") != "(no error)");
    CHECK(value_error("1e126") != "(no error)");
    CHECK_THAT(item_error(R"({"a":{"b":[1,1e130]}})"), Catch::StartsWith("a.b[1]: "));
}

TEST_CASE("arrays and objects become L and M, nested") {
    const Item item =
        item_from_plain_json(R"({"pk":"a","m":{"x":[1,"two",{"y":null}],"e":{}},"l":[[],[true]]})");
    const Item expected{
        {"pk", "a"},
        {"m", Map{{"x", List{1, "two", Map{{"y", Null{}}}}}, {"e", Map{}}}},
        {"l", List{List{}, List{true}}},
    };
    CHECK(item == expected);
}

TEST_CASE("tag objects give sets and binary") {
    const Item item = item_from_plain_json(
        R"({"ss":{"$SS":["a","b"]},"ns":{"$NS":[1,2.50]},"bs":{"$BS":["Zm9v",""]},"b":{"$B":"AAH/"}})");
    CHECK(item.at("ss") == AttributeValue(StringSet{"a", "b"}));
    CHECK(item.at("ns").as_number_set().values[1].text() == "2.50");
    CHECK(item.at("bs") == AttributeValue(BinarySet{Binary("foo"), Binary("")}));
    CHECK(item.at("b") == AttributeValue(Binary(std::string("\x00\x01\xFF", 3))));
}

TEST_CASE("objects that only look like tags are maps") {
    const Item item = item_from_plain_json(R"({"a":{"$SS":["x"],"other":1},"b":{"$X":1}})");
    CHECK(item.at("a").as_map().at("$SS") == AttributeValue(List{"x"}));
    CHECK(item.at("b").as_map().at("$X") == AttributeValue(1));
    // The item itself is always its attributes.
    const Item top = item_from_plain_json(R"({"$B":"AA=="})");
    CHECK(top.at("$B") == AttributeValue("AA=="));
}

TEST_CASE("$M keeps a tag-named map a map, and its members are still read with the rules") {
    const Item item = item_from_plain_json(R"({"m":{"$M":{"$B":{"$B":"Zm9v"}}}})");
    CHECK(item.at("m") == AttributeValue(Map{{"$B", Binary("foo")}}));
    // "$M" next to another member is an ordinary attribute whose value follows the rules.
    const Item two = item_from_plain_json(R"({"m":{"$M":{"$SS":["x"]},"k":1}})");
    CHECK(two.at("m").as_map().at("$M") == AttributeValue(StringSet{"x"}));
    CHECK_THAT(item_error(R"({"m":{"$M":[1]}})"), Catch::Contains("$M needs an object"));
}

TEST_CASE("bad tag contents are errors naming the path") {
    CHECK_THAT(item_error(R"({"s":{"$SS":[]}})"), Catch::StartsWith("s: empty string set"));
    CHECK_THAT(item_error(R"({"s":{"$SS":["a","a"]}})"), Catch::StartsWith("s: "));
    CHECK_THAT(item_error(R"({"s":{"$NS":[1,"1"]}})"),
               Catch::Contains("$NS members must be numbers"));
    CHECK_THAT(item_error(R"({"s":{"$NS":[1,1.0]}})"), Catch::StartsWith("s: "));
    CHECK_THAT(item_error(R"({"s":{"$SS":[1]}})"), Catch::Contains("must be strings"));
    CHECK_THAT(item_error(R"({"s":{"$SS":"a"}})"), Catch::Contains("needs an array"));
    CHECK_THAT(item_error(R"({"l":[0,{"$B":"Zm9"}]})"), Catch::StartsWith("l[1]: invalid base64"));
    CHECK_THAT(item_error(R"({"b":{"$B":7}})"), Catch::Contains("expected a base64 string"));
    CHECK_THAT(item_error(R"({"b":{"$BS":["Zm9v","Zm9v"]}})"), Catch::StartsWith("b: "));
}

TEST_CASE("malformed plain JSON is an error with its offset") {
    CHECK_THAT(item_error(R"({"a":1,})"), Catch::StartsWith("malformed JSON at offset 7"));
    CHECK_THAT(item_error(R"({"a":1} x)"), Catch::Contains("unexpected data after the value"));
    CHECK_THAT(item_error(std::string("{}\0x", 4)), Catch::Contains("offset 2"));
    CHECK_THAT(item_error(""), Catch::StartsWith("malformed JSON at offset 0"));
    CHECK_THAT(item_error("[1]"), Catch::Contains("expected a JSON object"));
    CHECK_THAT(item_error(R"("x")"), Catch::Contains("expected a JSON object"));
    CHECK_THAT(value_error("NaN"), Catch::StartsWith("malformed JSON"));
    CHECK_THAT(value_error("01"), Catch::StartsWith("malformed JSON"));
    CHECK(item_error(" {\"a\":1}\r\n") == "(no error)");
}

TEST_CASE("duplicate attribute names are rejected at any level") {
    CHECK_THAT(item_error(R"({"a":1,"a":2})"), Catch::Contains("duplicate attribute \"a\""));
    CHECK_THAT(item_error(R"({"m":{"x":1,"y":{"z":1,"z":1}}})"),
               Catch::StartsWith("m.y.z: duplicate attribute"));
}

TEST_CASE("strings and names must be valid UTF-8; escapes are decoded") {
    CHECK(value_from_plain_json(R"("tab\there \u00e9 \ud83d\ude00 \"q\"")") ==
          AttributeValue("tab\there \xC3\xA9 \xF0\x9F\x98\x80 \"q\""));
    CHECK_THAT(value_error("\"\xC3\x28\""), Catch::Contains("not valid UTF-8"));
    CHECK_THAT(value_error(R"("\udc00")"), Catch::Contains("not valid UTF-8"));
    CHECK_THAT(item_error("{\"\xFF\":1}"), Catch::Contains("attribute name is not valid UTF-8"));
    CHECK_THAT(write_error(AttributeValue(List{std::string("\xFF")})),
               Catch::StartsWith("[0]: string is not valid UTF-8"));
}

TEST_CASE("nesting is bounded") {
    std::string deep;
    for (int i = 0; i < 100; ++i)
        deep += '[';
    for (int i = 0; i < 100; ++i)
        deep += ']';
    CHECK_THAT(value_error(deep), Catch::Contains("nested too deeply"));
}

TEST_CASE("output is compact, in name order, and uses the tags") {
    const Item item{
        {"z", List{1, "x", true, Null{}}}, {"a", Map{{"k", Binary("foo")}}},
        {"ss", StringSet{"b", "a"}},       {"ns", NumberSet{Number("1.50"), Number("-2")}},
        {"bs", BinarySet{Binary("f")}},
    };
    CHECK(to_plain_json(item) ==
          R"({"a":{"k":{"$B":"Zm9v"}},"bs":{"$BS":["Zg=="]},"ns":{"$NS":[1.50,-2]},)"
          R"("ss":{"$SS":["b","a"]},"z":[1,"x",true,null]})");
    CHECK(to_plain_json(Item{}) == "{}");
    CHECK(to_plain_json(AttributeValue("q\"\n")) == R"("q\"\n")");
}

TEST_CASE("numbers come out as valid JSON with the same digits") {
    CHECK(to_plain_json(AttributeValue(Number("+5"))) == "5");
    CHECK(to_plain_json(AttributeValue(Number(".5"))) == "0.5");
    CHECK(to_plain_json(AttributeValue(Number("-5."))) == "-5");
    CHECK(to_plain_json(AttributeValue(Number("007.25e+3"))) == "7.25e+3");
    CHECK(to_plain_json(AttributeValue(Number("0.000"))) == "0.000");
    CHECK(to_plain_json(AttributeValue(Number("1E-130"))) == "1E-130");
    // Every one reads back as the same number.
    for (const char* text : {"+5", ".5", "-5.", "007.25e+3", "-00.1", "5.E3"}) {
        const AttributeValue original{Number(text)};
        CHECK(value_from_plain_json(to_plain_json(original)) == original);
    }
}

TEST_CASE("output a map would misread is wrapped in $M") {
    const Item item{{"m", Map{{"$SS", List{"x"}}}}, {"n", Map{{"$M", Map{}}}}};
    const std::string text = to_plain_json(item);
    CHECK(text == R"({"m":{"$M":{"$SS":["x"]}},"n":{"$M":{"$M":{}}}})");
    CHECK(item_from_plain_json(text) == item);
}

TEST_CASE("every item round-trips through plain JSON") {
    const Item item{
        {"s", "hello \xE2\x82\xAC"},
        {"n", Number("-12.50")},
        {"big", Number("99999999999999999999999999999999999999")},
        {"tiny", Number("1e-130")},
        {"b", Binary(std::string("\x00\x01\xFF", 3))},
        {"ss", StringSet{"b", "a"}},
        {"ns", NumberSet{Number("1"), Number("1e2"), Number("-0.5")}},
        {"bs", BinarySet{Binary("x"), Binary("")}},
        {"m", Map{{"inner", List{1, "two", Map{}}}, {"empty", ""}, {"$B", "plain"}}},
        {"l", List{true, Null{}, List{}, StringSet{"q"}}},
        {"null", Null{}},
        {"yes", true},
    };
    const Item back = item_from_plain_json(to_plain_json(item));
    CHECK(back == item);
    CHECK(back.at("tiny").as_number().text() == "1e-130");
}

TEST_CASE("empty and repeated sets cannot be written") {
    CHECK_THAT(write_error(AttributeValue(StringSet{})), Catch::Contains("empty string set"));
    CHECK_THAT(write_error(AttributeValue(NumberSet{Number("1"), Number("1.0")})),
               Catch::Contains("number set"));
}

TEST_CASE("binary attributes read and write plain base64 strings") {
    PlainJsonOptions options;
    options.binary_attributes = {"photo", "sig"};
    const Item item =
        item_from_plain_json(R"({"photo":"Zm9v","other":"Zm9v","sig":{"$B":"AA=="}})", options);
    CHECK(item.at("photo") == AttributeValue(Binary("foo")));
    CHECK(item.at("other") == AttributeValue("Zm9v"));
    CHECK(item.at("sig") == AttributeValue(Binary(std::string(1, '\0'))));
    CHECK(to_plain_json(item, options) == R"({"other":"Zm9v","photo":"Zm9v","sig":"AA=="})");
    CHECK(to_plain_json(item) == R"({"other":"Zm9v","photo":{"$B":"Zm9v"},"sig":{"$B":"AA=="}})");
    // Only top-level attributes: a nested member with the same name stays a string.
    const Item nested = item_from_plain_json(R"({"m":{"photo":"Zm9v"}})", options);
    CHECK(nested.at("m").as_map().at("photo") == AttributeValue("Zm9v"));
    CHECK_THAT(item_error(R"({"photo":"not base64!"})", options),
               Catch::StartsWith("photo: invalid base64"));
}

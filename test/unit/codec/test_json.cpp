#include "codec/json.hpp"
#include <dynaq/json.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <string>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

Item sample_item() {
    return Item{
        {"s", "hello"},
        {"n", Number("-12.50")},
        {"b", Binary(std::string("\x00\x01\xFF", 3))},
        {"ss", StringSet{"b", "a"}},
        {"ns", NumberSet{Number("1"), Number("1e2"), Number("-0.5")}},
        {"bs", BinarySet{Binary("x"), Binary("")}},
        {"m", Map{{"inner", List{1, "two", Map{}}}, {"empty", ""}}},
        {"l", List{true, Null{}, List{}}},
        {"null", Null{}},
        {"yes", true},
        {"no", false},
    };
}

// Parses `json` and reads it as an item; the document outlives the call.
Item read(std::string_view json) {
    const JsonDocument doc(json);
    return read_item(doc.root(), "");
}

std::string read_error(std::string_view json) {
    try {
        (void)read(json);
    } catch (const ProtocolError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("every type encodes to DynamoDB's typed JSON") {
    CHECK(to_json(AttributeValue("x")) == R"({"S":"x"})");
    CHECK(to_json(AttributeValue(Number("1.50"))) == R"({"N":"1.50"})");
    CHECK(to_json(AttributeValue(Binary("foo"))) == R"({"B":"Zm9v"})");
    CHECK(to_json(AttributeValue(Binary(""))) == R"({"B":""})");
    CHECK(to_json(AttributeValue(StringSet{"a", "b"})) == R"({"SS":["a","b"]})");
    CHECK(to_json(AttributeValue(NumberSet{1, 2})) == R"({"NS":["1","2"]})");
    CHECK(to_json(AttributeValue(BinarySet{Binary("f"), Binary("fo")})) ==
          R"({"BS":["Zg==","Zm8="]})");
    // Attributes are written in the order they were inserted (or received).
    CHECK(to_json(AttributeValue(Map{{"b", 1}, {"a", "x"}})) ==
          R"({"M":{"b":{"N":"1"},"a":{"S":"x"}}})");
    CHECK(to_json(AttributeValue(Map{})) == R"({"M":{}})");
    CHECK(to_json(AttributeValue(List{1, "x"})) == R"({"L":[{"N":"1"},{"S":"x"}]})");
    CHECK(to_json(AttributeValue(List{})) == R"({"L":[]})");
    CHECK(to_json(AttributeValue()) == R"({"NULL":true})");
    CHECK(to_json(AttributeValue(true)) == R"({"BOOL":true})");
    CHECK(to_json(AttributeValue(false)) == R"({"BOOL":false})");
    CHECK(to_json(Item{}) == "{}");
    CHECK(to_json(Item{{"pk", "a"}, {"age", 42}}) == R"({"pk":{"S":"a"},"age":{"N":"42"}})");
}

TEST_CASE("strings are escaped as JSON requires") {
    CHECK(to_json(AttributeValue("a\"b\\c")) == R"({"S":"a\"b\\c"})");
    CHECK(to_json(AttributeValue("\n\r\t\b\f")) == R"({"S":"\n\r\t\b\f"})");
    CHECK(to_json(AttributeValue(std::string("\x01\x1F\0", 3))) == R"({"S":"\u0001\u001F\u0000"})");
    CHECK(to_json(AttributeValue("caf\xC3\xA9 \xF0\x9F\x98\x80")) ==
          "{\"S\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}");
    CHECK(to_json(AttributeValue("/<>\x7F")) == "{\"S\":\"/<>\x7F\"}");
    CHECK(to_json(Item{{"we\"ird", 1}}) == R"({"we\"ird":{"N":"1"}})");
}

TEST_CASE("every type round-trips and number text is preserved") {
    const Item item = sample_item();
    const std::string json = to_json(item);
    const Item back = item_from_json(json);
    CHECK(back == item);
    CHECK(to_json(back) == json);
    CHECK(back.at("n").as_number().text() == "-12.50");
    CHECK(back.at("ns").as_number_set().values[1].text() == "1e2");
    CHECK(back.at("b").as_binary().bytes() == std::string("\x00\x01\xFF", 3));
    // Set members keep their order.
    CHECK(back.at("ss").as_string_set().values == std::vector<std::string>{"b", "a"});

    std::string all_bytes_utf8;
    for (int c = 0; c < 0x80; ++c)
        all_bytes_utf8.push_back(static_cast<char>(c));
    all_bytes_utf8 += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
    const Item strings{{"all", all_bytes_utf8}, {all_bytes_utf8, StringSet{all_bytes_utf8}}};
    CHECK(item_from_json(to_json(strings)) == strings);
    CHECK(value_from_json(to_json(AttributeValue(all_bytes_utf8))) ==
          AttributeValue(all_bytes_utf8));
}

TEST_CASE("decoding understands JSON escapes and whitespace") {
    const Item item =
        item_from_json(" {\n \"a\" : { \"S\" : \"\\u00e9\\ud83d\\ude00\\/\\\"\\u0000\" } "
                       ",\"b\":{\"N\":\"1\"}}\n\t");
    CHECK(item.at("a").as_string() == std::string("\xC3\xA9\xF0\x9F\x98\x80/\"\0", 9));
    CHECK(item.at("b").as_number() == Number(1));
    // An escaped backslash followed by "udc00" is text, not an escape.
    CHECK(value_from_json(R"({"S":"\\udc00\\\\"})").as_string() == R"(\udc00\\)");
    CHECK(value_from_json(R"({"S":"\uD83D\uDE00"})").as_string() == "\xF0\x9F\x98\x80");
    // A JSON number is not a string, where DynamoDB puts a string (it never sends one).
    CHECK_THROWS_WITH(value_from_json(R"({"N":12.5})"), "expected a string");
    CHECK_THROWS_WITH(value_from_json(R"({"S":-1e5})"), "expected a string");
}

TEST_CASE("encoding rejects what DynamoDB rejects, naming the path") {
    CHECK_THROWS_WITH(to_json(Item{{"tags", StringSet{}}}),
                      "item.tags: empty string set (DynamoDB rejects empty sets)");
    CHECK_THROWS_WITH(
        to_json(Item{{"m", Map{{"l", List{1, NumberSet{Number("2"), Number("2.0")}}}}}}),
        Catch::StartsWith("item.m.l[1]: number set has a duplicate member"));
    CHECK_THROWS_WITH(to_json(Item{{"b", BinarySet{Binary("q"), Binary("q")}}}),
                      Catch::StartsWith("item.b: binary set has a duplicate"));
    CHECK_THROWS_WITH(to_json(Item{{"s", "ab\xFF"}}), "item.s: string is not valid UTF-8 (byte 2)");
    CHECK_THROWS_WITH(to_json(Item{{"s", StringSet{"a", "\xC0\x80"}}}),
                      Catch::StartsWith("item.s[1]: string is not valid UTF-8"));
    CHECK_THROWS_WITH(to_json(Item{{"m", Map{{"\xED\xA0\x80", 1}}}}),
                      Catch::StartsWith("item.m: attribute name is not valid UTF-8"));
    CHECK_THROWS_WITH(to_json(AttributeValue(List{"ok", "\xF4\x90\x80\x80"})),
                      Catch::StartsWith("value[1]: string is not valid UTF-8"));
}

TEST_CASE("write_value and write_item cooperate with rapidjson::Writer") {
    std::string out;
    StringSink sink{&out};
    JsonWriter w(sink);
    w.StartObject();
    write_key(w, "TableName");
    write_string(w, "t");
    write_key(w, "Item");
    write_item(w, Item{{"pk", "a"}, {"n", 1}});
    write_key(w, "Values");
    w.StartArray();
    write_value(w, AttributeValue("x"));
    write_value(w, AttributeValue(true));
    w.EndArray();
    write_key(w, "Key");
    write_value(w, AttributeValue(Map{{"k", Binary("f")}}), "Key");
    w.EndObject();
    CHECK(w.IsComplete());
    CHECK(out == R"({"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1"}},"Values":[{"S":"x"},)"
                 R"({"BOOL":true}],"Key":{"M":{"k":{"B":"Zg=="}}}})");

    std::string out2;
    StringSink sink2{&out2};
    JsonWriter w2(sink2);
    w2.StartObject();
    write_key(w2, "Item");
    CHECK_THROWS_WITH(write_item(w2, Item{{"a", StringSet{}}}, "PutItem.Item"),
                      Catch::StartsWith("PutItem.Item.a: empty string set"));
}

TEST_CASE("operator<< prints typed JSON and never throws") {
    std::ostringstream os;
    os << Item{{"a", 1}} << ' ' << AttributeValue("x");
    CHECK(os.str() == R"({"a":{"N":"1"}} {"S":"x"})");
    std::ostringstream bad;
    bad << Item{{"e", StringSet{}}, {"u", "a\xFF"}};
    CHECK(bad.str() == "{\"e\":{\"SS\":[]},\"u\":{\"S\":\"a\xEF\xBF\xBD\"}}");
}

TEST_CASE("bad UTF-8 and lone surrogate escapes are found at every offset of a long string") {
    // The text check skips ASCII in blocks; a problem at any position within or after a block,
    // and valid multi-byte text around it, must be seen.
    for (std::size_t at = 0; at < 70; ++at) {
        const std::string before(at, 'a');
        const std::string after(37, 'b');
        const std::string prefix = "{\"s\":{\"S\":\"";
        INFO(at);
        CHECK_THROWS_WITH(
            JsonDocument(prefix + before + "\xFF" + after + "\"}}"),
            Catch::Contains("offset " + std::to_string(prefix.size() + at) + ": invalid UTF-8"));
        CHECK_THROWS_WITH(JsonDocument(prefix + before + "\\udc00" + after + "\"}}"),
                          Catch::Contains("offset " + std::to_string(prefix.size() + at) +
                                          ": unpaired UTF-16 surrogate"));
        const JsonDocument fine(prefix + before + "\xC3\xA9\\n\\ud83d\\ude00" + after + "\"}}");
        CHECK(read_item(fine.root(), "item").at("s").as_string() ==
              before + "\xC3\xA9\n\xF0\x9F\x98\x80" + after);
    }
}

TEST_CASE("malformed JSON is a ProtocolError with the offset, never a crash") {
    const std::string cases[] = {
        "",
        " ",
        "{",
        "}",
        "{\"a\":}",
        "{\"a\" {}}",
        "{'a':{}}",
        "{\"a\":{},}",
        "{\"a\":{\"N\":01}}",
        "{\"a\":{\"N\":NaN}}",
        "{\"a\":{\"N\":1.}}",
        "{\"a\":{\"N\":-}}",
        "{\"a\":{\"S\":\"x}}",
        "{\"a\":{\"S\":\"\\x\"}}",
        "{\"a\":{\"S\":\"\\u12\"}}",
        "{\"a\":{\"S\":\"\\ud800\"}}",
        "{\"a\":{\"S\":\"\\udc00\"}}", // lone low surrogate
        "{\"a\":{\"S\":\"x\\uDFFF\"}}",
        "{\"a\":{\"S\":\"\\ud800\\u0041\"}}", // high surrogate without its low half
        "{\"a\":{\"S\":\"\\uD83D\\uD83D\"}}",
        "{\"a\":{\"S\":\"\\ud800",
        "{\"a\":{\"S\":\"\x01\"}}",
        "{\"a\":{\"S\":\"\xFF\"}}",
        "{\"a\":{\"S\":\"\xC0\x80\"}}",
        "{/*c*/}",
        "{} x",
        "{}{}",
        std::string("{}\0 x", 5),
        std::string("{\"a\":\0}", 7),
        "{\"a\":tru}",
        "{\"a\":[1,]}",
        "\xEF\xBB\xBF{}", // a byte order mark is not JSON
    };
    for (const auto& json : cases) {
        INFO(json);
        CHECK_THROWS_AS(JsonDocument(json), ProtocolError);
    }
    CHECK_THROWS_WITH(JsonDocument("{\"a\":}"), Catch::Contains("offset 5"));
    CHECK_THROWS_WITH(JsonDocument("{} x"), Catch::Contains("offset 3"));
    CHECK_THROWS_WITH(JsonDocument(std::string("{}\0 x", 5)), Catch::Contains("offset 2"));
    CHECK_THROWS_WITH(JsonDocument("[]"), Catch::Contains("not an object"));
    CHECK_THROWS_AS(JsonDocument("null"), ProtocolError);
    CHECK_THROWS_AS(JsonDocument("\"x\""), ProtocolError);
    CHECK_THROWS_AS(JsonDocument("12"), ProtocolError);
    // Nesting is bounded (the parser recurses per level): deep enough for any DynamoDB
    // answer, a clear error beyond.
    CHECK_THROWS_AS(JsonDocument(std::string(200000, '[')), ProtocolError);
    CHECK_THROWS_AS(JsonDocument("{\"a\":" + std::string(200000, '[')), ProtocolError);
    CHECK_NOTHROW(JsonDocument("{\"a\":" + std::string(max_dom_depth, '[') +
                               std::string(max_dom_depth, ']') + "}"));
    CHECK_THROWS_WITH(
        JsonDocument("{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}"),
        Catch::Contains("values nested too deeply"));
    // The user-facing parser reports the caller's input as an invalid argument.
    CHECK_THROWS_AS(item_from_json("{"), InvalidArgumentError);
    CHECK_THROWS_AS(item_from_json(R"({"a":{"Q":"1"}})"), InvalidArgumentError);
}

TEST_CASE("read_item is strict about AttributeValue shapes and names the path") {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"a":{}})", "a: AttributeValue has no type key"},
        {R"({"a":{"S":"x","N":"1"}})", "a: AttributeValue has more than one type key"},
        {R"({"a":{"X":"1"}})", "a: unknown AttributeValue type \"X\""},
        {R"({"a":{"s":"x"}})", "a: unknown AttributeValue type \"s\""},
        {R"({"a":"x"})", "a: expected an AttributeValue object"},
        {R"({"a":[]})", "a: expected an AttributeValue object"},
        {R"({"a":null})", "a: expected an AttributeValue object"},
        {R"({"a":{"S":true}})", "a: expected a string"},
        {R"({"a":{"S":null}})", "a: expected a string"},
        {R"({"a":{"N":"abc"}})", "a: invalid number \"abc\""},
        {R"({"a":{"N":"1e200"}})", "a: number \"1e200\" is outside"},
        {R"({"a":{"N":{}}})", "a: expected a string"},
        {R"({"a":{"B":"abc"}})", "a: invalid base64"},
        {R"({"a":{"B":"Zh=="}})", "a: invalid base64"},
        {R"({"a":{"SS":"x"}})", "a: expected an array"},
        {R"({"a":{"SS":["x",false]}})", "a[1]: expected a string"},
        {R"({"a":{"NS":["1","x"]}})", "a[1]: invalid number"},
        {R"({"a":{"BS":["Zg==","!!!!"]}})", "a[1]: invalid base64"},
        {R"({"a":{"M":[]}})", "a: expected an object of attributes"},
        {R"({"a":{"L":{}}})", "a: expected an array"},
        {R"({"a":{"NULL":false}})", "a: NULL must be true"},
        {R"({"a":{"NULL":"true"}})", "a: NULL must be true"},
        {R"({"a":{"BOOL":"true"}})", "a: BOOL must be true or false"},
        {R"({"a":{"BOOL":null}})", "a: BOOL must be true or false"},
        {R"({"a":{"S":"x"},"a":{"S":"y"}})", "duplicate attribute \"a\""},
        {R"({"a":{"L":[{"S":"x"},{"M":{"b":{"N":"x"}}}]}})", "a[1].b: invalid number \"x\""},
        {R"({"a":{"M":{"b":{"L":[{"SS":["x"]},{"BOOL":1}]}}}})",
         "a.b[1]: BOOL must be true or false"},
    };
    for (const auto& [json, message] : cases) {
        INFO(json);
        CHECK_THAT(read_error(json), Catch::StartsWith(message));
    }
    CHECK_THAT(read_error(R"({"a":{"M":{"x":{"S":"1"},"x":{"S":"2"}}}})"),
               Catch::Contains("duplicate attribute \"x\""));
    const JsonDocument doc(R"({"Item":{"a":{"BOOL":1}}})");
    CHECK_THROWS_WITH(read_item(doc.root()["Item"], "Item"), Catch::StartsWith("Item.a: BOOL"));
    CHECK_THROWS_WITH(read_item(doc.root()["Item"]["a"]["BOOL"], "Item.a"),
                      "Item.a: expected an object of attributes");
}

TEST_CASE("nesting is limited so hostile input cannot exhaust the stack") {
    auto nested = [](int levels) {
        std::string json = R"({"a":)";
        for (int i = 0; i < levels; ++i)
            json += i % 2 ? R"({"L":[)" : R"({"M":{"x":)";
        json += R"({"S":"leaf"})";
        for (int i = levels - 1; i >= 0; --i)
            json += i % 2 ? "]}" : "}}";
        return json + "}";
    };
    // nested(n) wraps the leaf n times: the leaf is at level n + 1, and DynamoDB stores 32.
    CHECK_NOTHROW(read(nested(max_nesting_levels - 1)));
    CHECK_THAT(read_error(nested(max_nesting_levels)), Catch::Contains("nested too deeply"));
    CHECK_THAT(read_error(nested(5000)), Catch::Contains("nested too deeply"));
    const Item deep = read(nested(max_nesting_levels - 1));
    CHECK(to_json(deep) == nested(max_nesting_levels - 1));
}

TEST_CASE("read_items names the element in errors") {
    const JsonDocument doc(R"({"Items":[{"a":{"N":"1"}},{"age":{"N":"x"}}],"Bad":[1]})");
    CHECK_THROWS_WITH(read_items(doc.root()["Items"], "Items"),
                      Catch::StartsWith("Items[1].age: invalid number"));
    CHECK_THROWS_WITH(read_items(doc.root()["Bad"], "Bad"),
                      "Bad[0]: expected an object of attributes");
    const JsonDocument ok(R"({"Items":[{"a":{"N":"1"}},{"b":{"S":"x"}}]})");
    const auto items = read_items(ok.root()["Items"], "Items");
    REQUIRE(items.size() == 2);
    CHECK(items[1].at("b").as_string() == "x");
    CHECK_THROWS_WITH(read_items(ok.root(), "Items"), "Items: expected an array");
}

TEST_CASE("member helpers check types before access") {
    const JsonDocument doc(R"({"Count":3,"Frac":3.5,"Big":123456789012345678901234,"Cap":0.5,)"
                           R"("Name":"t","Flag":true,"Nothing":null,"Obj":{"x":1},"Arr":[]})");
    const JsonValue& root = doc.root();
    CHECK(find_member(root, "Count") != nullptr);
    CHECK(find_member(root, "Nothing") == nullptr);
    CHECK(find_member(root, "Missing") == nullptr);
    CHECK(find_member(root["Arr"], "x") == nullptr);
    CHECK(find_member(root["Name"], "x") == nullptr);

    CHECK(optional_int(root, "Count", "") == 3);
    CHECK_FALSE(optional_int(root, "Missing", ""));
    CHECK_FALSE(optional_int(root, "Nothing", ""));
    CHECK_THROWS_WITH(optional_int(root, "Frac", "Resp"),
                      "Resp.Frac: expected an integer, got 3.5");
    CHECK_THROWS_AS(optional_int(root, "Big", ""), ProtocolError);
    CHECK_THROWS_AS(optional_int(root, "Flag", ""), ProtocolError);
    CHECK(optional_double(root, "Cap", "") == 0.5);
    CHECK(optional_double(root, "Count", "") == 3.0);
    CHECK_THROWS_AS(optional_double(root, "Obj", ""), ProtocolError);

    CHECK(require_string(root, "Name", "") == "t");
    CHECK(optional_string(root, "Name", "") == std::string_view("t"));
    CHECK_FALSE(optional_string(root, "Missing", ""));
    CHECK_THROWS_WITH(require_string(root, "Missing", "Table"), "Table.Missing: missing");
    CHECK_THROWS_WITH(require_string(root, "Flag", "Table"), "Table.Flag: expected a string");
    CHECK_THROWS_WITH(require_member(root, "Nothing", ""), "Nothing: missing");
    CHECK_THROWS_WITH(require_member(root["Arr"], "x", "Arr"), "Arr: expected an object");
    CHECK_THROWS_AS(optional_string(root["Name"], "x", "Name"), ProtocolError);

    CHECK(optional_bool(root, "Flag", "") == true);
    CHECK_THROWS_AS(optional_bool(root, "Name", ""), ProtocolError);
    CHECK(&expect_object(root["Obj"], "Obj") == &root["Obj"]);
    CHECK_THROWS_WITH(expect_object(root["Arr"], "Arr"), "Arr: expected an object");
    CHECK(&expect_array(root["Arr"], "Arr") == &root["Arr"]);
    CHECK_THROWS_WITH(expect_array(root["Obj"], "X.Obj"), "X.Obj: expected an array");
    // Outside items JSON numbers are numbers: an int64 when they are one, a double otherwise.
    CHECK(root["Count"].IsInt64());
    CHECK(root["Big"].IsDouble());
    CHECK(root["Big"].GetDouble() == 123456789012345678901234.0);
}

TEST_CASE("a moved JsonDocument stays valid") {
    JsonDocument small(R"({"a":{"S":"x"}})"); // short enough for a small-string buffer
    JsonDocument moved(std::move(small));
    CHECK(read_item(moved.root(), "").at("a").as_string() == "x");
}

TEST_CASE("mutated documents give a value or a ProtocolError, nothing else") {
    const std::string base = to_json(sample_item());
    std::mt19937 rng(7);
    const char interesting[] = {'{',  '}', '[', ']',  '"',    ':', ',',
                                '\\', '0', 'e', '\0', '\xFF', ' '};
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string json = base;
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits; ++e) {
            const std::size_t pos = rng() % json.size();
            switch (rng() % 3) {
            case 0:
                json[pos] = interesting[rng() % sizeof interesting];
                break;
            case 1:
                json.erase(pos, 1 + rng() % 4);
                break;
            default:
                json.insert(pos, 1, interesting[rng() % sizeof interesting]);
            }
            if (json.empty())
                json = "{";
        }
        INFO(json);
        try {
            (void)read(json);
            ++parsed;
        } catch (const ProtocolError&) {
        }
    }
    // Some mutations keep the document valid (e.g. a changed digit), most do not.
    CHECK(parsed > 0);
    CHECK(parsed < 3000);
}

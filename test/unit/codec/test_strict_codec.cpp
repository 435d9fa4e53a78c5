// The strict codec against the rows of fixtures/boto3_rules.json (written by
// tools/dev/boto3_codec_rules.py): for each value or item at the edge of DynamoDB's rules,
// what dynaq must do when it encodes a request and when it decodes a response (both decode
// paths: items read as they stream, and the DOM of the other members), and, where boto3 does
// otherwise, the DynamoDB rule that dynaq follows.
#include "codec/json.hpp"
#include "client/operation_codec.hpp"
#include <dynaq/json.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

std::string text_of(const rapidjson::Value& v) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    v.Accept(writer);
    return {out.GetString(), out.GetSize()};
}

rapidjson::Document load_rules() {
    std::ifstream in(DYNAQ_BOTO3_RULES);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

// "accepts", or "rejects: <message>" when `f` throws E.
template <class E, class F>
std::string verdict(F f) {
    try {
        f();
        return "accepts";
    } catch (const E& e) {
        return std::string("rejects: ") + e.what();
    }
}

struct Verdicts {
    std::string encode, decode_stream, decode_dom;
};

// `item` is a typed-JSON item. Encoding starts from the user's typed JSON (item_from_json, as
// the CLI reads it), then writes the request body; decoding reads it as a Query page.
Verdicts judge_item(const std::string& item) {
    return {
        verdict<InvalidArgumentError>([&] { (void)to_json(item_from_json(item)); }),
        verdict<ProtocolError>([&] {
            QueryResponse page;
            decode_body(R"({"Items":[)" + item + "]}", page);
        }),
        verdict<ProtocolError>([&] {
            const JsonDocument doc(R"({"Item":)" + item + "}");
            (void)read_item(doc.root()["Item"], "Item");
        }),
    };
}

} // namespace

TEST_CASE("the codec accepts and rejects what DynamoDB does, row by row against boto3's rules") {
    const rapidjson::Document rules = load_rules();
    const auto& rows = rules["rows"];
    REQUIRE(rows.Size() >= 30);
    int differing_from_boto3 = 0;
    for (const auto& row : rows.GetArray()) {
        const std::string label = row["label"].GetString();
        const std::string expected = row["dynaq"].GetString();
        const std::string json = row.HasMember("value") ? R"({"a":)" + text_of(row["value"]) + "}"
                                                        : text_of(row["item"]);
        INFO(label << ": " << json);
        const Verdicts v = judge_item(json);
        CHECK(v.encode.substr(0, expected.size()) == expected);
        CHECK(v.decode_stream.substr(0, expected.size()) == expected);
        CHECK(v.decode_dom.substr(0, expected.size()) == expected);
        // A rejection names where the problem is.
        if (expected == "rejects") {
            if (row.HasMember("value"))
                CHECK_THAT(v.encode, Catch::StartsWith("rejects: a"));
            CHECK_THAT(v.decode_stream, Catch::StartsWith("rejects: Items[0]"));
            CHECK_THAT(v.decode_dom, Catch::StartsWith("rejects: Item"));
        }
        // Every difference from boto3 is DynamoDB's rule, written in the row.
        const auto boto3_agrees = [&](const char* member) {
            const std::string b = row[member].GetString();
            return b.rfind("n/a", 0) == 0 || b.rfind(expected, 0) == 0;
        };
        if (!boto3_agrees("boto3_serialize") || !boto3_agrees("boto3_deserialize")) {
            ++differing_from_boto3;
            CHECK(row.HasMember("rule"));
        }
    }
    // The rows were chosen at the edges where the two part: keep them.
    CHECK(differing_from_boto3 >= 10);
}

TEST_CASE("the decoder's messages name the attribute path") {
    const auto stream = [](const std::string& items) { return judge_item(items).decode_stream; };
    CHECK(stream(R"({"a":{"N":5}})") == "rejects: Items[0].a: expected a string");
    CHECK(stream(R"({"":{"S":"x"}})") == "rejects: Items[0]: empty attribute name");
    CHECK(stream(R"({"a":{"M":{"b":{"NS":[]}}}})") ==
          "rejects: Items[0].a.b: empty number set (DynamoDB rejects empty sets)");
    CHECK(stream(R"({"a":{"L":[{"SS":["x","y","x"]}]}})") ==
          R"(rejects: Items[0].a[0]: string set has a duplicate member "x")");
    CHECK(judge_item(R"({"a":{"M":{"b":{"S":1}}}})").decode_dom ==
          "rejects: Item.a.b: expected a string");
    CHECK(judge_item(R"({"":{"S":"x"}})").decode_dom == "rejects: Item: empty attribute name");
    CHECK(judge_item(R"({"a":{"BS":[]}})").decode_dom ==
          "rejects: Item.a: empty binary set (DynamoDB rejects empty sets)");
}

TEST_CASE("values built in C++ meet the same rules when encoded and validated") {
    AttributeValue deep = "leaf";
    for (int level = 1; level < max_nesting_levels; ++level)
        deep = Map{{"x", std::move(deep)}};
    Item ok{{"a", deep}};
    CHECK_NOTHROW(to_json(ok));
    CHECK_NOTHROW(validate(ok, "Item"));
    Item too_deep{{"a", List{deep}}};
    CHECK_THROWS_WITH(to_json(too_deep),
                      Catch::StartsWith("item.a[0].x") && Catch::Contains("nested too deeply"));
    CHECK_THROWS_AS(validate(too_deep, "Item"), InvalidArgumentError);
    const Item unnamed{{"", 1}};
    CHECK_THROWS_WITH(to_json(unnamed), "item: empty attribute name");
    CHECK_THROWS_WITH(validate(unnamed, "Item"), "Item: empty attribute name");
    // Inside a map an empty name is a value like any other.
    const Item inner{{"m", Map{{"", 1}}}};
    CHECK(to_json(inner) == R"({"m":{"M":{"":{"N":"1"}}}})");
    CHECK_NOTHROW(validate(inner, "Item"));
    // Printing (for logs and debugging) shows any value, valid or not.
    std::ostringstream printed;
    printed << unnamed;
    CHECK(printed.str() == R"({"":{"N":"1"}})");
}

TEST_CASE("outside items, JSON numbers stay numbers and strings stay strings") {
    QueryResponse page;
    decode_body(R"({"Items":[],"Count":3,"ScannedCount":7,)"
                R"("ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}})",
                page);
    CHECK(page.count == 3);
    CHECK(page.scanned_count == 7);
    QueryResponse wrong;
    CHECK_THROWS_WITH(decode_body(R"({"Items":[],"Count":1.5})", wrong),
                      Catch::Contains("Count") && Catch::Contains("expected an integer"));
    CHECK_THROWS_AS(decode_body(R"({"Items":[],"Count":1e999})", wrong), ProtocolError);
}

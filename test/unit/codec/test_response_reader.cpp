// The one-pass response reader: items decoded while parsing, borrowing from the body, must be
// what the DOM reader (read_item) makes of the same text, and must stay valid for as long as
// anything holds them, whatever happens to the document they came from.
#include "client/operation_codec.hpp"
#include "codec/json.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

// Values of every type and shape, nested a few levels, with names and texts long and short
// (inline and heap texts), escapes, and non-ASCII characters.
class ItemGenerator {
public:
    explicit ItemGenerator(unsigned seed) : rng_(seed) {}

    Item item(int depth = 0) {
        Item out;
        const int n = pick(0, depth == 0 ? 24 : 5);
        for (int i = 0; i < n; ++i)
            out.insert_or_assign(name(i), value(depth));
        return out;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    std::string text(int max_len) {
        static constexpr std::string_view pieces[] = {"a",  "Z", "0", " ", "\"", "\\",  "\n",
                                                      "\t", "é", "€", "😀", "/",  "\x01"};
        std::string s;
        const int n = pick(0, max_len);
        for (int i = 0; i < n; ++i)
            s += pieces[static_cast<std::size_t>(pick(0, std::size(pieces) - 1))];
        return s;
    }
    std::string name(int i) { return text(pick(0, 1) ? 6 : 40) + "#" + std::to_string(i); }
    Number number() {
        static constexpr std::string_view samples[] = {
            "0",
            "-1",
            "42",
            "3.25",
            "1e10",
            "-0.000001",
            "12345678901234567890123456789012345678",
            "9.9999999999999999999999999999999999999E+125",
            "1E-130"};
        return Number(samples[static_cast<std::size_t>(pick(0, std::size(samples) - 1))]);
    }
    Binary binary() {
        std::string bytes;
        const int n = pick(1, 40);
        for (int i = 0; i < n; ++i)
            bytes += static_cast<char>(pick(0, 255));
        return Binary(bytes);
    }

    AttributeValue value(int depth) {
        switch (pick(0, depth >= 3 ? 6 : 9)) {
        case 0:
            return text(pick(0, 1) ? 10 : 300);
        case 1:
            return number();
        case 2:
            return binary();
        case 3:
            return Null{};
        case 4:
            return pick(0, 1) == 1;
        case 5: {
            StringSet s;
            const int n = pick(1, 4);
            for (int i = 0; i < n; ++i)
                s.values.push_back(text(30) + std::to_string(i));
            return s;
        }
        case 6: {
            NumberSet s;
            s.values = {Number(1), Number("2.5"), Number(pick(3, 1000))};
            return s;
        }
        case 7:
            return item(depth + 1);
        case 8: {
            List l;
            const int n = pick(0, 6);
            for (int i = 0; i < n; ++i)
                l.push_back(value(depth + 1));
            return l;
        }
        default: {
            BinarySet s;
            s.values = {binary()};
            return s;
        }
        }
    }

    std::mt19937 rng_;
};

std::string query_body(const std::vector<Item>& items, const Item* last_key) {
    std::string body = R"({"Count":)" + std::to_string(items.size()) + R"(,"Items":[)";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            body += ',';
        append_item(body, items[i], "test");
    }
    body += R"(],"ScannedCount":)" + std::to_string(items.size());
    if (last_key) {
        body += R"(,"LastEvaluatedKey":)";
        append_item(body, *last_key, "test");
    }
    body += '}';
    return body;
}

bool any_borrowed(const AttributeValue& v);
bool any_borrowed(const Item& item) {
    for (const auto& [name, value] : item)
        if (name.is_borrowed() || any_borrowed(value))
            return true;
    return false;
}
bool any_borrowed(const AttributeValue& v) {
    if (const Text* s = v.get_if<Text>())
        return s->is_borrowed();
    if (const Item* m = v.get_if<Item>())
        return any_borrowed(*m);
    if (const List* l = v.get_if<List>()) {
        for (const AttributeValue& e : *l)
            if (any_borrowed(e))
                return true;
    }
    return false;
}

} // namespace

TEST_CASE("10,000 generated items decode while parsing exactly as the DOM reader and the encoder "
          "say") {
    ItemGenerator gen(2026);
    std::size_t decoded = 0;
    for (int page = 0; page < 100; ++page) {
        std::vector<Item> items;
        for (int i = 0; i < 100; ++i)
            items.push_back(gen.item());
        const Item last_key{{"pk", "p#" + std::to_string(page)}, {"sk", 7}};
        const std::string body = query_body(items, &last_key);

        QueryResponse out;
        decode_body(std::string(body), out);
        const JsonDocument dom(body);
        const std::vector<Item> oracle = read_items(dom.root()["Items"], "Items");

        REQUIRE(out.items.size() == items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            CHECK(out.items[i] == items[i]);
            CHECK(out.items[i] == oracle[i]);
        }
        CHECK(out.count == 100);
        CHECK(out.scanned_count == 100);
        REQUIRE(out.last_evaluated_key);
        CHECK(*out.last_evaluated_key == last_key);
        decoded += out.items.size();
    }
    CHECK(decoded == 10'000);
}

TEST_CASE("decoded items borrow from the body and outlive everything else") {
    std::string body = R"({"Item":{"name":{"S":"a string longer than twenty-two bytes"},)"
                       R"("n":{"N":"123456789012345678901234567890"},"b":{"B":"AAECAwQFBgcICQ=="},)"
                       R"("m":{"M":{"inner":{"S":"another string well over the inline size"}}},)"
                       R"("l":{"L":[{"S":"an element long enough to be borrowed, too"}]}}})";
    GetItemResponse out;
    decode_body(std::move(body), out);
    REQUIRE(out.item);
    Item item = std::move(*out.item);
    out = {}; // nothing but `item` holds the body now
    CHECK(item.at("name").as_string().is_borrowed());
    CHECK(any_borrowed(item));
    CHECK(item.at("name").as_string() == "a string longer than twenty-two bytes");
    CHECK(item.at("n").as_number().text() == "123456789012345678901234567890");
    CHECK(item.at("b").as_binary().bytes() == std::string_view("\0\1\2\3\4\5\6\7\x08\x09", 10));

    SECTION("a copy owns its text") {
        const Item copy = item;
        item = {}; // frees the body
        CHECK_FALSE(any_borrowed(copy));
        CHECK(copy.at("m").as_map().at("inner").as_string() ==
              "another string well over the inline size");
        CHECK(copy.at("l").as_list().at(0).as_string() ==
              "an element long enough to be borrowed, too");
    }
    SECTION("a single value moved out owns its text") {
        AttributeValue v = std::move(item.at("name"));
        Number n = item.at("n").as_number();
        item = {};
        CHECK_FALSE(v.as_string().is_borrowed());
        CHECK(v.as_string() == "a string longer than twenty-two bytes");
        CHECK(n.text() == "123456789012345678901234567890");
    }
    SECTION("a map or list moved out keeps the body alive") {
        Item inner = std::move(item.at("m").as_map());
        List list = std::move(item.at("l").as_list());
        item = {};
        CHECK(inner.at("inner").as_string() == "another string well over the inline size");
        CHECK(list.at(0).as_string() == "an element long enough to be borrowed, too");
    }
    SECTION("growing or shrinking the item keeps its values valid") {
        for (int i = 0; i < 50; ++i)
            item.insert_or_assign("extra" + std::to_string(i), i);
        CHECK(item.erase("b") == 1);
        item.at("l").as_list().push_back("x");
        CHECK(item.at("name").as_string() == "a string longer than twenty-two bytes");
        CHECK(item.at("m").as_map().at("inner").as_string() ==
              "another string well over the inline size");
        CHECK(item.at("l").as_list().size() == 2);
        CHECK(item.size() == 54);
    }
    // The attribute arrays of decoded items live on the body's page too; these run under
    // ASan in the sanitizer build.
    SECTION("erasing from an array on the page, then growing it off the page") {
        CHECK(item.erase("name") == 1);
        CHECK(item.erase(item.begin())->first == "b");
        CHECK(item.size() == 3);
        item.emplace("new", "value");
        CHECK(item.size() == 4);
        CHECK(item.at("b").as_binary().bytes().size() == 10);
        CHECK(item.at("new").as_string() == "value");
    }
    SECTION("assigning items of two pages over each other, in every order") {
        std::string other_body = R"({"Item":{"k":{"S":"from the second body, long enough"}}})";
        GetItemResponse second;
        decode_body(std::move(other_body), second);
        Item other = std::move(*second.item);
        second = {};
        Item keep = other;       // an owned copy, to compare against after the page is gone
        other = std::move(item); // other's page goes; item's moves over
        CHECK(other.at("name").as_string() == "a string longer than twenty-two bytes");
        CHECK(item.empty());
        item = keep;
        CHECK(item.at("k").as_string() == "from the second body, long enough");
        other = item; // a copy over a decoded item
        CHECK(other == keep);
        Item moved_from = std::move(other);
        moved_from.clear();
        CHECK(moved_from.empty());
        moved_from.emplace("again", 1);
        CHECK(moved_from.size() == 1);
        other.emplace("reused", 2); // a moved-from item is empty and usable
        CHECK(other.size() == 1);
    }
    SECTION("reserve moves the array off the page and keeps the borrowed text") {
        item.reserve(64);
        CHECK(item.at("name").as_string().is_borrowed());
        CHECK(item.at("m").as_map().at("inner").as_string() ==
              "another string well over the inline size");
    }
}

TEST_CASE("a page of many items: the items outlive the response and each other") {
    std::string body = R"({"Items":[)";
    for (int i = 0; i < 2000; ++i) {
        if (i)
            body += ',';
        body += R"({"pk":{"S":"partition key number )" + std::to_string(i) +
                R"("},"m":{"M":{"x":{"N":")" + std::to_string(i) + R"("}}}})";
    }
    body += "]}";
    QueryResponse page;
    decode_body(std::move(body), page);
    REQUIRE(page.items.size() == 2000);
    // Keep every 7th item, let the response go, then drop them in another order.
    std::vector<Item> kept;
    for (std::size_t i = 0; i < page.items.size(); i += 7)
        kept.push_back(std::move(page.items[i]));
    page = {};
    for (std::size_t j = 0; j < kept.size(); ++j) {
        const std::size_t i = 7 * j;
        CHECK(kept[j].at("pk").as_string() == "partition key number " + std::to_string(i));
        CHECK(kept[j].at("m").as_map().at("x").as_number().text() == std::to_string(i));
    }
    while (!kept.empty()) {
        kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(kept.size() / 2));
        if (!kept.empty())
            CHECK(kept.front().at("pk").as_string() == "partition key number 0");
    }
}

TEST_CASE("items in BatchGetItem and write responses are decoded while parsing") {
    BatchGetItemResponse batch;
    decode_body(std::string(R"({"Responses":{"t1":[{"pk":{"S":"a"}},{"pk":{"S":"b"}}],"t2":[]},)"
                            R"("UnprocessedKeys":{}})"),
                batch);
    REQUIRE(batch.responses.size() == 2);
    CHECK(batch.responses.at("t1").size() == 2);
    CHECK(batch.responses.at("t1")[1].at("pk").as_string() == "b");
    CHECK(batch.responses.at("t2").empty());

    WriteItemResponse put;
    decode_body(std::string(R"({"Attributes":{"pk":{"S":"a"},"v":{"N":"1"}},)"
                            R"("ConsumedCapacity":{"TableName":"t","CapacityUnits":1.0}})"),
                put);
    REQUIRE(put.attributes);
    CHECK(*put.attributes == Item{{"v", 1}, {"pk", "a"}});
    REQUIRE(put.consumed_capacity);
    CHECK(put.consumed_capacity->capacity_units == 1.0);

    GetItemResponse none;
    decode_body(std::string(R"({})"), none);
    CHECK_FALSE(none.item);
}

TEST_CASE("malformed items are ProtocolErrors naming the path") {
    const auto query_error = [](std::string body) {
        QueryResponse out;
        try {
            decode_body(std::move(body), out);
        } catch (const ProtocolError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(query_error(R"({"Items":[{"a":{"N":"1"}},{"age":{"N":"x"}}]})") ==
          R"(Items[1].age: invalid number "x": no digits)");
    CHECK(query_error(R"({"Items":[{"a":{"S":"x","N":"1"}}]})") ==
          "Items[0].a: AttributeValue has more than one type key");
    CHECK(query_error(R"({"Items":[{"a":{}}]})") == "Items[0].a: AttributeValue has no type key");
    CHECK(query_error(R"({"Items":[{"a":{"X":"1"}}]})") ==
          R"(Items[0].a: unknown AttributeValue type "X")");
    CHECK(query_error(R"({"Items":[{"a":{"S":1}}]})") == "Items[0].a: expected a string");
    CHECK(query_error(R"({"Items":[{"a":{"B":"abc"}}]})") == "Items[0].a: invalid base64");
    CHECK(query_error(R"({"Items":[{"a":{"NULL":false}}]})") == "Items[0].a: NULL must be true");
    CHECK(query_error(R"({"Items":[{"a":{"BOOL":"x"}}]})") ==
          "Items[0].a: BOOL must be true or false");
    CHECK(query_error(R"({"Items":[{"a":{"L":[{"S":"x"},{"N":"y"}]}}]})") ==
          R"(Items[0].a[1]: invalid number "y": no digits)");
    CHECK(query_error(R"({"Items":[{"a":{"M":{"b":{"SS":[1]}}}}]})") ==
          "Items[0].a.b: expected a string");
    CHECK(query_error(R"({"Items":[{"a":{"S":"x"},"a":{"S":"y"}}]})") ==
          R"(Items[0].a: duplicate attribute "a")");
    // Names alike in length and first eight bytes are told apart by the rest.
    CHECK(query_error(R"({"Items":[{"attribute_1":{"S":"x"},"attribute_2":{"S":"y"},)"
                      R"("attribute_1":{"S":"z"}}]})") ==
          R"(Items[0].attribute_1: duplicate attribute "attribute_1")");
    CHECK(query_error(R"({"Items":[{"ab":{"S":"x"},"ab\u0000":{"S":"y"},"abc":{"S":"z"}}]})") ==
          "no error");
    CHECK(query_error(R"({"Items":{}})") == "Items: expected an array");
    CHECK(query_error(R"({"Items":[1]})") == "Items[0]: expected an object of attributes");
    CHECK(query_error(R"({"LastEvaluatedKey":[]})") ==
          "LastEvaluatedKey: expected an object of attributes");
    CHECK(query_error(R"({"Items":[],"Items":[]})") == R"(Items: duplicate member "Items")");
    CHECK(query_error(R"([])") == "JSON document is not an object");
    std::string deep = R"({"Items":[{"a":)";
    for (int i = 0; i < 100; ++i)
        deep += R"({"L":[)";
    CHECK_THAT(query_error(deep), Catch::Contains("values nested too deeply"));
    // The parser recurses per level: a million levels anywhere end at the bound, not in a
    // stack overflow.
    for (const bool lists : {true, false}) {
        std::string other = R"({"ConsumedCapacity":)";
        std::string in_items = lists ? R"({"Items":[{"a":)" : R"({"Items":[{"a":{"M":)";
        for (int i = 0; i < 1'000'000; ++i) {
            other += lists ? "[" : R"({"a":)";
            in_items += lists ? R"({"L":[)" : R"({"b":{"M":)";
        }
        CHECK_THAT(query_error(other), Catch::Contains("values nested too deeply"));
        CHECK_THAT(query_error(in_items), Catch::Contains("values nested too deeply"));
    }
    // An item with many attributes goes through the sorting duplicate check.
    std::string many = R"({"Items":[{)";
    for (int i = 0; i < 40; ++i)
        many += R"("a)" + std::to_string(i) + R"(":{"S":"x"},)";
    many += R"("a7":{"S":"x"}}]})";
    CHECK(query_error(many) == R"(Items[0].a7: duplicate attribute "a7")");
}

#include <dynaq/value.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>

using namespace dynaq;

TEST_CASE("AttributeValue holds each of the ten types") {
    CHECK(AttributeValue().type() == Type::Null);
    CHECK(AttributeValue("x").type() == Type::S);
    CHECK(AttributeValue(std::string("x")).type() == Type::S);
    CHECK(AttributeValue(std::string_view("x")).type() == Type::S);
    CHECK(AttributeValue(12).type() == Type::N);
    CHECK(AttributeValue(12u).type() == Type::N);
    CHECK(AttributeValue(Number("1.5")).type() == Type::N);
    CHECK(AttributeValue(Binary("ab")).type() == Type::B);
    CHECK(AttributeValue(StringSet{"a"}).type() == Type::SS);
    CHECK(AttributeValue(NumberSet{1, 2}).type() == Type::NS);
    CHECK(AttributeValue(BinarySet{Binary("a")}).type() == Type::BS);
    CHECK(AttributeValue(Map{{"a", 1}}).type() == Type::M);
    CHECK(AttributeValue(List{1, "x"}).type() == Type::L);
    CHECK(AttributeValue(Null{}).type() == Type::Null);
    // A bool is BOOL and an int is N: the two never mix up.
    CHECK(AttributeValue(true).type() == Type::Bool);
    CHECK(AttributeValue(false).as_bool() == false);
    CHECK(AttributeValue(1).as_number().text() == "1");
}

TEST_CASE("AttributeValue accessors check the type") {
    const AttributeValue s("hello");
    CHECK(s.is_string());
    CHECK(s.as_string() == "hello");
    CHECK(s.get_if<Number>() == nullptr);
    CHECK_THROWS_AS(s.as_number(), TypeMismatchError);
    CHECK_THROWS_WITH(s.as_number(), "expected N, got S");
    CHECK_THROWS_WITH(AttributeValue(1).as_bool(), "expected BOOL, got N");
    CHECK_THROWS_WITH(AttributeValue().as_map(), "expected M, got NULL");
    CHECK_THROWS_WITH(AttributeValue(true).as_string_set(), "expected SS, got BOOL");

    AttributeValue m(Map{});
    m.as_map()["k"] = 5;
    CHECK(m.as_map().at("k").as_number().to_int64() == 5);
    AttributeValue l(List{});
    l.as_list().push_back("x");
    CHECK(l.as_list().size() == 1);
    CHECK(l.is_list());
    CHECK_FALSE(l.is_map());
}

TEST_CASE("type names are the wire names") {
    CHECK(to_string(Type::S) == "S");
    CHECK(to_string(Type::N) == "N");
    CHECK(to_string(Type::B) == "B");
    CHECK(to_string(Type::SS) == "SS");
    CHECK(to_string(Type::NS) == "NS");
    CHECK(to_string(Type::BS) == "BS");
    CHECK(to_string(Type::M) == "M");
    CHECK(to_string(Type::L) == "L");
    CHECK(to_string(Type::Null) == "NULL");
    CHECK(to_string(Type::Bool) == "BOOL");
    std::ostringstream os;
    os << Type::BS << ' ' << Number("1.50");
    CHECK(os.str() == "BS 1.50");
}

TEST_CASE("equality: numbers numerically, sets in any order") {
    CHECK(AttributeValue(Number("1.0")) == AttributeValue(1));
    CHECK(AttributeValue(StringSet{"a", "b"}) == AttributeValue(StringSet{"b", "a"}));
    CHECK(AttributeValue(NumberSet{Number("1"), Number("2")}) ==
          AttributeValue(NumberSet{Number("2.0"), Number("1e0")}));
    CHECK_FALSE(AttributeValue(StringSet{"a", "b"}) == AttributeValue(StringSet{"a"}));
    CHECK_FALSE(AttributeValue(StringSet{"a", "b"}) == AttributeValue(StringSet{"a", "c"}));
    CHECK_FALSE(AttributeValue("1") == AttributeValue(1));
    CHECK(AttributeValue(List{1, "x"}) == AttributeValue(List{1, "x"}));
    CHECK_FALSE(AttributeValue(List{1, "x"}) == AttributeValue(List{"x", 1}));
}

TEST_CASE("validate rejects empty sets with the attribute path") {
    CHECK_THROWS_WITH(validate(Item{{"tags", StringSet{}}}),
                      "item.tags: empty string set (DynamoDB rejects empty sets)");
    CHECK_THROWS_AS(validate(Item{{"n", NumberSet{}}}), InvalidArgumentError);
    CHECK_THROWS_AS(validate(Item{{"b", BinarySet{}}}), InvalidArgumentError);
    CHECK_THROWS_WITH(validate(Item{{"m", Map{{"l", List{1, NumberSet{}}}}}}),
                      Catch::StartsWith("item.m.l[1]: empty number set"));
    CHECK_THROWS_WITH(validate(AttributeValue(StringSet{}), ":v"), Catch::StartsWith(":v: empty"));
}

TEST_CASE("validate rejects duplicate set members") {
    CHECK_THROWS_WITH(validate(Item{{"s", StringSet{"a", "b", "a"}}}),
                      "item.s: string set has a duplicate member \"a\"");
    // Numbers are compared as DynamoDB compares them.
    CHECK_THROWS_WITH(validate(Item{{"n", NumberSet{Number("1"), Number("1.0")}}}),
                      Catch::Contains("number set has a duplicate member"));
    CHECK_THROWS_AS(validate(Item{{"b", BinarySet{Binary("x"), Binary("x")}}}),
                    InvalidArgumentError);
    CHECK_NOTHROW(validate(Item{{"b", BinarySet{Binary("x"), Binary("y")}}}));
    CHECK_NOTHROW(validate(Item{{"s", StringSet{"a", "A", ""}}}));

    // Large sets take the sorting path.
    StringSet big;
    NumberSet nums;
    for (int i = 0; i < 100; ++i) {
        big.values.push_back("v" + std::to_string(i));
        nums.values.push_back(Number(i));
    }
    CHECK_NOTHROW(validate(AttributeValue(big), "x"));
    CHECK_NOTHROW(validate(AttributeValue(nums), "x"));
    big.values.push_back("v57");
    nums.values.insert(nums.values.begin(), Number("5.70e1"));
    CHECK_THROWS_WITH(validate(AttributeValue(big), "x"), Catch::Contains("\"v57\""));
    CHECK_THROWS_WITH(validate(AttributeValue(nums), "x"), Catch::Contains("duplicate"));
}

TEST_CASE("validate checks UTF-8 everywhere a string can be") {
    const std::string good[] = {"plain",
                                "caf\xC3\xA9",
                                "\xE2\x82\xAC",
                                "\xF0\x9F\x98\x80",
                                "\xEF\xBF\xBF",
                                "\xF4\x8F\xBF\xBF",
                                std::string("a\0b", 3),
                                "0123456789abcdef\xC3\xA9-0123456789abcdef"};
    for (const auto& s : good) {
        INFO(s);
        CHECK_NOTHROW(validate(Item{{"a", s}}));
    }
    const std::string bad[] = {
        "\x80",             // lone continuation byte
        "\xC3",             // truncated two-byte sequence
        "\xC0\x80",         // overlong NUL
        "\xC1\xBF",         // overlong
        "\xE0\x80\xAF",     // overlong three-byte
        "\xED\xA0\x80",     // UTF-16 surrogate
        "\xE2\x82",         // truncated
        "\xF0\x80\x80\xAF", // overlong four-byte
        "\xF4\x90\x80\x80", // above U+10FFFF
        "\xF5\x80\x80\x80",
        "\xFF",
        "\xFE",
        "0123456789abcdef\xC3(", // after an ASCII run of more than 8 bytes
    };
    for (const auto& s : bad) {
        INFO(s);
        CHECK_THROWS_AS(validate(Item{{"a", s}}), InvalidArgumentError);
    }
    CHECK_THROWS_WITH(validate(Item{{"a", "ok\xFF"}}),
                      "item.a: string is not valid UTF-8 (byte 2)");
    CHECK_THROWS_WITH(validate(Item{{"t", StringSet{"x", "\xFF"}}}),
                      Catch::StartsWith("item.t[1]: string is not valid UTF-8"));
    CHECK_THROWS_WITH(validate(Item{{"m", Map{{"\xFF", 1}}}}),
                      Catch::StartsWith("item.m: attribute name is not valid UTF-8"));
    CHECK_THROWS_WITH(validate(Item{{"\xC0", 1}}),
                      Catch::StartsWith("item: attribute name is not valid UTF-8"));
    CHECK_THROWS_WITH(validate(Item{{"l", List{"x", List{"\xFF"}}}}),
                      Catch::StartsWith("item.l[1][0]: string"));
}

TEST_CASE("validate_key_value allows only non-empty S, N and B") {
    CHECK_NOTHROW(validate_key_value("user#1", "pk"));
    CHECK_NOTHROW(validate_key_value(5, "sk"));
    CHECK_NOTHROW(validate_key_value(Binary("\x01"), "pk"));
    CHECK_THROWS_WITH(validate_key_value("", "pk"),
                      Catch::Contains("pk") && Catch::Contains("empty"));
    CHECK_THROWS_AS(validate_key_value(Binary(), "pk"), InvalidArgumentError);
    CHECK_THROWS_WITH(validate_key_value(StringSet{"a"}, "pk"),
                      "pk: key attribute must be S, N or B, got SS");
    CHECK_THROWS_AS(validate_key_value(true, "pk"), InvalidArgumentError);
    CHECK_THROWS_AS(validate_key_value(AttributeValue(), "pk"), InvalidArgumentError);
    CHECK_THROWS_AS(validate_key_value("\xFF", "pk"), InvalidArgumentError);
}

TEST_CASE("Item: a map API over one array, grown and shrunk in place") {
    Item item{{"abc", 1}, {"def", "two"}, {"ghi", true}, {"jkl", Null{}}};
    REQUIRE(item.size() == 4);
    // The name is a view into the item's own array, which this append outgrows.
    const auto [it, added] = item.emplace(item.begin()->first.view().substr(0, 2), 5);
    CHECK(added);
    CHECK(it->first == "ab");
    CHECK(item.at("ab") == AttributeValue(5));
    CHECK_FALSE(item.emplace("abc", 9).second);
    CHECK(item.at("abc") == AttributeValue(1));
    CHECK_FALSE(item.insert_or_assign("abc", 10).second);
    CHECK(item.at("abc") == AttributeValue(10));
    CHECK(item["new"].is_null());
    CHECK(item.size() == 6);
    CHECK(item.erase("def") == 1);
    CHECK(item.erase("def") == 0);
    CHECK(item.erase(item.find("abc"))->first == "ghi");
    CHECK_THROWS_AS(item.at("abc"), std::out_of_range);
    CHECK(item.count("ghi") == 1);

    const Item copy = item;
    Item reordered;
    for (auto i = item.size(); i-- > 0;)
        reordered.emplace((item.begin() + static_cast<std::ptrdiff_t>(i))->first,
                          (item.begin() + static_cast<std::ptrdiff_t>(i))->second);
    CHECK(reordered == item); // any order
    Item& self = item;
    item = self;
    CHECK(item == copy);
    Item moved = std::move(item);
    CHECK(moved == copy);
    CHECK(item.empty()); // NOLINT(bugprone-use-after-move): moved-from items are empty
    item.emplace("again", 1);
    CHECK(item.size() == 1);
    moved.clear();
    CHECK(moved.empty());
    moved.reserve(100);
    for (int i = 0; i < 100; ++i)
        moved.emplace("a" + std::to_string(i), i);
    CHECK(moved.size() == 100);
    CHECK(moved.at("a99") == AttributeValue(99));
}

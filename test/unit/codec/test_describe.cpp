#include <dynaq/describe.hpp>
#include <dynaq/json.hpp>

#include <catch2/catch.hpp>

#include <boost/describe.hpp>

#include <chrono>

namespace app {

enum class Status { active, suspended };
BOOST_DESCRIBE_ENUM(Status, active, suspended)

struct Address {
    std::string street;
    std::string zip;
    std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(Address, (), (street, zip, note))

struct Line {
    std::string sku;
    std::uint16_t qty = 0;
};
BOOST_DESCRIBE_STRUCT(Line, (), (sku, qty))

struct Base {
    std::string pk;
};
BOOST_DESCRIBE_STRUCT(Base, (), (pk))

struct Order : Base {
    std::int64_t total = 0;
    bool paid = false;
    double ratio = 0;
    float weight = 0;
    dynaq::Number exact;
    dynaq::Binary signature;
    std::vector<std::byte> raw;
    std::optional<int> discount;
    std::optional<Address> shipping;
    Address billing;
    std::vector<Line> lines;
    std::set<std::string> tags;
    std::set<int> codes;
    std::set<dynaq::Binary> blobs;
    std::map<std::string, int> counters;
    std::map<std::string, std::vector<std::optional<std::string>>> notes;
    Status status = Status::active;
    dynaq::AttributeValue extra;
    dynaq::Item attributes;
};
BOOST_DESCRIBE_STRUCT(Order, (Base),
                      (total, paid, ratio, weight, exact, signature, raw, discount, shipping,
                       billing, lines, tags, codes, blobs, counters, notes, status, extra,
                       attributes))

// A user type plugged in through the customization point: seconds since the epoch as N.
struct Stamp {
    std::chrono::seconds since_epoch{};
    friend bool operator==(const Stamp&, const Stamp&) = default;
};

struct Event {
    std::string id;
    Stamp at;
    std::vector<Stamp> history;
};
BOOST_DESCRIBE_STRUCT(Event, (), (id, at, history))

} // namespace app

template <>
struct dynaq::value_traits<app::Stamp> {
    static AttributeValue to_value(const app::Stamp& s) {
        return Number(static_cast<std::int64_t>(s.since_epoch.count()));
    }
    static app::Stamp from_value(const AttributeValue& v) {
        return {std::chrono::seconds(v.as_number().to_int64())};
    }
};

using namespace dynaq;

namespace {

app::Order sample_order() {
    app::Order o;
    o.pk = "order#1";
    o.total = -1234567890123;
    o.paid = true;
    o.ratio = 0.1;
    o.weight = 0.1f;
    o.exact = Number("3.14159265358979323846264338327950288");
    o.signature = Binary("\x01\x02");
    o.raw = {std::byte{0}, std::byte{255}};
    o.discount = 5;
    o.billing = {"1 Main St", "12345", std::nullopt};
    o.lines = {{"A", 2}, {"B", 65535}};
    o.tags = {"x", "y"};
    o.codes = {3, 1, 2};
    o.blobs = {Binary("a"), Binary("b")};
    o.counters = {{"views", 10}, {"likes", -1}};
    o.notes = {{"n", {std::optional<std::string>("hi"), std::nullopt}}};
    o.status = app::Status::suspended;
    o.extra = StringSet{"raw"};
    o.attributes = Item{{"free", "form"}};
    return o;
}

} // namespace

TEST_CASE("a described struct becomes an item of the documented types") {
    const Item item = to_item(sample_order());
    CHECK(item.at("pk") == AttributeValue("order#1"));
    CHECK(item.at("total").as_number().text() == "-1234567890123");
    CHECK(item.at("paid") == AttributeValue(true));
    CHECK(item.at("ratio").as_number().text() == "0.1");
    CHECK(item.at("weight").as_number().text() == "0.1");
    CHECK(item.at("exact").as_number().text() == "3.14159265358979323846264338327950288");
    CHECK(item.at("signature") == AttributeValue(Binary("\x01\x02")));
    CHECK(item.at("raw") == AttributeValue(Binary(std::string("\x00\xFF", 2))));
    CHECK(item.at("discount") == AttributeValue(5));
    CHECK(item.count("shipping") == 0); // empty optional: omitted
    CHECK(item.at("billing") == AttributeValue(Map{{"street", "1 Main St"}, {"zip", "12345"}}));
    CHECK(item.at("lines") ==
          AttributeValue(List{Map{{"sku", "A"}, {"qty", 2}}, Map{{"sku", "B"}, {"qty", 65535}}}));
    CHECK(item.at("tags") == AttributeValue(StringSet{"x", "y"}));
    CHECK(item.at("codes") == AttributeValue(NumberSet{1, 2, 3}));
    CHECK(item.at("blobs") == AttributeValue(BinarySet{Binary("a"), Binary("b")}));
    CHECK(item.at("counters") == AttributeValue(Map{{"likes", -1}, {"views", 10}}));
    CHECK(item.at("notes") == AttributeValue(Map{{"n", List{"hi", Null{}}}}));
    CHECK(item.at("status") == AttributeValue("suspended"));
    CHECK(item.at("extra") == AttributeValue(StringSet{"raw"}));
    CHECK(item.at("attributes") == AttributeValue(Map{{"free", "form"}}));
    CHECK(item.size() == 19); // 20 members, one empty optional
    CHECK_NOTHROW(validate(item));
}

TEST_CASE("a struct round-trips through an item and typed JSON") {
    const app::Order o = sample_order();
    const app::Order back = from_item<app::Order>(item_from_json(to_json(to_item(o))));
    CHECK(back.pk == o.pk);
    CHECK(back.total == o.total);
    CHECK(back.paid);
    CHECK(back.ratio == o.ratio);
    CHECK(back.weight == o.weight);
    CHECK(back.exact.text() == o.exact.text());
    CHECK(back.signature == o.signature);
    CHECK(back.raw == o.raw);
    CHECK(back.discount == 5);
    CHECK_FALSE(back.shipping);
    CHECK(back.billing.street == "1 Main St");
    CHECK_FALSE(back.billing.note);
    REQUIRE(back.lines.size() == 2);
    CHECK(back.lines[1].qty == 65535);
    CHECK(back.tags == o.tags);
    CHECK(back.codes == o.codes);
    CHECK(back.blobs == o.blobs);
    CHECK(back.counters == o.counters);
    CHECK(back.notes == o.notes);
    CHECK(back.status == app::Status::suspended);
    CHECK(back.extra == o.extra);
    CHECK(back.attributes == o.attributes);
}

TEST_CASE("empty sets and optionals are omitted and read back as empty") {
    app::Order o;
    o.pk = "p";
    const Item item = to_item(o);
    CHECK(item.count("tags") == 0);
    CHECK(item.count("codes") == 0);
    CHECK(item.count("blobs") == 0);
    CHECK(item.count("discount") == 0);
    CHECK(item.count("shipping") == 0);
    CHECK_NOTHROW(validate(item)); // nothing DynamoDB would reject
    const auto back = from_item<app::Order>(item);
    CHECK(back.tags.empty());
    CHECK_FALSE(back.discount);

    Item with_null = item;
    with_null["discount"] = Null{};
    with_null["shipping"] = Null{};
    CHECK_FALSE(from_item<app::Order>(with_null).discount);
    CHECK_FALSE(from_item<app::Order>(with_null).shipping);
}

TEST_CASE("a missing required attribute names the field and the struct") {
    Item item = to_item(sample_order());
    item.erase("total");
    CHECK_THROWS_WITH(from_item<app::Order>(item), "missing attribute 'total' for Order");
    CHECK_THROWS_AS(from_item<app::Order>(item), InvalidArgumentError);

    item = to_item(sample_order());
    item["billing"].as_map().erase("zip");
    CHECK_THROWS_WITH(from_item<app::Order>(item), "missing attribute 'billing.zip' for Order");

    item = to_item(sample_order());
    item["lines"].as_list()[1].as_map().erase("sku");
    CHECK_THROWS_WITH(from_item<app::Order>(item), "missing attribute 'lines[1].sku' for Order");

    item = to_item(sample_order());
    item.erase("pk"); // a member of the base class
    CHECK_THROWS_WITH(from_item<app::Order>(item), "missing attribute 'pk' for Order");
}

TEST_CASE("a wrong type names the path") {
    auto mismatch = [](const char* field, AttributeValue v) {
        Item item = to_item(sample_order());
        item[field] = std::move(v);
        try {
            (void)from_item<app::Order>(item);
        } catch (const TypeMismatchError& e) {
            return std::string(e.what());
        }
        return std::string("(no TypeMismatchError)");
    };
    CHECK(mismatch("total", "12") == "Order.total: expected N, got S");
    CHECK(mismatch("paid", 1) == "Order.paid: expected BOOL, got N");
    CHECK(mismatch("tags", List{}) == "Order.tags: expected SS, got L");
    CHECK(mismatch("billing", "x") == "Order.billing: expected M, got S");
    CHECK(mismatch("discount", "5") == "Order.discount: expected N, got S");
    CHECK_THAT(mismatch("total", Number("1.5")),
               Catch::StartsWith("Order.total: cannot convert number \"1.5\" to int64"));
    CHECK(mismatch("lines", List{Map{{"sku", "A"}, {"qty", 70000}}}) ==
          "Order.lines[0].qty: cannot convert number \"70000\" to uint16: it is out of range");
    CHECK_THAT(mismatch("lines", List{Map{{"sku", "A"}, {"qty", -1}}}),
               Catch::StartsWith("Order.lines[0].qty: cannot convert number \"-1\"") &&
                   Catch::EndsWith("it is negative"));
    CHECK(mismatch("notes", Map{{"n", List{"a", 5}}}) == "Order.notes.n[1]: expected S, got N");
    CHECK(mismatch("codes", NumberSet{Number("1"), Number("99999999999")}) ==
          "Order.codes: cannot convert number \"99999999999\" to int32: it is out of range");
    CHECK(mismatch("status", "deleted") ==
          "Order.status: \"deleted\" is not an enumerator of Status");
    CHECK(mismatch("weight", Number("1e39")) ==
          "Order.weight: cannot convert number \"1e39\" to float: it is out of range");
}

TEST_CASE("writing rejects what DynamoDB cannot store, naming the field") {
    app::Order o = sample_order();
    o.ratio = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH(to_item(o), "Order.ratio: DynamoDB numbers cannot be NaN or infinite");
    o = sample_order();
    o.weight = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(to_item(o), InvalidArgumentError);
    o = sample_order();
    o.lines = {{"A", 1}};
    o.status = static_cast<app::Status>(7);
    CHECK_THROWS_WITH(to_item(o), "Order.status: value 7 is not an enumerator of Status");
}

TEST_CASE("value_traits lets users add their own types") {
    const app::Event e{"e1", {std::chrono::seconds(1700000000)}, {{std::chrono::seconds(1)}}};
    const Item item = to_item(e);
    CHECK(item.at("at") == AttributeValue(1700000000));
    CHECK(item.at("history") == AttributeValue(List{1}));
    const auto back = from_item<app::Event>(item);
    CHECK(back.at == e.at);
    CHECK(back.history == e.history);
    Item bad = item;
    bad["history"] = List{"x"};
    CHECK_THROWS_WITH(from_item<app::Event>(bad), "Event.history[0]: expected N, got S");
}

TEST_CASE("attributes the struct does not describe are ignored") {
    Item item = to_item(app::Line{"sku-1", 3});
    item["unrelated"] = "x";
    const auto line = from_item<app::Line>(item);
    CHECK(line.sku == "sku-1");
    CHECK(line.qty == 3);
}

#include "render.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace expr_test;

TEST_CASE("expressions rendered through one context share its namespace") {
    Placeholders ph;
    CHECK(ph.render(key("pk") == "a" && key("sk") > 3) == "#n0 = :v0 AND #n1 > :v1");
    CHECK(ph.render(attr("sk") < 10 && attr("status") == "a") == "#n1 < :v2 AND #n2 = :v0");
    CHECK(ph.render(Projection{"status", "pk", "total"}) == "#n2, #n0, #n3");
    const ExpressionAttributes& a = ph.attributes();
    CHECK(a.names == Names{{"#n0", "pk"}, {"#n1", "sk"}, {"#n2", "status"}, {"#n3", "total"}});
    CHECK(a.values == Item{{":v0", "a"}, {":v1", 3}, {":v2", 10}});
}

TEST_CASE("values share a placeholder only when exactly equal") {
    Placeholders ph;
    CHECK(ph.value(1) == ":v0");
    CHECK(ph.value(1) == ":v0");
    CHECK(ph.value("1") == ":v1");
    CHECK(ph.value(Number("1.0")) == ":v2");
    CHECK(ph.value(Binary("1")) == ":v3");
    CHECK(ph.value(StringSet{"1"}) == ":v4");
    CHECK(ph.value(List{1}) == ":v5");
    CHECK(ph.value(List{"1"}) == ":v6");
    CHECK(ph.value(Map{{"k", List{1, "a"}}}) == ":v7");
    CHECK(ph.value(Map{{"k", List{1, "a"}}}) == ":v7");
    CHECK(ph.value(Map{{"k", List{1, "b"}}}) == ":v8");
    CHECK(ph.value(true) == ":v9");
    CHECK(ph.value(false) == ":v10");
    CHECK(ph.value(Null{}) == ":v11");
    CHECK(ph.value(Null{}) == ":v11");
    // Length prefixes keep concatenations apart.
    CHECK(ph.value(List{"ab", "c"}) == ":v12");
    CHECK(ph.value(List{"a", "bc"}) == ":v13");
    CHECK(ph.attributes().values.size() == 14);
}

TEST_CASE("names share a placeholder and placeholders never come from user text") {
    Placeholders ph;
    CHECK(ph.name("x") == "#n0");
    CHECK(ph.name("x") == "#n0");
    CHECK_THROWS_AS(ph.name(""), InvalidArgumentError);
    // Attribute names and values that look like placeholders are just data.
    CHECK(ph.render(attr("#n0") == ":v0" && path(":v1") == "#n1") == "#n1 = :v0 AND #n2 = :v1");
    CHECK(ph.attributes().names == Names{{"#n0", "x"}, {"#n1", "#n0"}, {"#n2", ":v1"}});
    CHECK(ph.attributes().values == Item{{":v0", ":v0"}, {":v1", "#n1"}});
}

TEST_CASE("rendering is deterministic") {
    const Expressions e{
        .key_condition = key("pk") == named("pk") && key("sk").begins_with("x"),
        .filter = (attr("n").between(1, 5) && attr("c").in({named("cs")})) || !attr("d").exists(),
        .projection = Projection{"n", "c", "sk"},
    };
    const Item data{{"pk", "p"}, {"cs", StringSet{"A", "B"}}};
    const RenderedExpressions first = render_expressions(e, data);
    const RenderedExpressions second = render_expressions(e, data);
    CHECK(first.key_condition == second.key_condition);
    CHECK(first.filter == second.filter);
    CHECK(first.projection == second.projection);
    CHECK(first.names == second.names);
    CHECK(first.values == second.values);
    CHECK(first.key_condition == "#n0 = :v0 AND begins_with(#n1, :v1)");
    CHECK(first.filter ==
          "((#n2 BETWEEN :v2 AND :v3) AND #n3 IN (:v4, :v5)) OR NOT attribute_exists(#n4)");
    CHECK(first.projection == "#n2, #n3, #n1");
    CHECK(first.condition.empty());
    CHECK(first.update.empty());
}

TEST_CASE(
    "render_expressions renders in a fixed order: key, filter, condition, update, projection") {
    const Expressions e{
        .condition = attr("v") == 1,
        .update = Update().set("v", 2).set("w", 1),
        .projection = Projection{"w"},
    };
    const RenderedExpressions r = render_expressions(e);
    CHECK(r.condition == "#n0 = :v0");
    CHECK(r.update == "SET #n0 = :v1, #n1 = :v0");
    CHECK(r.projection == "#n1");
    CHECK(r.names == Names{{"#n0", "v"}, {"#n1", "w"}});
    CHECK(r.values == Item{{":v0", 1}, {":v1", 2}});
    CHECK(r.key_condition.empty());
    CHECK(r.filter.empty());
}

TEST_CASE("a failed render leaves the context as it was") {
    Placeholders ph(Item{{"ok", 5}});
    CHECK(ph.render(attr("a") == 1) == "#n0 = :v0");
    // b, c and 2 get placeholders before the missing value is found; all of them are undone.
    CHECK_THROWS_AS(ph.render(attr("b") == 2 && attr("c") == named("missing")),
                    InvalidArgumentError);
    CHECK_THROWS_AS(ph.render(Update().set("b", 2).add("c", named("missing"))),
                    InvalidArgumentError);
    CHECK_THROWS_AS(ph.render(raw("{b} = {x__value}")), InvalidArgumentError);
    CHECK_THROWS_AS(ph.render(KeyCondition(key("b") == 2 && key("c") == named("missing"))),
                    InvalidArgumentError);
    CHECK(ph.attributes().names == Names{{"#n0", "a"}});
    CHECK(ph.attributes().values == Item{{":v0", 1}});
    CHECK(ph.render(attr("d") == named("ok") && attr("a") == 1) == "#n1 = :v1 AND #n0 = :v0");
}

TEST_CASE("release hands the maps over and starts a new namespace") {
    Placeholders ph(Item{{"x", 1}});
    CHECK(ph.render(attr("a") == named("x")) == "#n0 = :v0");
    const ExpressionAttributes first = ph.release();
    CHECK(first.names == Names{{"#n0", "a"}});
    CHECK(first.values == Item{{":v0", 1}});
    CHECK(ph.attributes().names.empty());
    CHECK(ph.attributes().values.empty());
    // The data stays.
    CHECK(ph.render(attr("b") == named("x")) == "#n0 = :v0");
    CHECK(ph.release().names == Names{{"#n0", "b"}});
}

TEST_CASE("data lookups") {
    const Placeholders ph(Item{{"x", "v"}});
    CHECK(ph.data(named("x")) == AttributeValue("v"));
    CHECK_THROWS_AS(ph.data(named("y")), InvalidArgumentError);
    CHECK(ph.resolve(ValueOperand(3)) == AttributeValue(3));
    CHECK(ph.resolve(ValueOperand(named("x"))) == AttributeValue("v"));
}

#include "render.hpp"

#include <catch2/catch.hpp>

#include <list>

using namespace dynaq;
using namespace expr_test;

namespace {

// What the operators accept is part of the contract: these must not compile.
template <class L, class R>
concept can_less = requires(L l, R r) {
    l < r;
};
template <class L, class R>
concept can_equal = requires(L l, R r) {
    l == r;
};

static_assert(can_less<Path, int>);
static_assert(can_less<int, Path>);
static_assert(can_less<SizeOf, int>);
static_assert(can_less<Path, Path>);
static_assert(can_less<NamedValue, int>);
static_assert(!can_less<Path, double>, "doubles never become numbers silently");
static_assert(!can_less<std::string, AttributeValue>, "no expression term, no expression");
static_assert(!can_equal<Condition, Condition>);
// Plain values keep their own equality.
static_assert(std::is_same_v<decltype(AttributeValue() == AttributeValue()), bool>);

} // namespace

TEST_CASE("comparisons render with the DynamoDB operator") {
    const auto r = render(attr("age") >= 18);
    CHECK(r.text == "#n0 >= :v0");
    CHECK(r.names == Names{{"#n0", "age"}});
    CHECK(r.values == Item{{":v0", 18}});

    CHECK(text(attr("a") == "x") == "#n0 = :v0");
    CHECK(text(attr("a") != "x") == "#n0 <> :v0");
    CHECK(text(attr("a") < 1) == "#n0 < :v0");
    CHECK(text(attr("a") <= 1) == "#n0 <= :v0");
    CHECK(text(attr("a") > 1) == "#n0 > :v0");
    CHECK(text(attr("a") >= 1) == "#n0 >= :v0");
}

TEST_CASE("comparisons may put the value first or compare two attributes") {
    CHECK(text(18 <= attr("age")) == ":v0 <= #n0");
    const auto r = render(attr("a.x") == attr("b[1]"));
    CHECK(r.text == "#n0.#n1 = #n2[1]");
    CHECK(r.names == Names{{"#n0", "a"}, {"#n1", "x"}, {"#n2", "b"}});
    CHECK(r.values.empty());
}

TEST_CASE("string literals are values, never attribute names") {
    const auto r = render(attr("status") == "status");
    CHECK(r.text == "#n0 = :v0");
    CHECK(r.values == Item{{":v0", "status"}});
}

TEST_CASE("functions render with their DynamoDB names") {
    CHECK(text(attr("a").exists()) == "attribute_exists(#n0)");
    CHECK(text(attr("a").not_exists()) == "attribute_not_exists(#n0)");
    CHECK(text(attr("s").begins_with("pre")) == "begins_with(#n0, :v0)");
    CHECK(text(attr("s").begins_with(attr("p"))) == "begins_with(#n0, #n1)");
    CHECK(text(attr("tags").contains("red")) == "contains(#n0, :v0)");

    const auto typed = render(attr("n").has_type(Type::NS));
    CHECK(typed.text == "attribute_type(#n0, :v0)");
    CHECK(typed.values == Item{{":v0", "NS"}});
    CHECK(render(attr("n").has_type(Type::Null)).values == Item{{":v0", "NULL"}});
}

TEST_CASE("size() is an operand") {
    CHECK(text(size(attr("tags")) > 2) == "size(#n0) > :v0");
    CHECK(text(3 == size(attr("a.b"))) == ":v0 = size(#n0.#n1)");
    CHECK(text(size(attr("l")).between(1, 3)) == "size(#n0) BETWEEN :v0 AND :v1");
    CHECK(text(size(attr("l")).in({1, 2})) == "size(#n0) IN (:v0, :v1)");
    CHECK(text(attr("n") < size(attr("l"))) == "#n0 < size(#n1)");
}

TEST_CASE("between") {
    const auto r = render(attr("n").between(1, 9));
    CHECK(r.text == "#n0 BETWEEN :v0 AND :v1");
    CHECK(r.values == Item{{":v0", 1}, {":v1", 9}});
    CHECK(text(attr("n").between(attr("lo"), attr("hi"))) == "#n0 BETWEEN #n1 AND #n2");
}

TEST_CASE("in accepts lists, ranges and sets") {
    const auto r = render(attr("city").in({"A", "B", "C"}));
    CHECK(r.text == "#n0 IN (:v0, :v1, :v2)");
    CHECK(r.values == Item{{":v0", "A"}, {":v1", "B"}, {":v2", "C"}});

    CHECK(text(attr("n").in(std::vector<int>{1, 2})) == "#n0 IN (:v0, :v1)");
    CHECK(text(attr("n").in(std::list<std::string>{"x"})) == "#n0 IN (:v0)");
    // A set is a range of its members: each becomes a candidate.
    CHECK(text(attr("s").in(StringSet{"x", "y"})) == "#n0 IN (:v0, :v1)");
    CHECK(text(attr("s").in(NumberSet{1, 2, 3})) == "#n0 IN (:v0, :v1, :v2)");
    // So is a List, and a List or set AttributeValue known only at run time.
    CHECK(text(attr("s").in(List{1, "x"})) == "#n0 IN (:v0, :v1)");
    CHECK(text(attr("s").in(AttributeValue(StringSet{"p", "q"}))) == "#n0 IN (:v0, :v1)");
    CHECK(text(attr("s").in(AttributeValue(List{1}))) == "#n0 IN (:v0)");
    // Candidates may also be attributes; equal values share a placeholder.
    CHECK(text(attr("s").in({attr("t"), "x", "x"})) == "#n0 IN (#n1, :v0, :v0)");
    // A List literal inside the candidate list is one candidate (compared as a whole).
    CHECK(text(attr("l").in({List{1, 2}, List{3}})) == "#n0 IN (:v0, :v1)");
}

TEST_CASE("in rejects what DynamoDB would") {
    CHECK_THROWS_AS(attr("a").in(std::vector<int>{}), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").in(StringSet{}), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").in(AttributeValue(List{})), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").in({StringSet{"x"}}), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").in(List{1, NumberSet{2}}), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").in(AttributeValue("scalar")), InvalidArgumentError);

    std::vector<int> hundred(100);
    for (int i = 0; i < 100; ++i)
        hundred[static_cast<std::size_t>(i)] = i;
    const auto r = render(attr("a").in(hundred));
    CHECK(r.values.size() == 100);
    CHECK(r.text.ends_with(":v98, :v99)"));
    hundred.push_back(100);
    CHECK_THROWS_AS(attr("a").in(hundred), InvalidArgumentError);
}

TEST_CASE("literal operands are checked when the condition is built") {
    CHECK_THROWS_AS(attr("a") < true, InvalidArgumentError);
    CHECK_THROWS_AS(attr("a") >= List{}, InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").between(1, Null{}), InvalidArgumentError);
    CHECK_THROWS_AS(attr("a").begins_with(5), InvalidArgumentError);
    CHECK_NOTHROW(attr("a").begins_with(Binary("ab")));
    // Equality works on every type.
    CHECK(text(attr("a") == true) == "#n0 = :v0");
    CHECK(text(attr("a") != Null{}) == "#n0 <> :v0");
    CHECK(text(attr("a") == Map{{"k", 1}}) == "#n0 = :v0");
}

TEST_CASE("and/or chains of one operator render flat") {
    const Condition a = attr("a") == 1, b = attr("b") == 2, c = attr("c") == 3;
    CHECK(text(a && b && c) == "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2");
    CHECK(text(a && (b && c)) == "#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2");
    CHECK(text((a || b) || (c || a)) == "#n0 = :v0 OR #n1 = :v1 OR #n2 = :v2 OR #n0 = :v0");
}

TEST_CASE("groups nested in another operator are parenthesised") {
    const Condition a = attr("a") == 1, b = attr("b") == 2, c = attr("c") == 3, d = attr("d") == 4;
    // C++ precedence builds a || (b && c); the text says so explicitly.
    CHECK(text(a || b && c) == "#n0 = :v0 OR (#n1 = :v1 AND #n2 = :v2)");
    // The seed rendered this one as `a AND b OR c`, which DynamoDB reads as (a AND b) OR c.
    CHECK(text(a && (b || c)) == "#n0 = :v0 AND (#n1 = :v1 OR #n2 = :v2)");
    CHECK(text((a || b) && c) == "(#n0 = :v0 OR #n1 = :v1) AND #n2 = :v2");
    CHECK(text(a || (b && (c || d))) == "#n0 = :v0 OR (#n1 = :v1 AND (#n2 = :v2 OR #n3 = :v3))");
    CHECK(text((a || b) && (c || d)) == "(#n0 = :v0 OR #n1 = :v1) AND (#n2 = :v2 OR #n3 = :v3)");
}

TEST_CASE("not parenthesises everything but a function call") {
    const Condition a = attr("a") == 1, b = attr("b") == 2;
    CHECK(text(!attr("a").exists()) == "NOT attribute_exists(#n0)");
    CHECK(text(!a) == "NOT (#n0 = :v0)");
    CHECK(text(!(a && b)) == "NOT (#n0 = :v0 AND #n1 = :v1)");
    CHECK(text(!(a || b)) == "NOT (#n0 = :v0 OR #n1 = :v1)");
    CHECK(text(!!attr("a").exists()) == "NOT (NOT attribute_exists(#n0))");
    CHECK(text(!attr("a").in({1, 2})) == "NOT (#n0 IN (:v0, :v1))");
    CHECK(text(a && !b) == "#n0 = :v0 AND NOT (#n1 = :v1)");
    CHECK(text(attr("age") >= 18 && !attr("deleted").exists()) ==
          "#n0 >= :v0 AND NOT attribute_exists(#n1)");
}

TEST_CASE("between inside and/or is parenthesised so its AND cannot be misread") {
    CHECK(text(attr("n").between(1, 2) && attr("m") == 3) ==
          "(#n0 BETWEEN :v0 AND :v1) AND #n1 = :v2");
    CHECK(text(attr("m") == 3 || attr("n").between(1, 2)) ==
          "#n0 = :v0 OR (#n1 BETWEEN :v1 AND :v2)");
    CHECK(text(!attr("n").between(1, 2)) == "NOT (#n0 BETWEEN :v0 AND :v1)");
}

TEST_CASE("named values come from the data and are checked when rendered") {
    const Condition c = attr("age") < named("limit");
    const auto r = render(c, Item{{"limit", 30}, {"unused", 1}});
    CHECK(r.text == "#n0 < :v0");
    CHECK(r.values == Item{{":v0", 30}});

    CHECK_THROWS_AS(text(c), InvalidArgumentError);                        // no data
    CHECK_THROWS_AS(text(c, Item{{"limit", true}}), InvalidArgumentError); // not ordered
    CHECK_THROWS_AS(text(attr("s").begins_with(named("p")), Item{{"p", 1}}), InvalidArgumentError);
    CHECK_THROWS_AS(text(attr("s").has_type(Type::S) || attr("t") == named("x"), Item{}),
                    InvalidArgumentError);
}

TEST_CASE("a named List or set in IN expands to its elements") {
    const Condition c = attr("city").in({named("cities")});
    const auto r = render(c, Item{{"cities", List{"A", "B"}}});
    CHECK(r.text == "#n0 IN (:v0, :v1)");
    CHECK(r.values == Item{{":v0", "A"}, {":v1", "B"}});
    CHECK(text(c, Item{{"cities", StringSet{"A", "B", "C"}}}) == "#n0 IN (:v0, :v1, :v2)");
    CHECK(text(c, Item{{"cities", "A"}}) == "#n0 IN (:v0)");
    CHECK(text(attr("x").in({named("a"), 7, named("b")}), Item{{"a", NumberSet{1, 2}}, {"b", 3}}) ==
          "#n0 IN (:v0, :v1, :v2, :v3)");

    CHECK_THROWS_AS(text(c, Item{{"cities", List{}}}), InvalidArgumentError);
    CHECK_THROWS_AS(text(c, Item{{"cities", List{StringSet{"A"}}}}), InvalidArgumentError);
    List too_many;
    for (int i = 0; i < 101; ++i)
        too_many.emplace_back(i);
    CHECK_THROWS_AS(text(c, Item{{"cities", too_many}}), InvalidArgumentError);
}

TEST_CASE("Op spells operators as DynamoDB does") {
    CHECK(to_string(Op::ne) == "<>");
    CHECK(to_string(Op::in) == "IN");
    CHECK(to_string(Op::between) == "BETWEEN");
    CHECK(to_string(Op::exists) == "attribute_exists");
    CHECK(to_string(Op::not_exists) == "attribute_not_exists");
    CHECK(to_string(Op::attribute_type) == "attribute_type");
}

#include "render.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace expr_test;

namespace {

// The key condition grammar is enforced by the types.
template <class A, class B>
concept can_and = requires(A a, B b) {
    a&& b;
};
template <class A, class B>
concept can_or = requires(A a, B b) {
    a || b;
};
template <class A, class B>
concept can_not_equal = requires(A a, B b) {
    a != b;
};
template <class K>
concept has_contains = requires(K k) {
    k.contains(1);
};

static_assert(can_and<KeyEquals, SortKeyCondition>);
static_assert(can_and<SortKeyCondition, KeyEquals>);
static_assert(can_and<KeyEquals, KeyEquals>);
static_assert(!can_and<SortKeyCondition, SortKeyCondition>, "no partition key equality");
static_assert(!can_and<KeyCondition, SortKeyCondition>, "at most one sort key condition");
static_assert(!can_and<KeyEquals, Condition>);
static_assert(!can_or<KeyEquals, SortKeyCondition>);
static_assert(!can_not_equal<KeyAttribute, int>);
static_assert(!has_contains<KeyAttribute>);
static_assert(std::is_convertible_v<KeyEquals, KeyCondition>);
static_assert(!std::is_convertible_v<SortKeyCondition, KeyCondition>);
// A general condition converts only explicitly, because that conversion checks at run time.
static_assert(!std::is_convertible_v<Condition, KeyCondition>);
static_assert(std::is_constructible_v<KeyCondition, Condition>);

} // namespace

TEST_CASE("partition key equality alone") {
    const auto r = render(KeyCondition(key("pk") == "user#1"));
    CHECK(r.text == "#n0 = :v0");
    CHECK(r.names == Names{{"#n0", "pk"}});
    CHECK(r.values == Item{{":v0", "user#1"}});
}

TEST_CASE("every sort key operator") {
    const KeyEquals pk = key("pk") == "p";
    CHECK(text(pk && key("sk") == "s") == "#n0 = :v0 AND #n1 = :v1");
    CHECK(text(pk && key("sk") < 5) == "#n0 = :v0 AND #n1 < :v1");
    CHECK(text(pk && key("sk") <= 5) == "#n0 = :v0 AND #n1 <= :v1");
    CHECK(text(pk && key("sk") > 5) == "#n0 = :v0 AND #n1 > :v1");
    CHECK(text(pk && key("sk") >= 5) == "#n0 = :v0 AND #n1 >= :v1");
    CHECK(text(pk && key("sk").between(1, 9)) == "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
    CHECK(text(pk && key("sk").begins_with("order#")) == "#n0 = :v0 AND begins_with(#n1, :v1)");
    CHECK(text(pk && key("sk").begins_with(Binary("\x01"))) ==
          "#n0 = :v0 AND begins_with(#n1, :v1)");
}

TEST_CASE("the partition key is rendered first whatever the order written") {
    const auto r = render(key("sk") >= 5 && key("pk") == "p");
    CHECK(r.text == "#n0 = :v0 AND #n1 >= :v1");
    CHECK(r.names == Names{{"#n0", "pk"}, {"#n1", "sk"}});
    CHECK(r.values == Item{{":v0", "p"}, {":v1", 5}});
}

TEST_CASE("key names are taken verbatim and equal values share a placeholder") {
    const auto r = render(key("a.b") == "x" && key("c[0]") == "x");
    CHECK(r.text == "#n0 = :v0 AND #n1 = :v0");
    CHECK(r.names == Names{{"#n0", "a.b"}, {"#n1", "c[0]"}});
    CHECK(r.values.size() == 1);
}

TEST_CASE("key values may be named") {
    const KeyCondition k = key("pk") == named("id") && key("sk").begins_with(named("prefix"));
    const auto r = render(k, Item{{"id", "u1"}, {"prefix", "o#"}});
    CHECK(r.text == "#n0 = :v0 AND begins_with(#n1, :v1)");
    CHECK(r.values == Item{{":v0", "u1"}, {":v1", "o#"}});
    CHECK_THROWS_AS(text(k), InvalidArgumentError);
    CHECK_THROWS_AS(text(k, Item{{"id", true}, {"prefix", "o#"}}), InvalidArgumentError);
    CHECK_THROWS_AS(text(k, Item{{"id", "u1"}, {"prefix", 3}}), InvalidArgumentError);
}

TEST_CASE("invalid key conditions are rejected when built") {
    CHECK_THROWS_AS(key(""), InvalidArgumentError);
    CHECK_THROWS_AS(key("pk") == Map{}, InvalidArgumentError);
    CHECK_THROWS_AS(key("pk") == StringSet{"a"}, InvalidArgumentError);
    CHECK_THROWS_AS(key("pk") == "", InvalidArgumentError);
    CHECK_THROWS_AS(key("pk") == Binary(), InvalidArgumentError);
    CHECK_THROWS_AS(key("sk") < true, InvalidArgumentError);
    CHECK_THROWS_AS(key("sk").begins_with(5), InvalidArgumentError);
    CHECK_THROWS_AS(key("sk").between(1, List{}), InvalidArgumentError);
    CHECK_THROWS_AS(key("pk") == 1 && key("pk") < 3, InvalidArgumentError);
}

TEST_CASE("a general condition is accepted when it has the key condition shape") {
    CHECK(text(KeyCondition(attr("pk") == "a")) == "#n0 = :v0");
    CHECK(text(KeyCondition(attr("pk") == "a" && attr("sk").begins_with("x"))) ==
          "#n0 = :v0 AND begins_with(#n1, :v1)");
    CHECK(text(KeyCondition(attr("pk") == 1 && attr("sk").between(2, 3))) ==
          "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
    CHECK(text(KeyCondition(attr("pk") == 1 && attr("sk") == 2)) == "#n0 = :v0 AND #n1 = :v1");

    // The equality is the partition key, wherever it stands.
    const auto swapped = render(KeyCondition(attr("sk") > 3 && attr("pk") == "a"));
    CHECK(swapped.text == "#n0 = :v0 AND #n1 > :v1");
    CHECK(swapped.names == Names{{"#n0", "pk"}, {"#n1", "sk"}});

    // `5 < sk` is `sk > 5`.
    const auto mirrored = render(KeyCondition(5 < attr("sk") && "a" == attr("pk")));
    CHECK(mirrored.text == "#n0 = :v0 AND #n1 > :v1");
    CHECK(mirrored.names == Names{{"#n0", "pk"}, {"#n1", "sk"}});
    CHECK(mirrored.values == Item{{":v0", "a"}, {":v1", 5}});
}

TEST_CASE("a general condition of another shape is a clear run-time error") {
    using Catch::Contains;
    const Condition pk = attr("pk") == 1;
    CHECK_THROWS_WITH(KeyCondition(pk && attr("sk").contains("x")), Contains("\"contains\""));
    CHECK_THROWS_WITH(KeyCondition(pk && attr("sk") != 2), Contains("\"<>\""));
    CHECK_THROWS_WITH(KeyCondition(pk && attr("sk").in({1, 2})), Contains("\"IN\""));
    CHECK_THROWS_WITH(KeyCondition(pk && attr("sk").exists()), Contains("\"attribute_exists\""));
    CHECK_THROWS_WITH(KeyCondition(attr("pk") != 1), Contains("\"<>\""));
    CHECK_THROWS_WITH(KeyCondition(pk || attr("sk") == 2), Contains("found OR"));
    CHECK_THROWS_WITH(KeyCondition(!pk), Contains("found NOT"));
    CHECK_THROWS_WITH(KeyCondition(pk && attr("a") == 2 && attr("b") == 3), Contains("third part"));
    CHECK_THROWS_WITH(KeyCondition(attr("sk") > 1), Contains("no partition key equality"));
    CHECK_THROWS_WITH(KeyCondition(attr("a") < 1 && attr("b") < 2),
                      Contains("no partition key equality"));
    CHECK_THROWS_WITH(KeyCondition(attr("a.b") == 1), Contains("top-level"));
    CHECK_THROWS_WITH(KeyCondition(attr("a[0]") == 1), Contains("top-level"));
    CHECK_THROWS_WITH(KeyCondition(size(attr("pk")) == 1), Contains("top-level"));
    CHECK_THROWS_WITH(KeyCondition(attr("pk") == attr("other")), Contains("values"));
    CHECK_THROWS_WITH(KeyCondition(Condition(raw("{pk} = {pk__value}"))),
                      Contains("found a raw template"));
    CHECK_THROWS_WITH(KeyCondition(pk && attr("pk") < 3), Contains("twice"));
    CHECK_THROWS_AS(KeyCondition(attr("pk") == Map{}), InvalidArgumentError);
}

TEST_CASE("key conditions report their attributes") {
    const KeyCondition alone = key("pk") == 1;
    CHECK(alone.partition_key() == "pk");
    CHECK(alone.sort_key() == nullptr);
    const KeyCondition both = key("sk") < 3 && key("pk") == 1;
    CHECK(both.partition_key() == "pk");
    REQUIRE(both.sort_key() != nullptr);
    CHECK(*both.sort_key() == "sk");
}

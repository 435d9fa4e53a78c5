#include "render.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace expr_test;

namespace {

template <class L, class R>
concept can_add = requires(L l, R r) {
    l + r;
};

static_assert(can_add<Path, int>);
static_assert(can_add<int, Path>);
static_assert(can_add<NamedValue, Path>);
static_assert(can_add<UpdateOperand, int>);
static_assert(!can_add<UpdateValue, int>, "DynamoDB allows one + or - per value");
static_assert(!can_add<SizeOf, int>, "size() is not an update operand");
static_assert(!can_add<Path, double>);
static_assert(!can_add<Condition, int>);

} // namespace

TEST_CASE("each action renders in its clause") {
    CHECK(text(Update().set("a", 1)) == "SET #n0 = :v0");
    CHECK(text(Update().remove("a")) == "REMOVE #n0");
    CHECK(text(Update().add("n", 1)) == "ADD #n0 :v0");
    CHECK(text(Update().add("tags", StringSet{"x"})) == "ADD #n0 :v0");
    CHECK(text(Update().delete_from_set("tags", StringSet{"x"})) == "DELETE #n0 :v0");
}

TEST_CASE("clauses come in SET, REMOVE, ADD, DELETE order; actions in call order") {
    Update u;
    u.delete_from_set("d", NumberSet{1})
        .add("c", 2)
        .remove("r1")
        .set("s1", "x")
        .remove("r2")
        .set("s2", "y")
        .add("c2", 3);
    const auto r = render(u);
    CHECK(r.text == "SET #n0 = :v0, #n1 = :v1 REMOVE #n2, #n3 ADD #n4 :v2, #n5 :v3 DELETE #n6 :v4");
    CHECK(r.names == Names{{"#n0", "s1"},
                           {"#n1", "s2"},
                           {"#n2", "r1"},
                           {"#n3", "r2"},
                           {"#n4", "c"},
                           {"#n5", "c2"},
                           {"#n6", "d"}});
    CHECK(r.values ==
          Item{{":v0", "x"}, {":v1", "y"}, {":v2", 2}, {":v3", 3}, {":v4", NumberSet{1}}});
}

TEST_CASE("document paths work in every action") {
    Update u;
    u.set("a.b[0]", 1).remove(path("c")[2]).add("m.count", 1);
    CHECK(text(u) == "SET #n0.#n1[0] = :v0 REMOVE #n2[2] ADD #n3.#n4 :v0");
}

TEST_CASE("arithmetic") {
    CHECK(text(Update().set("count", attr("count") + 1)) == "SET #n0 = #n0 + :v0");
    CHECK(text(Update().set("a", 10 - attr("b"))) == "SET #n0 = :v0 - #n1");
    CHECK(text(Update().set("a", attr("b") - attr("c"))) == "SET #n0 = #n1 - #n2");
    CHECK(text(Update().set("n", attr("n") - named("step")), Item{{"step", 2}}) ==
          "SET #n0 = #n0 - :v0");
    CHECK_THROWS_AS(attr("a") + "x", InvalidArgumentError);
    CHECK_THROWS_AS(text(Update().set("n", attr("n") + named("s")), Item{{"s", "x"}}),
                    InvalidArgumentError);
}

TEST_CASE("if_not_exists and list_append") {
    CHECK(text(Update().set("c", if_not_exists("c", 0) + 1)) ==
          "SET #n0 = if_not_exists(#n0, :v0) + :v1");
    CHECK(text(Update().set("created", if_not_exists("created", "now"))) ==
          "SET #n0 = if_not_exists(#n0, :v0)");
    CHECK(text(Update().set_if_not_exists("created", "now")) ==
          "SET #n0 = if_not_exists(#n0, :v0)");
    CHECK(text(Update().set("l", list_append(attr("l"), List{1}))) ==
          "SET #n0 = list_append(#n0, :v0)");
    CHECK(text(Update().set("l", list_append(List{0}, if_not_exists("l", List{})))) ==
          "SET #n0 = list_append(:v0, if_not_exists(#n0, :v1))");
    CHECK(text(Update().set("a", if_not_exists("b", attr("c")))) ==
          "SET #n0 = if_not_exists(#n1, #n2)");

    CHECK_THROWS_AS(list_append(attr("l"), 1), InvalidArgumentError);
    // Text is a value here as everywhere in an operand: "l" is the string, not the attribute,
    // and a string is not a List.
    CHECK_THROWS_AS(list_append("l", List{1}), InvalidArgumentError);
    CHECK_THROWS_AS(text(Update().set("l", list_append(attr("l"), named("x"))), Item{{"x", 1}}),
                    InvalidArgumentError);
    // The fallback of if_not_exists is the value, so it must fit where the call stands.
    CHECK_THROWS_AS(text(Update().set("c", if_not_exists("c", "zero") + 1)), InvalidArgumentError);
    CHECK_THROWS_AS(text(Update().set("l", list_append(attr("l"), if_not_exists("m", 3)))),
                    InvalidArgumentError);
    CHECK_THROWS_AS(text(Update().set("c", list_append(attr("l"), List{}) + 1)),
                    InvalidArgumentError);
}

TEST_CASE("ADD and DELETE values are checked") {
    CHECK_THROWS_AS(Update().add("a", "x"), InvalidArgumentError);
    CHECK_THROWS_AS(Update().add("a", List{1}), InvalidArgumentError);
    CHECK_THROWS_AS(Update().delete_from_set("a", 1), InvalidArgumentError);
    CHECK_NOTHROW(Update().add("a", NumberSet{1}));
    CHECK_NOTHROW(Update().delete_from_set("a", BinarySet{Binary("x")}));

    Update named_values;
    named_values.add("a", named("x")).delete_from_set("b", named("y"));
    CHECK(text(named_values, Item{{"x", 1}, {"y", StringSet{"s"}}}) ==
          "ADD #n0 :v0 DELETE #n1 :v1");
    CHECK_THROWS_AS(text(named_values, Item{{"x", "one"}, {"y", StringSet{"s"}}}),
                    InvalidArgumentError);
    CHECK_THROWS_AS(text(named_values, Item{{"x", 1}, {"y", "s"}}), InvalidArgumentError);
}

TEST_CASE("overlapping paths and empty updates are rejected") {
    CHECK_THROWS_AS(Update().set("a", 1).remove("a.b"), InvalidArgumentError);
    CHECK_THROWS_AS(Update().set("a.b", 1).set("a", 2), InvalidArgumentError);
    CHECK_THROWS_AS(Update().set("a", 1).set("a", 2), InvalidArgumentError);
    CHECK_THROWS_AS(Update().remove("l[1]").add("l[1].n", 1), InvalidArgumentError);
    CHECK_NOTHROW(Update().set("l[0]", 1).set("l[1]", 2).set("m.a", 3).set("m.b", 4));
    CHECK_THROWS_AS(text(Update()), InvalidArgumentError);
    CHECK(Update().empty());
    CHECK_FALSE(Update().remove("a").empty());
}

TEST_CASE("merge appends the other update's actions, or nothing on conflict") {
    Update a;
    a.set("x", 1).remove("r");
    Update b;
    b.set("y", 2).add("n", 1);
    a.merge(b);
    CHECK(text(a) == "SET #n0 = :v0, #n1 = :v1 REMOVE #n2 ADD #n3 :v0");

    Update conflict;
    conflict.set("z", 3).remove("x");
    CHECK_THROWS_AS(a.merge(conflict), InvalidArgumentError);
    CHECK(a.sets().size() == 2);
    CHECK(a.removes().size() == 1);
}

TEST_CASE("update accessors expose the actions") {
    Update u;
    u.set("a", 1).add("b", 2);
    REQUIRE(u.sets().size() == 1);
    CHECK(u.sets()[0].target.elements() == attr("a").elements());
    CHECK(u.sets()[0].value.arithmetic() == UpdateValue::Arithmetic::none);
    REQUIRE(u.adds().size() == 1);
    REQUIRE(u.adds()[0].value.literal() != nullptr);
    CHECK(*u.adds()[0].value.literal() == AttributeValue(2));
    CHECK(u.deletes().empty());
}

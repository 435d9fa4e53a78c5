// The request vectors captured from the Python library (seed-spec Appendix A), as this library
// renders them: placeholder letters are ours (#n0 / :v0 in order of first use), the meaning is
// the seed's, and the seed's bugs (flat groups, overwritten or wasted value slots) are fixed.
#include "render.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace expr_test;

namespace {

const std::string now = "2024-01-02T03:04:05.000006";

} // namespace

TEST_CASE("A.1 upsert: SET with if_not_exists for dt_created") {
    Update u;
    u.set("name", "n").set("age", 3).set("dt_modified", now).set_if_not_exists("dt_created", now);
    const auto r = render(u);
    CHECK(r.text == "SET #n0 = :v0, #n1 = :v1, #n2 = :v2, #n3 = if_not_exists(#n3, :v2)");
    CHECK(r.names ==
          Names{{"#n0", "name"}, {"#n1", "age"}, {"#n2", "dt_modified"}, {"#n3", "dt_created"}});
    // `now` is written twice but sent once.
    CHECK(r.values == Item{{":v0", "n"}, {":v1", 3}, {":v2", now}});
}

TEST_CASE("A.2 upsert with a condition, set-if-not-exists keys and extra data") {
    Update u;
    u.set("age", 3)
        .set("x", 1)
        .set("dt_modified", now)
        .set_if_not_exists("name", "n")
        .set_if_not_exists("dt_created", now);
    const RenderedExpressions r =
        render_expressions({.condition = attr("pk").not_exists(), .update = u});
    CHECK(r.condition == "attribute_not_exists(#n0)");
    CHECK(r.update == "SET #n1 = :v0, #n2 = :v1, #n3 = :v2, #n4 = if_not_exists(#n4, :v3), "
                      "#n5 = if_not_exists(#n5, :v2)");
    CHECK(r.names == Names{{"#n0", "pk"},
                           {"#n1", "age"},
                           {"#n2", "x"},
                           {"#n3", "dt_modified"},
                           {"#n4", "name"},
                           {"#n5", "dt_created"}});
    CHECK(r.values == Item{{":v0", 3}, {":v1", 1}, {":v2", now}, {":v3", "n"}});
}

TEST_CASE("A.3 a condition on the new value shares the update's placeholder") {
    const RenderedExpressions r =
        render_expressions({.condition = condition("version", Op::lt),
                            .update = Update().set("version", named("version"))},
                           Item{{"pk", "p"}, {"sk", "s"}, {"version", 2}});
    CHECK(r.condition == "#n0 < :v0");
    CHECK(r.update == "SET #n0 = :v0");
    CHECK(r.names == Names{{"#n0", "version"}});
    CHECK(r.values == Item{{":v0", 2}});
}

TEST_CASE("A.4 delete_record condition") {
    const auto r = render(condition("pk", Op::exists));
    CHECK(r.text == "attribute_exists(#n0)");
    CHECK(r.names == Names{{"#n0", "pk"}});
    CHECK(r.values.empty());
}

TEST_CASE("A.6 query with a sort key prefix and a projection") {
    const RenderedExpressions r = render_expressions({
        .key_condition = key("pk") == "a" && key("sk").begins_with("x"),
        .projection = Projection{"name", "age"},
    });
    CHECK(r.key_condition == "#n0 = :v0 AND begins_with(#n1, :v1)");
    CHECK(r.projection == "#n2, #n3");
    CHECK(r.names == Names{{"#n0", "pk"}, {"#n1", "sk"}, {"#n2", "name"}, {"#n3", "age"}});
    CHECK(r.values == Item{{":v0", "a"}, {":v1", "x"}});
}

TEST_CASE("A.7 GSI query: the filter group keeps its meaning") {
    // The seed sent `age BETWEEN .. AND .. AND city IN (..) OR attribute_not_exists(deleted)`,
    // flat; the parentheses here say what the Python expression tree meant.
    const RenderedExpressions r = render_expressions(
        {
            .key_condition = key("name") == "Mary" && key("age") == 34,
            .filter = (condition("age", Op::between, "lo", "hi") &&
                       condition("city", Op::in, "cities")) ||
                      condition("deleted", Op::not_exists),
        },
        Item{{"lo", 1}, {"hi", 50}, {"cities", List{"A", "B", "C"}}});
    CHECK(r.key_condition == "#n0 = :v0 AND #n1 = :v1");
    CHECK(r.filter ==
          "((#n1 BETWEEN :v2 AND :v3) AND #n2 IN (:v4, :v5, :v6)) OR attribute_not_exists(#n3)");
    CHECK(r.names == Names{{"#n0", "name"}, {"#n1", "age"}, {"#n2", "city"}, {"#n3", "deleted"}});
    CHECK(r.values == Item{{":v0", "Mary"},
                           {":v1", 34},
                           {":v2", 1},
                           {":v3", 50},
                           {":v4", "A"},
                           {":v5", "B"},
                           {":v6", "C"}});
}

TEST_CASE("A.8 scan with contains and <>") {
    const RenderedExpressions r = render_expressions(
        {
            .filter = condition("name", Op::contains, "needle") && condition("age", Op::ne),
            .projection = Projection{"name"},
        },
        Item{{"needle", "oh"}, {"age", 3}});
    CHECK(r.filter == "contains(#n0, :v0) AND #n1 <> :v1");
    CHECK(r.projection == "#n0");
    CHECK(r.names == Names{{"#n0", "name"}, {"#n1", "age"}});
    CHECK(r.values == Item{{":v0", "oh"}, {":v1", 3}});
}

TEST_CASE("A.11 clear_table scan filter keeps both sort key values") {
    // The seed bound both slots to "pre"; the sort key value is its own value here.
    const auto r = render(attr("sk") == "s1" && attr("sk").begins_with("pre"));
    CHECK(r.text == "#n0 = :v0 AND begins_with(#n0, :v1)");
    CHECK(r.values == Item{{":v0", "s1"}, {":v1", "pre"}});
}

TEST_CASE("A.12 update with every clause") {
    Update u;
    u.set("name", named("name"))
        .set_if_not_exists("created", named("created"))
        .add("count", named("count"))
        .add("tags", named("tags"))
        .delete_from_set("old", named("old"))
        .remove("gone");
    const Item data{{"pk", "x"},
                    {"name", "n"},
                    {"count", 1},
                    {"tags", StringSet{"t"}},
                    {"old", StringSet{"o"}},
                    {"created", "now"}};
    const auto r = render(u, data);
    CHECK(r.text == "SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1) REMOVE #n2 ADD #n3 :v2, "
                    "#n4 :v3 DELETE #n5 :v4");
    CHECK(r.names == Names{{"#n0", "name"},
                           {"#n1", "created"},
                           {"#n2", "gone"},
                           {"#n3", "count"},
                           {"#n4", "tags"},
                           {"#n5", "old"}});
    CHECK(r.values == Item{{":v0", "n"},
                           {":v1", "now"},
                           {":v2", 1},
                           {":v3", StringSet{"t"}},
                           {":v4", StringSet{"o"}}});
    // The seed's ADD/DELETE validation, now per clause.
    Item bad = data;
    bad["count"] = "one";
    CHECK_THROWS_AS(render(u, bad), InvalidArgumentError);
}

TEST_CASE("A.13 one value name used by the key condition and the filter") {
    // The seed rendered `#aaa = :aab` / `#aaa <> :aab` and wasted `:aaa`.
    const RenderedExpressions r = render_expressions(
        {.key_condition = key("pk") == named("pk"), .filter = condition("pk", Op::ne)},
        Item{{"pk", "a"}});
    CHECK(r.key_condition == "#n0 = :v0");
    CHECK(r.filter == "#n0 <> :v0");
    CHECK(r.values == Item{{":v0", "a"}});
}

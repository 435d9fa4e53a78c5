#include <dynaq/expression.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;

namespace {

using Elements = std::vector<Path::Element>;

std::string rendered(const Path& p, Placeholders& ph) {
    std::string out;
    ph.append_path(out, p);
    return out;
}

} // namespace

TEST_CASE("attr parses names, members and list indices") {
    CHECK(attr("a").elements() == Elements{"a"});
    CHECK(attr("a.b[2].c").elements() == Elements{"a", "b", std::size_t{2}, "c"});
    CHECK(attr("m[0][10]").elements() == Elements{"m", std::size_t{0}, std::size_t{10}});
    CHECK(attr("with space.x-y").elements() == Elements{"with space", "x-y"});
    CHECK(attr("l[007]").elements() == Elements{"l", std::size_t{7}});
    // The implicit conversion parses the same way.
    Path implicit = "a.b[1]";
    CHECK(implicit.elements() == attr("a.b[1]").elements());
    CHECK(Path(std::string("x.y")).elements() == Elements{"x", "y"});
}

TEST_CASE("malformed paths are rejected") {
    for (const char* bad : {"", ".a", "a.", "a..b", "[0]", "a[", "a[]", "a[x]", "a[-1]", "a[+1]",
                            "a[1", "a]", "a[0]b", "a.[0]", "a[0].", "a[99999999999999999999999]"}) {
        INFO(bad);
        CHECK_THROWS_AS(attr(bad), InvalidArgumentError);
    }
}

TEST_CASE("path() takes one name verbatim and [] extends it") {
    CHECK(path("a.b[0]").elements() == Elements{"a.b[0]"});
    CHECK(path("a")["b"][2]["c.d"].elements() == Elements{"a", "b", std::size_t{2}, "c.d"});
    CHECK(path("a")[0].elements() == Elements{"a", std::size_t{0}});
    CHECK(path("a")[std::size_t{3}].elements() == Elements{"a", std::size_t{3}});
    CHECK_THROWS_AS(path(""), InvalidArgumentError);
    CHECK_THROWS_AS(path("a")[""], InvalidArgumentError);
    CHECK_THROWS_AS(path("a")[-1], InvalidArgumentError);
}

TEST_CASE("to_string shows the path for messages") {
    CHECK(attr("a.b[2].c").to_string() == "a.b[2].c");
    CHECK(path("x")[0][1].to_string() == "x[0][1]");
}

TEST_CASE("overlapping paths are prefixes of each other") {
    CHECK(attr("a").overlaps(attr("a")));
    CHECK(attr("a").overlaps(attr("a.b")));
    CHECK(attr("a.b[1]").overlaps(attr("a")));
    CHECK(attr("a[1]").overlaps(attr("a[1].x")));
    CHECK_FALSE(attr("a[0]").overlaps(attr("a[1]")));
    CHECK_FALSE(attr("a.b").overlaps(attr("a.c")));
    CHECK_FALSE(attr("ab").overlaps(attr("a")));
    CHECK_FALSE(path("a.b").overlaps(attr("a.b")));
}

TEST_CASE("every name becomes a placeholder, indices stay literal") {
    Placeholders ph;
    CHECK(rendered(attr("a.b[2].c"), ph) == "#n0.#n1[2].#n2");
    // Reserved words and characters DynamoDB would not accept in an expression are just names.
    CHECK(rendered(path("size")["name with space"]["a.b"], ph) == "#n3.#n4.#n5");
    // Names already seen reuse their placeholder.
    CHECK(rendered(attr("c.a[0]"), ph) == "#n2.#n0[0]");
    const std::map<std::string, std::string> expected{
        {"#n0", "a"},  {"#n1", "b"}, {"#n2", "c"}, {"#n3", "size"}, {"#n4", "name with space"},
        {"#n5", "a.b"}};
    CHECK(ph.attributes().names == expected);
    CHECK(ph.attributes().values.empty());
}

TEST_CASE("named values need a name") {
    CHECK(named("x").name() == "x");
    CHECK_THROWS_AS(named(""), InvalidArgumentError);
}

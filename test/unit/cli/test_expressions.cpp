// Command-line expressions, values and the read options built from them.
#include "args.hpp"
#include "expressions.hpp"
#include "read_options.hpp"

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq_cli;

namespace {

// The expression as DynamoDB receives it, with its names and values.
RenderedExpressions render(std::string_view cli, Item values = {}) {
    return render_expressions({.filter = Condition(cli_expression(cli, "--filter"))},
                              std::move(values));
}

std::string argument_error(std::string_view cli) {
    try {
        (void)cli_expression(cli, "--filter");
    } catch (const InvalidArgumentError& e) {
        return e.what();
    }
    return "(no error)";
}

TableSchema orders() {
    TableSchema schema;
    schema.table_name = "orders";
    schema.partition_key = {"customer", ScalarAttributeType::s};
    schema.sort_key = KeyDefinition{"at", ScalarAttributeType::n};
    SecondaryIndex by_status;
    by_status.name = "by_status";
    by_status.partition_key = {"state", ScalarAttributeType::s};
    schema.global_secondary_indexes.push_back(by_status);
    return schema;
}

CommandSpec query_spec() {
    CommandSpec spec{.name = "query", .positionals = {"TABLE"}};
    for (auto list : {key_condition_options(), filter_options()})
        spec.options.insert(spec.options.end(), list.begin(), list.end());
    spec.options.push_back({"--reverse", "", ""});
    spec.options.push_back({"--segments", "N", ""});
    return spec;
}

Args query_args(std::vector<std::string> words) {
    words.insert(words.begin(), "orders");
    return parse_args(query_spec(), words);
}

} // namespace

TEST_CASE(":name becomes a value placeholder, {path} a name placeholder") {
    const auto r = render("age >= :min AND {status} = :s", Item{{"min", 30}, {"s", "on"}});
    CHECK(r.filter == "age >= :v0 AND #n0 = :v1");
    CHECK(r.names == std::map<std::string, std::string>{{"#n0", "status"}});
    CHECK(r.values == Item{{":v0", 30}, {":v1", "on"}});
    const auto f = render("begins_with({a.b[1]}, :p_1)", Item{{"p_1", "x"}});
    CHECK(f.filter == "begins_with(#n0.#n1[1], :v0)");
}

TEST_CASE("'#', a missing value and a bad template are errors naming the option") {
    CHECK_THAT(argument_error("#n = :v"),
               Catch::StartsWith("--filter: write attribute names as {name}"));
    CHECK_THAT(argument_error("{a = 1"), Catch::StartsWith("--filter: invalid raw expression"));
    CHECK_THROWS_WITH(render("a = :missing"), Catch::Contains("missing"));
    // A colon not followed by a name is left for DynamoDB to judge.
    CHECK(render("a = :v", Item{{"v", 1}}).filter == "a = :v0");
}

TEST_CASE("--values: a JSON object, names with or without ':'") {
    CHECK(cli_values(std::nullopt).empty());
    CHECK(cli_values(R"({":a":1,"b":"x","c":{"$SS":["q"]}})") ==
          Item{{"a", 1}, {"b", "x"}, {"c", StringSet{"q"}}});
    CHECK_THROWS_WITH(cli_values("[1]"), Catch::StartsWith("--values: expected a JSON object"));
    CHECK_THROWS_WITH(json_argument("Ada", "--set"),
                      Catch::StartsWith("--set: malformed JSON") && Catch::Contains("need quotes"));
}

TEST_CASE("key values are typed by the key's declared type") {
    CHECK(typed_key_value("user#1", ScalarAttributeType::s, "--pk") == AttributeValue("user#1"));
    CHECK(typed_key_value("0042.50", ScalarAttributeType::n, "--pk").as_number().text() ==
          "0042.50");
    CHECK(typed_key_value("Zm9v", ScalarAttributeType::b, "--pk") == AttributeValue(Binary("foo")));
    CHECK_THROWS_WITH(typed_key_value("abc", ScalarAttributeType::n, "--pk"),
                      Catch::StartsWith("--pk: "));
    CHECK_THROWS_WITH(typed_key_value("%%", ScalarAttributeType::b, "--sk-eq"),
                      Catch::StartsWith("--sk-eq: the key is binary"));
}

TEST_CASE("update actions build one update expression") {
    const UpdateActions actions{.set = {R"(name="Ada")", "a.b[0]=[1]"},
                                .remove = {"old"},
                                .add = {"visits=1"},
                                .del = {R"(tags={"$SS":["x"]})"}};
    const auto r = render_expressions({.update = build_update(actions)});
    CHECK(r.update == "SET #n0 = :v0, #n1.#n2[0] = :v1 REMOVE #n3 ADD #n4 :v2 DELETE #n5 :v3");
    CHECK(r.values.at(":v3") == AttributeValue(StringSet{"x"}));
    CHECK_THROWS_WITH(build_update({.set = {"novalue"}}),
                      Catch::StartsWith("--set: expected PATH=JSON"));
    CHECK_THROWS_WITH(build_update({.add = {"n=one"}}), Catch::StartsWith("--add: malformed JSON"));
    CHECK_THROWS_AS(build_update({.set = {"a=1", "a.b=2"}}), InvalidArgumentError);
}

TEST_CASE("projection lists") {
    CHECK(parse_projection("a,b.c,,d[1]").paths().size() == 3);
    CHECK_THROWS_WITH(parse_projection(","), Catch::Contains("no attribute"));
}

TEST_CASE("query options from flags: keys typed by the table or the index") {
    const TableSchema schema = orders();
    const QueryOptions q = query_options(
        query_args({"--pk", "c1", "--sk-between", R"([10,"20"])", "--reverse", "--limit", "5",
                    "--filter", "total > :t", "--values", R"({"t":9})", "--consistent"}),
        schema);
    CHECK(q.partition_key == AttributeValue("c1"));
    REQUIRE(q.sort_key_match);
    CHECK(q.sort_key_match->op == Op::between);
    CHECK(q.sort_key_match->value == AttributeValue(10));
    CHECK(q.sort_key_match->upper == AttributeValue(20));
    CHECK_FALSE(q.scan_index_forward);
    CHECK(q.limit == 5);
    CHECK(q.consistent_read);
    CHECK(q.filter);
    CHECK(q.data == Item{{"t", 9}});

    const QueryOptions lt = query_options(query_args({"--pk", "c1", "--sk-lt", "7"}), schema);
    CHECK(lt.sort_key_match->op == Op::lt);
    CHECK(lt.sort_key_match->value == AttributeValue(7));

    const QueryOptions idx =
        query_options(query_args({"--index", "by_status", "--pk", "open"}), schema);
    CHECK(idx.index == "by_status");
    CHECK(idx.partition_key == AttributeValue("open"));
}

TEST_CASE("query options reject what cannot work") {
    const TableSchema schema = orders();
    CHECK_THROWS_AS(query_options(query_args({"--sk-eq", "1"}), schema), UsageError);
    CHECK_THROWS_AS(
        query_options(query_args({"--pk", "c", "--sk-eq", "1", "--sk-gt", "2"}), schema),
        UsageError);
    CHECK_THROWS_WITH(
        query_options(query_args({"--index", "by_status", "--pk", "x", "--sk-eq", "1"}), schema),
        Catch::Contains("has no sort key"));
    CHECK_THROWS_WITH(query_options(query_args({"--index", "nope", "--pk", "x"}), schema),
                      Catch::Contains("no index \"nope\""));
    CHECK_THROWS_WITH(query_options(query_args({"--pk", "c", "--sk-between", "[1]"}), schema),
                      Catch::Contains("[LOW, HIGH]"));
    CHECK_THROWS_AS(query_options(query_args({"--pk", "c", "--sk-eq", "x"}), schema),
                    InvalidArgumentError); // at is N
}

TEST_CASE("scan options from flags") {
    const ScanOptions s = scan_options(query_args(
        {"--segments", "8", "--page-size", "50", "--index", "by_status", "--projection", "a,b"}));
    CHECK(s.segments == 8);
    CHECK(s.page_size == 50);
    CHECK(s.index == "by_status");
    CHECK(s.projection);
    CHECK_THROWS_AS(scan_options(query_args({"--segments", "0"})), UsageError);
}

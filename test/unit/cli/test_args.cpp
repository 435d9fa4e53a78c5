// dynaq's argument parser and help text, and the progress line's text.
#include "args.hpp"
#include "progress.hpp"

#include <catch2/catch.hpp>

using namespace dynaq_cli;

namespace {

const CommandSpec spec{
    .name = "query",
    .summary = "Query things.",
    .positionals = {"TABLE"},
    .optional_positional = "FILE",
    .options = {{"--pk", "VALUE", "partition key"},
                {"--reverse", "", "descending"},
                {"--set", "PATH=JSON", "set", true}},
};

Args parse(std::vector<std::string> words) {
    return parse_args(spec, words);
}

std::string usage_error(std::vector<std::string> words) {
    try {
        (void)parse(std::move(words));
    } catch (const UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("options with values, flags, repeats and positionals") {
    const Args a = parse({"users", "--pk", "a", "--reverse", "--set=x=1", "--set", "y=2", "-"});
    CHECK(a.positionals() == std::vector<std::string>{"users", "-"});
    CHECK(a.get("--pk") == "a");
    CHECK(a.has("--reverse"));
    CHECK_FALSE(a.has("--endpoint"));
    CHECK(a.all("--set") == std::vector<std::string>{"x=1", "y=2"});
    CHECK(a.all("--pk") == std::vector<std::string>{"a"});
    CHECK(a.get("--reverse") == ""); // a flag's value is empty
}

TEST_CASE("values may look like options after the option or after --") {
    const Args a = parse({"--pk", "--odd", "--", "--table"});
    CHECK(a.get("--pk") == "--odd");
    CHECK(a.positionals() == std::vector<std::string>{"--table"});
    CHECK(parse({"t", "--pk", "-5"}).get("--pk") == "-5");
}

TEST_CASE("the common connection options are accepted by every command") {
    const Args a = parse(
        {"t", "--endpoint", "http://localhost:8000", "--region=eu-west-1", "--profile", "dev"});
    CHECK(a.get("--endpoint") == "http://localhost:8000");
    CHECK(a.get("--region") == "eu-west-1");
    CHECK(a.get("--profile") == "dev");
}

TEST_CASE("mistakes are usage errors that say what is wrong") {
    CHECK(usage_error({"t", "--nope"}) == "unknown option --nope for query");
    CHECK(usage_error({"t", "--pk"}) == "--pk needs a value (VALUE)");
    CHECK(usage_error({"t", "--pk", "a", "--pk", "b"}) == "--pk given twice");
    CHECK(usage_error({"t", "--reverse=yes"}) == "--reverse takes no value");
    CHECK_THAT(usage_error({}),
               Catch::StartsWith("missing TABLE (usage: dynaq query TABLE [FILE]"));
    CHECK_THAT(usage_error({"a", "b", "c"}), Catch::StartsWith("unexpected argument \"c\""));
    // --help needs no arguments.
    CHECK(parse({"--help"}).has("--help"));
}

TEST_CASE("integers are checked against their range") {
    CHECK(parse({"t", "--pk", "42"}).integer("--pk", 1, 100) == 42);
    CHECK_FALSE(parse({"t"}).integer("--pk", 1, 100));
    for (const char* bad : {"0", "101", "4x", "", " 5", "1e2"})
        CHECK_THROWS_AS(parse({"t", "--pk", bad}).integer("--pk", 1, 100), UsageError);
}

TEST_CASE("help text lists usage, options with their values, and the connection options") {
    const std::string help = help_text(spec);
    CHECK_THAT(help,
               Catch::StartsWith("usage: dynaq query TABLE [FILE] [options]\n\nQuery things.\n"));
    CHECK_THAT(help, Catch::Contains("  --pk VALUE") && Catch::Contains("partition key"));
    CHECK_THAT(help, Catch::Contains("set (repeatable)"));
    CHECK_THAT(help, Catch::Contains("--endpoint URL") && Catch::Contains("--profile NAME"));
}

TEST_CASE("progress line and summary text") {
    CHECK(with_separators(0) == "0");
    CHECK(with_separators(999) == "999");
    CHECK(with_separators(1000) == "1,000");
    CHECK(with_separators(1234567) == "1,234,567");
    CHECK(with_separators(-1234) == "-1,234");
    CHECK(Progress::line(12345, "written", std::chrono::seconds(125)) ==
          "  12,345 items written  98/s  2:05");
    CHECK(Progress::line(0, "read", std::chrono::seconds(0)) == "  0 items read  0/s  0:00");
    const Progress hidden("exported", false);
    CHECK_THAT(hidden.summary(), Catch::StartsWith("0 items exported in "));
}

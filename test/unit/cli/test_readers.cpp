// Import input: JSON Lines and CSV readers, and the CSV record parser under them.
#include "errors.hpp"
#include "readers.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace dynaq;
using namespace dynaq_cli;

namespace {

std::vector<Item> read_all(InputFormat format, const std::string& text,
                           PlainJsonOptions options = {}) {
    std::istringstream in(text);
    auto reader = make_reader(format, in, std::move(options));
    std::vector<Item> out;
    while (auto item = reader->next())
        out.push_back(std::move(*item));
    return out;
}

std::string read_error(InputFormat format, const std::string& text) {
    try {
        (void)read_all(format, text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<CsvRecord> records(const std::string& text) {
    std::istringstream in(text);
    CsvParser parser(in);
    std::vector<CsvRecord> out;
    while (auto r = parser.next())
        out.push_back(std::move(*r));
    return out;
}

} // namespace

TEST_CASE("JSON Lines: one item per line, blank lines skipped") {
    const auto items =
        read_all(InputFormat::jsonl, "{\"a\":1}\n\n  \r\n{\"a\":\"x\"}\r\n{\"a\":[true]}");
    REQUIRE(items.size() == 3);
    CHECK(items[0] == Item{{"a", 1}});
    CHECK(items[1] == Item{{"a", "x"}});
    CHECK(items[2] == Item{{"a", List{true}}});
    CHECK(read_all(InputFormat::jsonl, "").empty());
    const auto bin =
        read_all(InputFormat::jsonl, "{\"p\":\"Zm9v\"}\n", {.binary_attributes = {"p"}});
    CHECK(bin[0].at("p") == AttributeValue(Binary("foo")));
}

TEST_CASE("JSON Lines errors name the line") {
    CHECK(read_error(InputFormat::jsonl, "{\"a\":1}\n\n{\"a\":}\n") ==
          "line 3: malformed JSON at offset 5: Invalid value.");
    CHECK(read_error(InputFormat::jsonl, "[1]\n") ==
          "line 1: expected a JSON object (an item), got an array");
    CHECK_THAT(read_error(InputFormat::jsonl, "{}\n{\"s\":{\"$SS\":[]}}\n"),
               Catch::StartsWith("line 2: s: empty string set"));
}

TEST_CASE("CSV records: quotes, escaped quotes, separators and line breaks inside quotes") {
    const auto r = records("a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",,\"\"\nlast");
    REQUIRE(r.size() == 3);
    CHECK(r[0].fields == std::vector<std::string>{"a", "b,c", "d\"e"});
    CHECK(r[0].line == 1);
    CHECK(r[1].fields == std::vector<std::string>{"multi\nline", "", ""});
    CHECK(r[1].quoted == std::vector<bool>{true, false, true});
    CHECK(r[1].line == 2);
    CHECK(r[2].fields == std::vector<std::string>{"last"});
    CHECK(r[2].line == 4);
    CHECK(records("\xEF\xBB\xBFx,y\n")[0].fields == std::vector<std::string>{"x", "y"});
}

TEST_CASE("CSV record errors") {
    CHECK_THROWS_WITH(records("a,\"open\n"), "line 1: unterminated quoted field");
    CHECK_THROWS_WITH(records("a,b\"c\n"), "line 1: stray quote in an unquoted field");
    CHECK_THROWS_WITH(records("\"a\"b\n"), "line 1: text after a closing quote");
}

TEST_CASE("CSV items: header types, empty cells, quoted empty strings") {
    const auto items = read_all(InputFormat::csv, "id,n:N,ok:BOOL,raw:B,j:JSON,s:S,t\n"
                                                  "a,1.50,true,Zm9v,\"{\"\"$NS\"\":[1]}\",x,\n"
                                                  "\n"
                                                  "b,,FALSE,,null,\"\",plain\n");
    REQUIRE(items.size() == 2);
    CHECK(items[0] == Item{{"id", "a"},
                           {"n", Number("1.50")},
                           {"ok", true},
                           {"raw", Binary("foo")},
                           {"j", NumberSet{1}},
                           {"s", "x"}});
    CHECK(items[0].at("n").as_number().text() == "1.50");
    CHECK(items[1] == Item{{"id", "b"}, {"ok", false}, {"j", Null{}}, {"s", ""}, {"t", "plain"}});
}

TEST_CASE("CSV item errors name the line and the column") {
    CHECK(read_error(InputFormat::csv, "") ==
          "line 1: no header row (CSV input starts with the attribute names)");
    CHECK_THAT(read_error(InputFormat::csv, "a:X\n1\n"),
               Catch::StartsWith("line 1: column \"a:X\": unknown type X"));
    CHECK(read_error(InputFormat::csv, "a,a:N\n") == "line 1: column \"a\" appears twice");
    CHECK(read_error(InputFormat::csv, "a,b\n1,2\n3\n") ==
          "line 3: expected 2 fields as in the header, got 1");
    CHECK_THAT(read_error(InputFormat::csv, "a,n:N\nx,\"1\n\"\ny,abc\n"),
               Catch::StartsWith("line 2: column \"n\": "));
    CHECK_THAT(read_error(InputFormat::csv, "a,n:N\nx,1\ny,abc\n"),
               Catch::StartsWith("line 3: column \"n\": "));
    CHECK(read_error(InputFormat::csv, "b:BOOL\nyes\n") ==
          "line 2: column \"b\": expected true or false, got \"yes\"");
    CHECK(read_error(InputFormat::csv, "r:B\n!!\n") == "line 2: column \"r\": invalid base64");
    CHECK_THAT(read_error(InputFormat::csv, "j:JSON\n\"{\"\"a\"\":}\"\n"),
               Catch::StartsWith("line 2: column \"j\": malformed JSON"));
}

TEST_CASE("input format from the option or the file name") {
    CHECK(input_format(std::nullopt, "x.csv") == InputFormat::csv);
    CHECK(input_format(std::nullopt, "x.jsonl") == InputFormat::jsonl);
    CHECK(input_format(std::nullopt, "-") == InputFormat::jsonl);
    CHECK(input_format(std::string("csv"), "x.jsonl") == InputFormat::csv);
    CHECK_THROWS_AS(input_format(std::string("xml"), "x"), InvalidArgumentError);
}

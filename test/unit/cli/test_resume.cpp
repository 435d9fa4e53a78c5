// The import's resume point without a server: the file format, which lines a resume writes,
// and how the lines of a chunk take the fate of their keys from a BatchIncompleteError.
#include "args.hpp"
#include "resume.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace dynaq_cli;

namespace {

const std::vector<std::string> pk_only{"pk"};

dynaq::Item row(const std::string& pk, int v) {
    return dynaq::Item{{"pk", pk}, {"v", v}};
}

dynaq::WriteRequest put(const std::string& pk, int v) {
    return dynaq::PutRequest{row(pk, v)};
}

} // namespace

TEST_CASE("resume file: written and read back; lines listed or from a line on") {
    ResumePoint p{.table = "my table", .lines = {3, 17, 18}, .from = 40};
    const std::string text = format_resume(p);
    CHECK(text.starts_with("# dynaq import resume point"));
    CHECK_THAT(text, Catch::EndsWith("\ntable my table\nlines 3 17 18\nfrom 40\n"));
    const ResumePoint back = parse_resume(text);
    CHECK(back.table == "my table");
    CHECK(back.lines == p.lines);
    CHECK(back.from == 40);
    for (std::int64_t line : {3, 17, 18, 40, 41, 1000})
        CHECK(back.wanted(line));
    for (std::int64_t line : {1, 2, 4, 16, 19, 39})
        CHECK_FALSE(back.wanted(line));

    const ResumePoint no_from = parse_resume("table t\nlines 9 2\n");
    CHECK(no_from.lines == std::vector<std::int64_t>{2, 9}); // sorted
    CHECK_FALSE(no_from.from);
    CHECK_FALSE(no_from.wanted(1'000'000));

    CHECK_THROWS_AS(parse_resume("lines 1\n"), UsageError);
    CHECK_THROWS_AS(parse_resume("table t\nlines 1 x\n"), UsageError);
    CHECK_THROWS_AS(parse_resume("table t\nlines 0\n"), UsageError);
    CHECK_THROWS_AS(parse_resume("table t\nfrom -3\n"), UsageError);
    CHECK_THROWS_AS(parse_resume("table t\nsomething else\n"), UsageError);
}

TEST_CASE("ImportLedger: each line of a chunk takes its key's fate; a duplicate key is resumed "
          "from its last line only") {
    ImportLedger ledger(pk_only);
    ledger.add(1, row("a", 1));
    ledger.add(2, row("b", 1));
    ledger.chunk_written();
    CHECK(ledger.written() == 2);

    // Lines 3-9; "c" occurs on lines 3 and 7 (7 was sent), "x" (line 9) was never sent.
    ledger.add(3, row("c", 1));
    ledger.add(4, row("d", 1));
    ledger.add(5, row("e", 1));
    ledger.add(6, row("f", 1));
    ledger.add(7, row("c", 2));
    ledger.add(8, row("g", 1));
    ledger.add(9, row("x", 1));
    dynaq::BatchWriteOutcome outcome;
    outcome.written_keys = {dynaq::Item{{"pk", "d"}}, dynaq::Item{{"pk", "g"}}};
    outcome.unwritten = {put("e", 1)};
    outcome.unknown = {put("c", 2), put("f", 1)};
    const dynaq::BatchIncompleteError e("gave up", std::move(outcome), {}, nullptr);
    ledger.chunk_incomplete(e);
    ledger.not_sent();
    ledger.not_sent();

    CHECK(ledger.written() == 4);   // a, b, d, g
    CHECK(ledger.unknown() == 3);   // c (both lines), f
    CHECK(ledger.unwritten() == 4); // e, x, and the two never read into a chunk
    CHECK(ledger.written() + ledger.unwritten() + ledger.unknown() == 11);
    CHECK(ledger.left_lines() == std::vector<std::int64_t>{5, 6, 7, 9});
    CHECK(ledger.last_line() == 9);

    const ResumePoint first = resume_after(ledger, "t", std::nullopt);
    CHECK(first.lines == std::vector<std::int64_t>{5, 6, 7, 9});
    CHECK(first.from == 10);
}

TEST_CASE("resume_after a resumed import keeps what the earlier file wanted beyond the lines "
          "reached") {
    ImportLedger ledger(pk_only);
    ledger.add(5, row("e", 1));
    ledger.add(12, row("m", 1));
    dynaq::BatchWriteOutcome outcome;
    outcome.written_keys = {dynaq::Item{{"pk", "e"}}};
    outcome.unwritten = {put("m", 1)};
    ledger.chunk_incomplete(
        dynaq::BatchIncompleteError("gave up", std::move(outcome), {}, nullptr));

    const ResumePoint previous{.table = "t", .lines = {5, 12, 20, 30}, .from = 100};
    const ResumePoint next = resume_after(ledger, "t", previous);
    CHECK(next.lines == std::vector<std::int64_t>{12, 20, 30});
    CHECK(next.from == 100);
    const ResumePoint without_from{.table = "t", .lines = {5, 12, 20}, .from = std::nullopt};
    const ResumePoint next2 = resume_after(ledger, "t", without_from);
    CHECK(next2.lines == std::vector<std::int64_t>{12, 20});
    CHECK_FALSE(next2.from);
}

TEST_CASE("shell_quoted: plain words as they are, others in single quotes") {
    CHECK(shell_quoted("users") == "users");
    CHECK(shell_quoted("/tmp/a-b_c.jsonl") == "/tmp/a-b_c.jsonl");
    CHECK(shell_quoted("my table") == "'my table'");
    CHECK(shell_quoted("it's") == "'it'\\''s'");
    CHECK(shell_quoted("") == "''");
    CHECK(shell_quoted("$(rm -rf /)") == "'$(rm -rf /)'");
}

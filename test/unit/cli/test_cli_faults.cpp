// The dynaq tool against DynamoDB behaviour no local server produces: unprocessed items,
// throttling beyond the retries, broken connections. The tool runs as a subprocess against the
// fault-injecting loopback server, which plays a one-table DynamoDB.
#include "cli_runner.hpp"
#include "fault_server.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using dynaq::test::Action;
using dynaq::test::CliCall;
using dynaq::test::CliResult;
using dynaq::test::FaultServer;
using dynaq::test::RecordedRequest;
using dynaq::test::shown;

namespace {

const char* const table_description = R"({"Table":{"TableName":"items","TableStatus":"ACTIVE",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}})";

std::string json_of(const rapidjson::Value& v) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    v.Accept(writer);
    return out.GetString();
}

// One BatchWriteItem request's puts: the partition key and the request entry's JSON.
struct Put {
    std::string pk;
    std::string json;
};

std::vector<Put> puts_of(const RecordedRequest& request) {
    rapidjson::Document doc;
    doc.Parse(request.body.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    std::vector<Put> out;
    for (const auto& entry : doc["RequestItems"]["items"].GetArray())
        out.push_back({entry["PutRequest"]["Item"]["pk"]["S"].GetString(), json_of(entry)});
    return out;
}

std::string unprocessed_reply(const std::vector<std::string>& entries) {
    if (entries.empty())
        return R"({"UnprocessedItems":{}})";
    std::string body = R"({"UnprocessedItems":{"items":[)";
    for (std::size_t i = 0; i < entries.size(); ++i)
        body += (i == 0 ? "" : ",") + entries[i];
    return body + "]}}";
}

// A one-table DynamoDB that keeps what BatchWriteItem accepts; `write` decides, per request,
// which puts to refuse (their indexes into the request) or the whole request's fate.
class FakeTable {
public:
    using Decide = std::function<std::optional<Action>(std::size_t call, const std::vector<Put>&,
                                                       std::vector<std::size_t>& refused)>;

    /// `lose`, when set, runs after a request was applied: an Action it returns replaces the
    /// answer (a reset, a 5xx), as when DynamoDB's answer is lost on the way back.
    explicit FakeTable(Decide decide, Decide lose = {}) :
        decide_(std::move(decide)), lose_(std::move(lose)),
        server_([this](const RecordedRequest& r) { return on(r); }) {}

    [[nodiscard]] std::string url() const { return server_.url(); }
    /// How many times each key was accepted.
    [[nodiscard]] std::map<std::string, int> accepted() const {
        const std::lock_guard lock(mutex_);
        return accepted_;
    }

private:
    Action on(const RecordedRequest& request) {
        const std::string op = request.operation();
        if (op == "DescribeTable")
            return Action::ok(table_description);
        if (op != "BatchWriteItem")
            return Action::error(400, "UnknownOperationException", op);
        const std::vector<Put> puts = puts_of(request);
        const std::lock_guard lock(mutex_);
        std::vector<std::size_t> refused;
        if (std::optional<Action> whole = decide_(calls_++, puts, refused))
            return *whole;
        std::vector<std::string> unprocessed;
        for (std::size_t i = 0; i < puts.size(); ++i) {
            if (std::find(refused.begin(), refused.end(), i) != refused.end())
                unprocessed.push_back(puts[i].json);
            else
                ++accepted_[puts[i].pk];
        }
        std::vector<std::size_t> ignored;
        if (lose_)
            if (std::optional<Action> lost = lose_(calls_ - 1, puts, ignored))
                return *lost;
        return Action::ok(unprocessed_reply(unprocessed));
    }

    Decide decide_;
    Decide lose_;
    mutable std::mutex mutex_;
    std::size_t calls_ = 0;
    std::map<std::string, int> accepted_;
    FaultServer server_;
};

std::string lines(int count) {
    std::string out;
    for (int i = 0; i < count; ++i)
        out += R"({"pk":"k)" + std::to_string(i) + R"(","n":)" + std::to_string(i) + "}\n";
    return out;
}

CliResult dq(const std::string& url, std::vector<std::string> args, std::string input,
             int max_attempts = 3) {
    args.push_back("--endpoint");
    args.push_back(url);
    return dynaq::test::run_cli(CliCall{.args = std::move(args),
                                        .input = std::move(input),
                                        .env = {{"AWS_MAX_ATTEMPTS", std::to_string(max_attempts)},
                                                {"AWS_ACCESS_KEY_ID", std::nullopt},
                                                {"AWS_SECRET_ACCESS_KEY", std::nullopt},
                                                {"AWS_SESSION_TOKEN", std::nullopt},
                                                {"AWS_EC2_METADATA_DISABLED", "true"},
                                                {"AWS_PROFILE", std::nullopt}}});
}

} // namespace

TEST_CASE("import: unprocessed items are re-sent until every line is written exactly once") {
    // Every third put of a request is refused the first two times its key is offered.
    std::map<std::string, int> offered;
    FakeTable table([&](std::size_t, const std::vector<Put>& puts,
                        std::vector<std::size_t>& refused) -> std::optional<Action> {
        for (std::size_t i = 0; i < puts.size(); ++i)
            if (std::stoi(puts[i].pk.substr(1)) % 3 == 0 && offered[puts[i].pk]++ < 2)
                refused.push_back(i);
        return std::nullopt;
    });
    const CliResult r = dq(table.url(), {"import", "items"}, lines(1000));
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty()); // not a terminal: no progress line
    const auto accepted = table.accepted();
    CHECK(accepted.size() == 1000);
    CHECK(
        std::all_of(accepted.begin(), accepted.end(), [](const auto& a) { return a.second == 1; }));
    CHECK(offered.at("k999") == 3);
}

TEST_CASE("import: throttled beyond the retries stops with exit 6 and the count written") {
    // With --concurrency 1 the import sends chunks of 100 items in 4 requests of 25, one after
    // the other: the first chunk goes through, then every request is throttled.
    FakeTable table([](std::size_t call, const std::vector<Put>&,
                       std::vector<std::size_t>&) -> std::optional<Action> {
        if (call < 4)
            return std::nullopt;
        return Action::error(400, "ThrottlingException",
                             "Rate of requests exceeds the allowed throughput.");
    });
    const auto resume = std::filesystem::temp_directory_path() /
                        ("dynaq-throttled-" + std::to_string(::getpid()) + ".resume");
    const CliResult r =
        dq(table.url(), {"import", "items", "--concurrency", "1", "--resume-file", resume.string()},
           lines(300), 2);
    INFO(shown(r));
    CHECK(r.exit_code == 6);
    // Throttling was retried by the transport: an earlier attempt may have arrived, so the
    // failing request's 25 lines are unknown; the rest of the chunk and the input unwritten.
    CHECK_THAT(r.err, Catch::Contains("100 lines written, 175 unwritten, 25 unknown"));
    CHECK_THAT(r.err, Catch::Contains("resume with: dynaq import items - --resume " +
                                      resume.string() + " < (the same input)"));
    std::filesystem::remove(resume);
    const auto first_line = r.err.substr(0, r.err.find('\n'));
    CHECK_THAT(first_line, Catch::StartsWith("dynaq: "));
    CHECK_THAT(r.err, Catch::Contains("\ndynaq: 100 items written"));
    CHECK(table.accepted().size() == 100);
}

TEST_CASE(
    "import: unprocessed items that never go through end with exit 6, nothing lost silently") {
    FakeTable table([](std::size_t, const std::vector<Put>& puts,
                       std::vector<std::size_t>& refused) -> std::optional<Action> {
        for (std::size_t i = 0; i < puts.size(); ++i)
            if (puts[i].pk == "k7")
                refused.push_back(i);
        return std::nullopt;
    });
    const auto resume = std::filesystem::temp_directory_path() /
                        ("dynaq-k7-" + std::to_string(::getpid()) + ".resume");
    const CliResult r =
        dq(table.url(), {"import", "items", "--resume-file", resume.string()}, lines(50));
    INFO(shown(r));
    CHECK(r.exit_code == 6);
    CHECK_THAT(r.err, Catch::Contains("49 items written"));
    // Handed back at every attempt, each answered at once: surely not written.
    CHECK_THAT(r.err, Catch::Contains("49 lines written, 1 unwritten, 0 unknown"));
    std::ifstream saved(resume);
    std::ostringstream text;
    text << saved.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("\nlines 8\nfrom 51\n")); // k7 is line 8
    std::filesystem::remove(resume);
    const auto accepted = table.accepted();
    CHECK(accepted.size() == 49);
    CHECK_FALSE(accepted.contains("k7"));
}

TEST_CASE("a server that drops connections, or is not there, is a network error (exit 9)") {
    FaultServer dropping([](const RecordedRequest&) { return Action::reset(); });
    const CliResult reset = dq(dropping.url(), {"get", "items", "--key", R"({"pk":"a"})"}, "", 2);
    INFO(shown(reset));
    CHECK(reset.exit_code == 9);
    CHECK(std::count(reset.err.begin(), reset.err.end(), '\n') == 1);

    std::string closed_url;
    {
        const FaultServer gone([](const RecordedRequest&) { return Action::ok(); });
        closed_url = gone.url();
    }
    const CliResult refused = dq(closed_url, {"tables"}, "", 2);
    INFO(shown(refused));
    CHECK(refused.exit_code == 9);
}

TEST_CASE("a server error is exit 1 with DynamoDB's code in the message") {
    FaultServer failing(
        [](const RecordedRequest&) { return Action::error(500, "InternalServerError", "boom"); });
    const CliResult r = dq(failing.url(), {"tables"}, "", 1);
    INFO(shown(r));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("InternalServerError"));
}

TEST_CASE("import: giving up reports written, unwritten and unknown lines as the table holds "
          "them, and the resume file writes the rest") {
    // --concurrency 1: chunks of 100 lines in requests of 25, one after the other. Requests 0-3
    // (lines 1-100) go through; request 4 (lines 101-125) is applied but its answer is lost
    // (a reset), and its retry is throttled: the transport gives up, those 25 are unknown.
    // Lines 126-200 (the chunk's requests never sent) and 201-300 (never read into a chunk)
    // are unwritten.
    bool healthy = false;
    FakeTable table(
        [&](std::size_t call, const std::vector<Put>&,
            std::vector<std::size_t>&) -> std::optional<Action> {
            if (healthy || call < 5)
                return std::nullopt;
            return Action::error(400, "ThrottlingException", "slow down");
        },
        [&](std::size_t call, const std::vector<Put>&,
            std::vector<std::size_t>&) -> std::optional<Action> {
            if (!healthy && call == 4)
                return Action::reset();
            return std::nullopt;
        });
    const auto dir =
        std::filesystem::temp_directory_path() / ("dynaq-resume-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto input = dir / "in.jsonl";
    const auto resume = dir / "items.resume";
    std::ofstream(input, std::ios::binary) << lines(300);

    const CliResult r = dq(
        table.url(),
        {"import", "items", input.string(), "--concurrency", "1", "--resume-file", resume.string()},
        "", 2);
    INFO(shown(r));
    CHECK(r.exit_code == 6);
    const std::string expected_counts =
        "import incomplete: 100 lines written, 175 unwritten, 25 unknown (sent, answer lost)";
    CHECK_THAT(r.err, Catch::Contains(expected_counts));
    const std::string command =
        "resume with: dynaq import items " + input.string() + " --resume " + resume.string();
    CHECK_THAT(r.err, Catch::Contains(command));
    // The counts against the table: the written lines are there, the unwritten ones are not.
    const auto accepted = table.accepted();
    for (int i = 0; i < 100; ++i)
        CHECK(accepted.contains("k" + std::to_string(i)));
    for (int i = 125; i < 300; ++i)
        CHECK_FALSE(accepted.contains("k" + std::to_string(i)));
    CHECK(accepted.size() == 125); // the 25 unknown ones were applied after all

    std::ifstream saved(resume);
    std::ostringstream text;
    text << saved.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("\ntable items\n"));
    CHECK_THAT(text.str(), Catch::Contains("lines 101 102 103"));
    CHECK_THAT(text.str(), Catch::Contains(" 200\nfrom 201\n"));

    // The command it printed finishes the job, writing only what is not known to be written.
    healthy = true;
    const CliResult again =
        dq(table.url(), {"import", "items", input.string(), "--resume", resume.string()}, "", 2);
    INFO(shown(again));
    CHECK(again.exit_code == 0);
    const auto after = table.accepted();
    CHECK(after.size() == 300);
    for (int i = 0; i < 300; ++i) {
        const int expected = i < 100 ? 1 : i < 125 ? 2 : 1; // the unknown ones written again
        CHECK(after.at("k" + std::to_string(i)) == expected);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("import: a resume file for another table, or not a resume file, is a usage error") {
    FakeTable table(
        [](std::size_t, const std::vector<Put>&,
           std::vector<std::size_t>&) -> std::optional<Action> { return std::nullopt; });
    const auto dir =
        std::filesystem::temp_directory_path() / ("dynaq-resume-bad-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto other = dir / "other.resume";
    std::ofstream(other) << "table other\nlines 1\n";
    const auto junk = dir / "junk.resume";
    std::ofstream(junk) << "hello\n";
    const CliResult a = dq(table.url(), {"import", "items", "--resume", other.string()}, lines(3));
    CHECK(a.exit_code == 2);
    CHECK_THAT(a.err, Catch::Contains("is for table \"other\""));
    const CliResult b = dq(table.url(), {"import", "items", "--resume", junk.string()}, lines(3));
    CHECK(b.exit_code == 2);
    CHECK(table.accepted().empty());
    std::filesystem::remove_all(dir);
}

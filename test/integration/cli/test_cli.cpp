// The dynaq tool end to end: every subcommand run as a subprocess against moto or dynalite,
// checking its output, its exit code and what it left in the table.
#include "cli_runner.hpp"
#include "client_fixture.hpp"
#include "deadline_scale.hpp"
#include "fake_credentials_servers.hpp"
#include "server.hpp"
#include "streams_fixture.hpp"

#include <dynaq/plain_json.hpp>
#include <dynaq/streams_client.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

using namespace dynaq;
using dynaq::test::CliCall;
using dynaq::test::CliResult;
using dynaq::test::shown;

namespace {

const std::vector<std::string> all_commands{
    "tables", "describe", "create",      "delete-table", "get",   "put",
    "update", "delete",   "query",       "scan",         "count", "import",
    "export", "config",   "credentials", "sql",          "watch"};

// dynaq ARGS --endpoint <test server>, with `input` on stdin.
// Each request may take up to 2 minutes (times DYNAQ_TEST_DEADLINE_SCALE), retries included,
// and each attempt half of that, rather than the defaults (60 s and 10 s): moto on a loaded
// machine is slow (a Scan page of a big table took over 10 s), and a slow answer is no bug.
constexpr std::chrono::seconds request_deadline{120};

CliResult dq(std::vector<std::string> args, std::string input = {},
             std::chrono::seconds deadline = request_deadline) {
    args.push_back("--endpoint");
    args.push_back(test::test_endpoint());
    args.push_back("--deadline");
    args.push_back(std::to_string(test::scaled(deadline).count()));
    args.push_back("--attempt-timeout");
    args.push_back(std::to_string(test::scaled(deadline / 2).count()));
    return test::run_cli(CliCall{.args = std::move(args), .input = std::move(input)});
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::vector<Item> items_of(const std::string& text) {
    std::vector<Item> out;
    for (const std::string& line : lines_of(text))
        out.push_back(item_from_plain_json(line));
    return out;
}

// The string values of `attribute` of the printed items, in output order.
std::vector<std::string> strings_of(const std::string& text, const std::string& attribute) {
    std::vector<std::string> out;
    for (const Item& item : items_of(text))
        out.push_back(item.at(attribute).is_string() ? item.at(attribute).as_string()
                                                     : item.at(attribute).as_number().text());
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// A table created through `dynaq create` and dropped through `dynaq delete-table`.
class CliTable {
public:
    explicit CliTable(std::vector<std::string> create_args, std::string stem = "cli") :
        name_(test::unique_table_name(stem)) {
        create_args.insert(create_args.begin(), {"create", name_});
        const CliResult r = dq(create_args);
        INFO(shown(r));
        REQUIRE(r.exit_code == 0);
    }
    ~CliTable() {
        if (!dropped_)
            (void)dq({"delete-table", name_});
    }
    CliTable(const CliTable&) = delete;
    CliTable& operator=(const CliTable&) = delete;

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    void dropped() noexcept { dropped_ = true; }

private:
    std::string name_;
    bool dropped_ = false;
};

void require_ok(const CliResult& r) {
    INFO(shown(r));
    REQUIRE(r.exit_code == 0);
}

std::filesystem::path temp_file(const std::string& name, const std::string& content) {
    const auto path = std::filesystem::temp_directory_path() / (test::table_prefix() + "-" + name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// 20 items in partitions "a" (sk a01..a12) and "b" (b01..b08), with a GSI key on every
// fourth item and a number `n` equal to the item's index.
std::string orders_jsonl() {
    std::string out;
    for (int i = 1; i <= 20; ++i) {
        const std::string part = i <= 12 ? "a" : "b";
        char sk[8];
        std::snprintf(sk, sizeof sk, "%s%02d", part.c_str(), i <= 12 ? i : i - 12);
        out += R"({"pk":")" + part + R"(","sk":")" + sk + R"(","n":)" + std::to_string(i);
        if (i % 4 == 0)
            out += R"(,"email":"e)" + std::to_string(i % 8) + R"(@x")";
        out += "}\n";
    }
    return out;
}

// A HOME of `home` and none of the AWS variables tools/test sets (instance metadata stays
// disabled unless a test says otherwise).
std::map<std::string, std::optional<std::string>>
without_aws_settings(const std::filesystem::path& home) {
    std::map<std::string, std::optional<std::string>> env{{"HOME", home.string()},
                                                          {"AWS_EC2_METADATA_DISABLED", "true"}};
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
          "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB",
          "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"})
        env[name] = std::nullopt;
    return env;
}

} // namespace

TEST_CASE("--help of every subcommand prints its usage and the exit codes") {
    for (const std::string& command : all_commands) {
        const CliResult r = test::run_cli(CliCall{.args = {command, "--help"}});
        INFO(command << ": " << shown(r));
        CHECK(r.exit_code == 0);
        CHECK(r.out.starts_with("usage: dynaq " + command));
        CHECK_THAT(r.out, Catch::Contains("--endpoint") && Catch::Contains("Exit codes"));
        CHECK(r.err.empty());
    }
    const CliResult general = test::run_cli(CliCall{.args = {"--help"}});
    CHECK(general.exit_code == 0);
    for (const std::string& command : all_commands)
        CHECK_THAT(general.out, Catch::Contains("  " + command + " "));
    const CliResult unknown = test::run_cli(CliCall{.args = {"frobnicate"}});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::StartsWith("dynaq: unknown command \"frobnicate\""));
    const CliResult bad_option = dq({"scan", "some-table", "--frob"});
    CHECK(bad_option.exit_code == 2);
    CHECK_THAT(bad_option.err, Catch::Contains("unknown option --frob"));
}

TEST_CASE("create with flags and a GSI, tables, describe, delete-table") {
    CliTable table({"--pk", "pk", "--sk", "sk:N", "--gsi", "by_email=email,age:N"});
    const CliResult tables = dq({"tables"});
    require_ok(tables);
    const auto names = lines_of(tables.out);
    CHECK(std::find(names.begin(), names.end(), table.name()) != names.end());

    const CliResult described = dq({"describe", table.name()});
    require_ok(described);
    const AttributeValue doc = value_from_plain_json(described.out);
    const Map& t = doc.as_map().at("Table").as_map();
    CHECK(t.at("TableName") == AttributeValue(table.name()));
    CHECK(t.at("TableStatus") == AttributeValue("ACTIVE"));
    CHECK(t.at("KeySchema").as_list().size() == 2);
    CHECK(t.at("GlobalSecondaryIndexes").as_list()[0].as_map().at("IndexName") ==
          AttributeValue("by_email"));

    const CliResult again = dq({"create", table.name(), "--pk", "pk"});
    CHECK(again.exit_code == 10);
    CHECK_THAT(again.err, Catch::StartsWith("dynaq: table \"" + table.name() + "\" is in use"));

    require_ok(dq({"delete-table", table.name()}));
    table.dropped();
    const auto after = lines_of(dq({"tables"}).out);
    CHECK(std::find(after.begin(), after.end(), table.name()) == after.end());
    const CliResult gone = dq({"describe", table.name()});
    CHECK(gone.exit_code == 4);
    CHECK_THAT(gone.err, Catch::StartsWith("dynaq: table \"" + table.name() + "\" not found"));
    CHECK(dq({"delete-table", table.name()}).exit_code == 4);
}

TEST_CASE("create from a CreateTable JSON file, then use its index") {
    const std::string spec = R"({
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"},
                                 {"AttributeName": "kind", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "GlobalSecondaryIndexes": [{"IndexName": "by_kind",
            "KeySchema": [{"AttributeName": "kind", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}]
    })";
    const auto file = temp_file("create.json", spec);
    CliTable table({"--from-file", file.string()}, "file");
    std::filesystem::remove(file);
    require_ok(dq({"put", table.name(), R"({"id":7,"kind":"gear","w":1.25})"}));
    const CliResult q = dq({"query", table.name(), "--index", "by_kind", "--pk", "gear"});
    require_ok(q);
    CHECK(q.out == "{\"id\":7,\"kind\":\"gear\",\"w\":1.25}\n");
    const CliResult bad = dq({"create", "x-" + table.name(), "--from-file", "/nonexistent.json"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("put, get, update and delete, with conditions") {
    CliTable table({"--pk", "pk", "--sk", "sk"});
    const std::string& t = table.name();
    const std::string item =
        R"({"b":{"$B":"AAH/"},"big":12345678901234567890123456789012345678,"l":[1,"x",null,)"
        R"({"m":true}],"n":0.1,"ns":{"$NS":[1,2.5]},"pk":"u","sk":"1","ss":{"$SS":["a","b"]},)"
        R"("tiny":1E-130,"ü":"ünï\"cödé"})";
    require_ok(dq({"put", t, item}));
    const CliResult got = dq({"get", t, "--key", R"({"pk":"u","sk":"1"})"});
    require_ok(got);
    CHECK(item_from_plain_json(got.out) == item_from_plain_json(item));
    CHECK_THAT(got.out, Catch::Contains("\"big\":12345678901234567890123456789012345678") &&
                            Catch::Contains("\"n\":0.1,"));

    SECTION("a failed condition has its own exit code and message") {
        const CliResult again =
            dq({"put", t, R"({"pk":"u","sk":"1"})", "--condition", "attribute_not_exists(pk)"});
        CHECK(again.exit_code == 5);
        CHECK_THAT(again.err, Catch::StartsWith("dynaq: condition not met"));
        CHECK(again.out.empty());
        // The item is unchanged.
        CHECK(dq({"get", t, "--key", R"({"pk":"u","sk":"1"})"}).out == got.out);
    }
    SECTION("update with actions, with an expression, and with a condition") {
        const CliResult u =
            dq({"update", t, "--key", R"({"pk":"u","sk":"1"})", "--set", R"(name="Ada")", "--add",
                "visits=2", "--remove", "l", "--delete", R"(ss={"$SS":["a"]})"});
        require_ok(u);
        const Item after = item_from_plain_json(u.out);
        CHECK(after.at("name") == AttributeValue("Ada"));
        CHECK(after.at("visits") == AttributeValue(2));
        CHECK_FALSE(after.contains("l"));
        CHECK(after.at("ss") == AttributeValue(StringSet{"b"}));
        const CliResult e =
            dq({"update", t, "--key", R"({"pk":"u","sk":"1"})", "--update-expression",
                "SET visits = visits + :inc, {status} = :s", "--values", R"({"inc":3,":s":"on"})",
                "--condition", "visits = :two", "--values", R"({"inc":3,":s":"on","two":2})"});
        CHECK(e.exit_code == 2); // --values twice is a usage error
        const CliResult e2 =
            dq({"update", t, "--key", R"({"pk":"u","sk":"1"})", "--update-expression",
                "SET visits = visits + :inc, {status} = :s", "--condition", "visits = :two",
                "--values", R"({"inc":3,":s":"on","two":2})"});
        require_ok(e2);
        CHECK(item_from_plain_json(e2.out).at("visits") == AttributeValue(5));
        CHECK(item_from_plain_json(e2.out).at("status") == AttributeValue("on"));
        const CliResult failed =
            dq({"update", t, "--key", R"({"pk":"u","sk":"1"})", "--set", "visits=0", "--condition",
                "visits < :v", "--values", R"({"v":1})"});
        CHECK(failed.exit_code == 5);
        const CliResult none = dq({"update", t, "--key", R"({"pk":"u","sk":"1"})"});
        CHECK(none.exit_code == 2);
    }
    SECTION("get with a projection; get of a missing item") {
        const CliResult p = dq(
            {"get", t, "--key", R"({"pk":"u","sk":"1"})", "--projection", "n,ss", "--consistent"});
        require_ok(p);
        CHECK(item_from_plain_json(p.out) ==
              Item{{"n", Number("0.1")}, {"ss", StringSet{"a", "b"}}});
        const CliResult missing = dq({"get", t, "--key", R"({"pk":"u","sk":"2"})"});
        CHECK(missing.exit_code == 3);
        CHECK(missing.out.empty());
    }
    SECTION("binary attributes as plain base64 with --binary") {
        require_ok(dq({"put", t, R"({"pk":"u","sk":"2","photo":"Zm9v"})", "--binary", "photo"}));
        const auto key = R"({"pk":"u","sk":"2"})";
        CHECK(dq({"get", t, "--key", key}).out ==
              "{\"photo\":{\"$B\":\"Zm9v\"},\"pk\":\"u\",\"sk\":\"2\"}\n");
        CHECK(dq({"get", t, "--key", key, "--binary", "photo"}).out ==
              "{\"photo\":\"Zm9v\",\"pk\":\"u\",\"sk\":\"2\"}\n");
    }
    SECTION("delete with a condition, returning the old item") {
        const auto key = R"({"pk":"u","sk":"1"})";
        const CliResult no =
            dq({"delete", t, "--key", key, "--condition", "n > :x", "--values", R"({"x":1})"});
        CHECK(no.exit_code == 5);
        const CliResult yes = dq({"delete", t, "--key", key, "--condition", "n < :x", "--values",
                                  R"({"x":1})", "--return-old"});
        require_ok(yes);
        CHECK(item_from_plain_json(yes.out) == item_from_plain_json(item));
        CHECK(dq({"get", t, "--key", key}).exit_code == 3);
    }
    SECTION("put reads the item from stdin with -") {
        require_ok(dq({"put", t, "-"}, R"({"pk":"s","sk":"in","v":[1,2]})"));
        CHECK(dq({"get", t, "--key", R"({"pk":"s","sk":"in"})"}).out ==
              "{\"pk\":\"s\",\"sk\":\"in\",\"v\":[1,2]}\n");
    }
}

TEST_CASE("query: partition key, sort key conditions, filter, index, limit, reverse") {
    CliTable table({"--pk", "pk", "--sk", "sk", "--gsi", "by_email=email"});
    const std::string& t = table.name();
    require_ok(dq({"import", t}, orders_jsonl()));
    auto sks = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"query", t};
        args.insert(args.end(), extra.begin(), extra.end());
        const CliResult r = dq(args);
        INFO(shown(r));
        CHECK(r.exit_code == 0);
        return strings_of(r.out, "sk");
    };
    using V = std::vector<std::string>;
    CHECK(sks({"--pk", "b"}) == V{"b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08"});
    CHECK(sks({"--pk", "a", "--sk-eq", "a03"}) == V{"a03"});
    CHECK(sks({"--pk", "a", "--sk-lt", "a03"}) == V{"a01", "a02"});
    CHECK(sks({"--pk", "a", "--sk-le", "a02"}) == V{"a01", "a02"});
    CHECK(sks({"--pk", "a", "--sk-gt", "a10"}) == V{"a11", "a12"});
    CHECK(sks({"--pk", "a", "--sk-ge", "a11"}) == V{"a11", "a12"});
    CHECK(sks({"--pk", "a", "--sk-begins-with", "a1"}) == V{"a10", "a11", "a12"});
    CHECK(sks({"--pk", "a", "--sk-between", R"(["a04","a06"])"}) == V{"a04", "a05", "a06"});
    CHECK(sks({"--pk", "a", "--reverse", "--limit", "3"}) == V{"a12", "a11", "a10"});
    CHECK(sks({"--pk", "a", "--filter", "n >= :min AND n < :max", "--values",
               R"({"min":5,"max":8})", "--page-size", "2"}) == V{"a05", "a06", "a07"});
    CHECK(sorted(sks({"--index", "by_email", "--pk", "e4@x"})) == V{"a04", "a12", "b08"});
    const CliResult projected = dq({"query", t, "--pk", "b", "--projection", "n", "--limit", "1"});
    require_ok(projected);
    CHECK(projected.out == "{\"n\":13}\n");

    const CliResult two = dq({"query", t, "--pk", "a", "--sk-lt", "a1", "--sk-gt", "a0"});
    CHECK(two.exit_code == 2);
    const CliResult no_sk = dq({"query", t, "--index", "by_email", "--pk", "x", "--sk-eq", "y"});
    CHECK(no_sk.exit_code == 2);
    CHECK_THAT(no_sk.err, Catch::Contains("no sort key"));
    CHECK(dq({"query", t, "--sk-eq", "a"}).exit_code == 2); // no --pk
    const CliResult bad_index = dq({"query", t, "--index", "nope", "--pk", "x"});
    CHECK(bad_index.exit_code == 2);
    CHECK_THAT(bad_index.err, Catch::Contains("no index \"nope\""));
}

TEST_CASE("sql: a PartiQL statement with --param values, printed as JSON Lines") {
    CliTable table({"--pk", "pk", "--sk", "sk", "--gsi", "by_email=email"});
    const std::string& t = table.name();
    require_ok(dq({"import", t}, orders_jsonl()));
    const std::string select = "SELECT * FROM \"" + t + "\" WHERE pk = ?";
    const CliResult got = dq({"sql", select, "--param", R"("b")"});
    if (test::server_kind() != test::server_type::moto) {
        // dynalite has no PartiQL: a one-line error, not items.
        CHECK(got.exit_code != 0);
        CHECK(got.out.empty());
        return;
    }
    require_ok(got);
    CHECK(items_of(got.out).size() == 8);
    // The value is a parameter: quotes in it are data, not PartiQL.
    const CliResult injected = dq({"sql", select, "--param", R"("b' OR pk <> 'x")"});
    require_ok(injected);
    CHECK(injected.out.empty());
    // An empty statement is refused before anything is sent: a usage error.
    CHECK(dq({"sql", "", "--param", "1"}).exit_code == 2);
}

TEST_CASE("scan with filter, segments and limit; count") {
    CliTable table({"--pk", "pk", "--sk", "sk", "--gsi", "by_email=email"});
    const std::string& t = table.name();
    require_ok(dq({"import", t}, orders_jsonl()));
    const CliResult all = dq({"scan", t, "--segments", "3"});
    require_ok(all);
    CHECK(items_of(all.out).size() == 20);
    const CliResult filtered = dq({"scan", t, "--filter", "n > :n AND begins_with(sk, :p)",
                                   "--values", R"({"n":10,"p":"a"})"});
    require_ok(filtered);
    CHECK(sorted(strings_of(filtered.out, "sk")) == std::vector<std::string>{"a11", "a12"});
    CHECK(items_of(dq({"scan", t, "--limit", "7", "--page-size", "3"}).out).size() == 7);
    CHECK(items_of(dq({"scan", t, "--segments", "4", "--limit", "5"}).out).size() == 5);
    CHECK(items_of(dq({"scan", t, "--index", "by_email"}).out).size() == 5);
    CHECK(dq({"scan", t, "--filter", "#n > :x"}).exit_code == 2);

    CHECK(dq({"count", t}).out == "20\n");
    CHECK(dq({"count", t, "--pk", "b"}).out == "8\n");
    CHECK(dq({"count", t, "--pk", "a", "--sk-begins-with", "a0"}).out == "9\n");
    CHECK(dq({"count", t, "--filter", "attribute_exists(email)"}).out == "5\n");
}

TEST_CASE("import JSON Lines and CSV; export to stdout and to a file") {
    CliTable table({"--pk", "id", "--sk", "v:N"});
    const std::string& t = table.name();
    const std::string csv = "id,v:N,name,ok:BOOL,tags:JSON,raw:B\r\n"
                            "c1,1,\"Smith, \"\"Jo\"\"\",true,\"{\"\"$SS\"\":[\"\"x\"\"]}\",Zm9v\r\n"
                            "c1,2,\"two\nlines\",false,\"[1,2]\",\r\n"
                            "\r\n"
                            "c2,3,,,null,\r\n"
                            "c2,4,\"\",TRUE,{},\r\n";
    const auto csv_file = temp_file("import.csv", csv);
    require_ok(dq({"import", t, csv_file.string()}));
    std::filesystem::remove(csv_file);
    require_ok(
        dq({"import", t, "-", "--format", "jsonl", "--concurrency", "2"},
           "{\"id\":\"j\",\"v\":5,\"x\":1.50}\n\n{\"id\":\"j\",\"v\":6,\"photo\":\"AAE=\"}\n"));
    require_ok(
        dq({"import", t, "--binary", "photo"}, "{\"id\":\"j\",\"v\":7,\"photo\":\"AAE=\"}\n"));

    const std::vector<std::string> expected{
        R"({"id":"c1","name":"Smith, \"Jo\"","ok":true,"raw":{"$B":"Zm9v"},"tags":{"$SS":["x"]},"v":1})",
        R"({"id":"c1","name":"two\nlines","ok":false,"tags":[1,2],"v":2})",
        R"({"id":"c2","tags":null,"v":3})",
        R"({"id":"c2","name":"","ok":true,"tags":{},"v":4})",
        R"({"id":"j","v":5,"x":1.50})",
        R"({"id":"j","photo":"AAE=","v":6})",
        R"({"id":"j","photo":{"$B":"AAE="},"v":7})",
    };
    const CliResult out = dq({"export", t});
    require_ok(out);
    // Compared as items: moto keeps 1.50 as sent, dynalite writes 1.5 (equal numbers).
    const std::vector<Item> got = items_of(out.out);
    CHECK(got.size() == expected.size());
    for (const std::string& line : expected) {
        INFO(line);
        CHECK(std::count(got.begin(), got.end(), item_from_plain_json(line)) == 1);
    }
    CHECK_THAT(out.out, Catch::Contains(expected[0]));

    const auto out_file =
        std::filesystem::temp_directory_path() / (test::table_prefix() + "-x.jsonl");
    const CliResult to_file = dq({"export", t, "--output", out_file.string(), "--segments", "3"});
    require_ok(to_file);
    CHECK(to_file.out.empty());
    CHECK(sorted(lines_of(read_text(out_file))) == sorted(lines_of(out.out)));
    std::filesystem::remove(out_file);
    CHECK(dq({"scan", t, "--output", out_file.string(), "--filter", "v > :v", "--values",
              R"({"v":5})"})
              .exit_code == 0);
    CHECK(lines_of(read_text(out_file)).size() == 2);
    std::filesystem::remove(out_file);
}

TEST_CASE("errors are one line on stderr with their exit code") {
    CliTable table({"--pk", "pk"});
    const std::string& t = table.name();
    const std::string missing = "no-such-" + t;

    SECTION("a missing table") {
        for (const std::vector<std::string>& args : {std::vector<std::string>{"scan", missing},
                                                     {"get", missing, "--key", R"({"pk":"a"})"},
                                                     {"put", missing, R"({"pk":"a"})"},
                                                     {"count", missing},
                                                     {"export", missing}}) {
            const CliResult r = dq(args);
            INFO(args[0] << ": " << shown(r));
            CHECK(r.exit_code == 4);
            CHECK_THAT(r.err, Catch::StartsWith("dynaq: table \"" + missing + "\" not found"));
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        }
        const CliResult import = dq({"import", missing}, "{\"pk\":\"a\"}\n");
        CHECK(import.exit_code == 4);
    }
    SECTION("bad JSON in the input names the line; what came before is written") {
        std::string input;
        for (int i = 0; i < 950; ++i)
            input += "{\"pk\":\"k" + std::to_string(i) + "\"}\n";
        input += "{\"pk\":\"x\",}\n";
        const CliResult r = dq({"import", t, "--concurrency", "1"}, input);
        CHECK(r.exit_code == 8);
        CHECK_THAT(r.err, Catch::StartsWith("dynaq: line 951: malformed JSON at offset 10"));
        // Chunks of 100 (4 requests of 25 with --concurrency 1): the bad line is in the tenth,
        // whose first 50 lines are written too.
        CHECK_THAT(r.err, Catch::Contains("950 items written"));
        CHECK(dq({"count", t}).out == "950\n");
        const CliResult keyless = dq({"import", t}, "{\"pk\":\"a\"}\n{\"other\":1}\n");
        CHECK(keyless.exit_code == 8);
        CHECK_THAT(keyless.err,
                   Catch::StartsWith("dynaq: line 2: key attribute \"pk\" is missing"));
        CHECK(dq({"count", t}).out == "951\n");
        const CliResult csv = dq({"import", t, "--format", "csv"}, "pk,n:N\na,1\nb,x\n");
        CHECK(csv.exit_code == 8);
        CHECK_THAT(csv.err, Catch::StartsWith("dynaq: line 3: column \"n\""));
    }
    SECTION("bad arguments") {
        const CliResult key = dq({"get", t, "--key", "{pk:1}"});
        CHECK(key.exit_code == 2);
        CHECK_THAT(key.err, Catch::StartsWith("dynaq: --key: malformed JSON"));
        CHECK(dq({"put", t, "[1]"}).exit_code == 2);
        CHECK(dq({"get", t}).exit_code == 2);
        CHECK(dq({"scan", t, "--limit", "0"}).exit_code == 2);
        CHECK(dq({"put", t, R"({"pk":1})"}).exit_code == 2); // the server's ValidationException
    }
    SECTION("missing credentials and region") {
        const auto home = std::filesystem::temp_directory_path() / (test::table_prefix() + "-home");
        std::filesystem::create_directories(home);
        const auto env = without_aws_settings(home);
        // A chosen profile turns the loopback endpoint's dummy keys off: none is found.
        const CliResult creds = test::run_cli(
            CliCall{.args = {"tables", "--endpoint", test::test_endpoint(), "--profile", "nobody"},
                    .env = env});
        INFO(shown(creds));
        CHECK(creds.exit_code == 7);
        CHECK_THAT(creds.err, Catch::StartsWith("dynaq: ") && Catch::Contains("credentials"));
        // A remote endpoint needs a region, and nothing was sent to find that out.
        const CliResult region = test::run_cli(
            CliCall{.args = {"tables", "--endpoint", "https://dynamodb.invalid"}, .env = env});
        CHECK(region.exit_code == 7);
        CHECK_THAT(region.err, Catch::Contains("region"));
        std::filesystem::remove_all(home);
    }
}

TEST_CASE("Ctrl-C stops an import cleanly and says how many items were written") {
    CliTable table({"--pk", "pk"});
    test::CliProcess import(
        {"import", table.name(), "--endpoint", test::test_endpoint(), "--concurrency", "2"});
    // Two chunks of 200 (2 in flight x 25 x 4) and part of a third, which waits for more input.
    std::string input;
    for (int i = 0; i < 450; ++i)
        input += "{\"pk\":\"k" + std::to_string(i) + "\",\"i\":" + std::to_string(i) + "}\n";
    import.write(input);
    // Wait until both full chunks are in the table (a safety net bounds the wait, scaled).
    const auto deadline =
        std::chrono::steady_clock::now() + test::scaled(std::chrono::seconds(120));
    while (dq({"count", table.name()}).out != "400\n" &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    import.signal(SIGINT);
    const CliResult r = import.finish();
    INFO(shown(r));
    CHECK(r.exit_code == 130);
    CHECK_THAT(r.err, Catch::Contains("dynaq: interrupted"));
    // The importer may not have read the second chunk's answers yet when the signal comes (no
    // sleep decides that): it then counts them unknown, not written. The first chunk was
    // acknowledged before the second one started, and nothing beyond the table is claimed.
    std::smatch count;
    const std::regex written("([0-9,]+) items written");
    REQUIRE(std::regex_search(r.err, count, written));
    std::string digits = count[1].str();
    std::erase(digits, ',');
    CHECK(std::stoi(digits) >= 200);
    CHECK(std::stoi(digits) <= 400);
    CHECK(dq({"count", table.name()}).out == "400\n");
}

TEST_CASE("import of 50,000 lines, then an export that matches it exactly") {
    CliTable table({"--pk", "pk", "--sk", "sk:N"}, "bulk");
    // Every kind of value, numbers in the canonical text both servers keep as they are.
    std::vector<std::string> input;
    input.reserve(50'000);
    for (int i = 0; i < 50'000; ++i) {
        std::string line =
            R"({"b":{"$B":"AAE="},"big":9)" + std::to_string(i) +
            "2345678901234567890123456789012" + R"(,"d":-)" + std::to_string(i) + R"(.125,"f":)" +
            (i % 2 ? "true" : "false") + R"(,"l":[)" + std::to_string(i % 7) +
            R"(,"é",null],"m":{"k":"v)" + std::to_string(i % 3) + R"("},"ns":{"$NS":[)" +
            std::to_string(i) + R"(]},"pk":"p)" + std::to_string(i % 97) + R"(","sk":)" +
            std::to_string(i) + R"(,"ss":{"$SS":["s)" + std::to_string(i % 5) + R"("]},"x":0.1})";
        input.push_back(std::move(line));
    }
    std::string text;
    for (const std::string& line : input)
        text += line + '\n';
    const auto started = std::chrono::steady_clock::now();
    // Generous deadlines: 50,000 items on a loaded machine (moto once hit the default 60 s).
    require_ok(dq({"import", table.name(), "--concurrency", "8"}, text, std::chrono::minutes(10)));
    const auto imported = std::chrono::steady_clock::now();
    const CliResult out =
        dq({"export", table.name(), "--segments", "4"}, {}, std::chrono::minutes(10));
    const auto exported = std::chrono::steady_clock::now();
    require_ok(out);
    const auto ms = [](auto d) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    };
    WARN("50,000 items on " << test::server_name() << ": import " << ms(imported - started)
                            << " ms, export " << ms(exported - imported) << " ms");
    std::vector<std::string> got = lines_of(out.out);
    REQUIRE(got.size() == input.size());
    std::sort(got.begin(), got.end());
    std::sort(input.begin(), input.end());
    const auto [a, b] = std::mismatch(got.begin(), got.end(), input.begin());
    if (a != got.end())
        FAIL("first difference:\n  exported " << *a << "\n  imported " << *b);
}

TEST_CASE(
    "through tinyproxy: HTTP_PROXY reaches the server, NO_PROXY bypasses, a bad login is named") {
    const char* proxy = std::getenv("DYNAQ_TEST_PROXY");
    const char* user = std::getenv("DYNAQ_TEST_PROXY_USER");
    const char* password = std::getenv("DYNAQ_TEST_PROXY_PASSWORD");
    REQUIRE(proxy != nullptr); // tools/test starts tinyproxy beside the server
    REQUIRE(user != nullptr);
    REQUIRE(password != nullptr);
    const std::string hostport = std::string(proxy).substr(std::string_view("http://").size());
    const std::string with_login = "http://" + std::string(user) + ':' + password + '@' + hostport;
    const auto via = [&](std::string proxy_url, std::optional<std::string> no_proxy) {
        return test::run_cli(CliCall{
            .args = {"tables", "--endpoint", test::test_endpoint()},
            .input = {},
            .env = {{"HTTP_PROXY", std::move(proxy_url)}, {"NO_PROXY", std::move(no_proxy)}}});
    };
    CliResult r = via(with_login, std::nullopt);
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    r = via(proxy, std::nullopt); // no login: 407
    INFO(shown(r));
    CHECK(r.exit_code == 9);
    CHECK_THAT(r.err, Catch::Contains("via proxy " + std::string(proxy)) && Catch::Contains("407"));
    r = via(proxy, "127.0.0.1,localhost"); // the same proxy, bypassed
    INFO(shown(r));
    CHECK(r.exit_code == 0);
    r = test::run_cli(CliCall{.args = {"config", "--endpoint", test::test_endpoint()},
                              .input = {},
                              .env = {{"HTTP_PROXY", with_login}}});
    CHECK_THAT(r.out, Catch::Contains("proxy: http://" + std::string(user) + ":***@" + hostport));
    CHECK(r.out.find(password) == std::string::npos);
}

TEST_CASE("credentials: which source answered, never a secret; tables asks the same source") {
    const auto home = std::filesystem::temp_directory_path() / (test::table_prefix() + "-creds");
    std::filesystem::create_directories(home);
    test::FakeImds imds;
    auto env = without_aws_settings(home);
    env["AWS_EC2_METADATA_DISABLED"] = std::nullopt;
    env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.url();
    const CliResult shown_keys = test::run_cli(
        CliCall{.args = {"credentials", "--endpoint", test::test_endpoint()}, .env = env});
    INFO(shown(shown_keys));
    CHECK(shown_keys.exit_code == 0);
    const test::IssuedKeys issued = imds.last_keys();
    CHECK_THAT(shown_keys.out,
               Catch::Contains("source:      default chain: imds\n") &&
                   Catch::Contains("access key:  ****" +
                                   issued.access_key_id.substr(issued.access_key_id.size() - 4)) &&
                   Catch::Contains("session:     yes\n") &&
                   Catch::Contains("region:      us-east-1\n") &&
                   Catch::Contains("endpoint:    " + test::test_endpoint() + "\n"));
    CHECK(shown_keys.out.find(issued.secret_access_key) == std::string::npos);
    CHECK(shown_keys.out.find(issued.session_token) == std::string::npos);
    CHECK(shown_keys.out.find(issued.access_key_id) == std::string::npos);

    // tables asks instance metadata for its own keys, and signs with them.
    const int fetched = imds.credential_fetches();
    const CliResult tables =
        test::run_cli(CliCall{.args = {"tables", "--endpoint", test::test_endpoint()}, .env = env});
    CHECK(tables.exit_code == 0);
    CHECK(imds.credential_fetches() == fetched + 1);

    // Nothing configured at all: the fallback keys, and it says so.
    env["AWS_EC2_METADATA_DISABLED"] = "true";
    const CliResult fallback = test::run_cli(
        CliCall{.args = {"credentials", "--endpoint", test::test_endpoint()}, .env = env});
    CHECK(fallback.exit_code == 0);
    CHECK_THAT(fallback.out,
               Catch::Contains("source:      default chain: fallback keys (no source has "
                               "credentials)\n") &&
                   Catch::Contains("expires:     never\n") &&
                   Catch::Contains("account:     unknown\n"));
    std::filesystem::remove_all(home);
}

namespace {

// A table with a stream, made through the library (create has no stream option).
std::string create_streamed_table(const std::string& stem) {
    test::ClientFixture f;
    return f.run(test::create_streamed_table(f.client, stem));
}

// The sequence number of the newest record of the table's stream (moto: one shard).
std::string newest_sequence_number(const std::string& table) {
    test::ClientFixture f;
    return f.run([&]() -> boost::asio::awaitable<std::string> {
        StreamsClient streams(f.client);
        const ListStreamsRequest list{.table_name = table};
        const auto listed = co_await streams.list_streams(list);
        const auto d = co_await streams.describe_stream_all(listed.streams.at(0).stream_arn);
        std::string newest;
        for (const StreamShard& shard : d.shards) {
            const GetShardIteratorRequest start{.stream_arn = d.stream_arn,
                                                .shard_id = shard.shard_id,
                                                .shard_iterator_type =
                                                    ShardIteratorType::trim_horizon};
            auto it = (co_await streams.get_shard_iterator(start)).shard_iterator;
            while (it) {
                const GetRecordsRequest get{.shard_iterator = *it};
                auto page = co_await streams.get_records(get);
                if (page.records.empty())
                    break;
                newest = std::max(newest, page.records.back().sequence_number);
                it = page.next_shard_iterator;
            }
        }
        co_return newest;
    }());
}

// Waits (bounded, scaled) until the checkpoint file names `sequence_number`.
bool wait_for_checkpoint(const std::filesystem::path& path, const std::string& sequence_number) {
    const auto deadline = std::chrono::steady_clock::now() + test::scaled(std::chrono::seconds(60));
    while (std::chrono::steady_clock::now() < deadline) {
        if (read_text(path).find(sequence_number) != std::string::npos)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string numbered_jsonl(int first, int count) {
    std::string out;
    for (int i = first; i < first + count; ++i)
        out += R"({"pk":"k)" + std::to_string(i) + R"(","n":)" + std::to_string(i) + "}\n";
    return out;
}

} // namespace

TEST_CASE("watch prints the changes of a concurrent import and resumes from its checkpoint") {
    if (test::server_kind() == test::server_type::dynalite) {
        WARN("watch skipped on dynalite: it has no DynamoDB Streams");
        return;
    }
    const std::string table = create_streamed_table("cli-watch");
    const auto checkpoint = temp_file("watch.checkpoint", "");
    std::filesystem::remove(checkpoint);
    std::vector<std::string> watch_args{"watch",           table,
                                        "--endpoint",      test::test_endpoint(),
                                        "--checkpoint",    checkpoint.string(),
                                        "--idle-delay-ms", "50"};
    std::vector<std::string> printed;
    {
        test::CliProcess watch(watch_args);
        require_ok(dq({"import", table}, numbered_jsonl(0, 10)));
        REQUIRE(wait_for_checkpoint(checkpoint, newest_sequence_number(table)));
        watch.signal(SIGINT);
        const CliResult r = watch.finish();
        INFO(shown(r));
        CHECK(r.exit_code == 130);
        for (const Item& change : items_of(r.out)) {
            CHECK(change.at("event").as_string() == "INSERT");
            printed.push_back(std::string(change.at("keys").as_map().at("pk").as_string()));
        }
        CHECK(sorted(printed) ==
              sorted({"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"}));
    }
    // Changes while nobody watches; a restart from the checkpoint prints those and no others.
    require_ok(dq({"import", table}, numbered_jsonl(10, 3)));
    test::CliProcess again({"watch", table, "--endpoint", test::test_endpoint(), "--from",
                            checkpoint.string(), "--idle-delay-ms", "50"});
    REQUIRE(wait_for_checkpoint(checkpoint, newest_sequence_number(table)));
    again.signal(SIGINT);
    const CliResult r = again.finish();
    INFO(shown(r));
    CHECK(r.exit_code == 130);
    std::vector<std::string> resumed;
    for (const Item& change : items_of(r.out))
        resumed.push_back(std::string(change.at("keys").as_map().at("pk").as_string()));
    CHECK(sorted(resumed) == sorted({"k10", "k11", "k12"}));
    std::filesystem::remove(checkpoint);
}

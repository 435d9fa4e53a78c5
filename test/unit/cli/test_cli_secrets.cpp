// No secret ever leaves dynaq: every command, its --help, and the error paths (a refusing
// server, a 5xx, a reset, no server, a proxy refusing its login, an import that gives up, bad
// arguments) run with known fake credentials and a proxy password, and everything they print
// (stdout, stderr, hence every exception message) is searched for them.
#include "cli_runner.hpp"
#include "fault_server.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace dynaq::test;

namespace {

// Distinctive, so that a hit cannot be a coincidence.
const std::string access_key = "AKIAFAKESECRETS7TEST";
const std::string secret_key = "wJalrXUtnFEMI/K7MDENG/sEcReTfAkEkEyXyZ0042";
const std::string session_token = "FwoGZXIvYXdzEFAKEsessionTOKENforDynaqSecretsTest0042==";
const std::string proxy_password = "pr0xy-pAss-SECRET-0042";

const char* const description = R"({"Table":{"TableName":"items","TableStatus":"ACTIVE",
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}})";

// A one-table DynamoDB answering every operation the commands use.
Action dynamo(const RecordedRequest& r) {
    const std::string op = r.operation();
    if (op == "ListTables")
        return Action::ok(R"({"TableNames":["items"]})");
    if (op == "DescribeTable")
        return Action::ok(description);
    if (op == "CreateTable" || op == "DeleteTable")
        return Action::ok(std::string(R"({"TableDescription":)") +
                          std::string(description).substr(9));
    if (op == "GetItem")
        return Action::ok(R"({"Item":{"pk":{"S":"a"},"n":{"N":"1"}}})");
    if (op == "PutItem" || op == "UpdateItem" || op == "DeleteItem")
        return Action::ok("{}");
    if (op == "Query" || op == "Scan")
        return Action::ok(R"({"Items":[{"pk":{"S":"a"}}],"Count":1,"ScannedCount":1})");
    if (op == "BatchWriteItem")
        return Action::ok(R"({"UnprocessedItems":{}})");
    return Action::error(400, "UnknownOperationException", op);
}

std::map<std::string, std::optional<std::string>> secret_env(const std::filesystem::path& home) {
    return {{"AWS_ACCESS_KEY_ID", access_key},
            {"AWS_SECRET_ACCESS_KEY", secret_key},
            {"AWS_SESSION_TOKEN", session_token},
            {"AWS_REGION", "us-east-1"},
            {"AWS_PROFILE", std::nullopt},
            {"AWS_CONFIG_FILE", (home / "config").string()},
            {"AWS_SHARED_CREDENTIALS_FILE", (home / "credentials").string()},
            {"HOME", home.string()},
            {"AWS_EC2_METADATA_DISABLED", "true"},
            {"AWS_MAX_ATTEMPTS", "2"},
            {"HTTP_PROXY", std::nullopt},
            {"HTTPS_PROXY", std::nullopt},
            {"http_proxy", std::nullopt},
            {"https_proxy", std::nullopt},
            {"NO_PROXY", std::nullopt},
            {"no_proxy", std::nullopt}};
}

// Every command once, with the arguments it needs, against `url`.
std::vector<std::vector<std::string>> every_command(const std::string& url) {
    std::vector<std::vector<std::string>> runs{
        {"tables"},
        {"describe", "items"},
        {"create", "t2", "--pk", "pk", "--no-wait"},
        {"delete-table", "t2", "--no-wait"},
        {"put", "items", R"({"pk":"a","n":1})"},
        {"get", "items", "--key", R"({"pk":"a"})"},
        {"update", "items", "--key", R"({"pk":"a"})", "--set", "n=2"},
        {"delete", "items", "--key", R"({"pk":"a"})"},
        {"query", "items", "--pk", "a"},
        {"scan", "items"},
        {"count", "items"},
        {"import", "items"},
        {"export", "items"},
        {"config"},
        {"credentials"},
    };
    for (auto& run : runs) {
        run.push_back("--endpoint");
        run.push_back(url);
    }
    return runs;
}

struct Leak {
    std::string what;
    std::string run;
};

// Runs `args` and lists every secret found in what it printed.
void run_and_search(const std::vector<std::string>& args,
                    const std::map<std::string, std::optional<std::string>>& env,
                    std::vector<Leak>& leaks, int& runs) {
    const CliResult r = dynaq::test::run_cli(CliCall{.args = args,
                                                     .input = R"({"pk":"a","n":1})"
                                                              "\n",
                                                     .env = env});
    ++runs;
    const std::string all = r.out + r.err;
    std::string line;
    for (const auto& a : args)
        line += a + ' ';
    for (const auto& [name, secret] : {std::pair{"secret key", secret_key},
                                       {"session token", session_token},
                                       {"proxy password", proxy_password},
                                       {"access key id", access_key}})
        if (all.find(secret) != std::string::npos)
            leaks.push_back({name, line + "-> " + shown(r)});
}

} // namespace

TEST_CASE("secrets: no command, help text or error path prints a key, token or proxy password") {
    const auto home =
        std::filesystem::temp_directory_path() / ("dynaq-secrets-" + std::to_string(::getpid()));
    std::filesystem::create_directories(home);
    const auto env = secret_env(home);
    std::vector<Leak> leaks;
    int runs = 0;

    FaultServer healthy(dynamo);
    std::atomic<int> answered{0};
    FaultServer refusing([&](const RecordedRequest&) {
        ++answered;
        return Action::error(400, "UnrecognizedClientException",
                             "The security token included in the request is invalid.");
    });
    FaultServer failing([](const RecordedRequest&) {
        return Action::error(500, "InternalServerError", "injected");
    });
    FaultServer resetting([](const RecordedRequest&) { return Action::reset(); });
    FaultServer throttling([](const RecordedRequest& r) {
        if (r.operation() == "DescribeTable")
            return Action::ok(description);
        return Action::error(400, "ThrottlingException", "slow down");
    });
    // A proxy that refuses every login.
    FaultServer proxy([](const RecordedRequest&) {
        return Action::respond(407, "proxy login refused")
            .with_header("Proxy-Authenticate", "Basic realm=\"test\"");
    });
    const std::string unreachable = [] {
        // The port of a server that is gone: nothing listens there any more.
        FaultServer gone([](const RecordedRequest&) { return Action::ok(); });
        return gone.url();
    }();

    SECTION("every command, against a healthy server, directly and through a proxy that "
            "refuses its login") {
        for (const auto& run : every_command(healthy.url()))
            run_and_search(run, env, leaks, runs);
        auto via_proxy = env;
        via_proxy["HTTP_PROXY"] =
            "http://user:" + proxy_password + "@127.0.0.1:" + std::to_string(proxy.port());
        for (const auto& run : every_command(healthy.url()))
            run_and_search(run, via_proxy, leaks, runs);
    }
    SECTION("every command's help") {
        run_and_search({"--help"}, env, leaks, runs);
        for (auto run : every_command(healthy.url())) {
            run.resize(1);
            run.push_back("--help");
            run_and_search(run, env, leaks, runs);
        }
    }
    SECTION("error paths") {
        for (const std::string& url : {refusing.url(), failing.url(), resetting.url(), unreachable})
            for (const auto& run : every_command(url))
                run_and_search(run, env, leaks, runs);
        CHECK(answered > 0);
        const auto resume = home / "items.resume";
        run_and_search(
            {"import", "items", "--endpoint", throttling.url(), "--resume-file", resume.string()},
            env, leaks, runs);
        run_and_search({"get", "items", "--key", "{not json", "--endpoint", healthy.url()}, env,
                       leaks, runs);
        run_and_search({"tables", "--endpoint", "ftp://nowhere"}, env, leaks, runs);
        run_and_search({"frobnicate"}, env, leaks, runs);
        // Half a key pair, and a proxy URL that is not one.
        auto half = env;
        half["AWS_SECRET_ACCESS_KEY"] = std::nullopt;
        run_and_search({"tables", "--endpoint", healthy.url()}, half, leaks, runs);
        auto bad_proxy = env;
        bad_proxy["HTTP_PROXY"] = "http://user:" + proxy_password + "@[bad";
        run_and_search({"tables", "--endpoint", healthy.url()}, bad_proxy, leaks, runs);
        run_and_search({"config", "--endpoint", healthy.url()}, bad_proxy, leaks, runs);
    }

    INFO(runs << " runs searched");
    for (const Leak& leak : leaks)
        FAIL_CHECK(leak.what << " printed by: " << leak.run);
    CHECK(runs > 10);
    std::filesystem::remove_all(home);
}

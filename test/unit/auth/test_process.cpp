// credential_process: command-line splitting, the JSON it prints, failures, the time limit,
// and the event loop running on while the helper does.
#include "auth_test_support.hpp"
#include "process_runner.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using detail::split_command_line;

namespace {

using test::credentials_error_of;

using Words = std::vector<std::string>;

// A helper script that prints `output` and exits with `status` after `sleep_seconds`.
std::string script(const test::TempDir& dir, std::string_view name, std::string_view output,
                   int status = 0, std::string_view sleep_seconds = "0") {
    const std::string path =
        dir.write(name, "#!/bin/sh\nsleep " + std::string(sleep_seconds) + "\ncat <<'EOF'\n" +
                            std::string(output) + "\nEOF\nexit " + std::to_string(status) + "\n");
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path;
}

ProcessCredentialsProvider process(std::string command, std::chrono::milliseconds timeout = 60s) {
    ProcessOptions options;
    options.command = std::move(command);
    options.source = "credential_process of profile 'p'";
    options.timeout = timeout;
    return ProcessCredentialsProvider(std::move(options));
}

constexpr std::string_view good = R"({"Version": 1, "AccessKeyId": "AKIDPROC",
"SecretAccessKey": "TOPSECRET", "SessionToken": "tok", "Expiration": "2099-01-01T00:00:00Z",
"AccountId": "444455556666"})";

} // namespace

TEST_CASE("credential_process: the command is split as a POSIX shell would, without one") {
    CHECK(split_command_line("helper --profile dev", "x") == Words{"helper", "--profile", "dev"});
    CHECK(split_command_line("  a\t b  ", "x") == Words{"a", "b"});
    CHECK(split_command_line(R"('/opt/my tools/helper' "two words" x'y'z)", "x") ==
          Words{"/opt/my tools/helper", "two words", "xyz"});
    CHECK(split_command_line(R"("a \"q\" \\ \$HOME" 'no \escape' back\ slash)", "x") ==
          Words{R"(a "q" \ \$HOME)", R"(no \escape)", "back slash"});
    CHECK(split_command_line("helper; rm -rf / $(id) `id` | cat", "x") ==
          Words{"helper;", "rm", "-rf", "/", "$(id)", "`id`", "|", "cat"});
    CHECK(test::config_error_of([] { return split_command_line("helper 'open", "cp"); }) ==
          "cp has an unclosed ' quote");
    CHECK(test::config_error_of([] { return split_command_line("helper \"open", "cp"); }) ==
          "cp has an unclosed \" quote");
    CHECK(test::config_error_of([] { return split_command_line("helper \\", "cp"); }) ==
          "cp ends with a lone backslash");
    CHECK(test::config_error_of([] { return split_command_line("   ", "cp"); }) == "cp is empty");
}

TEST_CASE("credential_process: the keys it prints, with or without an expiration") {
    const test::TempDir dir;
    const auto c = process(script(dir, "good.sh", good) + " --ignored 'arg'").get();
    CHECK(c.access_key_id == "AKIDPROC");
    CHECK(c.secret_access_key == "TOPSECRET");
    CHECK(c.session_token == "tok");
    CHECK(c.account_id == "444455556666");
    CHECK(c.expiration.has_value());
    const auto forever =
        process(script(dir, "forever.sh",
                       R"({"Version":1,"AccessKeyId":"AKIDLONG","SecretAccessKey":"s"})"))
            .get();
    CHECK(forever.access_key_id == "AKIDLONG");
    CHECK_FALSE(forever.expiration.has_value());
}

TEST_CASE("credential_process: garbage, failures and hangs are CredentialsErrors, no secrets") {
    const test::TempDir dir;
    SECTION("not JSON") {
        const auto message =
            credentials_error_of(process(script(dir, "garbage.sh", "AKIDPROC TOPSECRET oops")));
        CHECK_THAT(message, Catch::StartsWith("credential_process of profile 'p' (") &&
                                Catch::EndsWith("garbage.sh) answered with something that is "
                                                "not a JSON object"));
        CHECK(message.find("TOPSECRET") == std::string::npos);
    }
    SECTION("the wrong version") {
        CHECK_THAT(credentials_error_of(process(script(
                       dir, "v2.sh", R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})"))),
                   Catch::EndsWith("answered without \"Version\": 1 (the only version defined)"));
    }
    SECTION("a non-zero exit status") {
        const auto message = credentials_error_of(process(script(dir, "fails.sh", good, 3)));
        CHECK_THAT(message, Catch::EndsWith("fails.sh) exited with status 3"));
        CHECK(message.find("TOPSECRET") == std::string::npos);
    }
    SECTION("a program that does not exist") {
        CHECK_THAT(
            credentials_error_of(process(dir.path() + "/no-such-helper")),
            Catch::StartsWith("cannot run credential_process " + dir.path() + "/no-such-helper: "));
    }
    SECTION("too slow: killed at the time limit") {
        // exec: the program killed is the one that sleeps, so nothing is left behind.
        const std::string slow = dir.write("slow.sh", "#!/bin/sh\nexec sleep 30\n");
        std::filesystem::permissions(slow, std::filesystem::perms::owner_all);
        CHECK_THAT(credentials_error_of(process(slow, 300ms)),
                   Catch::EndsWith("slow.sh did not finish within 300 ms"));
    }
}

TEST_CASE("credential_process: the event loop runs on while the helper works") {
    const test::TempDir dir;
    const auto provider = process(script(dir, "pause.sh", good, 0, "1"));
    asio::io_context io;
    int ticks = 0;
    bool done = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            const auto keys = co_await provider.async_get_shared();
            CHECK(keys->access_key_id == "AKIDPROC");
            done = true;
        },
        asio::detached);
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer tick(io);
            while (!done) {
                tick.expires_after(10ms);
                co_await tick.async_wait(asio::use_awaitable);
                ++ticks;
            }
        },
        asio::detached);
    io.run();
    CHECK(done);
    CHECK(ticks > 1); // the timer fired while the helper slept: nothing blocked the loop
}

TEST_CASE("the default chain: credential_process after the credentials file's keys") {
    const test::TempDir dir;
    const std::string helper = script(dir, "helper.sh", good);
    const std::string config =
        dir.write("config", "[profile proc]\ncredential_process = " + helper +
                                "\naws_access_key_id = AKIDCFG\n"
                                "aws_secret_access_key = c\n");
    const auto env = [&](std::string credentials) {
        return Environment::from_map(
            {{"HOME", dir.path()},
             {"AWS_PROFILE", "proc"},
             {"AWS_CONFIG_FILE", config},
             {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", credentials)},
             {"AWS_EC2_METADATA_DISABLED", "true"}});
    };
    // The process wins over the config file's keys ...
    const DefaultCredentialsChain chain(env(""));
    CHECK(chain.get().access_key_id == "AKIDPROC");
    CHECK(chain.source() == "default chain: credential_process of profile 'proc'");
    // ... and loses to the credentials file's.
    const DefaultCredentialsChain file_first(
        env("[proc]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n"));
    CHECK(file_first.get().access_key_id == "AKIDFILE");
}

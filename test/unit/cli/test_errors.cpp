// How every kind of failure ends dynaq: the exit code scripts branch on, and one line of text.
#include "args.hpp"
#include "errors.hpp"

#include <dynaq/batch.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <system_error>

using namespace dynaq_cli;

namespace {

// The Failure for the ServiceError DynamoDB's `code` maps to.
Failure service(const std::string& code, const std::string& message = "why") {
    try {
        dynaq::throw_service_error(code, message, 400, "req-1");
    } catch (...) {
        return describe_failure(std::current_exception(), "users");
    }
}

template <class E>
Failure of(E error, std::string_view table = "users") {
    return describe_failure(std::make_exception_ptr(std::move(error)), table);
}

std::error_code reset() {
    return std::make_error_code(std::errc::connection_reset);
}

} // namespace

TEST_CASE("service errors map to their exit codes, with DynamoDB's code and message") {
    const Failure missing = service("ResourceNotFoundException", "Requested resource not found");
    CHECK(missing.code == exit_code::table_not_found);
    CHECK(missing.message ==
          "table \"users\" not found (ResourceNotFoundException: Requested resource not found)");
    CHECK(service("ConditionalCheckFailedException").code == exit_code::condition_failed);
    CHECK(service("ResourceInUseException").code == exit_code::table_in_use);
    CHECK(service("ValidationException").code == exit_code::usage);
    CHECK(service("AccessDeniedException").code == exit_code::config);
    CHECK(service("UnrecognizedClientException").code == exit_code::config);
    for (const char* code : {"ThrottlingException", "ProvisionedThroughputExceededException",
                             "RequestLimitExceeded"}) {
        INFO(code);
        const Failure f = service(code);
        CHECK(f.code == exit_code::throttled);
        CHECK_THAT(f.message, Catch::StartsWith("throttled beyond retries ("));
    }
    CHECK(service("InternalServerError").code == exit_code::failure);
    CHECK(service("SomethingNewException").code == exit_code::failure);
}

TEST_CASE("a message without a table says \"table\"; an empty server message adds nothing") {
    try {
        dynaq::throw_service_error("ResourceNotFoundException", "", 400, "");
    } catch (...) {
        const Failure f = describe_failure(std::current_exception(), "");
        CHECK(f.message == "table not found (ResourceNotFoundException)");
    }
}

TEST_CASE("client-side errors: usage, input, configuration, network, interruption") {
    CHECK(of(UsageError("--limit: not a number")).code == exit_code::usage);
    CHECK(of(dynaq::InvalidArgumentError("bad key")).code == exit_code::usage);
    const Failure input = of(InputError("line 7: malformed JSON"));
    CHECK(input.code == exit_code::bad_input);
    CHECK(input.message == "line 7: malformed JSON");
    CHECK(of(dynaq::ConfigError("no region")).code == exit_code::config);
    CHECK(of(dynaq::TransportError(reset(), "connection reset")).code == exit_code::network);
    CHECK(of(dynaq::TimeoutError(std::make_error_code(std::errc::timed_out), "timed out")).code ==
          exit_code::network);
    const Failure cancelled =
        of(dynaq::CancelledError(std::make_error_code(std::errc::operation_canceled), "x"));
    CHECK(cancelled.code == exit_code::interrupted);
    CHECK(cancelled.message == "interrupted");
    CHECK(of(boost::system::system_error(boost::asio::error::operation_aborted)).code ==
          exit_code::interrupted);
    CHECK(of(std::runtime_error("odd")).code == exit_code::failure);
    CHECK(describe_failure(std::make_exception_ptr(42), "").code == exit_code::failure);
}

TEST_CASE("an incomplete batch takes its cause's exit code, or throttled without one") {
    const dynaq::BatchIncompleteError throttled("3 items were not written", {}, {}, nullptr);
    const Failure plain = of(throttled);
    CHECK(plain.code == exit_code::throttled);
    CHECK(plain.message == "3 items were not written");

    const dynaq::BatchIncompleteError cut(
        "2 items were not written", {}, {},
        std::make_exception_ptr(dynaq::TransportError(reset(), "connection reset")));
    const Failure network = of(cut);
    CHECK(network.code == exit_code::network);
    CHECK(network.message == "2 items were not written");
}

TEST_CASE("messages are one line whatever the server sent") {
    const Failure f = service("ValidationException", "first line\nsecond line\r\nthird");
    CHECK(f.message.find('\n') == std::string::npos);
    CHECK(f.message.find('\r') == std::string::npos);
    CHECK_THAT(f.message, Catch::Contains("first line second line"));
}

TEST_CASE("--help lists every exit code") {
    const std::string help = exit_code_help();
    for (const int code :
         {exit_code::ok, exit_code::failure, exit_code::usage, exit_code::item_not_found,
          exit_code::table_not_found, exit_code::condition_failed, exit_code::throttled,
          exit_code::config, exit_code::bad_input, exit_code::network, exit_code::table_in_use,
          exit_code::interrupted}) {
        INFO(code);
        CHECK(help.find("\n  " + std::to_string(code) + " ") != std::string::npos);
    }
}

// Recovering from stalls and garbled answers, against the fault server: a silent connection
// and one that stops mid-body end their attempt with the idle-read timeout (far below the
// attempt timeout and the call deadline) and the retry succeeds; a page that keeps streaming
// is not cut; a 2xx whose body the call rejects is retried for reads and a ProtocolError with
// its context for writes; a call that gives up lists its attempts. Functional checks only:
// what ended each attempt, never how long it took.
#include "transport_fixture.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// Idle bound short, everything else far above it: only the idle timeout can end a stall.
ClientConfig stall_config(const FaultServer& server, AttemptLog& log) {
    auto cfg = config_for(server);
    cfg.timeouts.idle = 200ms;
    cfg.timeouts.attempt = 60s;
    cfg.timeouts.call_deadline = 120s;
    cfg.on_attempt = log.hook();
    return cfg;
}

Response call_once(const ClientConfig& cfg, std::string_view op = "GetItem",
                   CallOptions options = {}) {
    asio::io_context ioc;
    Transport t(ioc.get_executor(), cfg);
    return run(ioc, t.call(op, get_item, options));
}

} // namespace

TEST_CASE("recovery: a server that accepts and never answers is given up after the idle timeout") {
    FaultServer server(scripted({Action::stall(1h), Action::ok(R"({"second":1})")}));
    AttemptLog log;
    const Response r = call_once(stall_config(server, log));
    CHECK(r.body == R"({"second":1})");
    CHECK(r.attempts == 2);
    REQUIRE(log.entries.size() == 2);
    CHECK(log.entries[0].reason == RetryReason::idle_timeout);
    CHECK(log.entries[0].decision == AttemptDecision::retry);
    CHECK(log.entries[0].bytes_received == 0);
    CHECK(log.entries[1].decision == AttemptDecision::done);
    CHECK(server.connections() == 2); // the stalled connection was not reused
}

TEST_CASE("recovery: a body that stops half-way is given up after the idle timeout") {
    FaultServer server(scripted({Action::stall_mid_body(), Action::ok(R"({"Item":{}})")}));
    AttemptLog log;
    const Response r = call_once(stall_config(server, log));
    CHECK(r.body == R"({"Item":{}})");
    REQUIRE(log.entries.size() == 2);
    CHECK(log.entries[0].reason == RetryReason::idle_timeout);
    CHECK(log.entries[0].bytes_received > 0);
    CHECK(log.entries[1].decision == AttemptDecision::done);
}

TEST_CASE("recovery: a stall is not retried when possibly-delivered retries are off") {
    FaultServer server(scripted({Action::stall(1h), Action::ok()}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    cfg.retry.retry_possibly_delivered = false;
    const auto e = thrown_by<TimeoutError>([&] { (void)call_once(cfg, "PutItem"); });
    REQUIRE(e);
    CHECK_THAT(std::string(e->what()), Catch::Contains("timed out while waiting for the first byte "
                                                       "(timeouts.idle = 200 ms)"));
    CHECK(server.request_count() == 1);
}

TEST_CASE("recovery: a page that keeps streaming is not cut by the idle timeout") {
    // 100 pieces, 20 ms apart: two seconds in all, twice the idle bound, while no gap comes
    // near it (a 50x margin, for a busy machine).
    const std::string page = R"({"Items":[)" + std::string(10000, ' ') + "]}";
    FaultServer server(scripted({Action::trickle(page, 100, 20ms)}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    cfg.timeouts.idle = 1s;
    const Response r = call_once(cfg, "Scan");
    CHECK(r.body == page);
    CHECK(r.attempts == 1);
}

TEST_CASE("recovery: idle timeout 0 leaves a stall to the attempt timeout") {
    FaultServer server(scripted({Action::stall(1h), Action::ok()}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    cfg.timeouts.idle = 0ms;
    cfg.timeouts.attempt = 300ms;
    (void)call_once(cfg);
    REQUIRE(log.entries.size() == 2);
    CHECK(log.entries[0].reason == RetryReason::timeout);
}

TEST_CASE("recovery: a dead server's final error lists every attempt and why it ended") {
    FaultServer server(
        scripted({Action::stall(1h), Action::error(503, "ServiceUnavailable"), Action::reset()}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    cfg.retry.max_attempts = 3;
    const auto e = thrown_by<TransportError>([&] { (void)call_once(cfg); });
    REQUIRE(e);
    const std::string what = e->what();
    INFO(what);
    CHECK_THAT(what, Catch::Contains("(attempt 3, stopped: attempts exhausted); attempts: "
                                     "#1 timed out while waiting for the first byte "
                                     "(timeouts.idle = 200 ms), #2 HTTP 503 "
                                     "ServiceUnavailable [request id fault-1], #3 "
                                     "connection lost while waiting for the first byte"));
    CHECK(what.find("wJalrXUtnFEMI") == std::string::npos); // no secret in the message
    const auto& attempts = e->attempts();
    REQUIRE(attempts.size() == 3);
    CHECK(attempts[0].attempt == 1);
    CHECK(attempts[0].reason == RetryReason::idle_timeout);
    CHECK(attempts[0].http_status == 0);
    CHECK(attempts[1].reason == RetryReason::server_error);
    CHECK(attempts[1].http_status == 503);
    CHECK(attempts[1].error_code == "ServiceUnavailable");
    CHECK(attempts[1].request_id == "fault-1");
    CHECK(attempts[2].reason == RetryReason::connection_error);
}

TEST_CASE("recovery: a service error that persists lists the attempts too") {
    FaultServer server(scripted({Action::error(500, "InternalServerError")}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    cfg.retry.max_attempts = 2;
    const auto busy = thrown_by<InternalServerError>([&] { (void)call_once(cfg); });
    REQUIRE(busy);
    CHECK(busy->attempts().size() == 2);
    CHECK_THAT(std::string(busy->what()),
               Catch::EndsWith("; attempts: #1 HTTP 500 InternalServerError [request id "
                               "fault-0], #2 HTTP 500 InternalServerError [request id "
                               "fault-1]"));
    // A final answer on the first attempt has no list: nothing was retried.
    server.set_handler(
        [](const RecordedRequest&) { return Action::error(400, "ValidationException"); });
    const auto final_answer = thrown_by<ValidationError>([&] { (void)call_once(cfg); });
    REQUIRE(final_answer);
    CHECK(final_answer->attempts().empty());
    CHECK(std::string(final_answer->what()).find("attempts:") == std::string::npos);
}

TEST_CASE("recovery: the body check of a call retries a garbled 2xx of a read") {
    const std::string garbled = R"({"Item":{"pk":{"S":"not closed)";
    FaultServer server(scripted({Action::ok(garbled), Action::ok(R"({"ok":1})")}));
    AttemptLog log;
    int checked = 0;
    auto check = [&checked](Response& r) {
        ++checked;
        if (r.body.find("not closed") != std::string::npos)
            throw ProtocolError("malformed JSON at offset 30");
    };
    const Response r = call_once(stall_config(server, log), "GetItem", CallOptions{true, check});
    CHECK(r.body == R"({"ok":1})");
    CHECK(r.attempts == 2);
    CHECK(checked == 2);
    REQUIRE(log.entries.size() == 2);
    CHECK(log.entries[0].reason == RetryReason::malformed_response);
    CHECK(log.entries[0].http_status == 200);
}

TEST_CASE(
    "recovery: the client retries a GetItem whose 200 is not JSON; an UpdateItem's is final") {
    // Valid CRC32, invalid JSON, once; then a good body.
    FaultServer server(scripted({Action::ok(R"({"Item":{"pk":{"S":"secret-value-that-is-long)"),
                                 Action::ok(R"({"Item":{"pk":{"S":"a"}}})")}));
    AttemptLog log;
    auto cfg = stall_config(server, log);
    asio::io_context ioc;
    Client client(ioc.get_executor(), cfg);
    GetItemRequest get;
    get.table_name = "tbl";
    get.key = Item{{"pk", "a"}};
    const GetItemResponse got = run(ioc, client.get_item(get));
    REQUIRE(got.item);
    CHECK(got.item->size() == 1);
    REQUIRE(log.entries.size() == 2);
    CHECK(log.entries[0].reason == RetryReason::malformed_response);
    CHECK(log.entries[1].decision == AttemptDecision::done);

    server.set_handler([](const RecordedRequest&) { return Action::ok(R"({"Attributes":)"); });
    // UpdateItem is not idempotent in the operation list (PutItem is, and is retried).
    UpdateItemRequest update;
    update.table_name = "tbl";
    update.key = Item{{"pk", "a"}};
    const auto e = thrown_by<ProtocolError>([&] { (void)run(ioc, client.update_item(update)); });
    REQUIRE(e);
    const auto& c = e->context();
    CHECK(c.operation == "UpdateItem");
    CHECK(c.endpoint == server.url());
    CHECK(c.attempt == 1);
    CHECK(c.request_id == "fault-2");
    CHECK(c.body_prefix == R"({"Attributes":)");
    const std::string what = e->what();
    INFO(what);
    CHECK_THAT(what,
               Catch::StartsWith("UpdateItem to " + server.url() + ": malformed response body: "));
    CHECK_THAT(what, Catch::Contains("[request id fault-2] (attempt 1)"));
    CHECK(server.request_count() == 3); // the write was not repeated
}

TEST_CASE("recovery: the body prefix in a ProtocolError is short") {
    const std::string big = R"({"Item":{"pk":{"S":")" + std::string(500, 'z');
    FaultServer server(scripted({Action::ok(big)}));
    AttemptLog log;
    auto check = [](Response&) { throw ProtocolError("bad"); };
    const auto e = thrown_by<ProtocolError>([&] {
        (void)call_once(stall_config(server, log), "PutItem", CallOptions{false, check});
    });
    REQUIRE(e);
    CHECK(e->context().body_prefix == big.substr(0, 32));
    CHECK(std::string(e->what()).find("zzzzzzzzzzzzzzzzzzzz") == std::string::npos);
}

TEST_CASE("recovery: an emulator on loopback gets no idle timeout from the environment") {
    const auto local =
        ClientConfig::from_env(Environment::from_map({{"AWS_ENDPOINT_URL", "http://127.0.0.1:8000"},
                                                      {"HOME", "/nonexistent"}}),
                               ConfigOverrides{});
    CHECK(local.timeouts.idle == 0ms);
    const auto remote = ClientConfig::from_env(
        Environment::from_map({{"AWS_REGION", "eu-west-1"}, {"HOME", "/nonexistent"}}),
        ConfigOverrides{});
    CHECK(remote.timeouts.idle == TimeoutConfig{}.idle);
    CHECK(TimeoutConfig{}.idle == 5s);
}

// The transport against the fault-injecting server: retries, typed errors, CRC32, keep-alive,
// timeouts, cancellation and the pool bound. No assertion depends on how fast anything runs.
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <thread>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

Response call_once(Transport& t, asio::io_context& ioc, std::string_view op = "GetItem",
                   std::string_view body = get_item) {
    return run(ioc, t.call(op, body));
}

template <class E>
E expect_throw(Transport& t, asio::io_context& ioc) {
    try {
        (void)call_once(t, ioc);
    } catch (const E& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL("unexpected exception: " << e.what());
    }
    FAIL("no exception");
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("transport: a call sends a signed DynamoDB request and returns the response") {
    FaultServer server(scripted({Action::ok(R"({"Item":{}})")}));
    asio::io_context ioc;
    auto creds = std::make_shared<CountingCredentials>();
    AttemptLog log;
    auto cfg = config_for(server, creds);
    cfg.on_attempt = log.hook();
    cfg.user_agent = "dynaq-test/1";
    Transport t(ioc.get_executor(), cfg);

    const Response r = call_once(t, ioc);
    CHECK(r.status == 200);
    CHECK(r.body == R"({"Item":{}})");
    CHECK(r.request_id == "fault-0");
    CHECK(r.attempts == 1);

    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    const auto& q = reqs[0];
    CHECK(q.method == "POST");
    CHECK(q.target == "/");
    CHECK(q.body == get_item);
    CHECK(q.header("X-Amz-Target") == "DynamoDB_20120810.GetItem");
    CHECK(q.header("Content-Type") == "application/x-amz-json-1.0");
    CHECK(q.header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(q.header("Content-Length") == std::to_string(get_item.size()));
    CHECK(q.header("User-Agent") == "dynaq-test/1");
    CHECK(q.header("X-Amz-Date").size() == 16);
    CHECK(q.header("Authorization").rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", 0) == 0);
    CHECK(q.header("X-Amz-Security-Token").empty());
    CHECK(creds->calls == 1);

    REQUIRE(log.entries.size() == 1);
    CHECK(log.entries[0].http_status == 200);
    CHECK(log.entries[0].decision == AttemptDecision::done);
    CHECK(log.entries[0].bytes_sent > get_item.size());
    CHECK(log.entries[0].bytes_received > r.body.size());
}

TEST_CASE("transport: 500, 503, 429 and throttling are retried, then success") {
    FaultServer server(scripted(
        {Action::error(500, "InternalServerError"), Action::respond(503, "Service Unavailable"),
         Action::respond(429, ""), Action::error(400, "ThrottlingException"),
         Action::error(400, "ProvisionedThroughputExceededException"),
         Action::ok(R"({"done":true})")}));
    asio::io_context ioc;
    auto creds = std::make_shared<CountingCredentials>();
    AttemptLog log;
    auto cfg = config_for(server, creds);
    cfg.on_attempt = log.hook();
    Transport t(ioc.get_executor(), cfg);

    const Response r = call_once(t, ioc);
    CHECK(r.attempts == 6);
    CHECK(r.body == R"({"done":true})");
    CHECK(server.request_count() == 6);
    CHECK(creds->calls == 6); // signed again for every attempt
    REQUIRE(log.entries.size() == 6);
    CHECK(log.entries[0].reason == RetryReason::server_error);
    CHECK(log.entries[2].reason == RetryReason::throttling);
    CHECK(log.entries[3].error_code == "ThrottlingException");
    CHECK(log.entries[3].reason == RetryReason::throttling);
    for (int i = 0; i < 5; ++i)
        CHECK(log.entries[i].decision == AttemptDecision::retry);
    CHECK(log.entries[5].decision == AttemptDecision::done);
    // Error answers are read in full, so the connection stays in use throughout.
    CHECK(server.connections() == 1);
}

TEST_CASE("transport: client errors are not retried and raise their typed exception") {
    SECTION("ValidationException") {
        FaultServer server(scripted({Action::error(400, "ValidationException", "bad key")}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        const auto e = expect_throw<ValidationError>(t, ioc);
        CHECK(e.message() == "bad key");
        CHECK(e.http_status() == 400);
        CHECK(e.request_id() == "fault-0");
        CHECK(server.request_count() == 1);
    }
    SECTION("ConditionalCheckFailedException") {
        FaultServer server(scripted({Action::error(400, "ConditionalCheckFailedException")}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        (void)expect_throw<ConditionalCheckFailedError>(t, ioc);
        CHECK(server.request_count() == 1);
    }
}

TEST_CASE("transport: a retryable error that persists ends with the typed error") {
    FaultServer server(scripted({Action::respond(502, "<html>bad gateway</html>")}));
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.retry.max_attempts = 3;
    Transport t(ioc.get_executor(), cfg);
    const auto e = expect_throw<ServiceError>(t, ioc);
    CHECK(e.http_status() == 502);
    CHECK(server.request_count() == 3);
}

TEST_CASE("transport: backoff delays stay within [0, ceiling]") {
    FaultServer server(scripted({Action::respond(500, "{}")}));
    asio::io_context ioc;
    AttemptLog log;
    auto cfg = config_for(server);
    cfg.retry.max_attempts = 8;
    cfg.retry.base_delay = 1ms;
    cfg.retry.max_delay = 6ms;
    cfg.on_attempt = log.hook();
    Transport t(ioc.get_executor(), cfg);
    (void)expect_throw<InternalServerError>(t, ioc);
    REQUIRE(log.entries.size() == 8);
    for (std::size_t i = 0; i + 1 < log.entries.size(); ++i) {
        const auto ceiling = std::min<std::chrono::nanoseconds>(6ms, 1ms * (1 << i));
        CHECK(log.entries[i].delay >= 0ns);
        CHECK(log.entries[i].delay <= ceiling);
    }
    CHECK(log.entries.back().stop == StopReason::attempts_exhausted);
}

TEST_CASE("transport: the retry quota empties under a failing server and refills") {
    FaultServer server(scripted({Action::respond(503, "{}")}));
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.retry.max_attempts = 100;
    cfg.retry.quota.capacity = 20;
    AttemptLog log;
    cfg.on_attempt = log.hook();
    Transport t(ioc.get_executor(), cfg);

    (void)expect_throw<ServiceUnavailableError>(t, ioc);
    CHECK(server.request_count() == 5); // 4 retries at 5 tokens each
    CHECK(t.retry_quota_available() == 0);
    CHECK(log.entries.back().stop == StopReason::quota_exhausted);

    (void)expect_throw<ServiceUnavailableError>(t, ioc); // fails fast now
    CHECK(server.request_count() == 6);

    server.set_handler([](const RecordedRequest&) { return Action::ok(); });
    for (int i = 0; i < 5; ++i)
        (void)call_once(t, ioc);
    CHECK(t.retry_quota_available() == 5);

    // One failure then success: the retry's 5 tokens come back.
    server.set_handler([first = server.request_count()](const RecordedRequest& r) {
        return r.index == first ? Action::respond(500, "{}") : Action::ok();
    });
    CHECK(call_once(t, ioc).attempts == 2);
    CHECK(t.retry_quota_available() == 5);
}

TEST_CASE("transport: CRC32 mismatches are retried; persistent ones are a TransportError") {
    SECTION("mismatch then success, on a new connection") {
        FaultServer server(
            scripted({Action::respond(200, R"({"a":1})", Crc::wrong), Action::ok(R"({"a":1})")}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        const Response r = call_once(t, ioc);
        CHECK(r.attempts == 2);
        CHECK(r.body == R"({"a":1})");
        const auto reqs = server.requests();
        REQUIRE(reqs.size() == 2);
        CHECK(reqs[0].connection != reqs[1].connection);
    }
    SECTION("mismatch forever") {
        FaultServer server(scripted({Action::respond(200, "{}", Crc::wrong)}));
        asio::io_context ioc;
        auto cfg = config_for(server);
        cfg.retry.max_attempts = 4;
        Transport t(ioc.get_executor(), cfg);
        const auto e = expect_throw<TransportError>(t, ioc);
        CHECK(e.code() == transport_errc::crc32_mismatch);
        CHECK(server.request_count() == 4);
        CHECK(std::string(e.what()).find("CRC32") != std::string::npos);
    }
    SECTION("no checksum is accepted") {
        FaultServer server(scripted({Action::respond(200, "{}", Crc::omitted)}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        CHECK(call_once(t, ioc).attempts == 1);
    }
    SECTION("a malformed checksum counts as a mismatch") {
        FaultServer server(
            scripted({Action::respond(200, "{}", Crc::omitted).with_header("x-amz-crc32", "12ab"),
                      Action::ok()}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        CHECK(call_once(t, ioc).attempts == 2);
    }
}

TEST_CASE("transport: a connection closed mid-body or reset is retried on a new one") {
    FaultServer server(
        scripted({Action::close_mid_body(), Action::reset(), Action::ok(R"({"x":2})")}));
    asio::io_context ioc;
    AttemptLog log;
    auto cfg = config_for(server);
    cfg.on_attempt = log.hook();
    Transport t(ioc.get_executor(), cfg);
    const Response r = call_once(t, ioc);
    CHECK(r.attempts == 3);
    CHECK(r.body == R"({"x":2})");
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].connection != reqs[1].connection);
    CHECK(reqs[1].connection != reqs[2].connection);
    REQUIRE(log.entries.size() == 3);
    CHECK(log.entries[0].reason == RetryReason::connection_error);
    CHECK(log.entries[1].reason == RetryReason::connection_error);
    CHECK(t.pool_stats().discarded == 2);
}

TEST_CASE("transport: a stalled response times out per attempt; the deadline cuts retries") {
    SECTION("attempt timeout, no retries") {
        FaultServer server(scripted({Action::stall(std::chrono::hours(1))}));
        asio::io_context ioc;
        auto cfg = config_for(server);
        cfg.retry = RetryPolicy::none();
        cfg.timeouts.attempt = 150ms;
        Transport t(ioc.get_executor(), cfg);
        const auto e = expect_throw<TimeoutError>(t, ioc);
        CHECK(server.request_count() == 1);
        CHECK(std::string(e.what()).find("timed out") != std::string::npos);
        CHECK(t.pool_stats().open == 0); // the stalled connection was dropped
    }
    SECTION("stall then answer within the timeout succeeds") {
        FaultServer server(scripted({Action::stall(20ms, Action::ok(R"({"late":1})"))}));
        asio::io_context ioc;
        Transport t(ioc.get_executor(), config_for(server));
        CHECK(call_once(t, ioc).body == R"({"late":1})");
    }
    SECTION("timeouts are retried until the call deadline") {
        FaultServer server(scripted({Action::stall(std::chrono::hours(1))}));
        asio::io_context ioc;
        AttemptLog log;
        auto cfg = config_for(server);
        cfg.retry.max_attempts = 1000;
        cfg.timeouts.attempt = 100ms;
        cfg.timeouts.call_deadline = 350ms;
        cfg.on_attempt = log.hook();
        Transport t(ioc.get_executor(), cfg);
        (void)expect_throw<TimeoutError>(t, ioc);
        const auto n = server.request_count();
        CHECK(n >= 2);
        CHECK(n < 1000);
        REQUIRE(!log.entries.empty());
        CHECK(log.entries.back().stop == StopReason::deadline);
        CHECK(log.entries.front().reason == RetryReason::timeout);
    }
}

TEST_CASE("transport: caller cancellation returns CancelledError and leaves a clean pool") {
    FaultServer server(scripted({Action::stall(std::chrono::hours(1)), Action::ok()}));
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.timeouts.attempt = 60s; // only the cancellation can end the first call
    Transport t(ioc.get_executor(), cfg);

    asio::cancellation_signal signal;
    std::exception_ptr error;
    bool completed = false;
    asio::co_spawn(
        ioc, t.call("GetItem", get_item),
        asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e, const Response&) {
            error = e;
            completed = true;
        }));
    asio::steady_timer timer(ioc, 50ms);
    timer.async_wait([&](boost::system::error_code) {
        // The server has the request by now: the call is suspended reading the response.
        signal.emit(asio::cancellation_type::terminal);
    });
    ioc.run();
    REQUIRE(completed);
    REQUIRE(error);
    CHECK_THROWS_AS(std::rethrow_exception(error), CancelledError);
    CHECK(server.request_count() == 1);
    CHECK(t.pool_stats().idle == 0);
    CHECK(t.pool_stats().open == 0);

    const Response r = call_once(t, ioc);
    CHECK(r.attempts == 1);
    CHECK(server.connections() == 2);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[1].connection == 2);
}

TEST_CASE("transport: cancellation during the retry backoff") {
    FaultServer server(scripted({Action::respond(500, "{}")}));
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.retry.base_delay = 60s;
    cfg.retry.max_delay = 60s;
    cfg.retry.jitter = false;
    cfg.timeouts.call_deadline = 600s;
    Transport t(ioc.get_executor(), cfg);
    asio::cancellation_signal signal;
    std::exception_ptr error;
    asio::co_spawn(ioc, t.call("GetItem", get_item),
                   asio::bind_cancellation_slot(
                       signal.slot(), [&](std::exception_ptr e, const Response&) { error = e; }));
    asio::steady_timer timer(ioc, 50ms);
    timer.async_wait(
        [&](boost::system::error_code) { signal.emit(asio::cancellation_type::terminal); });
    ioc.run();
    REQUIRE(error);
    CHECK_THROWS_AS(std::rethrow_exception(error), CancelledError);
    CHECK(server.request_count() == 1);
    CHECK(t.pool_stats().idle == 1); // the 500 was read in full: its connection is fine
}

TEST_CASE("transport: keep-alive reuses one connection for sequential calls") {
    FaultServer server([](const RecordedRequest&) { return Action::ok(); });
    asio::io_context ioc;
    Transport t(ioc.get_executor(), config_for(server));
    run(ioc, [&]() -> asio::awaitable<int> {
        for (int i = 0; i < 100; ++i)
            (void)co_await t.call("GetItem", get_item);
        co_return 0;
    }());
    CHECK(server.request_count() == 100);
    CHECK(server.connections() == 1);
    const auto stats = t.pool_stats();
    CHECK(stats.opened == 1);
    CHECK(stats.reused == 99);
    CHECK(stats.idle == 1);
}

TEST_CASE("transport: Connection: close is honoured") {
    FaultServer server(scripted({Action::respond_close(), Action::ok()}));
    asio::io_context ioc;
    Transport t(ioc.get_executor(), config_for(server));
    for (int i = 0; i < 3; ++i)
        CHECK(call_once(t, ioc).attempts == 1);
    const auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].connection == 1);
    CHECK(reqs[1].connection == 2);
    CHECK(reqs[2].connection == 2);
}

TEST_CASE("transport: idle connections expire, and ones the server closed are skipped") {
    SECTION("idle timeout") {
        FaultServer server([](const RecordedRequest&) { return Action::ok(); });
        asio::io_context ioc;
        auto cfg = config_for(server);
        cfg.pool.idle_timeout = 1ms;
        Transport t(ioc.get_executor(), cfg);
        (void)call_once(t, ioc);
        std::this_thread::sleep_for(20ms);
        (void)call_once(t, ioc);
        CHECK(server.connections() == 2);
        CHECK(t.pool_stats().reused == 0);
    }
    SECTION("closed while idle") {
        // The server closes right after answering, without saying so in the header.
        FaultServer server(scripted({Action::close_mid_body(200, ""), Action::ok()}));
        asio::io_context ioc;
        AttemptLog log;
        auto cfg = config_for(server);
        cfg.on_attempt = log.hook();
        Transport t(ioc.get_executor(), cfg);
        (void)call_once(t, ioc);
        std::this_thread::sleep_for(20ms);      // let the FIN arrive
        CHECK(call_once(t, ioc).attempts == 1); // no failed attempt on the dead connection
        CHECK(server.connections() == 2);
    }
}

TEST_CASE("transport: the pool bound holds under 200 concurrent calls") {
    FaultServer server([](const RecordedRequest&) { return Action::stall(1ms, Action::ok()); });
    asio::io_context ioc;
    auto cfg = config_for(server);
    cfg.pool.max_connections = 4;
    Transport t(ioc.get_executor(), cfg);
    int ok = 0;
    std::size_t max_waiting = 0;
    for (int i = 0; i < 200; ++i) {
        asio::co_spawn(ioc, t.call("GetItem", get_item),
                       [&](std::exception_ptr e, const Response& r) {
                           if (!e && r.status == 200)
                               ++ok;
                           max_waiting = std::max(max_waiting, t.pool_stats().waiting);
                       });
    }
    ioc.run();
    CHECK(ok == 200);
    CHECK(server.request_count() == 200);
    CHECK(server.connections() <= 4);
    CHECK(server.max_open_connections() <= 4);
    CHECK(t.pool_stats().opened <= 4);
    CHECK(max_waiting > 0); // calls really had to wait for a connection
    CHECK(t.pool_stats().waiting == 0);
}

TEST_CASE("transport: many concurrent calls with the io_context on 4 threads") {
    // Calls run on strands (the usual pattern) or straight on the io_context: the transport
    // needs neither, its shared state is locked and each connection has one user at a time.
    const bool on_strands = GENERATE(true, false);
    INFO("strands: " << on_strands);
    FaultServer server([](const RecordedRequest& r) {
        return Action::ok(R"({"n":)" + std::to_string(r.index) + "}");
    });
    asio::io_context ioc(4);
    auto cfg = config_for(server);
    cfg.pool.max_connections = 8;
    Transport t(ioc.get_executor(), cfg);
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};
    auto done = [&](std::exception_ptr e, const Response& r) {
        if (!e && r.body.find("\"n\":") != std::string::npos)
            ++ok;
        else
            ++failed;
    };
    for (int i = 0; i < 400; ++i) {
        if (on_strands)
            asio::co_spawn(asio::make_strand(ioc), t.call("GetItem", get_item), done);
        else
            asio::co_spawn(ioc, t.call("GetItem", get_item), done);
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] { ioc.run(); });
    for (auto& th : threads)
        th.join();
    CHECK(ok == 400);
    CHECK(failed == 0);
    CHECK(server.connections() <= 8);
    CHECK(t.pool_stats().open <= 8);
}

TEST_CASE("transport: connection failures are TransportErrors naming the endpoint") {
    // A port nobody listens on: bind one, note it, close it.
    asio::io_context probe;
    asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
    const auto port = a.local_endpoint().port();
    a.close();

    asio::io_context ioc;
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint = "http://127.0.0.1:" + std::to_string(port);
    cfg.credentials = std::make_shared<CountingCredentials>();
    cfg.retry.max_attempts = 3;
    cfg.retry.base_delay = 1ms;
    AttemptLog log;
    cfg.on_attempt = log.hook();
    Transport t(ioc.get_executor(), cfg);
    try {
        (void)call_once(t, ioc);
        FAIL("no exception");
    } catch (const TimeoutError&) {
        FAIL("a refused connection is not a timeout");
    } catch (const TransportError& e) {
        CHECK(e.code() == std::errc::connection_refused);
        CHECK(std::string(e.what()).find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    }
    REQUIRE(log.entries.size() == 3);
    CHECK(log.entries[0].reason == RetryReason::connection_error);
    CHECK(log.entries[0].http_status == 0);
}

TEST_CASE("transport: configuration errors") {
    asio::io_context ioc;
    ClientConfig cfg;
    cfg.credentials = std::make_shared<CountingCredentials>();
    CHECK_THROWS_AS(Transport(ioc.get_executor(), cfg), ConfigError); // no region
    cfg.region = "us-east-1";
    cfg.endpoint = "ftp://x";
    CHECK_THROWS_AS(Transport(ioc.get_executor(), cfg), ConfigError);
    cfg.endpoint = "https://127.0.0.1:1";
    cfg.tls.ca_file = "/nonexistent/ca.pem";
    CHECK_THROWS_AS(Transport(ioc.get_executor(), cfg), ConfigError);
    cfg.tls.ca_file.clear();
    cfg.credentials = nullptr;
    CHECK_THROWS_AS(Transport(ioc.get_executor(), cfg), ConfigError);
    cfg.credentials = std::make_shared<CountingCredentials>();
    cfg.endpoint.clear();
    const Transport t(ioc.get_executor(), cfg);
    CHECK(t.endpoint().host == "dynamodb.us-east-1.amazonaws.com");
    CHECK(t.endpoint().tls);
}

// The attempt FSM without sockets: every event the attempt coroutine can report, and what the
// machine makes of it (failure kind, whether the request may have reached the server, the
// phase and timeout an error message names, connection reuse), then what the retry FSM
// decides for that outcome.
#include "http/attempt_fsm.hpp"
#include <dynaq/transport.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include <catch2/catch.hpp>

#include <cerrno>

using namespace dynaq;
using namespace dynaq::detail;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

AttemptLimits limits(bool http_proxy = false) {
    return AttemptLimits{3'000ms, 10'000ms, 60'000ms, 5'000ms, http_proxy};
}

// An FSM that got as far as sending on a connection.
AttemptFsm sending(bool http_proxy = false) {
    AttemptFsm fsm(limits(http_proxy), true);
    fsm.on_sending();
    return fsm;
}

ExchangeReport exchanged(boost::system::error_code ec, std::size_t sent = 100,
                         std::size_t received = 0, bool header_done = false) {
    ExchangeReport x;
    x.ec = ec;
    x.request_size = 100;
    x.bytes_sent = sent;
    x.bytes_received = received;
    x.header_done = header_done;
    x.status = header_done ? 200 : 0;
    return x;
}

ResponseReport answer(int status, std::optional<std::uint32_t> crc = std::nullopt,
                      std::uint32_t body_crc = 0) {
    ResponseReport r;
    r.status = status;
    r.crc32 = crc;
    r.body_crc32 = body_crc;
    r.keep_alive = true;
    return r;
}

struct FixedJitter final : JitterSource {
    double next_unit() noexcept override { return 0.5; }
};

// What the retry FSM does with the attempt's outcome, on a fresh call.
RetryDecision decide(const AttemptResult& r, bool idempotent = false, bool possibly = true) {
    RetryPolicy policy;
    policy.retry_possibly_delivered = possibly;
    FixedJitter jitter;
    RetryFsm retry(policy, nullptr, jitter, idempotent);
    return retry.on_attempt(r.outcome, 60s);
}

TransportFailure failure(const AttemptFsm& fsm) {
    return fsm.result().outcome.failure;
}

} // namespace

TEST_CASE("attempt fsm: a fresh attempt waits for a connection under its own bound") {
    const AttemptFsm fsm(limits(), true);
    CHECK(!fsm.result().failed());
    CHECK(fsm.result().phase == "while waiting for a free connection");
    CHECK(fsm.result().timeout.name == "timeouts.attempt");
    const AttemptFsm near_deadline(limits(), false);
    CHECK(near_deadline.result().timeout.name == "timeouts.call_deadline");
    CHECK(near_deadline.result().timeout.value == 60'000ms);
}

TEST_CASE("attempt fsm: no free connection before the call deadline") {
    AttemptFsm fsm(limits(), true);
    fsm.on_pool_timeout();
    CHECK(failure(fsm) == TransportFailure::timeout);
    CHECK(!fsm.result().outcome.may_have_reached_server);
    CHECK(fsm.result().timeout.name == "timeouts.call_deadline");
    CHECK(fsm.result().ec == make_error_code(transport_errc::deadline_exceeded));
    CHECK(decide(fsm.result()).reason == RetryReason::timeout);
}

TEST_CASE("attempt fsm: resolve and connect errors never reached the server") {
    SECTION("resolve") {
        AttemptFsm fsm(limits(), true);
        fsm.on_resolving();
        CHECK(fsm.result().phase == "while resolving the host name");
        CHECK(fsm.on_resolved({}, "db.example"));
        CHECK(!fsm.on_resolved(asio::error::host_not_found, "db.example"));
        CHECK(failure(fsm) == TransportFailure::connect);
        CHECK(fsm.result().detail == "cannot resolve db.example");
    }
    SECTION("connect refused: retried, even when possibly-delivered retries are off") {
        AttemptFsm fsm(limits(), true);
        fsm.on_connecting(true);
        CHECK(fsm.result().timeout.name == "timeouts.connect");
        CHECK(!fsm.on_connected(ConnectReport{TransportFailure::connect,
                                              asio::error::connection_refused,
                                              {},
                                              "while connecting",
                                              false}));
        CHECK(failure(fsm) == TransportFailure::connect);
        CHECK(fsm.result().forget_addresses);
        CHECK(fsm.result().phase == "while connecting");
        CHECK(!fsm.result().outcome.may_have_reached_server);
        const auto d = decide(fsm.result(), false, false);
        CHECK(d.action == RetryDecision::Action::retry);
        CHECK(d.reason == RetryReason::connection_error);
    }
    SECTION("a connect that ends as the watchdog fires is a timeout") {
        AttemptFsm fsm(limits(), true);
        fsm.on_connecting(true);
        CHECK(!fsm.on_connected(
            ConnectReport{TransportFailure::none, {}, {}, "while connecting", true}));
        CHECK(failure(fsm) == TransportFailure::timeout);
        CHECK(fsm.result().timeout.name == "timeouts.connect");
        CHECK(!fsm.result().forget_addresses);
    }
    SECTION("the attempt bound nearer than the connect timeout stays named") {
        AttemptFsm fsm(limits(), true);
        fsm.on_connecting(false);
        CHECK(fsm.result().timeout.name == "timeouts.attempt");
    }
    SECTION("success, then the attempt's own bound again") {
        AttemptFsm fsm(limits(), true);
        fsm.on_connecting(true);
        CHECK(fsm.on_connected(
            ConnectReport{TransportFailure::none, {}, {}, "while connecting", false}));
        fsm.on_sending();
        CHECK(fsm.result().timeout.name == "timeouts.attempt");
        CHECK(!fsm.result().failed());
    }
}

TEST_CASE("attempt fsm: a TLS failure is final and keeps its detail") {
    AttemptFsm fsm(limits(), true);
    fsm.on_connecting(true);
    CHECK(!fsm.on_connected(
        ConnectReport{TransportFailure::tls, make_error_code(asio::ssl::error::stream_truncated),
                      "certificate has expired", "in the TLS handshake", false}));
    CHECK(failure(fsm) == TransportFailure::tls);
    CHECK(fsm.result().detail == "certificate has expired");
    CHECK(fsm.result().phase == "in the TLS handshake");
    const auto d = decide(fsm.result());
    CHECK(d.action == RetryDecision::Action::fail);
    CHECK(d.stop == StopReason::not_retryable);
}

TEST_CASE("attempt fsm: write errors") {
    SECTION("nothing written: cannot have reached the server") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(asio::error::broken_pipe, 0)));
        CHECK(failure(fsm) == TransportFailure::reset);
        CHECK(fsm.result().phase == "while sending");
        CHECK(!fsm.result().outcome.may_have_reached_server);
        CHECK(decide(fsm.result(), false, false).action == RetryDecision::Action::retry);
    }
    SECTION("half written: may have reached it") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(asio::error::connection_reset, 50)));
        CHECK(fsm.result().phase == "while sending");
        CHECK(fsm.result().outcome.may_have_reached_server);
        CHECK(fsm.result().bytes_sent == 50);
        CHECK(decide(fsm.result(), false, false).stop == StopReason::not_retryable);
        CHECK(decide(fsm.result()).action == RetryDecision::Action::retry);
    }
}

TEST_CASE("attempt fsm: a timeout in each phase of the exchange names that phase") {
    struct Case {
        std::size_t sent, received;
        bool header_done;
        std::string_view phase;
    };
    const Case cases[] = {
        {40, 0, false, "while sending"},
        {100, 0, false, "while waiting for the first byte"},
        {100, 10, false, "while reading the response header"},
        {100, 300, true, "while reading the body"},
    };
    for (const Case& c : cases) {
        INFO(c.phase);
        AttemptFsm fsm = sending();
        auto x = exchanged(asio::error::eof, c.sent, c.received, c.header_done);
        x.watchdog_fired = true;
        CHECK(!fsm.on_exchanged(x));
        CHECK(failure(fsm) == TransportFailure::timeout);
        CHECK(fsm.result().phase == c.phase);
        CHECK(fsm.result().timeout.name == "timeouts.attempt");
        CHECK(decide(fsm.result()).reason == RetryReason::timeout);
    }
    SECTION("a response complete just as the watchdog fired is not trusted") {
        AttemptFsm fsm = sending();
        auto x = exchanged({}, 100, 300, true);
        x.watchdog_fired = true;
        CHECK(!fsm.on_exchanged(x));
        CHECK(failure(fsm) == TransportFailure::timeout);
        CHECK(fsm.result().ec.value() == ETIMEDOUT);
    }
}

TEST_CASE("attempt fsm: an idle stall is its own reason, retried when possibly delivered may be") {
    for (const bool header_done : {false, true}) {
        AttemptFsm fsm = sending();
        auto x = exchanged(asio::error::eof, 100, header_done ? 120 : 0, header_done);
        x.idle_fired = true;
        CHECK(!fsm.on_exchanged(x));
        CHECK(failure(fsm) == TransportFailure::idle_timeout);
        CHECK(fsm.result().phase ==
              (header_done ? "while reading the body" : "while waiting for the first byte"));
        CHECK(fsm.result().timeout.name == "timeouts.idle");
        CHECK(fsm.result().timeout.value == 5'000ms);
        CHECK(fsm.result().outcome.may_have_reached_server);
        const auto d = decide(fsm.result());
        CHECK(d.action == RetryDecision::Action::retry);
        CHECK(d.reason == RetryReason::idle_timeout);
        CHECK(decide(fsm.result(), false, false).stop == StopReason::not_retryable);
    }
}

TEST_CASE("attempt fsm: the peer closing, a malformed head, cancellation") {
    SECTION("EOF mid-body: a lost connection") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(http::error::partial_message, 100, 50, true)));
        CHECK(failure(fsm) == TransportFailure::reset);
        CHECK(fsm.result().phase == "while reading the body");
        CHECK(decide(fsm.result()).reason == RetryReason::connection_error);
    }
    SECTION("not HTTP: a protocol failure, final") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(http::error::bad_version, 100, 20)));
        CHECK(failure(fsm) == TransportFailure::protocol);
        CHECK(fsm.result().phase == "while reading the response header");
        CHECK(decide(fsm.result()).stop == StopReason::not_retryable);
    }
    SECTION("an oversized body is a protocol failure too") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(http::error::body_limit, 100, 20, true)));
        CHECK(failure(fsm) == TransportFailure::protocol);
    }
    SECTION("the caller cancelled mid-read") {
        AttemptFsm fsm = sending();
        CHECK(!fsm.on_exchanged(exchanged(asio::error::operation_aborted, 100, 0)));
        CHECK(failure(fsm) == TransportFailure::cancelled);
        CHECK(decide(fsm.result()).stop == StopReason::cancelled);
        AttemptFsm waiting(limits(), true);
        waiting.on_cancelled(asio::error::operation_aborted, false);
        CHECK(failure(waiting) == TransportFailure::cancelled);
    }
}

TEST_CASE("attempt fsm: answers") {
    SECTION("success, reusable only when nothing else arrived") {
        AttemptFsm fsm = sending();
        CHECK(fsm.on_exchanged(exchanged({}, 100, 200, true)));
        fsm.on_response(answer(200, 7u, 7u), "{}");
        CHECK(!fsm.result().failed());
        CHECK(fsm.result().status == 200);
        CHECK(fsm.result().reuse_connection);
        CHECK(decide(fsm.result()).action == RetryDecision::Action::done);
        AttemptFsm extra = sending();
        auto r = answer(200);
        r.leftover = 3;
        extra.on_response(r, "{}");
        CHECK(!extra.result().reuse_connection);
        AttemptFsm closing = sending();
        r = answer(200);
        r.keep_alive = false;
        closing.on_response(r, "{}");
        CHECK(!closing.result().reuse_connection);
    }
    SECTION("CRC32 mismatch or a malformed checksum: retried on another connection") {
        AttemptFsm fsm = sending();
        fsm.on_response(answer(200, 7u, 8u), "{}");
        CHECK(failure(fsm) == TransportFailure::crc32_mismatch);
        CHECK(!fsm.result().reuse_connection);
        CHECK(decide(fsm.result()).reason == RetryReason::crc32_mismatch);
        AttemptFsm bad = sending();
        auto r = answer(200);
        r.crc32_malformed = true;
        bad.on_response(r, "{}");
        CHECK(failure(bad) == TransportFailure::crc32_mismatch);
    }
    SECTION("throttling") {
        AttemptFsm fsm = sending();
        fsm.on_response(answer(400),
                        R"({"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException"})");
        CHECK(fsm.result().outcome.kind == AttemptOutcome::Kind::http_error);
        CHECK(fsm.result().error.code == "ThrottlingException");
        CHECK(fsm.result().reuse_connection);
        CHECK(decide(fsm.result()).reason == RetryReason::throttling);
    }
    SECTION("5xx") {
        AttemptFsm fsm = sending();
        fsm.on_response(answer(503), "<html>Service Unavailable</html>");
        CHECK(fsm.result().outcome.http_status == 503);
        CHECK(decide(fsm.result()).reason == RetryReason::server_error);
    }
    SECTION("a final service error") {
        AttemptFsm fsm = sending();
        fsm.on_response(answer(400),
                        R"({"__type":"com.amazonaws.dynamodb.v20120810#ValidationException"})");
        CHECK(decide(fsm.result()).stop == StopReason::not_retryable);
    }
    SECTION("407 from a plain-HTTP proxy, even when it closed early") {
        AttemptFsm fsm = sending(true);
        auto x = exchanged(asio::error::connection_reset, 100, 80, true);
        x.status = 407;
        CHECK(fsm.on_exchanged(x));
        fsm.on_response(answer(407), "");
        CHECK(failure(fsm) == TransportFailure::proxy_refused);
        CHECK(!fsm.result().outcome.may_have_reached_server);
        CHECK(decide(fsm.result()).stop == StopReason::not_retryable);
        AttemptFsm direct = sending(false);
        CHECK(!direct.on_exchanged(x)); // without a proxy, a cut answer is a lost connection
    }
}

TEST_CASE("attempt fsm: a 2xx body the call rejects is retried for idempotent calls only") {
    AttemptFsm fsm = sending();
    fsm.on_response(answer(200), "{not json");
    fsm.on_body_rejected("malformed JSON at offset 1");
    CHECK(failure(fsm) == TransportFailure::malformed_body);
    CHECK(fsm.result().status == 200);
    CHECK(fsm.result().detail == "malformed JSON at offset 1");
    CHECK(fsm.result().ec == make_error_code(transport_errc::malformed_response));
    const auto read = decide(fsm.result(), true);
    CHECK(read.action == RetryDecision::Action::retry);
    CHECK(read.reason == RetryReason::malformed_response);
    const auto write = decide(fsm.result(), false);
    CHECK(write.action == RetryDecision::Action::fail);
    CHECK(write.stop == StopReason::not_retryable);
    CHECK(write.reason == RetryReason::malformed_response);
}

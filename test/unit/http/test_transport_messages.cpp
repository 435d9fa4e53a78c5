// What a transport error says: the operation, the endpoint, what was being waited for, the
// timeout that fired with its setting's name, and the attempt number.
#include "transport_fixture.hpp"

#include <dynaq/error.hpp>

#include <boost/asio/ip/tcp.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

std::string failure_of(const ClientConfig& cfg) {
    return call_failure(cfg, "GetItem");
}

ClientConfig two_attempts(const FaultServer& server) {
    auto cfg = config_for(server);
    cfg.retry.max_attempts = 2;
    return cfg;
}

} // namespace

TEST_CASE("messages: a stalled answer names the phase and timeouts.attempt") {
    FaultServer server([](const RecordedRequest&) { return Action::stall(1h); });
    auto cfg = two_attempts(server);
    cfg.timeouts.attempt = 150ms;
    const std::string what = failure_of(cfg);
    const std::string each =
        "timed out while waiting for the first byte (timeouts.attempt = 150 ms)";
    CHECK(what == "GetItem to " + server.url() + ": " + each +
                      " (attempt 2, stopped: attempts exhausted); attempts: #1 " + each + ", #2 " +
                      each);
}

TEST_CASE("messages: when the call deadline is the nearer bound, it is the one named") {
    FaultServer server([](const RecordedRequest&) { return Action::stall(1h); });
    auto cfg = two_attempts(server);
    cfg.timeouts.call_deadline = 150ms;
    const std::string what = failure_of(cfg);
    INFO(what);
    CHECK_THAT(what, Catch::Contains("while waiting for the first byte "
                                     "(timeouts.call_deadline = 150 ms)") &&
                         Catch::Contains("attempt 1"));
}

TEST_CASE("messages: a connection lost mid-body and one reset before answering") {
    FaultServer server([](const RecordedRequest&) { return Action::close_mid_body(); });
    std::string what = failure_of(two_attempts(server));
    INFO(what);
    CHECK_THAT(what, Catch::StartsWith("GetItem to " + server.url() +
                                       ": connection lost while reading the body") &&
                         Catch::Contains("(attempt 2, stopped: attempts exhausted); attempts: "
                                         "#1 connection lost while reading the body [request id "
                                         "fault-0], #2 connection lost while reading the body"));
    server.set_handler([](const RecordedRequest&) { return Action::reset(); });
    what = failure_of(two_attempts(server));
    CHECK_THAT(what, Catch::Contains("connection lost while waiting for the first byte"));
}

TEST_CASE("messages: nothing listening, and a TLS handshake that never finishes") {
    asio::io_context ioc;
    // Listening but never accepting: the kernel completes TCP connects, nobody speaks TLS.
    asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    const auto silent_port = std::to_string(silent.local_endpoint().port());
    FaultServer unused([](const RecordedRequest&) { return Action::ok(); });

    auto cfg = two_attempts(unused);
    cfg.endpoint = "https://127.0.0.1:" + silent_port;
    cfg.timeouts.connect = 150ms;
    std::string what = failure_of(cfg);
    const std::string each = "timed out in the TLS handshake (timeouts.connect = 150 ms)";
    CHECK(what == "GetItem to https://127.0.0.1:" + silent_port + ": " + each +
                      " (attempt 2, stopped: attempts exhausted); attempts: #1 " + each + ", #2 " +
                      each);

    std::uint16_t closed = 0;
    {
        asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
        closed = a.local_endpoint().port();
    }
    cfg.endpoint = "http://127.0.0.1:" + std::to_string(closed);
    what = failure_of(cfg);
    CHECK_THAT(what, Catch::Contains(": cannot connect while connecting: Connection refused "
                                     "(attempt 2, stopped: attempts exhausted)"));
}

#pragma once
// Shared helpers of the transport tests: credentials, a config pointing at a FaultServer, and
// running a coroutine to completion on a fresh io_context.
#include "fault_server.hpp"

#include <dynaq/config.hpp>
#include <dynaq/error.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq::test {

/// Fixed test credentials; counts how often they are asked for (once per attempt).
class CountingCredentials final : public CredentialsProvider {
public:
    Credentials get() const override {
        calls.fetch_add(1);
        return Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}};
    }
    mutable std::atomic<int> calls{0};
};

/// Fast retries, short timeouts: failures resolve in milliseconds.
inline ClientConfig config_for(const FaultServer& server,
                               std::shared_ptr<const CredentialsProvider> creds = nullptr) {
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint = server.url();
    cfg.credentials = creds ? std::move(creds) : std::make_shared<CountingCredentials>();
    cfg.retry.base_delay = std::chrono::milliseconds(1);
    cfg.retry.max_delay = std::chrono::milliseconds(4);
    cfg.timeouts.connect = std::chrono::seconds(5);
    cfg.timeouts.attempt = std::chrono::seconds(5);
    cfg.timeouts.call_deadline = std::chrono::seconds(30);
    return cfg;
}

/// A GetItem body, for calls whose body the fault server ignores.
inline constexpr std::string_view get_item = R"({"TableName":"t","Key":{"pk":{"S":"a"}}})";

/// The E that `f()` throws; empty when it returns. Other exceptions pass through to Catch.
template <class E, class F>
std::optional<E> thrown_by(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e;
    }
    return std::nullopt;
}

/// Answers the n-th request (0-based) with script[n], and with the last entry after that.
inline Handler scripted(std::vector<Action> script) {
    return [script = std::move(script)](const RecordedRequest& r) {
        return script[std::min(r.index, script.size() - 1)];
    };
}

/// Runs `aw` on `ioc` (alone) and returns its result or rethrows its exception.
template <class T>
T run(boost::asio::io_context& ioc, boost::asio::awaitable<T> aw) {
    std::optional<T> out;
    std::exception_ptr error;
    boost::asio::co_spawn(ioc, std::move(aw), [&](std::exception_ptr e, T value) {
        error = e;
        if (!e)
            out = std::move(value);
    });
    ioc.restart();
    ioc.run();
    if (error)
        std::rethrow_exception(error);
    return std::move(*out);
}

/// One call through a fresh Transport for `cfg`: the TransportError's message (timeouts and
/// cancellations included), or "no error".
inline std::string call_failure(const ClientConfig& cfg,
                                std::string_view operation = "DescribeTable",
                                std::string_view body = R"({"TableName":"t"})") {
    boost::asio::io_context ioc;
    Transport t(ioc.get_executor(), cfg);
    try {
        (void)run(ioc, t.call(operation, body));
    } catch (const TransportError& e) {
        return e.what();
    }
    return "no error";
}

/// Collects every AttemptInfo (thread-safe), keeping the fields tests look at.
struct AttemptLog {
    struct Entry {
        int attempt;
        int http_status;
        std::error_code error;
        std::string error_code;
        AttemptDecision decision;
        RetryReason reason;
        StopReason stop;
        std::chrono::nanoseconds delay;
        std::size_t bytes_sent;
        std::size_t bytes_received;
    };
    std::mutex mutex;
    std::vector<Entry> entries;

    std::function<void(const AttemptInfo&)> hook() {
        return [this](const AttemptInfo& i) {
            std::lock_guard lock(mutex);
            entries.push_back(Entry{i.attempt, i.http_status, i.error, std::string(i.error_code),
                                    i.decision, i.retry_reason, i.stop_reason, i.retry_delay,
                                    i.bytes_sent, i.bytes_received});
        };
    }
};

} // namespace dynaq::test

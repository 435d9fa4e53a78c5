#pragma once
// Transport's private state, shared by transport.cpp (the call and retry loop) and
// attempt.cpp (one attempt on one connection).
#include <dynaq/detail/connection_pool.hpp>
#include <dynaq/detail/error_response.hpp>
#include <dynaq/detail/http_connection.hpp>
#include <dynaq/detail/retry_fsm.hpp>
#include <dynaq/sigv4.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

namespace detail {

/// Everything one attempt leaves behind for the retry decision, the hook and the error.
struct Attempt {
    explicit Attempt(Response& r) : response(r) {}

    Response& response; ///< status and body land here directly
    AttemptOutcome outcome;
    std::error_code ec;
    std::string detail;  ///< extra words for the error message
    ErrorResponse error; ///< decoded error document (non-2xx)
    std::size_t bytes_sent = 0;
    std::size_t bytes_received = 0;

    void reset() {
        outcome = AttemptOutcome::success();
        ec.clear();
        detail.clear();
        error.code.clear();
        bytes_sent = bytes_received = 0;
    }
    void fail(TransportFailure f, bool reached, std::error_code code, std::string words = {}) {
        outcome = AttemptOutcome::transport_error(f, reached);
        ec = code;
        detail = std::move(words);
    }
};

} // namespace detail

struct Transport::Impl {
    using clock = std::chrono::steady_clock;
    using tcp = boost::asio::ip::tcp;
    using Endpoints = std::shared_ptr<const std::vector<tcp::endpoint>>;
    using Pool = detail::ConnectionPool<detail::HttpConnection>;

    Impl(boost::asio::any_io_executor ex, ClientConfig cfg);

    /// Runs one attempt; results in `a`. May throw only for the coroutine's own cancellation
    /// and for credential / signing failures.
    boost::asio::awaitable<void> attempt(detail::Attempt& a, std::string_view target,
                                         std::string_view body, clock::time_point deadline);

    boost::asio::awaitable<Endpoints> resolve(boost::system::error_code& ec);
    void forget_endpoints() noexcept;
    /// Signs and serializes the request header into `head`.
    void write_head(std::string& head, std::string_view target, std::string_view body,
                    const Credentials& credentials) const;

    boost::asio::any_io_executor executor;
    ClientConfig config;
    Endpoint endpoint;
    std::string host_header;
    std::string url;
    bool fixed_address = false; ///< the host is an IP literal: nothing to resolve
    Signer signer;
    std::optional<boost::asio::ssl::context> tls;
    Pool pool;
    std::optional<detail::RetryQuota> quota;
    std::atomic<std::uint64_t> jitter_seed;
    std::atomic<std::uint64_t> next_connection_id{1};

    std::mutex dns_mutex;
    Endpoints endpoints; ///< guarded by dns_mutex
};

} // namespace dynaq

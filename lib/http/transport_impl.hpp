#pragma once
// Transport's private state, shared by transport.cpp (the call and retry loop) and
// attempt.cpp (one attempt on one connection).
#include "address_cache.hpp"
#include "proxy.hpp"

#include "codec/error_response.hpp"
#include "http/attempt_fsm.hpp"
#include "http/connection_pool.hpp"
#include "http/http_connection.hpp"
#include "http/retry_fsm.hpp"
#include <dynaq/sigv4.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

struct Transport::Impl {
    using clock = std::chrono::steady_clock;
    using tcp = boost::asio::ip::tcp;
    using Endpoints = detail::AddressCache::Addresses;
    using Pool = detail::ConnectionPool<detail::HttpConnection>;

    Impl(boost::asio::any_io_executor ex, ClientConfig cfg, Service service);

    /// Runs one attempt, reporting each step to `fsm`; the response's status, request id and
    /// body land in `response`. May throw only for the coroutine's own cancellation and for
    /// credential / signing failures.
    boost::asio::awaitable<void> attempt(detail::AttemptFsm& fsm, Response& response,
                                         std::string_view target, std::string_view body,
                                         clock::time_point attempt_deadline,
                                         clock::time_point deadline);

    /// The addresses of next_hop (cached for config.dns_refresh).
    boost::asio::awaitable<Endpoints> resolve(boost::system::error_code& ec);
    /// Signs and serializes the request header into `head`.
    void write_head(std::string& head, std::string_view target, std::string_view body,
                    const Credentials& credentials) const;

    boost::asio::any_io_executor executor;
    ClientConfig config;
    std::string_view target_prefix; ///< "DynamoDB_20120810", the service's X-Amz-Target prefix
    ResolvedEndpoint resolved;      ///< config.resolved_endpoint(service), once
    Endpoint endpoint; ///< DynamoDB: the Host header, SNI, certificate name and signature
    std::optional<detail::ProxyUrl> proxy;
    Endpoint next_hop; ///< where TCP connects: the proxy, or the endpoint itself
    std::string host_header;
    std::string url; ///< for messages: the endpoint, and "via" the proxy (password masked)
    /// "POST / HTTP/1.1", or with an HTTP proxy the absolute form "POST http://host:port/ ..."
    std::string request_line;
    std::string proxy_authorization; ///< HTTP proxy only: the header line, or empty
    std::string tunnel_request;      ///< HTTPS through a proxy: the CONNECT request
    detail::AttemptLimits limits;    ///< from config.timeouts, for each attempt's FSM
    Signer signer;
    std::optional<boost::asio::ssl::context> tls;
    Pool pool;
    std::optional<detail::RetryQuota> quota;
    std::atomic<std::uint64_t> jitter_seed;
    std::atomic<std::uint64_t> next_connection_id{1};

    detail::AddressCache addresses;
};

} // namespace dynaq

#pragma once
// The HTTP engine under every DynamoDB call: signs the request, sends it over a pooled
// keep-alive connection (TLS for https), checks x-amz-crc32, and retries what the retry
// policy allows. Beast and OpenSSL stay behind the pimpl, out of users' compile times.
//
//   dynaq::Transport t(io.get_executor(), config);
//   dynaq::Response r = co_await t.call("GetItem", R"({"TableName":"t","Key":{...}})");
#include <dynaq/config.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/export.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace dynaq {

/// Transport failures that have no system error code of their own (TransportError::code()).
enum class transport_errc {
    crc32_mismatch = 1, ///< the body does not match x-amz-crc32
    deadline_exceeded,  ///< the call deadline passed (while waiting for a connection, say)
    malformed_response, ///< not a valid HTTP/1.1 response, or larger than allowed
    tls_verify_failed,  ///< the server certificate was rejected
};

[[nodiscard]] DYNAQ_API const std::error_category& transport_category() noexcept;
[[nodiscard]] DYNAQ_API std::error_code make_error_code(transport_errc e) noexcept;

/// A 2xx answer.
struct Response {
    int status = 0;
    std::string body;
    std::string request_id; ///< x-amzn-RequestId
    int attempts = 0;       ///< 1 when the first attempt succeeded
};

/// A check of a 2xx answer, run inside the retry loop (CallOptions::check). Refers to a
/// callable that must outlive the call; it is never copied.
class BodyCheck {
public:
    BodyCheck() = default;
    template <class F>
    requires(!std::is_same_v<std::remove_cv_t<F>, BodyCheck> && std::is_invocable_v<F&, Response&>)
        BodyCheck(F& f)
    noexcept :
        // NOLINT: implicit on purpose, like a function_ref
        object_(&f), invoke_([](void* o, Response& r) { (*static_cast<F*>(o))(r); }) {}

    explicit operator bool() const noexcept { return invoke_ != nullptr; }
    void operator()(Response& r) const { invoke_(object_, r); }

private:
    void* object_ = nullptr;
    void (*invoke_)(void*, Response&) = nullptr;
};

/// What one call says about itself (Transport::call).
struct CallOptions {
    /// Sending the operation again leaves the same state as sending it once, so a 2xx whose
    /// body `check` rejects is retried. The Client passes the retry column of the operation's
    /// row in detail/operation_list.hpp (reads, Describe*, List*, and the writes that set a
    /// value rather than add one). When false (UpdateItem, creations, PartiQL), a second copy
    /// could act twice, so the garbled answer is the final error.
    bool idempotent = false;
    /// Called with each 2xx response before the call returns it. A ProtocolError it throws
    /// fails the attempt (RetryReason::malformed_response; retried when `idempotent`) and,
    /// when final, is raised as a ProtocolError naming the operation, endpoint, attempt,
    /// request id and the body's first bytes. It may consume `body` (decode it in place).
    BodyCheck check;
};

/// A snapshot of the connection pool, for tests and monitoring.
struct PoolStats {
    std::size_t open = 0; ///< connections (and connects in progress) counted against the bound
    std::size_t idle = 0;
    std::size_t waiting = 0; ///< calls waiting for a connection
    std::uint64_t opened = 0;
    std::uint64_t reused = 0;
    std::uint64_t discarded = 0;
};

class DYNAQ_API Transport {
public:
    /// Validates the configuration (throws ConfigError: no region, no credentials, a bad
    /// endpoint, an unreadable CA file) and builds the TLS context; connects lazily.
    /// `service` picks the endpoint (ClientConfig::resolved_endpoint(service)) and the
    /// X-Amz-Target prefix of every call; both sign as "dynamodb". I/O objects use `executor`.
    /// Completions resume each call on its own coroutine's executor: when the io_context runs on
    /// several threads, run each call on a strand (or a coroutine spawned on one), as for any Asio
    /// I/O object; the transport's shared state (pool, retry quota, DNS cache) is thread-safe.
    Transport(boost::asio::any_io_executor executor, ClientConfig config,
              Service service = Service::dynamodb);
    ~Transport();
    Transport(Transport&&) noexcept;
    Transport& operator=(Transport&&) noexcept;
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    /// POSTs `json_body` as DynamoDB_20120810.<operation> (DynamoDBStreams_20120810.<operation>
    /// for Service::streams). Returns the 2xx response; throws
    /// the ServiceError subclass for an error document, TransportError / TimeoutError /
    /// CancelledError for the network (after retries), ProtocolError for a garbled answer.
    /// A call that gives up after retries lists its attempts in the error (Error::attempts).
    /// `operation` and `json_body` must stay valid until the call completes (they do when
    /// the call is awaited at once). Calls may run concurrently; calls in flight keep the
    /// transport's internals alive, so the Transport object itself may go first.
    [[nodiscard]] boost::asio::awaitable<Response>
    call(std::string_view operation, std::string_view json_body, CallOptions options = {});

    /// The DynamoDB endpoint requests go to (the Host header, the TLS name, the signature).
    [[nodiscard]] const Endpoint& endpoint() const noexcept;
    /// The proxy they go through, "http://host:port" or "http://user:***@host:port" (never
    /// the password); empty when they go directly.
    [[nodiscard]] std::string proxy() const;
    [[nodiscard]] const ClientConfig& config() const noexcept;
    [[nodiscard]] PoolStats pool_stats() const;
    /// Tokens left in the client-wide retry quota (its capacity when the quota is disabled).
    [[nodiscard]] int retry_quota_available() const noexcept;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace dynaq

template <>
struct std::is_error_code_enum<dynaq::transport_errc> : std::true_type {};

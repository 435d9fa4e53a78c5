#pragma once
// One exception hierarchy for everything dynaq throws. Catch `dynaq::Error` for all of it,
// or a narrower class to react to one cause.
// clang-format off
//
//   Error
//   ├── InvalidArgumentError   bad input found before anything was sent
//   │   └── TypeMismatchError  an AttributeValue read as the wrong type, or a checked conversion failed
//   ├── ConfigError            missing/invalid credentials, region, endpoint
//   │   └── CredentialsError   a credentials source failed (IMDS, STS, SSO, a process, ...)
//   ├── ProtocolError          a response we cannot make sense of (malformed JSON, bad shape)
//   ├── WaiterFailedError      a waiter reached a state it cannot leave (an export FAILED)
//   ├── TransportError         the network: connect, TLS, reset, CRC32 mismatch (carries an error_code)
//   │   ├── TimeoutError       also a waiter that ran out of attempts
//   │   └── CancelledError     the caller's cancellation (Asio operation_aborted)
//   └── ServiceError           DynamoDB answered with an error document (code, status, request id)
//       └── one subclass per common code (ConditionalCheckFailedError, ThrottlingError, ...)
// clang-format on
#include <dynaq/export.hpp>
#include <dynaq/retry.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace dynaq {

/// How one attempt of a call ended, as the error of a call that gave up lists them.
struct AttemptRecord {
    int attempt = 0;                        ///< 1 for the first
    RetryReason reason = RetryReason::none; ///< what made it fail (none: not retryable)
    std::string what;                       ///< "timed out while waiting for the first byte"
    int http_status = 0;                    ///< 0 when no HTTP response was read
    std::string error_code;                 ///< service error code, when there was one
    std::string request_id;                 ///< x-amzn-RequestId, when there was one
};

class DYNAQ_API Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;

    /// The message, followed by the attempt list when there is one.
    [[nodiscard]] const char* what() const noexcept override;
    /// When a call gave up after more than one attempt (attempts exhausted, the call deadline,
    /// the retry quota), every attempt in order and why it ended; else empty.
    [[nodiscard]] const std::vector<AttemptRecord>& attempts() const noexcept;
    /// Sets attempts() and appends them to what() (done by the transport before it rethrows).
    void set_attempts(std::vector<AttemptRecord> attempts);

private:
    struct History;
    std::shared_ptr<const History> history_; // shared: exceptions are copied when thrown
};

class DYNAQ_API InvalidArgumentError : public Error {
public:
    using Error::Error;
};

class DYNAQ_API TypeMismatchError : public InvalidArgumentError {
public:
    using InvalidArgumentError::InvalidArgumentError;
};

class DYNAQ_API ConfigError : public Error {
public:
    using Error::Error;
};

/// A credentials source was configured but could not deliver: the service refused or did not
/// answer, a token file is missing, a process printed garbage. The message names the source
/// (file, profile, key, URL), never a secret or token.
class DYNAQ_API CredentialsError : public ConfigError {
public:
    using ConfigError::ConfigError;
};

/// Where a garbled answer came from. Empty for a ProtocolError found without a call (a file, a
/// stream's token).
struct ProtocolErrorContext {
    std::string operation;   ///< "GetItem"
    std::string endpoint;    ///< "https://dynamodb.eu-west-1.amazonaws.com"
    int attempt = 0;         ///< the attempt whose answer it was, 1 for the first
    std::string request_id;  ///< x-amzn-RequestId
    std::string body_prefix; ///< the body's first bytes only, so item contents stay out of logs
};

class DYNAQ_API ProtocolError : public Error {
public:
    using Error::Error;
    ProtocolError(const std::string& what, ProtocolErrorContext context);

    [[nodiscard]] const ProtocolErrorContext& context() const noexcept;

private:
    std::shared_ptr<const ProtocolErrorContext> context_;
};

/// A waiter (waiters.hpp) saw a state it cannot leave: an export or import FAILED, an import
/// CANCELLED, Contributor Insights FAILED, every Kinesis destination disabled.
class DYNAQ_API WaiterFailedError : public Error {
public:
    WaiterFailedError(const std::string& what, std::string waiter, std::string state);

    /// The waiter's name, "ExportCompleted".
    [[nodiscard]] const std::string& waiter() const noexcept { return waiter_; }
    /// The state that ended it, "ExportDescription.ExportStatus = FAILED".
    [[nodiscard]] const std::string& state() const noexcept { return state_; }

private:
    std::string waiter_;
    std::string state_;
};

class DYNAQ_API TransportError : public Error {
public:
    TransportError(std::error_code ec, const std::string& what) : Error(what), code_(ec) {}
    [[nodiscard]] std::error_code code() const noexcept { return code_; }

private:
    std::error_code code_;
};

class DYNAQ_API TimeoutError : public TransportError {
public:
    using TransportError::TransportError;
};

class DYNAQ_API CancelledError : public TransportError {
public:
    using TransportError::TransportError;
};

/// DynamoDB (or the HTTP layer in front of it) answered with an error.
class DYNAQ_API ServiceError : public Error {
public:
    ServiceError(std::string code, std::string message, int http_status, std::string request_id);

    /// The part of `__type` after '#', e.g. "ConditionalCheckFailedException".
    [[nodiscard]] const std::string& code() const noexcept { return code_; }
    [[nodiscard]] const std::string& message() const noexcept { return message_; }
    [[nodiscard]] int http_status() const noexcept { return http_status_; }
    [[nodiscard]] const std::string& request_id() const noexcept { return request_id_; }

private:
    std::string code_;
    std::string message_;
    int http_status_;
    std::string request_id_;
};

#define DYNAQ_SERVICE_ERROR(Name)                                                                  \
    class DYNAQ_API Name : public ServiceError {                                                   \
    public:                                                                                        \
        using ServiceError::ServiceError;                                                          \
    }

DYNAQ_SERVICE_ERROR(ConditionalCheckFailedError);        // ConditionalCheckFailedException
DYNAQ_SERVICE_ERROR(ResourceNotFoundError);              // ResourceNotFoundException
DYNAQ_SERVICE_ERROR(ResourceInUseError);                 // ResourceInUseException
DYNAQ_SERVICE_ERROR(ValidationError);                    // ValidationException (server-side)
DYNAQ_SERVICE_ERROR(ProvisionedThroughputExceededError); // ProvisionedThroughputExceededException
DYNAQ_SERVICE_ERROR(ThrottlingError);                    // ThrottlingException and friends
DYNAQ_SERVICE_ERROR(RequestLimitExceededError);          // RequestLimitExceeded
DYNAQ_SERVICE_ERROR(ItemCollectionSizeLimitExceededError);
DYNAQ_SERVICE_ERROR(TransactionConflictError);   // TransactionConflictException
DYNAQ_SERVICE_ERROR(TransactionInProgressError); // TransactionInProgressException
DYNAQ_SERVICE_ERROR(IdempotentParameterMismatchError);
DYNAQ_SERVICE_ERROR(LimitExceededError); // LimitExceededException (control plane, GetRecords)
/// DynamoDB Streams: a shard iterator older than 15 minutes; get a new one
/// (GetShardIterator AFTER_SEQUENCE_NUMBER of the last record read).
DYNAQ_SERVICE_ERROR(ExpiredIteratorError); // ExpiredIteratorException
/// DynamoDB Streams: the records asked for are past the 24-hour retention, or the iterator
/// names a position that is gone.
DYNAQ_SERVICE_ERROR(TrimmedDataAccessError);  // TrimmedDataAccessException
DYNAQ_SERVICE_ERROR(AccessDeniedError);       // AccessDeniedException
DYNAQ_SERVICE_ERROR(UnrecognizedClientError); // UnrecognizedClientException, bad signature
DYNAQ_SERVICE_ERROR(UnknownOperationError);   // UnknownOperationException
DYNAQ_SERVICE_ERROR(InternalServerError);     // InternalServerError, HTTP 5xx
DYNAQ_SERVICE_ERROR(ServiceUnavailableError); // ServiceUnavailable, HTTP 503

#undef DYNAQ_SERVICE_ERROR

/// One entry of TransactionCanceledException's CancellationReasons, in request order.
struct CancellationReason {
    std::string code; // "None" for the items that did not cause the cancellation
    std::string message;
};

class DYNAQ_API TransactionCanceledError : public ServiceError {
public:
    TransactionCanceledError(std::string code, std::string message, int http_status,
                             std::string request_id, std::vector<CancellationReason> reasons) :
        ServiceError(std::move(code), std::move(message), http_status, std::move(request_id)),
        reasons_(std::move(reasons)) {}

    [[nodiscard]] const std::vector<CancellationReason>& reasons() const noexcept {
        return reasons_;
    }

private:
    std::vector<CancellationReason> reasons_;
};

/// Throws the ServiceError subclass that matches `code` (the short code, after '#').
/// Unknown codes throw a plain ServiceError.
[[noreturn]] DYNAQ_API void throw_service_error(std::string code, std::string message,
                                                int http_status, std::string request_id,
                                                std::vector<CancellationReason> reasons = {});

/// True for the service error codes that AWS SDKs treat as throttling.
[[nodiscard]] DYNAQ_API bool is_throttling_code(std::string_view code) noexcept;

} // namespace dynaq

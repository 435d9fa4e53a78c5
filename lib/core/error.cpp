#include <dynaq/error.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

namespace dynaq {

namespace {

std::string describe(const std::string& code, const std::string& message, int status,
                     const std::string& request_id) {
    std::string out = code.empty() ? std::string("ServiceError") : code;
    out += " (HTTP ";
    out += std::to_string(status);
    out += ')';
    if (!message.empty()) {
        out += ": ";
        out += message;
    }
    if (!request_id.empty()) {
        out += " [request id ";
        out += request_id;
        out += ']';
    }
    return out;
}

// The codes botocore and the AWS SDKs' standard retry mode treat as throttling.
constexpr std::array<std::string_view, 9> throttling_codes{
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "RequestThrottledException",
    "RequestThrottled",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "SlowDown",
};

} // namespace

struct Error::History {
    std::vector<AttemptRecord> attempts;
    std::string message; ///< what() with the list appended
};

const char* Error::what() const noexcept {
    return history_ ? history_->message.c_str() : std::runtime_error::what();
}

const std::vector<AttemptRecord>& Error::attempts() const noexcept {
    static const std::vector<AttemptRecord> none;
    return history_ ? history_->attempts : none;
}

void Error::set_attempts(std::vector<AttemptRecord> attempts) {
    auto h = std::make_shared<History>();
    h->message = std::runtime_error::what();
    if (!attempts.empty())
        h->message += "; attempts:";
    for (const AttemptRecord& a : attempts) {
        h->message += " #";
        h->message += std::to_string(a.attempt);
        h->message += ' ';
        h->message += a.what;
        if (!a.request_id.empty()) {
            h->message += " [request id ";
            h->message += a.request_id;
            h->message += ']';
        }
        if (&a != &attempts.back())
            h->message += ',';
    }
    h->attempts = std::move(attempts);
    history_ = std::move(h);
}

WaiterFailedError::WaiterFailedError(const std::string& what, std::string waiter,
                                     std::string state) :
    Error(what),
    waiter_(std::move(waiter)), state_(std::move(state)) {}

ProtocolError::ProtocolError(const std::string& what, ProtocolErrorContext context) :
    Error(what), context_(std::make_shared<const ProtocolErrorContext>(std::move(context))) {}

const ProtocolErrorContext& ProtocolError::context() const noexcept {
    static const ProtocolErrorContext none;
    return context_ ? *context_ : none;
}

ServiceError::ServiceError(std::string code, std::string message, int http_status,
                           std::string request_id) :
    Error(describe(code, message, http_status, request_id)),
    code_(std::move(code)), message_(std::move(message)), http_status_(http_status),
    request_id_(std::move(request_id)) {}

bool is_throttling_code(std::string_view code) noexcept {
    return std::find(throttling_codes.begin(), throttling_codes.end(), code) !=
           throttling_codes.end();
}

void throw_service_error(std::string code, std::string message, int http_status,
                         std::string request_id, std::vector<CancellationReason> reasons) {
    auto raise = [&]<class E>() -> void {
        throw E(std::move(code), std::move(message), http_status, std::move(request_id));
    };
    const std::string_view c = code;
    if (c == "ConditionalCheckFailedException")
        raise.operator()<ConditionalCheckFailedError>();
    if (c == "ResourceNotFoundException")
        raise.operator()<ResourceNotFoundError>();
    if (c == "ResourceInUseException")
        raise.operator()<ResourceInUseError>();
    if (c == "ValidationException" || c == "SerializationException")
        raise.operator()<ValidationError>();
    if (c == "ProvisionedThroughputExceededException")
        raise.operator()<ProvisionedThroughputExceededError>();
    if (c == "RequestLimitExceeded")
        raise.operator()<RequestLimitExceededError>();
    if (is_throttling_code(c))
        raise.operator()<ThrottlingError>();
    if (c == "ItemCollectionSizeLimitExceededException")
        raise.operator()<ItemCollectionSizeLimitExceededError>();
    if (c == "TransactionCanceledException")
        throw TransactionCanceledError(std::move(code), std::move(message), http_status,
                                       std::move(request_id), std::move(reasons));
    if (c == "TransactionConflictException")
        raise.operator()<TransactionConflictError>();
    if (c == "TransactionInProgressException")
        raise.operator()<TransactionInProgressError>();
    if (c == "IdempotentParameterMismatchException")
        raise.operator()<IdempotentParameterMismatchError>();
    if (c == "LimitExceededException")
        raise.operator()<LimitExceededError>();
    if (c == "ExpiredIteratorException")
        raise.operator()<ExpiredIteratorError>();
    if (c == "TrimmedDataAccessException")
        raise.operator()<TrimmedDataAccessError>();
    if (c == "AccessDeniedException")
        raise.operator()<AccessDeniedError>();
    if (c == "UnrecognizedClientException" || c == "InvalidSignatureException" ||
        c == "MissingAuthenticationTokenException" || c == "IncompleteSignatureException" ||
        c == "ExpiredTokenException")
        raise.operator()<UnrecognizedClientError>();
    if (c == "UnknownOperationException")
        raise.operator()<UnknownOperationError>();
    if (c == "ServiceUnavailable" || c == "ServiceUnavailableException" || http_status == 503)
        raise.operator()<ServiceUnavailableError>();
    if (c == "InternalServerError" || c == "InternalFailure" || http_status >= 500)
        raise.operator()<InternalServerError>();
    raise.operator()<ServiceError>();
    __builtin_unreachable();
}

} // namespace dynaq

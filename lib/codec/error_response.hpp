#pragma once
// Decoding of DynamoDB error documents:
//   {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
//    "message":"The conditional request failed", "CancellationReasons":[...], "Item":{...}}
// The retry decision needs only the code, so decoding never throws; raising the typed
// exception is a separate step.
#include <dynaq/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace dynaq::detail {

struct ErrorResponse {
    std::string code;    ///< after '#'; empty when the body is not an error document
    std::string message; ///< "message" or "Message"
    std::vector<CancellationReason> reasons;
};

/// Never throws for any input (fuzzed).
[[nodiscard]] ErrorResponse decode_error_response(std::string_view body) noexcept;

/// Throws the ServiceError subclass for a non-2xx response. A body that is not an error
/// document still gives a ServiceError whose code is derived from the status ("HTTP502") and whose
/// message is the start of the body, sanitized.
[[noreturn]] void throw_error_response(int http_status, std::string_view body,
                                       std::string request_id);

} // namespace dynaq::detail

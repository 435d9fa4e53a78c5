#pragma once
// Names for what went wrong: per request (counted by type in the summary) and for a setup
// failure (one line, then exit).
#include <exception>
#include <string>

namespace dynaq_bench {

struct ErrorType {
    /// The DynamoDB error code for a ServiceError ("ThrottlingException"), else the dynaq
    /// exception class, with the system error for a TransportError
    /// ("TransportError (Connection refused)").
    std::string type;
    std::string message; ///< what()
};

/// `error` must not be null.
[[nodiscard]] ErrorType classify(const std::exception_ptr& error);

} // namespace dynaq_bench

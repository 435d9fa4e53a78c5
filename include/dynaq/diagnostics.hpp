#pragma once
// What an error_code alone cannot say: the message, the service's answer, where and how often
// the call was tried. The `async_*` forms taking a `Diagnostics&` fill it when they complete
// with an error (and clear it on success), as Boost.MySQL's `diagnostics` does.
//
// Nothing is lost between the two forms: to_error_code() turns any exception into
// (error_code, Diagnostics), and throw_error() / make_exception() turn that back into an
// exception of the same class with the same what(), accessors and attempt list.
#include <dynaq/batch.hpp>
#include <dynaq/error.hpp>
#include <dynaq/error_code.hpp>
#include <dynaq/export.hpp>

#include <boost/system/error_code.hpp>

#include <exception>
#include <string>
#include <system_error>
#include <vector>

namespace dynaq {

struct Diagnostics {
    /// The exception's message without the attempt list (what() adds that back).
    std::string message;
    /// The DynamoDB operation ("GetItem") and endpoint ("http://127.0.0.1:8000") of the call;
    /// empty for errors found outside a Client call.
    std::string operation;
    std::string endpoint;
    /// Attempts made: 0 when nothing was sent (invalid input, configuration), else at least 1.
    int attempts = 0;
    /// Error::attempts(): every attempt of a call that gave up after retrying.
    std::vector<AttemptRecord> attempt_history;

    /// ServiceError: DynamoDB's code ("ConditionalCheckFailedException"), message, HTTP
    /// status and x-amzn-RequestId. Empty / 0 for other errors.
    std::string service_code;
    std::string service_message;
    int http_status = 0;
    std::string request_id;
    /// TransactionCanceledError::reasons().
    std::vector<CancellationReason> cancellation_reasons;

    /// TransportError::code() (the socket's error, operation_aborted, transport_errc, ...).
    std::error_code transport_code;
    /// ProtocolError::context().
    ProtocolErrorContext protocol_context;

    /// BatchIncompleteError: outcome(), unprocessed_keys(), cause().
    BatchWriteOutcome batch_outcome;
    std::vector<Item> unprocessed_keys;
    std::exception_ptr batch_cause;

    /// WaiterFailedError: waiter() ("ExportCompleted") and state() (what ended it).
    std::string waiter;
    std::string waiter_state;

    /// errc::foreign_exception: the exception that was not a dynaq::Error.
    std::exception_ptr foreign;

    void clear() { *this = Diagnostics{}; }
};

/// The code of `e`'s class, with everything else it carries copied into `diag`. Exceptions
/// that are not dynaq::Error give errc::foreign_exception (kept in diag.foreign), except
/// boost::system::system_error, whose own code is returned.
[[nodiscard]] DYNAQ_API boost::system::error_code to_error_code(const std::exception_ptr& e,
                                                                Diagnostics& diag);

/// The exception `to_error_code` came from: the same class, what() and accessors. A code of
/// another category gives boost::system::system_error(ec, diag.message).
[[nodiscard]] DYNAQ_API std::exception_ptr make_exception(const boost::system::error_code& ec,
                                                          const Diagnostics& diag);
/// Throws make_exception(ec, diag). `ec` must be an error.
[[noreturn]] DYNAQ_API void throw_error(const boost::system::error_code& ec,
                                        const Diagnostics& diag);

} // namespace dynaq

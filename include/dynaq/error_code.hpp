#pragma once
// The error_code face of dynaq::Error: one code per exception class, so the asynchronous
// `async_*` forms (client.hpp) can complete with (error_code, result) instead of throwing.
//
//   auto [ec, got] = co_await client.async_get_item(req, diag, as_tuple(use_awaitable));
//   if (ec == dynaq::errc::conditional_check_failed) ...
//   if (ec) dynaq::throw_error(ec, diag);   // the same exception get_item() would have thrown
//
// Codes compare equal to the generic conditions where one fits (cancelled ==
// boost::system::errc::operation_canceled, timeout == timed_out, invalid_argument and
// type_mismatch == invalid_argument), so generic Asio code recognises them.
#include <dynaq/export.hpp>

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace dynaq {

/// One value per class of the dynaq::Error hierarchy (error.hpp, batch.hpp). A class a user
/// derives from one of them maps to the code of its nearest dynaq base.
enum class errc {
    error = 1,        ///< Error itself
    invalid_argument, ///< InvalidArgumentError
    type_mismatch,    ///< TypeMismatchError
    config,           ///< ConfigError
    credentials,      ///< CredentialsError
    protocol,         ///< ProtocolError
    transport,        ///< TransportError
    timeout,          ///< TimeoutError
    cancelled,        ///< CancelledError
    service,          ///< ServiceError with a code no subclass claims
    conditional_check_failed,
    resource_not_found,
    resource_in_use,
    validation,
    provisioned_throughput_exceeded,
    throttling,
    request_limit_exceeded,
    item_collection_size_limit_exceeded,
    transaction_conflict,
    transaction_in_progress,
    idempotent_parameter_mismatch,
    limit_exceeded,
    access_denied,
    unrecognized_client,
    unknown_operation,
    internal_server_error,
    service_unavailable,
    expired_iterator,     ///< ExpiredIteratorError (DynamoDB Streams)
    trimmed_data_access,  ///< TrimmedDataAccessError (DynamoDB Streams)
    transaction_canceled, ///< TransactionCanceledError (reasons in Diagnostics)
    batch_incomplete,     ///< BatchIncompleteError (outcome in Diagnostics)
    waiter_failed,        ///< WaiterFailedError (waiter and state in Diagnostics)
    /// Not a dynaq::Error (std::bad_alloc, std::out_of_range from Item::at, ...): the exception
    /// itself is kept in Diagnostics::foreign.
    foreign_exception,
};

/// The category of dynaq::errc, named "dynaq".
[[nodiscard]] DYNAQ_API const boost::system::error_category& error_category() noexcept;
[[nodiscard]] DYNAQ_API boost::system::error_code make_error_code(errc e) noexcept;

/// True for the codes of ServiceError and its subclasses (DynamoDB answered with an error).
[[nodiscard]] DYNAQ_API bool is_service_error(const boost::system::error_code& ec) noexcept;

} // namespace dynaq

template <>
struct boost::system::is_error_code_enum<dynaq::errc> : std::true_type {};

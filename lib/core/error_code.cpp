#include <dynaq/detail/async_call.hpp>
#include <dynaq/diagnostics.hpp>

#include <boost/system/errc.hpp>
#include <boost/system/system_error.hpp>

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace dynaq {

namespace {

class Category final : public boost::system::error_category {
public:
    // A fixed id, so codes compare equal across shared libraries that each hold a copy.
    Category() noexcept : error_category(0x64796e61715f6563ULL) {}

    const char* name() const noexcept override { return "dynaq"; }

    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
        case errc::error:
            return "dynaq error";
        case errc::invalid_argument:
            return "invalid argument";
        case errc::type_mismatch:
            return "type mismatch";
        case errc::config:
            return "configuration error";
        case errc::credentials:
            return "credentials error";
        case errc::protocol:
            return "malformed response";
        case errc::transport:
            return "transport error";
        case errc::timeout:
            return "timed out";
        case errc::cancelled:
            return "cancelled";
        case errc::service:
            return "service error";
        case errc::conditional_check_failed:
            return "conditional check failed";
        case errc::resource_not_found:
            return "resource not found";
        case errc::resource_in_use:
            return "resource in use";
        case errc::validation:
            return "validation error";
        case errc::provisioned_throughput_exceeded:
            return "provisioned throughput exceeded";
        case errc::throttling:
            return "throttled";
        case errc::request_limit_exceeded:
            return "request limit exceeded";
        case errc::item_collection_size_limit_exceeded:
            return "item collection size limit exceeded";
        case errc::transaction_conflict:
            return "transaction conflict";
        case errc::transaction_in_progress:
            return "transaction in progress";
        case errc::idempotent_parameter_mismatch:
            return "idempotent parameter mismatch";
        case errc::limit_exceeded:
            return "limit exceeded";
        case errc::access_denied:
            return "access denied";
        case errc::unrecognized_client:
            return "unrecognized client";
        case errc::unknown_operation:
            return "unknown operation";
        case errc::internal_server_error:
            return "internal server error";
        case errc::service_unavailable:
            return "service unavailable";
        case errc::expired_iterator:
            return "shard iterator expired";
        case errc::trimmed_data_access:
            return "stream records trimmed";
        case errc::transaction_canceled:
            return "transaction canceled";
        case errc::batch_incomplete:
            return "batch incomplete";
        case errc::waiter_failed:
            return "waiter failed";
        case errc::foreign_exception:
            return "exception not derived from dynaq::Error";
        }
        return "unknown dynaq error " + std::to_string(value);
    }

    boost::system::error_condition default_error_condition(int value) const noexcept override {
        namespace generic = boost::system::errc;
        switch (static_cast<errc>(value)) {
        case errc::cancelled:
            return generic::make_error_condition(generic::operation_canceled);
        case errc::timeout:
            return generic::make_error_condition(generic::timed_out);
        case errc::invalid_argument:
        case errc::type_mismatch:
            return generic::make_error_condition(generic::invalid_argument);
        default:
            return {value, *this};
        }
    }
};

// The service subclasses, each with its code: the one table both directions read.
template <class E>
struct Tag {
    using type = E;
};
template <class F>
bool for_each_service_class(F&& f) {
    return f(Tag<ConditionalCheckFailedError>{}, errc::conditional_check_failed) ||
           f(Tag<ResourceNotFoundError>{}, errc::resource_not_found) ||
           f(Tag<ResourceInUseError>{}, errc::resource_in_use) ||
           f(Tag<ValidationError>{}, errc::validation) ||
           f(Tag<ProvisionedThroughputExceededError>{}, errc::provisioned_throughput_exceeded) ||
           f(Tag<ThrottlingError>{}, errc::throttling) ||
           f(Tag<RequestLimitExceededError>{}, errc::request_limit_exceeded) ||
           f(Tag<ItemCollectionSizeLimitExceededError>{},
             errc::item_collection_size_limit_exceeded) ||
           f(Tag<TransactionConflictError>{}, errc::transaction_conflict) ||
           f(Tag<TransactionInProgressError>{}, errc::transaction_in_progress) ||
           f(Tag<IdempotentParameterMismatchError>{}, errc::idempotent_parameter_mismatch) ||
           f(Tag<LimitExceededError>{}, errc::limit_exceeded) ||
           f(Tag<AccessDeniedError>{}, errc::access_denied) ||
           f(Tag<UnrecognizedClientError>{}, errc::unrecognized_client) ||
           f(Tag<UnknownOperationError>{}, errc::unknown_operation) ||
           f(Tag<InternalServerError>{}, errc::internal_server_error) ||
           f(Tag<ServiceUnavailableError>{}, errc::service_unavailable) ||
           f(Tag<ExpiredIteratorError>{}, errc::expired_iterator) ||
           f(Tag<TrimmedDataAccessError>{}, errc::trimmed_data_access);
}

// runtime_error::what() is the message as constructed; Error::what() adds the attempt list.
std::string base_message(const Error& e) {
    return e.std::runtime_error::what();
}

int attempts_of(const Error& e, int at_least) {
    const auto n = static_cast<int>(e.attempts().size());
    return n > at_least ? n : at_least;
}

errc capture_service(const ServiceError& e, Diagnostics& diag) {
    diag.service_code = e.code();
    diag.service_message = e.message();
    diag.http_status = e.http_status();
    diag.request_id = e.request_id();
    diag.attempts = attempts_of(e, 1);
    if (const auto* t = dynamic_cast<const TransactionCanceledError*>(&e)) {
        diag.cancellation_reasons = t->reasons();
        return errc::transaction_canceled;
    }
    errc code = errc::service;
    for_each_service_class([&]<class E>(Tag<E>, errc c) {
        if (dynamic_cast<const E*>(&e) == nullptr)
            return false;
        code = c;
        return true;
    });
    return code;
}

errc capture(const Error& e, Diagnostics& diag) {
    diag.message = base_message(e);
    diag.attempt_history = e.attempts();
    if (const auto* s = dynamic_cast<const ServiceError*>(&e))
        return capture_service(*s, diag);
    if (const auto* t = dynamic_cast<const TransportError*>(&e)) {
        diag.transport_code = t->code();
        diag.attempts = attempts_of(e, 1);
        if (dynamic_cast<const TimeoutError*>(&e))
            return errc::timeout;
        if (dynamic_cast<const CancelledError*>(&e))
            return errc::cancelled;
        return errc::transport;
    }
    if (const auto* p = dynamic_cast<const ProtocolError*>(&e)) {
        diag.protocol_context = p->context();
        diag.operation = p->context().operation;
        diag.endpoint = p->context().endpoint;
        diag.attempts = attempts_of(e, p->context().attempt > 0 ? p->context().attempt : 1);
        return errc::protocol;
    }
    if (const auto* b = dynamic_cast<const BatchIncompleteError*>(&e)) {
        diag.batch_outcome = b->outcome();
        diag.unprocessed_keys = b->unprocessed_keys();
        diag.batch_cause = b->cause();
        diag.attempts = attempts_of(e, 0);
        return errc::batch_incomplete;
    }
    diag.attempts = attempts_of(e, 0);
    if (const auto* w = dynamic_cast<const WaiterFailedError*>(&e)) {
        diag.waiter = w->waiter();
        diag.waiter_state = w->state();
        return errc::waiter_failed;
    }
    if (dynamic_cast<const TypeMismatchError*>(&e))
        return errc::type_mismatch;
    if (dynamic_cast<const InvalidArgumentError*>(&e))
        return errc::invalid_argument;
    if (dynamic_cast<const CredentialsError*>(&e))
        return errc::credentials;
    if (dynamic_cast<const ConfigError*>(&e))
        return errc::config;
    return errc::error;
}

template <class E, class... Args>
std::exception_ptr build(const Diagnostics& diag, Args&&... args) {
    E e(std::forward<Args>(args)...);
    if (!diag.attempt_history.empty())
        e.set_attempts(diag.attempt_history);
    return std::make_exception_ptr(std::move(e));
}

template <class E>
std::exception_ptr build_service(const Diagnostics& d) {
    return build<E>(d, d.service_code, d.service_message, d.http_status, d.request_id);
}

} // namespace

const boost::system::error_category& error_category() noexcept {
    static const Category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

bool is_service_error(const boost::system::error_code& ec) noexcept {
    if (ec.category() != error_category())
        return false;
    const auto v = static_cast<errc>(ec.value());
    return v >= errc::service && v <= errc::transaction_canceled;
}

boost::system::error_code to_error_code(const std::exception_ptr& e, Diagnostics& diag) {
    diag.clear();
    if (!e)
        return {};
    try {
        std::rethrow_exception(e);
    } catch (const Error& error) {
        return make_error_code(capture(error, diag));
    } catch (const boost::system::system_error& error) {
        diag.message = error.what();
        return error.code();
    } catch (const std::exception& error) {
        diag.message = error.what();
    } catch (...) {
        diag.message = "unknown exception";
    }
    diag.foreign = e;
    return make_error_code(errc::foreign_exception);
}

std::exception_ptr make_exception(const boost::system::error_code& ec, const Diagnostics& d) {
    if (ec.category() != error_category())
        return std::make_exception_ptr(boost::system::system_error(ec, d.message));
    switch (static_cast<errc>(ec.value())) {
    case errc::error:
        return build<Error>(d, d.message);
    case errc::invalid_argument:
        return build<InvalidArgumentError>(d, d.message);
    case errc::type_mismatch:
        return build<TypeMismatchError>(d, d.message);
    case errc::config:
        return build<ConfigError>(d, d.message);
    case errc::credentials:
        return build<CredentialsError>(d, d.message);
    case errc::protocol:
        return build<ProtocolError>(d, d.message, d.protocol_context);
    case errc::transport:
        return build<TransportError>(d, d.transport_code, d.message);
    case errc::timeout:
        return build<TimeoutError>(d, d.transport_code, d.message);
    case errc::cancelled:
        return build<CancelledError>(d, d.transport_code, d.message);
    case errc::service:
        return build_service<ServiceError>(d);
    case errc::transaction_canceled:
        return build<TransactionCanceledError>(d, d.service_code, d.service_message, d.http_status,
                                               d.request_id, d.cancellation_reasons);
    case errc::batch_incomplete:
        return build<BatchIncompleteError>(d, d.message, d.batch_outcome, d.unprocessed_keys,
                                           d.batch_cause);
    case errc::waiter_failed:
        return build<WaiterFailedError>(d, d.message, d.waiter, d.waiter_state);
    case errc::foreign_exception:
        if (d.foreign)
            return d.foreign;
        return std::make_exception_ptr(std::runtime_error(d.message));
    default:
        break;
    }
    std::exception_ptr out;
    for_each_service_class([&]<class E>(Tag<E>, errc c) {
        if (static_cast<int>(c) != ec.value())
            return false;
        out = build_service<E>(d);
        return true;
    });
    if (out)
        return out;
    return std::make_exception_ptr(boost::system::system_error(ec, d.message));
}

void throw_error(const boost::system::error_code& ec, const Diagnostics& diag) {
    std::rethrow_exception(make_exception(ec, diag));
}

} // namespace dynaq

namespace dynaq::detail {

boost::system::error_code complete_diagnostics(const std::exception_ptr& e, Diagnostics* diag,
                                               const CallSite* site) {
    if (!e) {
        if (diag != nullptr)
            diag->clear();
        return {};
    }
    Diagnostics local;
    Diagnostics& d = diag != nullptr ? *diag : local;
    const boost::system::error_code ec = to_error_code(e, d);
    if (site != nullptr) {
        if (d.operation.empty())
            d.operation = site->operation;
        if (d.endpoint.empty())
            d.endpoint = site->endpoint;
    }
    return ec;
}

} // namespace dynaq::detail

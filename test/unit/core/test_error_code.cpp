// The error_code face of the exceptions: every class maps to its own code, and the exception
// rebuilt from (error_code, Diagnostics) is the same class with the same what() and accessors.
#include <dynaq/diagnostics.hpp>
#include <dynaq/transport.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/errc.hpp>
#include <boost/system/system_error.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

using namespace dynaq;

namespace {

std::vector<AttemptRecord> two_attempts() {
    return {{1, RetryReason::throttling, "HTTP 400 ThrottlingException", 400, "ThrottlingException",
             "RID-A"},
            {2, RetryReason::none, "HTTP 400 ConditionalCheckFailedException", 400,
             "ConditionalCheckFailedException", "RID-B"}};
}

template <class E>
E with_attempts(E e) {
    e.set_attempts(two_attempts());
    return e;
}

struct RoundTrip {
    boost::system::error_code ec;
    Diagnostics diag;
    std::exception_ptr rebuilt;
};

template <class E>
RoundTrip round_trip(const E& original) {
    RoundTrip r;
    r.ec = to_error_code(std::make_exception_ptr(original), r.diag);
    r.rebuilt = make_exception(r.ec, r.diag);
    return r;
}

// Rethrows the rebuilt exception and checks its exact class and what().
template <class E, class Check>
void expect_same(const E& original, errc code, Check check) {
    const RoundTrip r = round_trip(original);
    INFO(typeid(E).name());
    CHECK(r.ec == make_error_code(code));
    CHECK(r.ec.category() == error_category());
    CHECK(r.diag.attempt_history.size() == original.attempts().size());
    try {
        std::rethrow_exception(r.rebuilt);
    } catch (const E& e) {
        CHECK(typeid(e) == typeid(E));
        CHECK(std::string(e.what()) == original.what());
        CHECK(e.attempts().size() == original.attempts().size());
        for (std::size_t i = 0; i < e.attempts().size(); ++i) {
            CHECK(e.attempts()[i].attempt == original.attempts()[i].attempt);
            CHECK(e.attempts()[i].what == original.attempts()[i].what);
            CHECK(e.attempts()[i].request_id == original.attempts()[i].request_id);
            CHECK(e.attempts()[i].reason == original.attempts()[i].reason);
        }
        check(e, r.diag);
        return;
    } catch (const std::exception& e) {
        FAIL("rebuilt as another class: " << typeid(e).name() << ": " << e.what());
    }
}

template <class E>
void expect_plain(errc code) {
    expect_same(with_attempts(E("plain message")), code,
                [](const E&, const Diagnostics& d) { CHECK(d.message == "plain message"); });
}

template <class E>
void expect_service(const std::string& service_code, errc code, int status = 400) {
    const E original("Svc" + service_code, "the message", status, "RID-" + service_code);
    expect_same(original, code, [&](const E& e, const Diagnostics& d) {
        CHECK(e.code() == "Svc" + service_code);
        CHECK(e.message() == "the message");
        CHECK(e.http_status() == status);
        CHECK(e.request_id() == "RID-" + service_code);
        CHECK(d.service_code == e.code());
        CHECK(d.service_message == "the message");
        CHECK(d.request_id == e.request_id());
        CHECK(d.attempts == 1);
        CHECK(is_service_error(make_error_code(code)));
    });
    // With an attempt list too.
    expect_same(with_attempts(original), code,
                [](const E&, const Diagnostics& d) { CHECK(d.attempts == 2); });
}

template <class E>
void expect_transport(errc code) {
    const std::error_code cause = make_error_code(transport_errc::crc32_mismatch);
    expect_same(with_attempts(E(cause, "GetItem to http://x: broken")), code,
                [&](const E& e, const Diagnostics& d) {
                    CHECK(e.code() == cause);
                    CHECK(d.transport_code == cause);
                    CHECK(d.attempts == 2);
                });
}

} // namespace

TEST_CASE("every dynaq::Error class survives the trip through error_code and Diagnostics") {
    expect_plain<Error>(errc::error);
    expect_plain<InvalidArgumentError>(errc::invalid_argument);
    expect_plain<TypeMismatchError>(errc::type_mismatch);
    expect_plain<ConfigError>(errc::config);
    expect_plain<CredentialsError>(errc::credentials);
    expect_transport<TransportError>(errc::transport);
    expect_transport<TimeoutError>(errc::timeout);
    expect_transport<CancelledError>(errc::cancelled);

    expect_service<ServiceError>("Unknown", errc::service);
    expect_service<ConditionalCheckFailedError>("CCF", errc::conditional_check_failed);
    expect_service<ResourceNotFoundError>("RNF", errc::resource_not_found);
    expect_service<ResourceInUseError>("RIU", errc::resource_in_use);
    expect_service<ValidationError>("V", errc::validation);
    expect_service<ProvisionedThroughputExceededError>("PTE",
                                                       errc::provisioned_throughput_exceeded);
    expect_service<ThrottlingError>("T", errc::throttling);
    expect_service<RequestLimitExceededError>("RLE", errc::request_limit_exceeded);
    expect_service<ItemCollectionSizeLimitExceededError>("ICS",
                                                         errc::item_collection_size_limit_exceeded);
    expect_service<TransactionConflictError>("TC", errc::transaction_conflict);
    expect_service<TransactionInProgressError>("TIP", errc::transaction_in_progress);
    expect_service<IdempotentParameterMismatchError>("IPM", errc::idempotent_parameter_mismatch);
    expect_service<LimitExceededError>("LE", errc::limit_exceeded);
    expect_service<AccessDeniedError>("AD", errc::access_denied);
    expect_service<UnrecognizedClientError>("UC", errc::unrecognized_client);
    expect_service<UnknownOperationError>("UO", errc::unknown_operation);
    expect_service<InternalServerError>("ISE", errc::internal_server_error, 500);
    expect_service<ServiceUnavailableError>("SU", errc::service_unavailable, 503);
    expect_service<ExpiredIteratorError>("EI", errc::expired_iterator);
    expect_service<TrimmedDataAccessError>("TDA", errc::trimmed_data_access);
}

TEST_CASE("a WaiterFailedError keeps the waiter and the state that ended it") {
    const WaiterFailedError original("ExportCompleted: ExportStatus is FAILED", "ExportCompleted",
                                     "ExportDescription.ExportStatus = FAILED");
    expect_same(original, errc::waiter_failed,
                [](const WaiterFailedError& e, const Diagnostics& d) {
                    CHECK(e.waiter() == "ExportCompleted");
                    CHECK(e.state() == "ExportDescription.ExportStatus = FAILED");
                    CHECK(d.waiter == "ExportCompleted");
                    CHECK(d.attempts == 0);
                });
}

TEST_CASE("a ProtocolError keeps its context, and names the operation and endpoint") {
    const ProtocolErrorContext context{"Query", "http://127.0.0.1:1", 3, "RID-P", "{\"Ite"};
    expect_same(with_attempts(ProtocolError("Query: bad body", context)), errc::protocol,
                [&](const ProtocolError& e, const Diagnostics& d) {
                    CHECK(e.context().operation == "Query");
                    CHECK(e.context().endpoint == "http://127.0.0.1:1");
                    CHECK(e.context().attempt == 3);
                    CHECK(e.context().request_id == "RID-P");
                    CHECK(e.context().body_prefix == "{\"Ite");
                    CHECK(d.operation == "Query");
                    CHECK(d.endpoint == "http://127.0.0.1:1");
                    CHECK(d.attempts == 3);
                });
}

TEST_CASE("a TransactionCanceledError keeps its reasons") {
    const TransactionCanceledError original(
        "TransactionCanceledException", "Transaction cancelled", 400, "RID-T",
        {{"None", ""}, {"ConditionalCheckFailed", "The conditional request failed"}});
    expect_same(original, errc::transaction_canceled,
                [](const TransactionCanceledError& e, const Diagnostics& d) {
                    REQUIRE(e.reasons().size() == 2);
                    CHECK(e.reasons()[0].code == "None");
                    CHECK(e.reasons()[1].code == "ConditionalCheckFailed");
                    CHECK(e.reasons()[1].message == "The conditional request failed");
                    CHECK(d.cancellation_reasons.size() == 2);
                    CHECK(e.request_id() == "RID-T");
                });
}

TEST_CASE("a BatchIncompleteError keeps its outcome, unprocessed keys and cause") {
    BatchWriteOutcome outcome;
    outcome.written_keys.push_back(Item{{"pk", "w"}});
    outcome.unwritten.push_back(WriteRequest{PutRequest{Item{{"pk", "u"}}}});
    outcome.unknown.push_back(WriteRequest{DeleteRequest{Item{{"pk", "k"}}}});
    const auto cause =
        std::make_exception_ptr(ThrottlingError("ThrottlingException", "slow", 400, "RID-C"));
    const BatchIncompleteError original("batch_put: 2 of 3 writes not confirmed", outcome,
                                        {Item{{"pk", "g"}}}, cause);
    expect_same(original, errc::batch_incomplete,
                [&](const BatchIncompleteError& e, const Diagnostics& d) {
                    REQUIRE(e.written_keys().size() == 1);
                    CHECK(e.written_keys()[0] == Item{{"pk", "w"}});
                    REQUIRE(e.unwritten().size() == 1);
                    CHECK(e.unwritten()[0] == WriteRequest{PutRequest{Item{{"pk", "u"}}}});
                    REQUIRE(e.unknown().size() == 1);
                    CHECK(e.unknown()[0] == WriteRequest{DeleteRequest{Item{{"pk", "k"}}}});
                    REQUIRE(e.unprocessed_keys().size() == 1);
                    CHECK(e.cause() == cause);
                    CHECK(d.attempts == 0);
                });
}

TEST_CASE("a class derived from a dynaq class maps to its nearest dynaq base") {
    class MyError : public ValidationError {
    public:
        using ValidationError::ValidationError;
    };
    Diagnostics d;
    const auto ec =
        to_error_code(std::make_exception_ptr(MyError("ValidationException", "m", 400, "r")), d);
    CHECK(ec == errc::validation);
    CHECK_THROWS_AS(throw_error(ec, d), ValidationError);
}

TEST_CASE("exceptions from outside dynaq: system_error keeps its code, others are kept whole") {
    Diagnostics d;
    const auto aborted = boost::asio::error::make_error_code(boost::asio::error::operation_aborted);
    auto ec = to_error_code(std::make_exception_ptr(boost::system::system_error(aborted)), d);
    CHECK(ec == aborted);
    CHECK_THROWS_AS(throw_error(ec, d), boost::system::system_error);

    ec = to_error_code(std::make_exception_ptr(std::out_of_range("no attribute pk")), d);
    CHECK(ec == errc::foreign_exception);
    CHECK(d.message == "no attribute pk");
    CHECK_THROWS_AS(throw_error(ec, d), std::out_of_range);

    CHECK(!to_error_code(nullptr, d));
    CHECK(d.message.empty());
}

TEST_CASE("codes meet the generic conditions where one fits") {
    namespace generic = boost::system::errc;
    CHECK(make_error_code(errc::cancelled) == generic::operation_canceled);
    CHECK(make_error_code(errc::timeout) == generic::timed_out);
    CHECK(make_error_code(errc::invalid_argument) == generic::invalid_argument);
    CHECK(make_error_code(errc::type_mismatch) == generic::invalid_argument);
    CHECK(make_error_code(errc::throttling) != generic::operation_canceled);
    // Asio's own cancellation meets the same condition.
    CHECK(boost::asio::error::make_error_code(boost::asio::error::operation_aborted) ==
          generic::operation_canceled);
    CHECK(std::string(error_category().name()) == "dynaq");
    CHECK(make_error_code(errc::conditional_check_failed).message() == "conditional check failed");
    CHECK(!is_service_error(make_error_code(errc::timeout)));
    CHECK(!is_service_error(make_error_code(errc::batch_incomplete)));
    // A std::error_code converts without losing the category.
    const std::error_code std_ec = make_error_code(errc::validation);
    CHECK(std::string(std_ec.category().name()) == "dynaq");
}

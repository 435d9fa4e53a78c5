#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;

namespace {

template <class E>
void expect_class(const std::string& code, int status = 400) {
    try {
        throw_service_error(code, "msg", status, "RID1");
    } catch (const E& e) {
        CHECK(e.code() == code);
        CHECK(e.message() == "msg");
        CHECK(e.http_status() == status);
        CHECK(e.request_id() == "RID1");
        return;
    } catch (const std::exception& e) {
        FAIL("wrong class for " << code << ": " << e.what());
    }
}

} // namespace

TEST_CASE("service error codes map to their classes") {
    expect_class<ConditionalCheckFailedError>("ConditionalCheckFailedException");
    expect_class<ResourceNotFoundError>("ResourceNotFoundException");
    expect_class<ResourceInUseError>("ResourceInUseException");
    expect_class<ValidationError>("ValidationException");
    expect_class<ProvisionedThroughputExceededError>("ProvisionedThroughputExceededException");
    expect_class<ThrottlingError>("ThrottlingException");
    expect_class<ThrottlingError>("RequestThrottledException");
    expect_class<RequestLimitExceededError>("RequestLimitExceeded");
    expect_class<TransactionConflictError>("TransactionConflictException");
    expect_class<AccessDeniedError>("AccessDeniedException");
    expect_class<UnrecognizedClientError>("InvalidSignatureException");
    expect_class<UnknownOperationError>("UnknownOperationException");
    expect_class<InternalServerError>("InternalServerError", 500);
    expect_class<ServiceUnavailableError>("Whatever", 503);
    expect_class<ServiceError>("SomethingNew");
}

TEST_CASE("transaction cancellation keeps its reasons in order") {
    try {
        throw_service_error("TransactionCanceledException", "cancelled", 400, "R",
                            {{"None", ""}, {"ConditionalCheckFailed", "failed"}});
        FAIL("did not throw");
    } catch (const TransactionCanceledError& e) {
        REQUIRE(e.reasons().size() == 2);
        CHECK(e.reasons()[0].code == "None");
        CHECK(e.reasons()[1].code == "ConditionalCheckFailed");
        CHECK(e.reasons()[1].message == "failed");
    }
}

TEST_CASE("what() names code, status, message and request id") {
    ServiceError e("ValidationException", "bad key", 400, "abc");
    CHECK(std::string(e.what()) == "ValidationException (HTTP 400): bad key [request id abc]");
    CHECK(is_throttling_code("ThrottlingException"));
    CHECK_FALSE(is_throttling_code("ValidationException"));
}

TEST_CASE("every error is a dynaq::Error") {
    CHECK_THROWS_AS(throw TimeoutError(std::make_error_code(std::errc::timed_out), "t"), Error);
    CHECK_THROWS_AS(throw TypeMismatchError("x"), InvalidArgumentError);
    CHECK_THROWS_AS(throw_service_error("ThrottlingException", "", 400, ""), Error);
}

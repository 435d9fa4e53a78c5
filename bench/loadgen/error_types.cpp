#include "error_types.hpp"

#include <dynaq/batch.hpp>
#include <dynaq/error.hpp>

namespace dynaq_bench {

ErrorType classify(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const dynaq::ServiceError& e) {
        return {e.code().empty() ? "ServiceError (HTTP " + std::to_string(e.http_status()) + ")"
                                 : e.code(),
                e.what()};
    } catch (const dynaq::TimeoutError& e) {
        return {"TimeoutError", e.what()};
    } catch (const dynaq::CancelledError& e) {
        return {"CancelledError", e.what()};
    } catch (const dynaq::TransportError& e) {
        return {"TransportError (" + e.code().message() + ")", e.what()};
    } catch (const dynaq::ProtocolError& e) {
        return {"ProtocolError", e.what()};
    } catch (const dynaq::TypeMismatchError& e) {
        return {"TypeMismatchError", e.what()};
    } catch (const dynaq::InvalidArgumentError& e) {
        return {"InvalidArgumentError", e.what()};
    } catch (const dynaq::ConfigError& e) {
        return {"ConfigError", e.what()};
    } catch (const dynaq::BatchIncompleteError& e) {
        return {"BatchIncompleteError", e.what()};
    } catch (const dynaq::Error& e) {
        return {"Error", e.what()};
    } catch (const std::exception& e) {
        return {"std::exception", e.what()};
    } catch (...) {
        return {"unknown exception", "a non-standard exception"};
    }
}

} // namespace dynaq_bench

#pragma once
// The wire fixture every operation of detail/operation_list.hpp must have: a request and the JSON
// it encodes to, a request validation rejects, and a response body with what it decodes to. The
// JSON is written from the DynamoDB API reference's description of each operation, not captured
// from a server. test_operation_list.cpp instantiates fixture<Request> for every row, so a row
// without one does not build.
#include "client/operation_codec.hpp"

#include <optional>
#include <string_view>

namespace dynaq_test {

template <class Request>
struct Sample {
    Request request{};
    std::string_view request_json{};
    /// A request DynamoDB would reject; nullopt only for requests without members.
    std::optional<Request> invalid{};
    std::string_view response_json{};
    typename dynaq::detail::operation_traits<Request>::response_type response{};
};

/// Specialised once per operation with `static Sample<Request> get()`.
template <class Request>
struct fixture;

} // namespace dynaq_test

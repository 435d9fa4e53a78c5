#pragma once
// A hand-rolled, sans-I/O parser for the head of an HTTP/1.1 request: just what the null
// server acts on (the operation, the body length, keep-alive and Expect: 100-continue), with
// no allocation and no header container. Bodies must have a Content-Length; a
// Transfer-Encoding is answered with 411, which no DynamoDB client ever triggers.
#include "operation.hpp"

#include <cstddef>
#include <string_view>

namespace dynaq::bench {

struct RequestHead {
    enum class Status {
        ok,
        bad_request,     ///< 400: not a well-formed HTTP/1.x request head
        length_required, ///< 411: a Transfer-Encoding (chunked) body
    };

    Status status = Status::ok;
    Operation operation = Operation::unknown;
    std::size_t content_length = 0;
    /// HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keep_alive = true;
    /// HTTP/1.0 (its keep-alive must be confirmed in the response).
    bool http10 = false;
    bool expect_continue = false;
};

/// The offset just past the CRLF CRLF that ends the head at the start of `data`, or 0 when it
/// has not all arrived. The search starts at `from` (a previous call's data.size(), say) so
/// that a head arriving in many small reads is not rescanned from the start each time.
[[nodiscard]] std::size_t find_head_end(std::string_view data, std::size_t from) noexcept;

/// Parses a complete head, as delimited by find_head_end (its final CRLF CRLF included).
[[nodiscard]] RequestHead parse_request_head(std::string_view head) noexcept;

} // namespace dynaq::bench

#pragma once
// Writes the status line and header fields of a null-server response. One per server thread:
// it keeps that thread's request-id counter and its Date text, which changes once a second
// and so is formatted once a second rather than per response.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>

namespace dynaq::bench {

/// What the Connection header of a response says.
enum class ConnectionField {
    omitted,    ///< HTTP/1.1 keep-alive, the default that needs no field
    keep_alive, ///< HTTP/1.0 keep-alive, which the response must confirm
    close,      ///< the server closes after this response
};

class ResponseHeadWriter {
public:
    /// `thread_index` makes request ids unique across the server's threads.
    explicit ResponseHeadWriter(unsigned thread_index);

    /// Replaces `out` with the head of a response with `status`, a body of `length` bytes
    /// whose CRC-32 is `crc32`, and a fresh x-amzn-RequestId.
    void write(std::string& out, int status, std::size_t length, std::uint32_t crc32,
               ConnectionField connection);

private:
    /// The Date field value ("Tue, 25 Nov 2025 01:03:00 GMT") of the current second.
    std::string_view date();

    std::uint64_t next_id_ = 0;
    unsigned thread_index_;
    std::time_t date_second_ = -1;
    char date_[32] = {};
    std::size_t date_size_ = 0;
};

} // namespace dynaq::bench

#include "response_head.hpp"

#include <charconv>
#include <string_view>

namespace dynaq::bench {

namespace {

std::string_view status_line(int status) noexcept {
    switch (status) {
    case 200:
        return "HTTP/1.1 200 OK\r\n";
    case 400:
        return "HTTP/1.1 400 Bad Request\r\n";
    case 411:
        return "HTTP/1.1 411 Length Required\r\n";
    case 413:
        return "HTTP/1.1 413 Content Too Large\r\n";
    case 431:
        return "HTTP/1.1 431 Request Header Fields Too Large\r\n";
    default:
        return "HTTP/1.1 500 Internal Server Error\r\n";
    }
}

// Fixed-width upper-case hex, so every request id has the same length (32 characters), as
// DynamoDB's do (52 characters of [A-Z0-9]; clients treat them as opaque).
// `digits` is at most 16.
void append_hex(std::string& out, std::uint64_t value, int digits) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
        out += hex[(value >> shift) & 0xFu];
}

template <class T>
void append_decimal(std::string& out, T value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

} // namespace

ResponseHeadWriter::ResponseHeadWriter(unsigned thread_index) : thread_index_(thread_index) {}

std::string_view ResponseHeadWriter::date() {
    const std::time_t now = std::time(nullptr);
    if (now != date_second_) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        date_size_ = std::strftime(date_, sizeof date_, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        date_second_ = now;
    }
    return {date_, date_size_};
}

void ResponseHeadWriter::write(std::string& out, int status, std::size_t length,
                               std::uint32_t crc32, ConnectionField connection) {
    out.clear();
    out += status_line(status);
    out += "Content-Type: application/x-amz-json-1.0\r\nContent-Length: ";
    append_decimal(out, length);
    out += "\r\nDate: ";
    out += date();
    out += "\r\nx-amzn-RequestId: ";
    append_hex(out, thread_index_, 16);
    append_hex(out, next_id_++, 16);
    out += "\r\nx-amz-crc32: ";
    append_decimal(out, crc32);
    switch (connection) {
    case ConnectionField::omitted:
        break;
    case ConnectionField::keep_alive:
        out += "\r\nConnection: keep-alive";
        break;
    case ConnectionField::close:
        out += "\r\nConnection: close";
        break;
    }
    out += "\r\n\r\n";
}

} // namespace dynaq::bench

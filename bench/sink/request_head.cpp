#include "request_head.hpp"

#include <charconv>
#include <cstring>

namespace dynaq::bench {

namespace {

using Status = RequestHead::Status;

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `lowercase` is already lower case: only the peer's text needs folding.
bool iequals(std::string_view text, std::string_view lowercase) noexcept {
    if (text.size() != lowercase.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (lower(text[i]) != lowercase[i])
            return false;
    return true;
}

// Length of the first line of `s` without its CRLF; npos when the first LF has no CR before
// it. memchr finds the LF a good deal faster than a two-character search would.
std::size_t line_length(std::string_view s) noexcept {
    const void* lf = std::memchr(s.data(), '\n', s.size());
    if (lf == nullptr)
        return std::string_view::npos;
    const auto n = static_cast<std::size_t>(static_cast<const char*>(lf) - s.data());
    if (n == 0 || s[n - 1] != '\r')
        return std::string_view::npos;
    return n - 1;
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// "METHOD SP target SP HTTP/1.x". The method and target do not matter to a sink that answers
// by X-Amz-Target, but the line must have the right shape.
bool parse_request_line(std::string_view line, RequestHead& head) noexcept {
    const auto method_end = line.find(' ');
    if (method_end == 0 || method_end == std::string_view::npos)
        return false;
    const auto target_end = line.find(' ', method_end + 1);
    if (target_end == std::string_view::npos || target_end == method_end + 1)
        return false;
    const std::string_view version = line.substr(target_end + 1);
    if (version == "HTTP/1.1")
        return true;
    if (version == "HTTP/1.0") {
        head.http10 = true;
        head.keep_alive = false;
        return true;
    }
    return false;
}

bool parse_content_length(std::string_view value, RequestHead& head, bool& seen) noexcept {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
        return false;
    // Two different lengths are how request smuggling starts: refuse rather than pick one.
    if (seen && n != head.content_length)
        return false;
    seen = true;
    head.content_length = n;
    return true;
}

// Comma-separated tokens; "close" wins over "keep-alive".
void parse_connection(std::string_view value, RequestHead& head) noexcept {
    bool close = false;
    bool keep_alive = false;
    while (!value.empty()) {
        const auto comma = value.find(',');
        const std::string_view token = trim(value.substr(0, comma));
        close = close || iequals(token, "close");
        keep_alive = keep_alive || iequals(token, "keep-alive");
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    }
    if (close)
        head.keep_alive = false;
    else if (keep_alive)
        head.keep_alive = true;
}

// One "name: value" line; false when it is malformed.
bool parse_field(std::string_view line, RequestHead& head, bool& length_seen) noexcept {
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos)
        return false;
    const std::string_view name = line.substr(0, colon);
    // Whitespace inside a name (or a folded continuation line) is forbidden by RFC 9112 and
    // is how proxies and servers are made to disagree: reject it.
    for (const char c : name)
        if (c == ' ' || c == '\t')
            return false;
    const std::string_view value = trim(line.substr(colon + 1));
    // The length check first rejects nearly every uninteresting field at once.
    switch (name.size()) {
    case 6:
        if (iequals(name, "expect"))
            head.expect_continue = iequals(value, "100-continue");
        break;
    case 10:
        if (iequals(name, "connection"))
            parse_connection(value, head);
        break;
    case 12:
        if (iequals(name, "x-amz-target"))
            head.operation = operation_of(value);
        break;
    case 14:
        if (iequals(name, "content-length"))
            return parse_content_length(value, head, length_seen);
        break;
    case 17:
        if (iequals(name, "transfer-encoding"))
            head.status = Status::length_required;
        break;
    default:
        break;
    }
    return true;
}

} // namespace

std::size_t find_head_end(std::string_view data, std::size_t from) noexcept {
    // The terminator may straddle the previous end of data.
    from = from > 3 ? from - 3 : 0;
    const auto at = data.find("\r\n\r\n", from);
    return at == std::string_view::npos ? 0 : at + 4;
}

RequestHead parse_request_head(std::string_view head) noexcept {
    RequestHead out;
    const auto fail = [&out] {
        out.status = Status::bad_request;
        out.keep_alive = false;
        return out;
    };
    // RFC 9112 asks servers to ignore empty lines before a request line.
    while (head.starts_with("\r\n"))
        head.remove_prefix(2);
    auto line_end = line_length(head);
    if (line_end == std::string_view::npos || !parse_request_line(head.substr(0, line_end), out))
        return fail();
    bool length_seen = false;
    for (;;) {
        head.remove_prefix(line_end + 2);
        line_end = line_length(head);
        if (line_end == 0)
            break; // the blank line that ends the head
        if (line_end == std::string_view::npos)
            return fail(); // a bare LF: the head is known to end in CRLF CRLF
        if (!parse_field(head.substr(0, line_end), out, length_seen))
            return fail();
    }
    if (out.status != Status::ok)
        out.keep_alive = false; // the body's extent is unknown: the connection cannot go on
    return out;
}

} // namespace dynaq::bench

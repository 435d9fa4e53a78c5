#include "codec/json_padding.hpp"
#include "http/http_response_parser.hpp"

#include <algorithm>
#include <charconv>

namespace dynaq::detail {

namespace {

// `b` is lower case. ASCII only, as header names are: std::tolower consults the locale on
// every character, for every response.
bool iequals(boost::beast::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x >= 'A' && x <= 'Z' ? static_cast<char>(x - 'A' + 'a') : x) == y;
           });
}

} // namespace

ResponseParser::ResponseParser(std::string& body, std::uint64_t body_limit) : body_(body) {
    body_.clear();
    this->body_limit(body_limit);
    // One put() can then consume the header and the body together.
    this->eager(true);
}

void ResponseParser::on_response_impl(int code, string_view, int, error_code& ec) {
    // Beast takes any three digits; HTTP's status codes start at 100 (RFC 9110 15), and a
    // "006" is a broken peer, not an answer to classify (found by fuzz_http_head).
    if (code < 100) {
        ec = boost::beast::http::error::bad_status;
        return;
    }
    status_ = code;
}

void ResponseParser::on_field_impl(field, string_view name, string_view value, error_code&) {
    // Only two headers matter; the length check rejects nearly all others at once.
    if (name.size() == 16 && iequals(name, "x-amzn-requestid")) {
        request_id_.assign(value.data(), value.size());
    } else if (name.size() == 11 && iequals(name, "x-amz-crc32")) {
        // Two checksums leave nothing to check against: malformed, as a bad one is.
        if (crc32_ || crc32_malformed_) {
            crc32_.reset();
            crc32_malformed_ = true;
            return;
        }
        std::uint32_t v = 0;
        const auto* last = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), last, v);
        if (value.empty() || ec != std::errc() || ptr != last)
            crc32_malformed_ = true;
        else
            crc32_ = v;
    }
}

void ResponseParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                       error_code&) {
    // With the parser's padding the body is parsed where it lies, without a copy.
    if (content_length)
        body_.reserve(static_cast<std::size_t>(*content_length) + json_parse_padding);
}

std::size_t ResponseParser::on_body_impl(string_view data, error_code&) {
    body_.append(data.data(), data.size());
    return data.size();
}

std::size_t ResponseParser::on_chunk_body_impl(std::uint64_t, string_view data, error_code&) {
    body_.append(data.data(), data.size());
    return data.size();
}

} // namespace dynaq::detail

#pragma once
// An HTTP/1.1 response parser that keeps only what the transport needs: the status, the body
// (appended straight into the caller's string), x-amzn-RequestId, x-amz-crc32 and whether
// the peer closes the connection. No header container, so no allocation per header field.
// GCC 12 with sanitizers reports boost::optional inside Beast's parser as "maybe
// uninitialized" (a false positive); keep that one warning out of -Werror builds.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/beast/http/basic_parser.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <cstdint>
#include <optional>
#include <string>

namespace dynaq::detail {

class ResponseParser final : public boost::beast::http::basic_parser<false> {
public:
    /// `body` is cleared and receives the body. `body_limit` bounds it (error::body_limit).
    ResponseParser(std::string& body, std::uint64_t body_limit);

    [[nodiscard]] int status() const noexcept { return status_; }
    [[nodiscard]] std::string& request_id() noexcept { return request_id_; }
    /// The x-amz-crc32 value; nullopt when absent.
    [[nodiscard]] std::optional<std::uint32_t> crc32() const noexcept { return crc32_; }
    /// x-amz-crc32 was present but not a 32-bit decimal number, or present twice.
    [[nodiscard]] bool crc32_malformed() const noexcept { return crc32_malformed_; }

private:
    using string_view = boost::beast::string_view;
    using error_code = boost::beast::error_code;
    using field = boost::beast::http::field;
    using verb = boost::beast::http::verb;

    void on_request_impl(verb, string_view, string_view, int, error_code&) override {}
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
    void on_field_impl(field name, string_view name_string, string_view value,
                       error_code& ec) override;
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                           error_code& ec) override;
    std::size_t on_body_impl(string_view data, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t remain, string_view data, error_code& ec) override;
    void on_finish_impl(error_code&) override {}

    std::string& body_;
    int status_ = 0;
    std::string request_id_;
    std::optional<std::uint32_t> crc32_;
    bool crc32_malformed_ = false;
};

} // namespace dynaq::detail

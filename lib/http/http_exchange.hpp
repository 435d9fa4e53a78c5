#pragma once
// One request/response exchange on an open connection: a gather write of the prepared header
// (HttpConnection::head) and the body, then a read loop that feeds the parser until the
// response is complete. Errors come back in the result, never as exceptions, except the
// coroutine's own cancellation check.
#include "http/http_connection.hpp"
#include "http/http_response_parser.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <string_view>

namespace dynaq::detail {

struct ExchangeResult {
    boost::system::error_code ec;
    std::size_t bytes_sent = 0;
    std::size_t bytes_received = 0;
};

/// Instantiated for HttpConnection::tcp::socket and HttpConnection::tls_stream_type.
template <class Stream>
boost::asio::awaitable<void> exchange(Stream& stream, HttpConnection& conn, std::string_view body,
                                      ResponseParser& parser, ExchangeResult& result);

} // namespace dynaq::detail

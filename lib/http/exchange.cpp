#include "http/http_exchange.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <array>

namespace dynaq::detail {

namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t min_read = 16 * 1024;
constexpr std::size_t max_read = 1024 * 1024;

// Enough room for the rest of a body of known length in one read, within bounds.
std::size_t read_size(const ResponseParser& parser) {
    if (!parser.is_header_done())
        return min_read;
    if (const auto remaining = parser.content_length_remaining())
        return std::clamp<std::size_t>(static_cast<std::size_t>(*remaining), min_read, max_read);
    return min_read;
}

} // namespace

template <class Stream>
asio::awaitable<void> exchange(Stream& stream, HttpConnection& conn, std::string_view body,
                               ResponseParser& parser, ExchangeResult& result) {
    const std::array<asio::const_buffer, 2> request{asio::buffer(conn.head), asio::buffer(body)};
    auto [wec, written] = co_await asio::async_write(stream, request, nothrow);
    result.bytes_sent = written;
    if (wec) {
        result.ec = wec;
        co_return;
    }
    conn.watch_idle(); // from here on, silence is a stall

    auto& buffer = conn.buffer;
    bool need_read = buffer.size() == 0;
    for (;;) {
        if (need_read) {
            auto [ec, n] =
                co_await stream.async_read_some(buffer.prepare(read_size(parser)), nothrow);
            if (ec) {
                // A response delimited by the end of the connection is complete at EOF; any
                // other EOF cuts a message short.
                if (ec == asio::error::eof && parser.got_some()) {
                    boost::system::error_code eof_ec;
                    parser.put_eof(eof_ec);
                    if (!eof_ec && parser.is_done())
                        co_return;
                    ec = eof_ec;
                }
                result.ec = ec;
                co_return;
            }
            buffer.commit(n);
            result.bytes_received += n;
            conn.note_progress();
        }
        boost::system::error_code ec;
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == http::error::need_more) {
            need_read = true;
            continue;
        }
        if (ec) {
            result.ec = ec;
            co_return;
        }
        if (parser.is_done())
            co_return;
        need_read = buffer.size() == 0 || used == 0;
    }
}

template asio::awaitable<void> exchange(HttpConnection::tcp::socket&, HttpConnection&,
                                        std::string_view, ResponseParser&, ExchangeResult&);
template asio::awaitable<void> exchange(HttpConnection::tls_stream_type&, HttpConnection&,
                                        std::string_view, ResponseParser&, ExchangeResult&);

} // namespace dynaq::detail

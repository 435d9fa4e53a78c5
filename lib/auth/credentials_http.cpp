#include "credentials_http.hpp"

#include "http/http_tls.hpp"
#include <dynaq/config.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

namespace dynaq::detail {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// These responses are small JSON or XML documents; anything bigger is not one of them.
constexpr std::uint64_t largest_body = 1024 * 1024;

[[noreturn]] void fail(const boost::system::error_code& ec, std::string_view step,
                       const std::string& where) {
    const std::string message = std::string(step) + ' ' + where + ": " + ec.message();
    if (ec == beast::error::timeout)
        throw TimeoutError(ec, message);
    throw TransportError(ec, message);
}

template <class Stream>
asio::awaitable<CredentialsHttpResponse>
exchange(Stream& stream, http::request<http::string_body>& request, const std::string& where) {
    auto [wec, written] = co_await http::async_write(stream, request, nothrow);
    (void)written;
    if (wec)
        fail(wec, "cannot send to", where);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(largest_body);
    auto [rec, read] = co_await http::async_read(stream, buffer, parser, nothrow);
    (void)read;
    if (rec)
        fail(rec, "no valid answer from", where);
    CredentialsHttpResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    response.body = std::move(parser.get().body());
    co_return response;
}

} // namespace

std::pair<std::string, std::string> split_url(std::string_view url, std::string_view what) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        throw ConfigError(std::string(what) + " is not an http(s) URL");
    const auto path = url.find_first_of("/?", scheme_end + 3);
    std::string base(url.substr(0, path));
    std::string target = path == std::string_view::npos ? "/" : std::string(url.substr(path));
    if (target.front() == '?')
        target.insert(0, "/");
    try {
        (void)Endpoint::parse(base);
    } catch (const ConfigError&) {
        throw ConfigError(std::string(what) + " is not an http(s) URL with a valid host and port");
    }
    return {std::move(base), std::move(target)};
}

std::shared_ptr<asio::ssl::context> credentials_tls_context() {
    return std::make_shared<asio::ssl::context>(make_tls_context(TlsConfig{}));
}

asio::awaitable<CredentialsHttpResponse>
send_credentials_request(const CredentialsHttpRequest& request,
                         const std::shared_ptr<asio::ssl::context>& tls) {
    const auto [base, target] = split_url(request.url, "the credentials URL");
    const Endpoint endpoint = Endpoint::parse(base);
    const std::string where = base + target.substr(0, target.find('?'));

    http::request<http::string_body> message;
    message.method_string(request.method);
    message.target(target);
    message.version(11);
    message.set(http::field::host, endpoint.host_header());
    message.set(http::field::user_agent, "dynaq/0.1.0");
    message.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers)
        message.set(name, value);
    message.body() = request.body;
    message.prepare_payload();

    const auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    auto [dec, results] = co_await resolver.async_resolve(
        endpoint.host, std::to_string(endpoint.port), tcp::resolver::numeric_service, nothrow);
    if (dec)
        fail(dec, "cannot resolve", where);

    beast::tcp_stream tcp_stream(executor);
    tcp_stream.expires_after(request.timeout);
    auto [cec, connected] = co_await tcp_stream.async_connect(results, nothrow);
    (void)connected;
    if (cec)
        fail(cec, "cannot connect to", where);
    if (!endpoint.tls)
        co_return co_await exchange(tcp_stream, message, where);

    if (!tls)
        throw ConfigError(where + " needs TLS, which this credentials source was not given");
    beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), *tls);
    if (!endpoint.is_ipv6_literal() &&
        SSL_set_tlsext_host_name(stream.native_handle(), endpoint.host.c_str()) != 1)
        throw TransportError({}, "cannot set the TLS server name for " + where);
    stream.set_verify_mode(asio::ssl::verify_peer);
    stream.set_verify_callback(asio::ssl::host_name_verification(endpoint.host));
    auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, nothrow);
    if (hec)
        fail(hec, "TLS handshake failed with", where);
    co_return co_await exchange(stream, message, where);
}

} // namespace dynaq::detail

#include "fault_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/crc.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>

namespace dynaq::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

std::string RecordedRequest::header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (std::equal(n.begin(), n.end(), name.begin(), name.end(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            }))
            return v;
    }
    return {};
}

std::string RecordedRequest::operation() const {
    const std::string target = header("x-amz-target");
    const auto dot = target.find('.');
    return dot == std::string::npos ? std::string() : target.substr(dot + 1);
}

Action Action::ok(std::string body) {
    return respond(200, std::move(body));
}

Action Action::respond(int status, std::string body, Crc crc) {
    Action a;
    a.status = status;
    a.body = std::move(body);
    a.crc = crc;
    return a;
}

Action Action::error(int status, std::string_view code, std::string_view message) {
    std::string body = R"({"__type":"com.amazonaws.dynamodb.v20120810#)";
    body += code;
    body += R"(","message":")";
    body += message;
    body += "\"}";
    return respond(status, std::move(body));
}

Action Action::respond_close(int status, std::string body) {
    Action a = respond(status, std::move(body));
    a.kind = Kind::respond_close;
    return a;
}

Action Action::close_mid_body(int status, std::string body) {
    Action a = respond(status, std::move(body));
    a.kind = Kind::close_mid_body;
    return a;
}

Action Action::reset() {
    Action a;
    a.kind = Kind::reset;
    return a;
}

Action Action::stall(std::chrono::milliseconds d, std::optional<Action> then) {
    Action a;
    a.kind = Kind::stall;
    a.stall_for = d;
    if (then)
        a.then = std::make_shared<const Action>(std::move(*then));
    return a;
}

Action Action::stall_mid_body(std::string body) {
    Action a = respond(200, std::move(body));
    a.kind = Kind::stall_mid_body;
    return a;
}

Action Action::trickle(std::string body, std::size_t pieces, std::chrono::milliseconds gap) {
    Action a = respond(200, std::move(body));
    a.kind = Kind::trickle;
    a.pieces = std::max<std::size_t>(pieces, 1);
    a.stall_for = gap;
    return a;
}

namespace {

std::string response_head(const Action& a, std::size_t request_index) {
    std::string out = "HTTP/1.1 " + std::to_string(a.status) + ' ';
    out += http::obsolete_reason(static_cast<http::status>(a.status));
    out += "\r\nContent-Type: application/x-amz-json-1.0\r\n";
    out += "x-amzn-RequestId: fault-" + std::to_string(request_index) + "\r\n";
    if (a.crc != Crc::omitted) {
        boost::crc_32_type crc;
        crc.process_bytes(a.body.data(), a.body.size());
        const auto value = crc.checksum() + (a.crc == Crc::wrong ? 1u : 0u);
        out += "x-amz-crc32: " + std::to_string(value) + "\r\n";
    }
    for (const auto& [n, v] : a.headers)
        out += n + ": " + v + "\r\n";
    if (a.kind == Action::Kind::respond_close)
        out += "Connection: close\r\n";
    out += "Content-Length: " + std::to_string(a.body.size()) + "\r\n\r\n";
    return out;
}

} // namespace

struct FaultServer::Impl {
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::optional<asio::ssl::context> tls;
    std::thread thread;
    std::uint16_t port = 0;

    mutable std::mutex mutex;
    std::shared_ptr<const Handler> handler;
    std::vector<RecordedRequest> requests;
    std::size_t accepted = 0;
    std::size_t open = 0;
    std::size_t max_open = 0;

    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(nothrow);
            if (ec)
                co_return;
            std::size_t number = 0;
            {
                std::lock_guard lock(mutex);
                number = ++accepted;
                max_open = std::max(max_open, ++open);
            }
            asio::co_spawn(ioc, session(std::move(socket), number), asio::detached);
        }
    }

    asio::awaitable<void> session(tcp::socket socket, std::size_t number) {
        socket.set_option(tcp::no_delay(true));
        if (tls) {
            asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls);
            auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, nothrow);
            if (!ec)
                co_await serve(stream, number);
            close(stream.next_layer(), false);
        } else {
            co_await serve(socket, number);
            close(socket, false);
        }
        std::lock_guard lock(mutex);
        --open;
    }

    static void close(tcp::socket& socket, bool reset) {
        error_code ignored;
        if (reset)
            socket.set_option(asio::socket_base::linger(true, 0), ignored);
        else
            socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
    }

    template <class Stream>
    static tcp::socket& lowest(Stream& s) {
        if constexpr (std::is_same_v<Stream, tcp::socket>)
            return s;
        else
            return s.next_layer();
    }

    RecordedRequest record(const http::request<http::string_body>& req, std::size_t conn) {
        RecordedRequest r;
        r.connection = conn;
        r.method = std::string(req.method_string());
        r.target = std::string(req.target());
        for (const auto& f : req)
            r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
        r.body = req.body();
        std::lock_guard lock(mutex);
        r.index = requests.size();
        requests.push_back(r);
        return r;
    }

    Action decide(const RecordedRequest& r) {
        std::shared_ptr<const Handler> h;
        {
            std::lock_guard lock(mutex);
            h = handler;
        }
        try {
            return (*h)(r);
        } catch (const std::exception& e) {
            return Action::error(500, "InternalServerError", e.what());
        }
    }

    // Returns false when the connection must end.
    template <class Stream>
    asio::awaitable<bool> perform(Stream& stream, boost::beast::flat_buffer& buffer,
                                  const Action& a, std::size_t index) {
        switch (a.kind) {
        case Action::Kind::respond:
        case Action::Kind::respond_close: {
            const std::string head = response_head(a, index);
            const std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(a.body)};
            auto [ec, n] = co_await asio::async_write(stream, bufs, nothrow);
            co_return !ec && a.kind == Action::Kind::respond;
        }
        case Action::Kind::close_mid_body: {
            const std::string head = response_head(a, index);
            const std::array<asio::const_buffer, 2> bufs{
                asio::buffer(head), asio::buffer(a.body.data(), a.body.size() / 2)};
            (void)co_await asio::async_write(stream, bufs, nothrow);
            co_return false;
        }
        case Action::Kind::stall_mid_body: {
            const std::string head = response_head(a, index);
            const std::array<asio::const_buffer, 2> bufs{
                asio::buffer(head), asio::buffer(a.body.data(), a.body.size() / 2)};
            auto [ec, n] = co_await asio::async_write(stream, bufs, nothrow);
            if (!ec)
                co_await wait_for_close(stream, buffer);
            co_return false;
        }
        case Action::Kind::trickle: {
            const std::string head = response_head(a, index);
            auto [ec, n] = co_await asio::async_write(stream, asio::buffer(head), nothrow);
            const std::size_t step = (a.body.size() + a.pieces - 1) / a.pieces;
            for (std::size_t at = 0; !ec && at < a.body.size(); at += step) {
                asio::steady_timer timer(ioc, a.stall_for);
                (void)co_await timer.async_wait(nothrow);
                const std::size_t len = std::min(step, a.body.size() - at);
                std::tie(ec, n) = co_await asio::async_write(
                    stream, asio::buffer(a.body.data() + at, len), nothrow);
            }
            co_return !ec;
        }
        case Action::Kind::reset:
            close(lowest(stream), true);
            co_return false;
        case Action::Kind::stall: {
            asio::steady_timer timer(ioc, a.stall_for);
            (void)co_await timer.async_wait(nothrow);
            if (a.then)
                co_return co_await perform(stream, buffer, *a.then, index);
            co_await wait_for_close(stream, buffer);
            co_return false;
        }
        }
        co_return false;
    }

    // Never answer: wait for the client to give up and close.
    template <class Stream>
    static asio::awaitable<void> wait_for_close(Stream& stream, boost::beast::flat_buffer& buffer) {
        for (;;) {
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), nothrow);
            if (ec)
                co_return;
            buffer.commit(n);
            buffer.consume(n);
        }
    }

    template <class Stream>
    asio::awaitable<void> serve(Stream& stream, std::size_t number) {
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow);
            if (ec)
                co_return;
            const RecordedRequest r = record(parser.get(), number);
            const Action a = decide(r);
            if (!co_await perform(stream, buffer, a, r.index))
                co_return;
        }
    }
};

FaultServer::FaultServer(Handler handler, std::optional<TlsIdentity> tls) :
    impl_(std::make_unique<Impl>()) {
    impl_->handler = std::make_shared<const Handler>(std::move(handler));
    if (tls) {
        auto& ctx = impl_->tls.emplace(asio::ssl::context::tls_server);
        ctx.use_certificate_chain(asio::buffer(tls->cert_pem));
        ctx.use_private_key(asio::buffer(tls->key_pem), asio::ssl::context::pem);
    }
    const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    impl_->port = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

FaultServer::~FaultServer() {
    impl_->ioc.stop();
    impl_->thread.join();
}

std::uint16_t FaultServer::port() const noexcept {
    return impl_->port;
}

std::string FaultServer::url() const {
    return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

void FaultServer::set_handler(Handler handler) {
    auto h = std::make_shared<const Handler>(std::move(handler));
    std::lock_guard lock(impl_->mutex);
    impl_->handler = std::move(h);
}

std::vector<RecordedRequest> FaultServer::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->requests;
}

std::size_t FaultServer::request_count() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->requests.size();
}

std::size_t FaultServer::connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->accepted;
}

std::size_t FaultServer::max_open_connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->max_open;
}

std::size_t FaultServer::open_connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->open;
}

} // namespace dynaq::test

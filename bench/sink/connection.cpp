#include "connection.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <cstring>
#include <string_view>

namespace dynaq::bench {

namespace asio = boost::asio;

namespace {

// Enough for any single-item request in one read; larger bodies grow the buffer.
constexpr std::size_t initial_buffer = 16 * 1024;
// A buffer grown beyond this by a large request is given back once that request is done, so
// a thousand idle connections do not each pin megabytes.
constexpr std::size_t max_kept_buffer = 256 * 1024;
// Reading into less than this would take more system calls than it saves copies.
constexpr std::size_t min_read_room = 4 * 1024;
// DynamoDB's own limits: request heads are small; BatchWriteItem bodies reach 16 MB.
constexpr std::size_t max_head = 64 * 1024;
constexpr std::size_t max_request = 32 * 1024 * 1024;
// What a closing connection reads and discards before closing anyway.
constexpr std::size_t max_drain = 1024 * 1024;

constexpr std::string_view continue_response = "HTTP/1.1 100 Continue\r\n\r\n";

} // namespace

Connection::Connection(tcp::socket socket, Worker& worker) :
    socket_(std::move(socket)), worker_(worker), in_(initial_buffer) {
    head_out_.reserve(512);
}

void Connection::start() {
    boost::system::error_code ignored;
    // The head and body go out in one gathered write, but the client's next request must
    // not wait for a delayed ACK either.
    socket_.set_option(tcp::no_delay(true), ignored);
    read();
}

void Connection::make_room(std::size_t need) {
    if (begin_ == end_) {
        begin_ = end_ = 0;
        if (in_.size() > max_kept_buffer)
            in_ = std::vector<char>(initial_buffer);
    } else if (begin_ > 0 && (in_.size() - end_ < min_read_room || begin_ + need > in_.size())) {
        std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (need > in_.size())
        in_.resize(need);
    else if (in_.size() - end_ < min_read_room && !head_)
        in_.resize(in_.size() * 2); // a head longer than the buffer: keep growing to max_head
}

void Connection::read(std::size_t need) {
    make_room(need);
    socket_.async_read_some(asio::buffer(in_.data() + end_, in_.size() - end_),
                            [self = shared_from_this()](const boost::system::error_code& ec,
                                                        std::size_t n) { self->on_read(ec, n); });
}

void Connection::on_read(const boost::system::error_code& ec, std::size_t n) {
    if (ec)
        return; // the peer closed or the server stops: dropping the last reference closes
    end_ += n;
    serve();
}

void Connection::serve() {
    const std::string_view data(in_.data() + begin_, end_ - begin_);
    if (!head_) {
        const std::size_t head_end = find_head_end(data, scanned_);
        if (head_end > max_head || (head_end == 0 && data.size() > max_head))
            return refuse(431);
        if (head_end == 0) {
            scanned_ = data.size();
            return read();
        }
        head_ = parse_request_head(data.substr(0, head_end));
        head_size_ = head_end;
        scanned_ = 0;
        if (head_->status == RequestHead::Status::bad_request)
            return refuse(400);
        if (head_->status == RequestHead::Status::length_required)
            return refuse(411);
        if (head_->content_length > max_request - head_size_)
            return refuse(413);
    }
    const std::size_t need = head_size_ + head_->content_length;
    if (data.size() < need) {
        if (head_->expect_continue && !continue_sent_)
            return send_continue(need);
        return read(need);
    }

    keep_alive_ = head_->keep_alive;
    const Reply reply = worker_.responder.respond(
        head_->operation, data.substr(head_size_, head_->content_length), body_out_);
    const ConnectionField field = !keep_alive_    ? ConnectionField::close
                                  : head_->http10 ? ConnectionField::keep_alive
                                                  : ConnectionField::omitted;
    begin_ += need;
    head_.reset();
    continue_sent_ = false;
    send(reply, field);
}

void Connection::send(const Reply& reply, ConnectionField connection) {
    worker_.heads.write(head_out_, reply.status, reply.body.size(), reply.crc32, connection);
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_out_),
                                                    asio::buffer(reply.body)};
    asio::async_write(socket_, buffers,
                      [self = shared_from_this()](const boost::system::error_code& ec,
                                                  std::size_t) { self->on_sent(ec); });
    worker_.count_served();
}

void Connection::on_sent(const boost::system::error_code& ec) {
    if (ec)
        return;
    if (!keep_alive_)
        return drain();
    serve(); // a pipelined request may already be buffered
}

void Connection::refuse(int status) {
    keep_alive_ = false;
    const CannedBodies& canned = worker_.responder.canned_bodies();
    send(Reply{status, canned.bad_http.text, canned.bad_http.crc32}, ConnectionField::close);
}

void Connection::send_continue(std::size_t need) {
    continue_sent_ = true;
    asio::async_write(
        socket_, asio::buffer(continue_response),
        [self = shared_from_this(), need](const boost::system::error_code& ec, std::size_t) {
            if (!ec)
                self->read(need);
        });
}

void Connection::drain() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    begin_ = end_ = 0;
    discard();
}

void Connection::discard() {
    socket_.async_read_some(
        asio::buffer(in_),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            self->drained_ += n;
            if (!ec && self->drained_ < max_drain)
                self->discard();
        });
}

} // namespace dynaq::bench

#pragma once
// One client connection of the null server: reads requests (HTTP/1.1, Content-Length bodies,
// keep-alive), answers each through the worker's Responder with a gathered write of head and
// body, and closes on "Connection: close" or a request it cannot serve. Requests that arrive
// pipelined are answered one after another, in order.
//
// Completion handlers rather than coroutines: the state is a handful of offsets, and a
// handler per read and write is the least work Asio can do per request.
#include "request_head.hpp"
#include "responder.hpp"
#include "response_head.hpp"
#include "worker.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dynaq::bench {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    using tcp = boost::asio::ip::tcp;

    Connection(tcp::socket socket, Worker& worker);

    /// Starts reading. Call on the worker's thread.
    void start();

private:
    /// Answers what the buffer holds, or reads more when it holds no complete request.
    void serve();
    /// Reads until at least `need` bytes from begin_ can be held (the head: any amount).
    void read(std::size_t need = 0);
    void on_read(const boost::system::error_code& ec, std::size_t n);
    /// Makes room for `need` bytes of request from begin_ and for a reasonable read.
    void make_room(std::size_t need);
    void send(const Reply& reply, ConnectionField connection);
    void on_sent(const boost::system::error_code& ec);
    /// Answers an unusable request with `status` and closes.
    void refuse(int status);
    void send_continue(std::size_t need);
    /// After a final response: stop sending, and read until the peer closes, so that bytes it
    /// already sent do not make our close a reset that could destroy the response in flight.
    void drain();
    void discard();

    tcp::socket socket_;
    Worker& worker_;

    std::vector<char> in_;
    std::size_t begin_ = 0;   ///< first byte of the request being served
    std::size_t end_ = 0;     ///< end of the bytes read
    std::size_t scanned_ = 0; ///< bytes from begin_ known not to hold the end of the head

    std::optional<RequestHead> head_; ///< the current request's head, once complete
    std::size_t head_size_ = 0;
    bool continue_sent_ = false;
    bool keep_alive_ = true;
    std::size_t drained_ = 0;

    std::string head_out_;
    std::string body_out_; ///< echoing replies are built here
};

} // namespace dynaq::bench

#include "null_server.hpp"

#include "connection.hpp"
#include "worker.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>

#include <cstdio>
#include <exception>
#include <optional>
#include <vector>

namespace dynaq::bench {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

unsigned thread_count(unsigned requested) {
    if (requested != 0)
        return requested;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores != 0 ? cores : 1;
}

std::vector<std::unique_ptr<Worker>> make_workers(const CannedBodies& canned, unsigned count) {
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned i = 0; i < count; ++i)
        workers.push_back(std::make_unique<Worker>(canned, i));
    return workers;
}

tcp::acceptor make_acceptor(asio::io_context& io, std::uint16_t port) {
    tcp::acceptor acceptor(io);
    const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    return acceptor;
}

// A handler that throws (out of memory, say) loses its connection, not the server.
void run(Worker& worker) {
    for (;;) {
        try {
            worker.io.run();
            return;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dynaq-null-server: %s\n", e.what());
        }
    }
}

} // namespace

struct NullServer::Impl {
    explicit Impl(const NullServerConfig& config) :
        canned(config.item_size, config.query_items, config.scan_items),
        workers(make_workers(canned, thread_count(config.threads))),
        thread_total(static_cast<unsigned>(workers.size())),
        acceptor(make_acceptor(workers.front()->io, config.port)),
        port(acceptor->local_endpoint().port()), accept_pause(std::in_place, workers.front()->io) {}

    // Runs on the first worker's thread. Connections go to the workers in turn: benchmark
    // clients open their connections up front, so round robin spreads them evenly.
    void accept() {
        Worker& target = *workers[next_worker];
        next_worker = (next_worker + 1) % workers.size();
        acceptor->async_accept(
            target.io, [this, &target](const boost::system::error_code& ec, tcp::socket socket) {
                if (ec == asio::error::operation_aborted)
                    return;
                if (ec)
                    return pause_accepting();
                auto connection = std::make_shared<Connection>(std::move(socket), target);
                // The socket belongs to the target's io_context: start it on that thread.
                asio::post(target.io, [connection] { connection->start(); });
                accept();
            });
    }

    // Out of file descriptors, most likely (more connections than RLIMIT_NOFILE): retrying at
    // once would spin a core, and that core is what the benchmark measures.
    void pause_accepting() {
        accept_pause->expires_after(std::chrono::milliseconds(10));
        accept_pause->async_wait([this](const boost::system::error_code& ec) {
            if (!ec)
                accept();
        });
    }

    void start() {
        accept();
        for (auto& worker : workers)
            worker->thread = std::thread([w = worker.get()] { run(*w); });
    }

    std::uint64_t served() const noexcept {
        std::uint64_t total = served_before_stop;
        for (const auto& worker : workers)
            total += worker->served.load(std::memory_order_relaxed);
        return total;
    }

    void stop() {
        if (workers.empty())
            return;
        for (auto& worker : workers) {
            worker->keep_running.reset();
            worker->io.stop();
        }
        for (auto& worker : workers)
            worker->thread.join();
        // No thread runs the io_contexts any more: closing and destroying from here is safe.
        // Destroying a worker's io_context destroys the handlers that own its connections.
        acceptor.reset();
        accept_pause.reset();
        served_before_stop = served();
        workers.clear();
    }

    CannedBodies canned;
    std::vector<std::unique_ptr<Worker>> workers; ///< empty once stopped
    unsigned thread_total;
    // Both use the first worker's io_context: optional, to be destroyed before it.
    std::optional<tcp::acceptor> acceptor;
    std::uint16_t port;
    std::optional<asio::steady_timer> accept_pause; ///< after a failed accept
    std::size_t next_worker = 0;                    ///< the acceptor's handler only
    std::uint64_t served_before_stop = 0;
};

NullServer::NullServer(NullServerConfig config) : impl_(std::make_unique<Impl>(config)) {
    impl_->start();
}

NullServer::~NullServer() {
    stop();
}

std::uint16_t NullServer::port() const noexcept {
    return impl_->port;
}

std::string NullServer::url() const {
    return "http://127.0.0.1:" + std::to_string(impl_->port);
}

unsigned NullServer::threads() const noexcept {
    return impl_->thread_total;
}

std::uint64_t NullServer::requests_served() const noexcept {
    return impl_->served();
}

void NullServer::stop() {
    impl_->stop();
}

} // namespace dynaq::bench

#pragma once
// A DynamoDB that does nothing, fast: it answers every call on loopback with a canned, valid
// response chosen by X-Amz-Target (correct x-amz-crc32 included), on several threads, so that
// a benchmark against it measures the client rather than the server.
//
//   dynaq::bench::NullServer sink({.threads = 1});
//   cfg.endpoint = sink.url(); // "http://127.0.0.1:40123"
//
// It listens from construction on and serves on its own threads, so the client under test
// can run in the same process, on threads of its own.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace dynaq::bench {

struct NullServerConfig {
    /// 0: an ephemeral port (see NullServer::port). The address is always 127.0.0.1.
    std::uint16_t port = 0;
    /// Server threads; 0: std::thread::hardware_concurrency().
    unsigned threads = 0;
    /// Approximate size of each item's JSON in GetItem, BatchGetItem, Query and Scan answers.
    std::size_t item_size = 1024;
    /// Items in the one partition a Query reads: a Query (and a Scan, unless `scan_items` is
    /// set) returns them on one page, or `Limit` of them per page with LastEvaluatedKey.
    std::size_t query_items = 100;
    /// 0: Scan answers like Query. N: Scan goes through a table of N items in pages of
    /// `query_items` (or Limit), resuming after ExclusiveStartKey, each parallel-scan
    /// segment over its own share, so a client can scan a big table that is not there.
    std::size_t scan_items = 0;
};

class NullServer {
public:
    using Config = NullServerConfig;

    /// Binds, listens and starts the threads. Throws boost::system::system_error when the
    /// port cannot be bound.
    explicit NullServer(NullServerConfig config = {});
    /// stop()s.
    ~NullServer();
    NullServer(const NullServer&) = delete;
    NullServer& operator=(const NullServer&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept;
    /// "http://127.0.0.1:<port>", for ClientConfig::endpoint.
    [[nodiscard]] std::string url() const;
    [[nodiscard]] unsigned threads() const noexcept;
    /// Responses sent so far, error responses included.
    [[nodiscard]] std::uint64_t requests_served() const noexcept;

    /// Closes the listener and every connection and joins the threads. Idempotent; not to be
    /// called from a server thread (there are none a user can run code on anyway).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq::bench

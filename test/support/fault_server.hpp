#pragma once
// An HTTP/1.1 server for tests that misbehaves on request. It listens on 127.0.0.1 with an
// ephemeral port and runs its own io_context on its own thread, so a test can drive a client
// from any other io_context. Every request is recorded, then handed to the test's handler,
// whose Action says what to do: answer (with a correct, wrong or missing x-amz-crc32), answer
// and close, close half-way through the body, reset, or stall.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynaq::test {

struct RecordedRequest {
    std::size_t index = 0;      ///< 0-based, in arrival order over the server's life
    std::size_t connection = 0; ///< 1-based, in accept order
    std::string method;
    std::string target; ///< request target, "/"
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// First header of that name (case-insensitive); empty when absent.
    [[nodiscard]] std::string header(std::string_view name) const;
    /// The operation from X-Amz-Target ("GetItem"), empty when absent.
    [[nodiscard]] std::string operation() const;
};

enum class Crc { correct, wrong, omitted };

struct Action {
    enum class Kind {
        respond,        ///< answer, keep the connection open
        respond_close,  ///< answer with "Connection: close", then close
        close_mid_body, ///< send the header and half the body, then close
        reset,          ///< close with RST, without answering
        stall,          ///< wait `stall_for`, then do `then` (or never answer when null)
        stall_mid_body, ///< send the header and half the body, then never send another byte
        trickle,        ///< send the header, then the body in `pieces`, `stall_for` apart
    };

    Kind kind = Kind::respond;
    int status = 200;
    std::string body = "{}";
    std::vector<std::pair<std::string, std::string>> headers;
    Crc crc = Crc::correct;
    std::chrono::milliseconds stall_for{0};
    std::shared_ptr<const Action> then;
    std::size_t pieces = 1; ///< trickle

    /// 200 with `body`.
    [[nodiscard]] static Action ok(std::string body = "{}");
    [[nodiscard]] static Action respond(int status, std::string body, Crc crc = Crc::correct);
    /// A DynamoDB error document for `code` ("ValidationException").
    [[nodiscard]] static Action error(int status, std::string_view code,
                                      std::string_view message = "injected");
    [[nodiscard]] static Action respond_close(int status = 200, std::string body = "{}");
    [[nodiscard]] static Action close_mid_body(int status = 200,
                                               std::string body = R"({"Item":{"pk":{"S":"x"}}})");
    [[nodiscard]] static Action reset();
    /// Stall, then `then`; without `then` the server never answers (it waits for the client
    /// to close).
    [[nodiscard]] static Action stall(std::chrono::milliseconds d,
                                      std::optional<Action> then = std::nullopt);
    /// A 200 whose body stops half-way, the connection left open and silent.
    [[nodiscard]] static Action stall_mid_body(std::string body = R"({"Item":{"pk":{"S":"x"}}})");
    /// A 200 with `body` sent in `pieces` writes, `gap` apart (a page that keeps streaming).
    [[nodiscard]] static Action trickle(std::string body, std::size_t pieces,
                                        std::chrono::milliseconds gap);

    Action& with_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

using Handler = std::function<Action(const RecordedRequest&)>;

/// The server's certificate chain and key, PEM (see test_certs.hpp).
struct TlsIdentity {
    std::string cert_pem;
    std::string key_pem;
};

class FaultServer {
public:
    /// Starts listening at once. `handler` runs on the server's thread.
    explicit FaultServer(Handler handler, std::optional<TlsIdentity> tls = std::nullopt);
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept;
    /// "http://127.0.0.1:<port>" (https in TLS mode).
    [[nodiscard]] std::string url() const;
    void set_handler(Handler handler);

    [[nodiscard]] std::vector<RecordedRequest> requests() const;
    [[nodiscard]] std::size_t request_count() const;
    /// Connections accepted so far.
    [[nodiscard]] std::size_t connections() const;
    /// Highest number of connections open at the same time.
    [[nodiscard]] std::size_t max_open_connections() const;
    /// Connections open now (as the server sees them).
    [[nodiscard]] std::size_t open_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace dynaq::test

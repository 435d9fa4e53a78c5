#pragma once
// HTTP proxies, without sockets: which proxy (if any) a target goes through, the proxy URL
// with its credentials, and the CONNECT handshake as bytes in and a decision out. The
// transport does the I/O; everything deciding is here and unit-tested on strings.
#include <dynaq/config.hpp>
#include <dynaq/endpoint.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

struct ProxyUrl {
    std::string host; ///< lower-cased; an IPv6 literal without brackets
    std::uint16_t port = 1080;
    std::string user;     ///< percent-decoded
    std::string password; ///< percent-decoded; never printed

    /// The proxy as an endpoint to resolve and connect to (plain TCP).
    [[nodiscard]] Endpoint endpoint() const;
    /// "http://host:port", or "http://user:***@host:port": safe for messages and logs.
    [[nodiscard]] std::string display() const;
    /// "Basic <base64(user:password)>", or empty without a user.
    [[nodiscard]] std::string authorization() const;
};

/// Parses "[http://][user[:password]@]host[:port][/]". Throws ConfigError naming `source`
/// (the setting) for anything else (another scheme, a path, a bad port); the message never
/// contains the password.
[[nodiscard]] ProxyUrl parse_proxy_url(std::string_view url, std::string_view source);

/// True when `no_proxy` (curl's NO_PROXY syntax, see ProxyConfig) says `target` is reached
/// directly.
[[nodiscard]] bool bypasses_proxy(std::string_view no_proxy, const Endpoint& target);

/// The proxy `target` goes through under `config`: https_proxy for TLS endpoints, http_proxy
/// for plain ones, none when NO_PROXY matches or nothing is set. Throws ConfigError for a
/// malformed proxy URL.
[[nodiscard]] std::optional<ProxyUrl> proxy_for(const ProxyConfig& config, const Endpoint& target);

/// The CONNECT request that opens a tunnel to `target`.
[[nodiscard]] std::string connect_request(const Endpoint& target, const ProxyUrl& proxy);

/// Reads the proxy's answer to CONNECT from the bytes as they arrive.
class ConnectResponse {
public:
    enum class State {
        need_more,   ///< the header is not complete yet
        established, ///< 2xx: the tunnel is open
        refused,     ///< any other status; status_line() says which
        malformed,   ///< not an HTTP/1.x response, too long, or bytes after the header
    };

    /// Adds `bytes` and says where the handshake stands. Call again only on need_more.
    State feed(std::string_view bytes);

    [[nodiscard]] State state() const noexcept { return state_; }
    /// "HTTP/1.1 407 Proxy Authentication Required" (printable characters only).
    [[nodiscard]] const std::string& status_line() const noexcept { return status_line_; }
    [[nodiscard]] int status() const noexcept { return status_; }

    /// A header longer than this is not a proxy answering CONNECT.
    static constexpr std::size_t max_header = 16 * 1024;

private:
    State state_ = State::need_more;
    std::string header_;
    std::string status_line_;
    int status_ = 0;
};

} // namespace dynaq::detail

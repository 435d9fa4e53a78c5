#pragma once
// Where requests go: scheme, host and port, parsed once from a URL.
#include <cstdint>
#include <string>
#include <string_view>

namespace dynaq {

struct Endpoint {
    bool tls = true;  ///< https (true) or http (false)
    std::string host; ///< lower-cased name or IP address; an IPv6 literal without brackets
    std::uint16_t port = 443;

    /// Parses "http://host[:port][/]" or "https://host[:port][/]". The host may be an IPv6
    /// literal in brackets ("http://[::1]:8000"). The port defaults to 80 / 443. Anything
    /// else (a path, query, user info, another scheme, a bad port) throws ConfigError.
    [[nodiscard]] static Endpoint parse(std::string_view url);

    /// The public endpoint of a region: https://dynamodb.<region>.amazonaws.com
    /// (".amazonaws.com.cn" for the China regions). Throws ConfigError for an empty or
    /// malformed region name.
    [[nodiscard]] static Endpoint for_region(std::string_view region);

    [[nodiscard]] bool is_ipv6_literal() const noexcept;
    /// localhost, 127.0.0.0/8 or ::1: a server on this machine (dynalite, moto, DynamoDB Local).
    [[nodiscard]] bool is_loopback() const noexcept;
    [[nodiscard]] bool has_default_port() const noexcept { return port == (tls ? 443 : 80); }

    /// The Host header: host, plus ":port" unless the port is the scheme's default
    /// (browsers, curl and the SigV4 test suite all omit it, and the signature covers it).
    [[nodiscard]] std::string host_header() const;

    /// "https://host:port", always with the port (for messages).
    [[nodiscard]] std::string url() const;

    friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

} // namespace dynaq

#include "proxy.hpp"

#include "ascii.hpp"

#include "codec/base64.hpp"
#include <dynaq/error.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

namespace dynaq::detail {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The message of a bad proxy URL shows it with the password masked.
std::string masked(std::string_view url) {
    const auto at = url.rfind('@');
    if (at == std::string_view::npos)
        return std::string(url);
    const auto scheme = url.find("://");
    const std::size_t user_start = scheme == std::string_view::npos ? 0 : scheme + 3;
    const std::string_view userinfo = url.substr(user_start, at - user_start);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos)
        return std::string(url);
    return std::string(url.substr(0, user_start)) + std::string(userinfo.substr(0, colon)) +
           ":***" + std::string(url.substr(at));
}

[[noreturn]] void bad_proxy(std::string_view url, std::string_view source, std::string_view why) {
    throw ConfigError("invalid proxy URL '" + masked(url) + "' (from " + std::string(source) +
                      "): " + std::string(why));
}

std::string percent_decode(std::string_view s, std::string_view url, std::string_view source) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        const int hi = i + 2 < s.size() ? hex_digit(s[i + 1]) : -1;
        const int lo = i + 2 < s.size() ? hex_digit(s[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            bad_proxy(url, source, "a '%' in the user info is not followed by two hex digits");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value == 0 ||
        value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

// "host:port" with IPv6 literals bracketed, as Endpoint::url() writes it after the scheme.
std::string authority_of(const Endpoint& ep) {
    const std::string url = ep.url();
    return url.substr(url.find("://") + 3);
}

// An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into ::ffff:0:0/96), for CIDR matching.
struct Address {
    std::array<unsigned char, 16> bytes{};
    bool v4 = false;
};

std::optional<Address> parse_address(std::string_view text) {
    const std::string z(text);
    Address a;
    in_addr v4{};
    if (inet_pton(AF_INET, z.c_str(), &v4) == 1) {
        a.v4 = true;
        a.bytes[10] = a.bytes[11] = 0xff;
        std::memcpy(a.bytes.data() + 12, &v4, 4);
        return a;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, z.c_str(), &v6) == 1) {
        std::memcpy(a.bytes.data(), &v6, 16);
        return a;
    }
    return std::nullopt;
}

bool in_prefix(const Address& net, const Address& host, unsigned bits) {
    for (unsigned i = 0; i < 16 && bits > 0; ++i) {
        const unsigned take = std::min(bits, 8u);
        const auto mask = static_cast<unsigned char>(0xff << (8 - take));
        if ((net.bytes[i] & mask) != (host.bytes[i] & mask))
            return false;
        bits -= take;
    }
    return true;
}

// One NO_PROXY entry (already trimmed, lower-cased, port split off) against the host.
bool entry_matches(std::string_view entry, const std::string& host) {
    if (entry == "*")
        return true;
    if (const auto slash = entry.find('/'); slash != std::string_view::npos) {
        const auto net = parse_address(entry.substr(0, slash));
        const auto target = parse_address(host);
        unsigned bits = 0;
        const std::string_view len = entry.substr(slash + 1);
        const auto [ptr, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
        if (!net || !target || net->v4 != target->v4 || ec != std::errc() ||
            ptr != len.data() + len.size() || bits > (net->v4 ? 32u : 128u))
            return false;
        return in_prefix(*net, *target, net->v4 ? bits + 96 : bits);
    }
    if (const auto a = parse_address(entry)) {
        const auto target = parse_address(host);
        return target && target->bytes == a->bytes;
    }
    if (entry.starts_with('.'))
        entry.remove_prefix(1);
    if (entry.empty())
        return false;
    // The name itself or a subdomain of it: "example.com" matches "db.example.com", not
    // "badexample.com".
    return host == entry || (host.size() > entry.size() && host.ends_with(entry) &&
                             host[host.size() - entry.size() - 1] == '.');
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

Endpoint ProxyUrl::endpoint() const {
    Endpoint ep;
    ep.tls = false;
    ep.host = host;
    ep.port = port;
    return ep;
}

std::string ProxyUrl::display() const {
    std::string out = "http://";
    if (!user.empty()) {
        out += user;
        out += ":***@";
    }
    out += authority_of(endpoint());
    return out;
}

std::string ProxyUrl::authorization() const {
    if (user.empty())
        return {};
    return "Basic " + base64_encode(user + ':' + password);
}

ProxyUrl parse_proxy_url(std::string_view url, std::string_view source) {
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        const std::string name = to_ascii_lower(rest.substr(0, scheme));
        if (name == "https")
            bad_proxy(url, source, "HTTPS proxies are not supported; use http://");
        if (name != "http")
            bad_proxy(url, source, "the scheme must be http:// (" + name + " is not supported)");
        rest.remove_prefix(scheme + 3);
    }
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    if (rest.find_first_of("/?#") != std::string_view::npos)
        bad_proxy(url, source, "a path, query or fragment is not allowed");
    ProxyUrl proxy;
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const auto colon = userinfo.find(':');
        proxy.user = percent_decode(userinfo.substr(0, colon), url, source);
        if (colon != std::string_view::npos)
            proxy.password = percent_decode(userinfo.substr(colon + 1), url, source);
        if (proxy.user.empty())
            bad_proxy(url, source, "the user name is empty");
        rest.remove_prefix(at + 1);
    }
    // host[:port] is the endpoint parser's job; only the default port differs (curl's 1080).
    const auto close = rest.rfind(']');
    const auto colon = rest.rfind(':');
    const bool has_port =
        colon != std::string_view::npos && (close == std::string_view::npos || colon > close);
    try {
        const Endpoint ep =
            Endpoint::parse("http://" + std::string(rest) + (has_port ? "" : ":1080"));
        proxy.host = ep.host;
        proxy.port = ep.port;
    } catch (const ConfigError& e) {
        bad_proxy(url, source, std::string("the host or port is not valid (") + e.what() + ')');
    }
    return proxy;
}

bool bypasses_proxy(std::string_view no_proxy, const Endpoint& target) {
    while (!no_proxy.empty()) {
        const auto comma = no_proxy.find(',');
        std::string entry = to_ascii_lower(trim(no_proxy.substr(0, comma)));
        no_proxy =
            comma == std::string_view::npos ? std::string_view() : no_proxy.substr(comma + 1);
        if (entry.empty())
            continue;
        // "host:port", "[v6]:port", "1.2.3.4:port": the port must match as well. A bare IPv6
        // literal has colons of its own and no port.
        std::optional<std::uint16_t> port;
        if (entry.front() == '[') {
            const auto close = entry.find(']');
            if (close == std::string::npos)
                continue;
            if (close + 1 < entry.size() && entry[close + 1] == ':')
                port = parse_port(std::string_view(entry).substr(close + 2));
            entry = entry.substr(1, close - 1);
        } else if (std::ranges::count(entry, ':') == 1) {
            const auto colon = entry.find(':');
            port = parse_port(std::string_view(entry).substr(colon + 1));
            if (!port)
                continue;
            entry.resize(colon);
        }
        if (port && *port != target.port)
            continue;
        if (entry_matches(entry, target.host))
            return true;
    }
    return false;
}

std::optional<ProxyUrl> proxy_for(const ProxyConfig& config, const Endpoint& target) {
    const std::string& url = target.tls ? config.https_proxy : config.http_proxy;
    if (url.empty())
        return std::nullopt;
    ProxyUrl proxy = parse_proxy_url(url, target.tls ? "proxy.https_proxy" : "proxy.http_proxy");
    if (bypasses_proxy(config.no_proxy, target))
        return std::nullopt;
    return proxy;
}

std::string connect_request(const Endpoint& target, const ProxyUrl& proxy) {
    const std::string authority = authority_of(target);
    std::string out = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (const std::string auth = proxy.authorization(); !auth.empty())
        out += "Proxy-Authorization: " + auth + "\r\n";
    out += "\r\n";
    return out;
}

ConnectResponse::State ConnectResponse::feed(std::string_view bytes) {
    if (state_ != State::need_more)
        return state_;
    const std::size_t searched_from = header_.size() < 3 ? 0 : header_.size() - 3;
    header_.append(bytes);
    const auto end = header_.find("\r\n\r\n", searched_from);
    if (end == std::string::npos) {
        if (header_.size() > max_header)
            state_ = State::malformed;
        return state_;
    }
    if (end > max_header)
        return state_ = State::malformed;
    const std::string_view line = std::string_view(header_).substr(0, header_.find("\r\n"));
    // "HTTP/1.x SSS[ reason]"
    if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ' ||
        (line.size() > 12 && line[12] != ' '))
        return state_ = State::malformed;
    const auto [ptr, ec] = std::from_chars(line.data() + 9, line.data() + 12, status_);
    if (ec != std::errc() || ptr != line.data() + 12 || status_ < 100)
        return state_ = State::malformed;
    status_line_.reserve(line.size());
    for (const char c : line)
        status_line_ += c >= 0x20 && c < 0x7f ? c : '?';
    if (status_ < 200 || status_ > 299)
        return state_ = State::refused; // what follows is the refusal's body: not read
    // The client speaks first in TLS, so a proxy sending anything after its header is not a
    // tunnel we can trust.
    return state_ = end + 4 == header_.size() ? State::established : State::malformed;
}

} // namespace dynaq::detail

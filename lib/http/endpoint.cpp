#include "partitions.hpp"

#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dynaq {

namespace {

[[noreturn]] void bad_url(std::string_view url, std::string_view why) {
    std::string msg = "invalid endpoint URL '";
    msg += url;
    msg += "': ";
    msg += why;
    throw ConfigError(msg);
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(b)) == a;
           });
}

bool is_host_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// IPv6 literals need their brackets back wherever a port may follow.
void append_host(std::string& out, const Endpoint& ep) {
    if (ep.is_ipv6_literal()) {
        out += '[';
        out += ep.host;
        out += ']';
    } else {
        out += ep.host;
    }
}

} // namespace

Endpoint Endpoint::parse(std::string_view url) {
    Endpoint ep;
    std::string_view rest;
    if (starts_with_nocase(url, "https://")) {
        ep.tls = true;
        rest = url.substr(8);
    } else if (starts_with_nocase(url, "http://")) {
        ep.tls = false;
        rest = url.substr(7);
    } else {
        bad_url(url, "the scheme must be http:// or https://");
    }

    const auto authority_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority_end != std::string_view::npos && rest.substr(authority_end) != "/")
        bad_url(url, "a path, query or fragment is not allowed (DynamoDB is served at '/')");
    if (authority.find('@') != std::string_view::npos)
        bad_url(url, "user info is not allowed");

    std::string_view host;
    std::string_view port_text;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            bad_url(url, "unterminated IPv6 literal");
        host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                bad_url(url, "unexpected text after the IPv6 literal");
            has_port = true;
            port_text = after.substr(1);
        }
        in6_addr addr{};
        const std::string host_z(host);
        if (inet_pton(AF_INET6, host_z.c_str(), &addr) != 1)
            bad_url(url, "invalid IPv6 literal");
    } else {
        const auto colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            has_port = true;
            port_text = authority.substr(colon + 1);
        }
        if (host.empty())
            bad_url(url, "the host is empty");
        if (!std::all_of(host.begin(), host.end(), is_host_char))
            bad_url(url, "the host contains invalid characters");
    }
    ep.host = lower(host);

    if (has_port) {
        unsigned value = 0;
        const auto* first = port_text.data();
        const auto* last = first + port_text.size();
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (port_text.empty() || ec != std::errc() || ptr != last || value == 0 || value > 65535)
            bad_url(url, "the port must be a number from 1 to 65535");
        ep.port = static_cast<std::uint16_t>(value);
    } else {
        ep.port = ep.tls ? 443 : 80;
    }
    return ep;
}

Endpoint Endpoint::for_region(std::string_view region) {
    const bool valid = !region.empty() && std::all_of(region.begin(), region.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!valid)
        throw ConfigError("invalid region '" + std::string(region) +
                          "': expected a name such as us-east-1");
    Endpoint ep;
    ep.host = "dynamodb.";
    ep.host += region;
    ep.host += '.';
    ep.host += detail::partition_of(region).dns_suffix;
    return ep;
}

bool Endpoint::is_ipv6_literal() const noexcept {
    return host.find(':') != std::string::npos;
}

bool Endpoint::is_loopback() const noexcept {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::string Endpoint::host_header() const {
    std::string out;
    out.reserve(host.size() + 8);
    append_host(out, *this);
    if (!has_default_port()) {
        out += ':';
        out += std::to_string(port);
    }
    return out;
}

std::string Endpoint::url() const {
    std::string out = tls ? "https://" : "http://";
    append_host(out, *this);
    out += ':';
    out += std::to_string(port);
    return out;
}

} // namespace dynaq

#pragma once
// What an integration test needs to know about the DynamoDB implementation it talks to.
// tools/test starts moto_server or dynalite on a free loopback port and runs every
// integration binary with
//   DYNAQ_TEST_ENDPOINT=http://127.0.0.1:PORT
//   DYNAQ_TEST_SERVER=moto|dynalite
// Without them the helpers below throw, and env_guard.cpp (linked into every integration
// binary) refuses to start the run: a binary started by hand must fail, not pass with
// nothing tested.
//
// Both servers start empty and live for one tools/test run, shared by every integration
// binary in turn: tables are named per process (unique_table_name) so binaries never see
// each other's data, and nothing needs cleaning up afterwards.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include <unistd.h>

namespace dynaq::test {

enum class server_type { moto, dynalite };

namespace detail {

inline std::string require_env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(std::string(name) +
                                 " is not set: integration tests need a running DynamoDB "
                                 "implementation; run them with tools/test");
    }
    return value;
}

inline bool valid_table_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

} // namespace detail

/// The parts of an endpoint URL, for tests that open a raw connection.
struct endpoint_parts {
    std::string scheme; ///< "http" or "https"
    std::string host;
    std::string port; ///< always set: the scheme's default when the URL has none
};

/// Splits "http://host[:port][/]"; throws std::invalid_argument on anything else, because a
/// mistyped DYNAQ_TEST_ENDPOINT should stop the run, not send requests somewhere odd.
inline endpoint_parts parse_endpoint(std::string_view url) {
    endpoint_parts parts;
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        throw std::invalid_argument("endpoint without a scheme: " + std::string(url));
    }
    parts.scheme = std::string(url.substr(0, scheme_end));
    if (parts.scheme != "http" && parts.scheme != "https") {
        throw std::invalid_argument("endpoint scheme is not http(s): " + std::string(url));
    }
    auto rest = url.substr(scheme_end + 3);
    if (!rest.empty() && rest.back() == '/') {
        rest.remove_suffix(1);
    }
    if (rest.find('/') != std::string_view::npos) {
        throw std::invalid_argument("endpoint with a path: " + std::string(url));
    }
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
        parts.host = std::string(rest);
        parts.port = parts.scheme == "http" ? "80" : "443";
    } else {
        parts.host = std::string(rest.substr(0, colon));
        parts.port = std::string(rest.substr(colon + 1));
    }
    const bool digits_only = !parts.port.empty() && parts.port.size() <= 5 &&
                             parts.port.find_first_not_of("0123456789") == std::string::npos;
    if (parts.host.empty() || !digits_only || std::stoul(parts.port) == 0 ||
        std::stoul(parts.port) > 65535) {
        throw std::invalid_argument("endpoint needs a host and a port in 1..65535: " +
                                    std::string(url));
    }
    return parts;
}

/// The endpoint to give the client, e.g. "http://127.0.0.1:40123". Validated on each call.
inline std::string test_endpoint() {
    auto url = detail::require_env("DYNAQ_TEST_ENDPOINT");
    (void)parse_endpoint(url);
    return url;
}

/// Which implementation is behind test_endpoint().
inline server_type server_kind() {
    const auto name = detail::require_env("DYNAQ_TEST_SERVER");
    if (name == "moto") {
        return server_type::moto;
    }
    if (name == "dynalite") {
        return server_type::dynalite;
    }
    throw std::runtime_error("DYNAQ_TEST_SERVER must be moto or dynalite, not '" + name + "'");
}

inline std::string_view server_name() {
    return server_kind() == server_type::moto ? "moto" : "dynalite";
}

/// moto implements TransactWriteItems/TransactGetItems; dynalite answers them with
/// UnknownOperationException, so transaction tests must ask before they expect success.
inline bool server_has_transactions() {
    return server_kind() == server_type::moto;
}

/// "dq-<pid>-<random>": fixed for the life of the process. The random part keeps a reused
/// PID from colliding with tables an earlier binary left on the same server.
inline const std::string& table_prefix() {
    static const std::string prefix = [] {
        std::random_device entropy;
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "dq-%ld-%08x", static_cast<long>(::getpid()),
                      static_cast<unsigned>(entropy()));
        return std::string(buffer);
    }();
    return prefix;
}

/// A table name no other call, and no other process, has used: "<prefix>-<stem>-<n>".
/// The stem says which test made the table when one is left behind. Names always satisfy
/// DynamoDB's rules (3..255 characters of [A-Za-z0-9_.-]); a stem that would break them
/// throws std::invalid_argument.
inline std::string unique_table_name(std::string_view stem = "t") {
    static std::atomic<std::uint64_t> counter{0};
    if (stem.empty()) {
        throw std::invalid_argument("unique_table_name: empty stem");
    }
    for (const char c : stem) {
        if (!detail::valid_table_char(c)) {
            throw std::invalid_argument("unique_table_name: '" + std::string(stem) +
                                        "' has characters DynamoDB rejects in table names");
        }
    }
    auto name = table_prefix() + '-' + std::string(stem) + '-' + std::to_string(++counter);
    if (name.size() > 255) {
        throw std::invalid_argument("unique_table_name: stem too long for a table name");
    }
    return name;
}

} // namespace dynaq::test

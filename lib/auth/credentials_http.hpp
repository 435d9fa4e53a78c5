#pragma once
// The HTTP the credential sources speak: one request per connection to instance metadata,
// a container agent, STS, SSO. Not the DynamoDB transport (no pool, no retries of its own),
// since these calls are rare and must stay independent of the client's connections.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynaq::detail {

struct CredentialsHttpRequest {
    std::string method = "GET";
    std::string url; ///< "http://169.254.169.254/latest/api/token", with path and query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Resolve, connect, TLS handshake, exchange: all of it.
    std::chrono::milliseconds timeout{1'000};
};

struct CredentialsHttpResponse {
    int status = 0;
    std::string body;
};

/// Splits "scheme://authority/path?query" into the endpoint URL "scheme://authority" and the
/// target "/path?query" ("/" when empty). Throws ConfigError naming `what` for anything that
/// is not an http(s) URL.
[[nodiscard]] std::pair<std::string, std::string> split_url(std::string_view url,
                                                            std::string_view what);

/// Sends the request and reads the whole response. `tls` is needed for https URLs only. Both
/// must outlive the call (pass named objects: see the note on co_await in the README).
/// Throws TimeoutError past the timeout, TransportError for any other network failure,
/// naming the URL (without its query, which may carry a token).
[[nodiscard]] boost::asio::awaitable<CredentialsHttpResponse>
send_credentials_request(const CredentialsHttpRequest& request,
                         const std::shared_ptr<boost::asio::ssl::context>& tls);

/// A TLS context for the credential services: the system trust store, peer verification.
[[nodiscard]] std::shared_ptr<boost::asio::ssl::context> credentials_tls_context();

} // namespace dynaq::detail

#pragma once
// The client TLS context built from TlsConfig.
#include <dynaq/config.hpp>

#include <boost/asio/ssl/context.hpp>

namespace dynaq::detail {

/// TLS 1.2 or later; peer verification on unless `insecure_skip_verify`; trust the system
/// store, or only `ca_file` when set; the client certificate when set. Throws ConfigError
/// for a file that cannot be read or used, naming it and the setting it came from.
[[nodiscard]] boost::asio::ssl::context make_tls_context(const TlsConfig& config);

} // namespace dynaq::detail

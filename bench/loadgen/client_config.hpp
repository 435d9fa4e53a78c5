#pragma once
// The dynaq ClientConfig for a benchmark run.
#include "options.hpp"

#include <dynaq/config.hpp>

#include <string>

namespace dynaq_bench {

/// From the environment (ClientConfig::from_env: region, endpoint, the credentials chain), with
/// --region and --endpoint taking precedence. A loopback endpoint (127.x, localhost, ::1) is a
/// local server that checks neither region nor signature: it gets us-east-1 when no region is
/// configured, and dummy static credentials unless AWS_ACCESS_KEY_ID is set (a local ScyllaDB
/// Alternator with authorization enabled needs real ones). The pool holds pool_size()
/// connections; max_attempts sets the retry policy. Throws dynaq::ConfigError.
[[nodiscard]] dynaq::ClientConfig make_client_config(const BenchConfig& config);

/// Whether `url` names this machine (throws dynaq::ConfigError for a malformed URL).
[[nodiscard]] bool is_loopback(const std::string& url);

} // namespace dynaq_bench

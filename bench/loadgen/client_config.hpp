#pragma once
// The dynaq ClientConfig for a benchmark run.
#include "options.hpp"

#include <dynaq/config.hpp>

namespace dynaq_bench {

/// ClientConfig::from_env with --endpoint and --region as overrides (a loopback endpoint needs
/// no region or keys; a local ScyllaDB Alternator with authorization takes AWS_ACCESS_KEY_ID).
/// The pool holds pool_size() connections; max_attempts sets the retry policy. Throws
/// dynaq::ConfigError.
[[nodiscard]] dynaq::ClientConfig make_client_config(const BenchConfig& config);

} // namespace dynaq_bench

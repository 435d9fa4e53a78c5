#pragma once
// The run itself: `concurrency` workers (worker.hpp) on one io_context run by `threads`
// threads, all sharing one Client; each thread records into its own ThreadStats, merged at the
// end. Also the signals (Ctrl-C ends the run early, with a summary) and the progress line.
#include "options.hpp"
#include "stats.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/io_context.hpp>

namespace dynaq_bench {

/// Runs the workload until the request count or the duration is reached, or SIGINT/SIGTERM
/// (the first one stops the workers after their current request, a second one exits at once).
/// `io` must have no other work; `client` must use it. Shows the progress line when
/// config.progress is set and stderr is a terminal.
[[nodiscard]] RunResult run_workload(boost::asio::io_context& io, dynaq::Client& client,
                                     const BenchConfig& config);

} // namespace dynaq_bench

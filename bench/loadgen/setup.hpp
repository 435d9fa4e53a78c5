#pragma once
// Before the run: make sure the table is there and has the benchmark's key schema, create it
// (--create-table) and fill it (--prepare) when asked.
#include "options.hpp"

#include <dynaq/client.hpp>

#include <boost/asio/io_context.hpp>

#include <exception>
#include <stdexcept>
#include <string>

namespace dynaq_bench {

/// A setup failure, already worded as the one line to print.
class SetupError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Runs the setup on `io` (until it is done) with `client`. The existence check goes through
/// a client with at most 3 attempts, so an unreachable endpoint fails within a second instead
/// of after the full retry policy. Progress of --prepare goes to stderr when `progress`.
/// Throws SetupError.
void run_setup(boost::asio::io_context& io, dynaq::Client& client, const BenchConfig& config,
               bool progress);

/// The one line for an exception that ended the setup: "cannot reach URL: ...",
/// "table X does not exist; ...", ...
[[nodiscard]] std::string describe_setup_failure(const std::exception_ptr& error,
                                                 const BenchConfig& config,
                                                 const std::string& endpoint_url);

} // namespace dynaq_bench

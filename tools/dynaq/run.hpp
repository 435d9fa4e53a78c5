#pragma once
// Running one subcommand to its end: the io_context, the Client, Ctrl-C, and the exit code.
#include "command.hpp"

namespace dynaq_cli {

/// Connects (ClientConfig::from_env with --endpoint/--region/--profile), runs the command,
/// and reports a failure as one line on stderr. SIGINT/SIGTERM cancel the command through
/// Asio's cancellation (requests in flight are abandoned, nothing new starts); a second one
/// ends the process at once. Returns the exit code.
[[nodiscard]] int run_command(const Command& command, const Args& args);

} // namespace dynaq_cli

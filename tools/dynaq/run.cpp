#include "run.hpp"

#include "errors.hpp"
#include "signals.hpp"

#include <dynaq/batch.hpp>
#include <dynaq/config.hpp>
#include <dynaq/environment.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

#include <unistd.h>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

dynaq::ClientConfig client_config(const Args& args) {
    dynaq::ConfigOverrides overrides;
    overrides.endpoint = args.get("--endpoint").value_or("");
    overrides.region = args.get("--region").value_or("");
    overrides.profile = args.get("--profile").value_or("");
    dynaq::ClientConfig config =
        dynaq::ClientConfig::from_env(dynaq::Environment::process(), overrides);
    // A big import, or a local emulator on a loaded machine (moto scans a whole table per
    // page), may need more than the defaults per request and per attempt.
    if (const auto seconds = args.integer("--deadline", 1, 86'400))
        config.timeouts.call_deadline = std::chrono::seconds(*seconds);
    if (const auto seconds = args.integer("--attempt-timeout", 1, 86'400))
        config.timeouts.attempt = std::chrono::seconds(*seconds);
    return config;
}

void say(const std::string& line) {
    std::fprintf(stderr, "dynaq: %s\n", line.c_str());
}

bool is_batch_incomplete(const std::exception_ptr& e) {
    try {
        if (e)
            std::rethrow_exception(e);
    } catch (const dynaq::BatchIncompleteError&) {
        return true;
    } catch (...) {
    }
    return false;
}

} // namespace

int run_command(const Command& command, const Args& args) {
    std::optional<Context> ctx;
    int code = exit_code::ok;
    std::exception_ptr failure;
    asio::io_context io;
    try {
        dynaq::Client client(io.get_executor(), client_config(args));
        ctx.emplace(Context{.client = client, .interactive = ::isatty(STDERR_FILENO) == 1});
        asio::cancellation_signal cancel;
        InterruptWatch interrupts(io, [&] { cancel.emit(asio::cancellation_type::terminal); });
        asio::co_spawn(
            io, command.run(*ctx, args),
            asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, int rc) {
                failure = e;
                code = rc;
                interrupts.stop();
            }));
        io.run();
        // Whatever the command ended with after Ctrl-C (a cancelled batch, a read cut short),
        // the user asked it to stop: say so, with exit code 130.
        // A batch cut short says first what became of its items (an import: the counts and
        // the resume command).
        if (InterruptWatch::requested()) {
            if (is_batch_incomplete(failure))
                say(describe_failure(failure, ctx->table).message);
            failure = std::make_exception_ptr(dynaq::CancelledError(
                std::make_error_code(std::errc::operation_canceled), "interrupted"));
        }
    } catch (...) {
        failure = std::current_exception(); // ConfigError from the Client, mostly
    }
    Progress* progress = ctx && ctx->progress ? ctx->progress.get() : nullptr;
    if (progress)
        progress->clear();
    if (!failure) {
        if (progress && ctx->interactive)
            say(progress->summary());
        return code;
    }
    const Failure f = describe_failure(failure, ctx ? std::string_view(ctx->table) : "");
    say(f.message);
    if (progress)
        say(progress->summary());
    return f.code;
}

} // namespace dynaq_cli

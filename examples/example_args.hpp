#pragma once
// What the example programs share: their command line and how it becomes a ClientConfig.
//
//   PROGRAM [--endpoint URL] [--region REGION] [--table NAME]
//
// ClientConfig::from_env with --endpoint and --region as overrides: a loopback endpoint
// (dynalite, moto, DynamoDB Local) needs no region or keys; AWS itself gets the region,
// endpoint and credentials chain as the AWS SDKs find them, and without --region or a
// configured one stops with a ConfigError naming where it looked.
#include <dynaq/client.hpp>
#include <dynaq/environment.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <unistd.h>

namespace dynaq_examples {

struct Args {
    std::string endpoint{}; ///< empty: from the environment
    std::string region{};   ///< empty: from the environment
    std::string table{};    ///< a fresh name by default, so that reruns never collide
};

/// "<prefix>_<pid>_<milliseconds>": unique per run on one machine.
inline std::string unique_table_name(std::string_view prefix) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return std::string(prefix) + '_' + std::to_string(::getpid()) + '_' +
           std::to_string(ms.count() % 100'000'000);
}

/// The options, or the exit status to stop with: 0 after --help, 2 after a usage error.
inline std::variant<Args, int> parse_args(int argc, char** argv, std::string_view table_prefix) {
    const std::string usage =
        std::string("usage: ") + argv[0] + " [--endpoint URL] [--region REGION] [--table NAME]\n";
    Args args{.table = unique_table_name(table_prefix)};
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "-h" || flag == "--help") {
            std::cout << usage;
            return 0;
        }
        std::string* target = flag == "--endpoint" ? &args.endpoint
                              : flag == "--region" ? &args.region
                              : flag == "--table"  ? &args.table
                                                   : nullptr;
        if (target == nullptr || i + 1 == argc) {
            std::cerr << (target ? "missing value after " : "unknown option ") << flag << '\n'
                      << usage;
            return 2;
        }
        *target = argv[++i];
    }
    return args;
}

/// The Client's configuration for these arguments (see the top of this file).
inline dynaq::ClientConfig client_config(const Args& args) {
    dynaq::ConfigOverrides overrides;
    overrides.endpoint = args.endpoint;
    overrides.region = args.region;
    return dynaq::ClientConfig::from_env(dynaq::Environment::process(), overrides);
}

/// Runs `work` on `io` until it finishes; rethrows what it threw.
inline void run_with_client_loop(boost::asio::io_context& io, boost::asio::awaitable<void> work) {
    std::exception_ptr failure;
    boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr e) { failure = e; });
    io.restart();
    io.run();
    if (failure)
        std::rethrow_exception(failure);
}

/// Runs `task(client)` on a fresh io_context until it finishes; rethrows what it threw.
template <class Task>
void run_with_client(const Args& args, Task task) {
    boost::asio::io_context io;
    dynaq::Client client(io.get_executor(), client_config(args));
    run_with_client_loop(io, task(client));
}

/// The whole main() of an example: parse the arguments, run `run(client, table)` to its end,
/// print OK, or the error and exit status 1.
template <class Run>
int example_main(int argc, char** argv, std::string_view table_prefix, std::string_view program,
                 Run run) {
    const auto parsed = parse_args(argc, argv, table_prefix);
    if (const int* status = std::get_if<int>(&parsed))
        return *status;
    const auto& args = std::get<Args>(parsed);
    try {
        run_with_client(args, [&](dynaq::Client& client) { return run(client, args.table); });
        std::cout << "OK\n";
        return 0;
    } catch (const std::exception& e) { // dynaq::Error, or a result that was not as expected
        std::cerr << program << ": " << e.what() << '\n';
        return 1;
    }
}

} // namespace dynaq_examples

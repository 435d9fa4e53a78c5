#pragma once
// What the example programs share: their command line and how it becomes a ClientConfig.
//
//   PROGRAM [--endpoint URL] [--region REGION] [--table NAME]
//
// A loopback endpoint (127.0.0.1, localhost, ::1: dynalite, moto, DynamoDB Local) gets static
// dummy credentials and the region of AWS_REGION / AWS_DEFAULT_REGION, else us-east-1: local
// servers check neither. Any other endpoint, or none, uses ClientConfig::from_env() (region,
// endpoint and the credentials chain as the AWS SDKs find them), with --region and --endpoint
// taking precedence over the environment. There is no default region for AWS itself: without
// --region or a configured one, from_env() stops with a ConfigError naming where it looked.
#include <dynaq/client.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/environment.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
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

/// Whether the URL names this machine (throws ConfigError for a malformed URL).
inline bool is_loopback(const std::string& url) {
    const std::string host = dynaq::Endpoint::parse(url).host;
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

/// The Client's configuration for these arguments (see the top of this file).
inline dynaq::ClientConfig client_config(const Args& args) {
    const dynaq::Environment process = dynaq::Environment::process();
    if (!args.endpoint.empty() && is_loopback(args.endpoint)) {
        dynaq::ClientConfig config;
        config.endpoint = args.endpoint;
        config.region = args.region;
        for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
            if (config.region.empty())
                config.region = process.value(name).value_or("");
        if (config.region.empty())
            config.region = "us-east-1";
        dynaq::Credentials dummy;
        dummy.access_key_id = "dummy";
        dummy.secret_access_key = "dummy";
        config.credentials = std::make_shared<dynaq::StaticCredentialsProvider>(dummy);
        return config;
    }
    // --region wins over the environment: answer it for the variable from_env() reads first,
    // so that the default endpoint follows it too.
    const dynaq::Environment env{[process, region = args.region](std::string_view name) {
        if (name == "AWS_REGION" && !region.empty())
            return std::optional(region);
        return process.get(name);
    }};
    dynaq::ClientConfig config = dynaq::ClientConfig::from_env(env);
    if (!args.endpoint.empty())
        config.endpoint = args.endpoint;
    return config;
}

/// Runs `task(client)` on a fresh io_context until it finishes; rethrows what it threw.
template <class Task>
void run_with_client(const Args& args, Task task) {
    boost::asio::io_context io;
    dynaq::Client client(io.get_executor(), client_config(args));
    std::exception_ptr failure;
    boost::asio::co_spawn(io, task(client), [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
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

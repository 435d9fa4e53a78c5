// dynaq-null-server: the null DynamoDB as a process, for load generators that are not in
// dynaq's process (wrk, boto3, the AWS SDK for JavaScript).
//
//   $ dynaq-null-server --threads 2
//   listening on http://127.0.0.1:40123
#include "null_server.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <pthread.h>
#include <string_view>
#include <sys/resource.h>

namespace {

constexpr const char* usage =
    "usage: dynaq-null-server [--port N] [--threads N] [--item-size BYTES] [--query-items N]\n"
    "                         [--scan-items N]\n"
    "\n"
    "Answers DynamoDB calls on 127.0.0.1 with canned, valid responses chosen by X-Amz-Target.\n"
    "\n"
    "  --port N           port to listen on; 0 (default) picks a free one\n"
    "  --threads N        server threads; 0 (default) one per core\n"
    "  --item-size BYTES  JSON size of each returned item (default 1024)\n"
    "  --query-items N    items a Query finds, on one page or Limit per page (default 100)\n"
    "  --scan-items N     Scan pages through N items (default 0: Scan answers as Query)\n"
    "\n"
    "Prints \"listening on http://127.0.0.1:PORT\" once ready; stops on SIGINT or SIGTERM.\n";

std::optional<unsigned long> parse_number(const char* text, unsigned long max) {
    char* end = nullptr;
    errno = 0;
    const unsigned long value = std::strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || value > max || text[0] == '-')
        return std::nullopt;
    return value;
}

// Fills `config` from the command line; exits for --help and for mistakes.
dynaq::bench::NullServerConfig parse_arguments(int argc, char** argv) {
    dynaq::bench::NullServerConfig config;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(usage, stdout);
            std::exit(0);
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "dynaq-null-server: unknown option or missing value: %s\n%s",
                         argv[i], usage);
            std::exit(2);
        }
        const char* value = argv[++i];
        auto number = [&](unsigned long max) {
            const auto n = parse_number(value, max);
            if (!n) {
                std::fprintf(stderr, "dynaq-null-server: %s: not a number up to %lu: %s\n",
                             argv[i - 1], max, value);
                std::exit(2);
            }
            return *n;
        };
        if (arg == "--port")
            config.port = static_cast<std::uint16_t>(number(65535));
        else if (arg == "--threads")
            config.threads = static_cast<unsigned>(number(1024));
        else if (arg == "--item-size")
            config.item_size = number(400 * 1024); // DynamoDB's item size limit
        else if (arg == "--query-items")
            config.query_items = number(100'000);
        else if (arg == "--scan-items")
            config.scan_items = number(99'999'999); // sort keys have eight digits
        else {
            std::fprintf(stderr, "dynaq-null-server: unknown option: %s\n%s", argv[i - 1], usage);
            std::exit(2);
        }
    }
    return config;
}

// Load generators open thousands of connections; the usual soft limit of 1024 descriptors
// would make the server, not the client, the limit. Raise it to the hard limit.
void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char** argv) {
    const auto config = parse_arguments(argc, argv);
    raise_descriptor_limit();

    // Blocked before the server starts its threads, which inherit the mask: the signals then
    // reach only the sigwait below, never a server thread in the middle of a handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    try {
        dynaq::bench::NullServer server(config);
        std::printf("listening on %s\n", server.url().c_str());
        std::fflush(stdout);
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
        std::fprintf(stderr, "dynaq-null-server: %s, %llu responses sent\n",
                     signal == SIGINT ? "SIGINT" : "SIGTERM",
                     static_cast<unsigned long long>(server.requests_served()));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "dynaq-null-server: %s\n", e.what());
        return 1;
    }
    return 0;
}

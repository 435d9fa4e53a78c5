// dynaq-micro: the client-overhead micro-benchmarks.
//
//   dynaq-micro [--filter NAME] [--seconds S] [--json] [--sink-threads N] [--list]
#include "benchmarks.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <vector>

namespace {

using dynaq::bench::Options;
using dynaq::bench::Result;

struct Benchmark {
    const char* name;
    Result (*run)(const Options&);
};

// In the order a reader builds up the picture: the pieces of a call, then whole calls.
constexpr Benchmark benchmarks[] = {
    {"sign_1k", dynaq::bench::sign_1k},
    {"encode_put_1k", dynaq::bench::encode_put_1k},
    {"decode_get_1k", dynaq::bench::decode_get_1k},
    {"decode_query_1mb", dynaq::bench::decode_query_1mb},
    {"crc32_1mb", dynaq::bench::crc32_1mb},
    {"crc32_1mb_tables", dynaq::bench::crc32_1mb_tables},
    {"sink_get_item", dynaq::bench::sink_get_item},
    {"roundtrip_get_seq", dynaq::bench::roundtrip_get_seq},
    {"roundtrip_get_64", dynaq::bench::roundtrip_get_64},
    {"scan_200k_rss", dynaq::bench::scan_200k_rss},
    {"scan_200k_4seg_rss", dynaq::bench::scan_200k_4seg_rss},
};

constexpr const char* usage =
    "usage: dynaq-micro [--filter NAME] [--seconds S] [--json] [--sink-threads N] [--list]\n"
    "\n"
    "  --filter NAME      run the benchmarks whose name contains NAME\n"
    "  --seconds S        measured time per benchmark (default 1), after a warm-up of 20%\n"
    "  --json             print the results as a JSON array instead of a table\n"
    "  --sink-threads N   threads of the in-process null server (default 1)\n"
    "  --list             print the benchmark names\n";

[[noreturn]] void bad_usage(const char* what, const char* arg) {
    std::fprintf(stderr, "dynaq-micro: %s: %s\n%s", what, arg, usage);
    std::exit(2);
}

Options parse_arguments(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::fputs(usage, stdout);
            std::exit(0);
        }
        if (arg == "--list") {
            for (const auto& b : benchmarks)
                std::puts(b.name);
            std::exit(0);
        }
        if (arg == "--json") {
            options.json = true;
            continue;
        }
        if (i + 1 >= argc)
            bad_usage("unknown option or missing value", argv[i]);
        const char* value = argv[++i];
        char* end = nullptr;
        if (arg == "--filter") {
            options.filter = value;
        } else if (arg == "--seconds") {
            options.seconds = std::strtod(value, &end);
            if (*end != '\0' || !(options.seconds > 0 && options.seconds <= 3600))
                bad_usage("--seconds wants a number of seconds in (0, 3600]", value);
        } else if (arg == "--sink-threads") {
            const unsigned long n = std::strtoul(value, &end, 10);
            if (*end != '\0' || n == 0 || n > 256)
                bad_usage("--sink-threads wants 1 to 256", value);
            options.sink_threads = static_cast<unsigned>(n);
        } else {
            bad_usage("unknown option", argv[i - 1]);
        }
    }
    return options;
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse_arguments(argc, argv);
    std::vector<Result> results;
    if (!options.json)
        dynaq::bench::print_table_header();
    int failures = 0;
    for (const auto& b : benchmarks) {
        if (std::string_view(b.name).find(options.filter) == std::string_view::npos)
            continue;
        try {
            results.push_back(b.run(options));
            if (!options.json)
                dynaq::bench::print_table_row(results.back());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dynaq-micro: %s failed: %s\n", b.name, e.what());
            ++failures;
        }
    }
    if (options.json)
        dynaq::bench::print_json(results);
    if (results.empty() && failures == 0) {
        std::fprintf(stderr, "dynaq-micro: no benchmark matches '%s'\n", options.filter.c_str());
        return 2;
    }
    return failures == 0 ? 0 : 1;
}

#include "harness.hpp"

#include <cstdio>
#include <ctime>

namespace dynaq::bench {

namespace {

// Names are ours and notes plain text; escaping covers quotes and backslashes all the same.
void print_json_string(const std::string& s) {
    std::putchar('"');
    for (const char c : s) {
        if (c == '"' || c == '\\')
            std::putchar('\\');
        std::putchar(c);
    }
    std::putchar('"');
}

} // namespace

namespace {

double cpu_seconds(clockid_t clock) noexcept {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

} // namespace

double thread_cpu_seconds() noexcept {
    return cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
}

double process_cpu_seconds() noexcept {
    return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

void print_table_header() {
    std::printf("%-18s %10s %10s %10s %10s %8s %9s %10s  %s\n", "benchmark", "iterations", "ns/op",
                "cpu ns/op", "ops/s", "MB/s", "allocs/op", "alloc B/op", "note");
    std::fflush(stdout);
}

void print_table_row(const Result& r) {
    char mb[32] = "-";
    if (r.bytes_per_op != 0)
        std::snprintf(mb, sizeof mb, "%.1f", r.mb_per_second());
    std::printf("%-18s %10llu %10.1f %10.1f %10.0f %8s %9.2f %10.1f  %s\n", r.name.c_str(),
                static_cast<unsigned long long>(r.iterations), r.ns_per_op(), r.cpu_ns_per_op(),
                r.ops_per_second(), mb, r.allocations_per_op(), r.allocated_bytes_per_op(),
                r.note.c_str());
    std::fflush(stdout);
}

void print_json(const std::vector<Result>& results) {
    std::printf("[");
    for (std::size_t i = 0; i < results.size(); ++i) {
        const Result& r = results[i];
        std::printf(i == 0 ? "\n  {\"name\": " : ",\n  {\"name\": ");
        print_json_string(r.name);
        std::printf(", \"iterations\": %llu, \"seconds\": %.6f, \"ns_per_op\": %.3f, "
                    "\"cpu_ns_per_op\": %.3f, \"ops_per_s\": %.3f, ",
                    static_cast<unsigned long long>(r.iterations), r.seconds, r.ns_per_op(),
                    r.cpu_ns_per_op(), r.ops_per_second());
        if (r.bytes_per_op != 0)
            std::printf("\"bytes_per_op\": %zu, \"mb_per_s\": %.3f, ", r.bytes_per_op,
                        r.mb_per_second());
        std::printf("\"allocs_per_op\": %.4f, \"alloc_bytes_per_op\": %.1f, \"note\": ",
                    r.allocations_per_op(), r.allocated_bytes_per_op());
        print_json_string(r.note);
        std::printf("}");
    }
    std::printf("\n]\n");
    std::fflush(stdout);
}

} // namespace dynaq::bench

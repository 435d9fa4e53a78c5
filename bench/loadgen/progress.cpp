#include "progress.hpp"

#include <cstdio>

#include <unistd.h>

namespace dynaq_bench {

bool stderr_is_terminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

ProgressLine::ProgressLine(std::function<Sample()> sample,
                           std::optional<std::chrono::nanoseconds> planned) :
    sample_(std::move(sample)),
    planned_(planned), thread_([this] { loop(); }) {}

ProgressLine::~ProgressLine() {
    stop();
}

void ProgressLine::stop() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::fprintf(stderr, "\r%-79s\r", "");
}

void ProgressLine::loop() {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    auto last_time = started;
    Sample last;
    std::unique_lock lock(mutex_);
    for (;;) {
        if (wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; }))
            return;
        const auto now = clock::now();
        const Sample s = sample_();
        const double interval = std::chrono::duration<double>(now - last_time).count();
        const double rate = interval > 0 ? static_cast<double>(s.ok - last.ok) / interval : 0;
        const double elapsed = std::chrono::duration<double>(now - started).count();
        char goal[32] = "";
        if (planned_)
            std::snprintf(goal, sizeof goal, "/%.0fs",
                          std::chrono::duration<double>(*planned_).count());
        char line[160];
        std::snprintf(line, sizeof line, "[%.0fs%s] %s%llu ok  %llu errors  %.0f ops/s", elapsed,
                      goal, s.warming_up ? "warming up  " : "",
                      static_cast<unsigned long long>(s.ok),
                      static_cast<unsigned long long>(s.errors), rate);
        // Padded to a fixed width so a shorter line fully covers the previous one.
        std::fprintf(stderr, "\r%-79s", line);
        std::fflush(stderr);
        last = s;
        last_time = now;
    }
}

} // namespace dynaq_bench

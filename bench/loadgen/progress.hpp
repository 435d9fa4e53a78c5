#pragma once
// The live progress line: about once a second, on stderr, rewritten in place with '\r'. Only
// for a terminal: in a log or a pipe, a line a second is noise.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace dynaq_bench {

/// Whether stderr is a terminal.
[[nodiscard]] bool stderr_is_terminal();

class ProgressLine {
public:
    struct Sample {
        std::uint64_t ok = 0;
        std::uint64_t errors = 0;
        bool warming_up = false;
    };

    /// Calls `sample` from its own thread about once a second until stop() or destruction;
    /// `planned` (the run's duration, if it has one) is shown as the goal.
    ProgressLine(std::function<Sample()> sample, std::optional<std::chrono::nanoseconds> planned);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Stops the thread and clears the line, so the summary starts on a clean one.
    void stop();

private:
    void loop();

    std::function<Sample()> sample_;
    std::optional<std::chrono::nanoseconds> planned_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace dynaq_bench

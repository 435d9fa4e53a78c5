#pragma once
// The count of a long run (import, export, scan, query): shown as one self-overwriting line on
// stderr when stderr is a terminal (items, rate, elapsed; at most four updates a second), and
// silent otherwise so pipes and logs stay clean. The count is kept either way: after Ctrl-C or
// an error dynaq says how many items were written or read.
#include <chrono>
#include <cstdint>
#include <string>

namespace dynaq_cli {

class Progress {
public:
    using clock = std::chrono::steady_clock;

    /// `what` completes "N items <what>" ("written", "exported").
    Progress(std::string what, bool visible);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void add(std::int64_t items);
    [[nodiscard]] std::int64_t count() const noexcept { return count_; }
    /// "1,234 items written in 2.5 s (494/s)".
    [[nodiscard]] std::string summary() const;
    /// Removes the progress line (a no-op when nothing was drawn).
    void clear();

    /// The text of the progress line at `elapsed`, for tests: "  1,234 items written  494/s  0:02".
    [[nodiscard]] static std::string line(std::int64_t count, std::string_view what,
                                          clock::duration elapsed);

private:
    std::string what_;
    bool visible_;
    bool drawn_ = false;
    std::int64_t count_ = 0;
    clock::time_point start_;
    clock::time_point last_draw_{};
};

/// 1234567 -> "1,234,567".
[[nodiscard]] std::string with_separators(std::int64_t n);

} // namespace dynaq_cli

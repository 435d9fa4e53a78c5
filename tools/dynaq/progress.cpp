#include "progress.hpp"

#include <cstdio>

namespace dynaq_cli {

namespace {

constexpr auto redraw_interval = std::chrono::milliseconds(250);

double seconds(Progress::clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

std::int64_t rate(std::int64_t count, Progress::clock::duration elapsed) {
    const double s = seconds(elapsed);
    return s > 0 ? static_cast<std::int64_t>(static_cast<double>(count) / s) : 0;
}

} // namespace

std::string with_separators(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

Progress::Progress(std::string what, bool visible) :
    what_(std::move(what)), visible_(visible), start_(clock::now()) {}

Progress::~Progress() {
    clear();
}

std::string Progress::line(std::int64_t count, std::string_view what, clock::duration elapsed) {
    const auto total = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    char clock_text[32];
    std::snprintf(clock_text, sizeof clock_text, "%lld:%02lld", static_cast<long long>(total / 60),
                  static_cast<long long>(total % 60));
    return "  " + with_separators(count) + " items " + std::string(what) + "  " +
           with_separators(rate(count, elapsed)) + "/s  " + clock_text;
}

void Progress::add(std::int64_t items) {
    count_ += items;
    if (!visible_)
        return;
    const auto now = clock::now();
    if (drawn_ && now - last_draw_ < redraw_interval)
        return;
    last_draw_ = now;
    drawn_ = true;
    // \r and erase-to-end: the line shrinks as well as grows without leaving characters behind.
    std::fprintf(stderr, "\r%s\x1b[K", line(count_, what_, now - start_).c_str());
    std::fflush(stderr);
}

std::string Progress::summary() const {
    const auto elapsed = clock::now() - start_;
    char time_text[32];
    std::snprintf(time_text, sizeof time_text, "%.1f s", seconds(elapsed));
    return with_separators(count_) + " items " + what_ + " in " + time_text + " (" +
           with_separators(rate(count_, elapsed)) + "/s)";
}

void Progress::clear() {
    if (!drawn_)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

} // namespace dynaq_cli

#include "table/timestamp.hpp"

namespace dynaq::detail {

namespace {

// Zero-padded decimal, written by hand: std::format is not in g++ 12, and printf-style
// formatting would drag the C locale in for nothing.
void append_padded(std::string& out, long long value, int width) {
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0);
    for (int pad = width - n; pad > 0; --pad)
        out.push_back('0');
    while (n > 0)
        out.push_back(digits[--n]);
}

} // namespace

std::string format_timestamp(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    // floor, not duration_cast: before 1970 truncation toward zero would land on the next day
    // or microsecond instead of the one the instant is in.
    const auto micros = floor<microseconds>(t);
    const auto day = floor<days>(micros);
    const year_month_day date{day};
    const hh_mm_ss time{micros - day};

    // With libstdc++'s nanosecond clock the year is always within 1677-2262; a library whose
    // clock reaches further gets a sign or a fifth digit rather than garbage.
    std::string out;
    out.reserve(26);
    const int year = static_cast<int>(date.year());
    if (year < 0)
        out.push_back('-');
    append_padded(out, year < 0 ? -static_cast<long long>(year) : year, 4);
    out.push_back('-');
    append_padded(out, static_cast<unsigned>(date.month()), 2);
    out.push_back('-');
    append_padded(out, static_cast<unsigned>(date.day()), 2);
    out.push_back('T');
    append_padded(out, time.hours().count(), 2);
    out.push_back(':');
    append_padded(out, time.minutes().count(), 2);
    out.push_back(':');
    append_padded(out, time.seconds().count(), 2);
    out.push_back('.');
    append_padded(out, time.subseconds().count(), 6);
    return out;
}

} // namespace dynaq::detail

// dt_created / dt_modified text (seed §7 row 21): always six fraction digits, UTC, no zone.
#include "table/timestamp.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using dynaq::detail::format_timestamp;
using namespace std::chrono;

namespace {

system_clock::time_point at(year_month_day date, nanoseconds since_midnight = {}) {
    return system_clock::time_point{sys_days{date}.time_since_epoch() + since_midnight};
}

} // namespace

TEST_CASE("format_timestamp: the epoch") {
    CHECK(format_timestamp(system_clock::time_point{}) == "1970-01-01T00:00:00.000000");
}

TEST_CASE("format_timestamp: a zero fraction is still written") {
    // Python's isoformat() dropped it; text comparison needs it.
    CHECK(format_timestamp(at(2024y / February / 29, 23h + 59min + 59s)) ==
          "2024-02-29T23:59:59.000000");
}

TEST_CASE("format_timestamp: microseconds, and truncation below them") {
    CHECK(format_timestamp(at(2023y / June / 5, 8h + 7min + 6s + 1us)) ==
          "2023-06-05T08:07:06.000001");
    CHECK(format_timestamp(at(2023y / June / 5, 8h + 7min + 6s + 999999us)) ==
          "2023-06-05T08:07:06.999999");
    CHECK(format_timestamp(at(2023y / June / 5, 8h + 7min + 6s + 999999999ns)) ==
          "2023-06-05T08:07:06.999999");
    CHECK(format_timestamp(at(2023y / June / 5, 8h + 7min + 6s + 123456789ns)) ==
          "2023-06-05T08:07:06.123456");
}

TEST_CASE("format_timestamp: calendar edges") {
    CHECK(format_timestamp(at(2000y / February / 29, 12h)) == "2000-02-29T12:00:00.000000");
    CHECK(format_timestamp(at(2100y / February / 28, 24h)) == "2100-03-01T00:00:00.000000");
    CHECK(format_timestamp(at(2024y / February / 29, 24h)) == "2024-03-01T00:00:00.000000");
    CHECK(format_timestamp(at(1999y / December / 31, 23h + 59min + 59s + 999999us)) ==
          "1999-12-31T23:59:59.999999");
    CHECK(format_timestamp(at(2038y / January / 19, 3h + 14min + 8s)) ==
          "2038-01-19T03:14:08.000000");
}

TEST_CASE("format_timestamp: before 1970 rounds down, not toward the epoch") {
    CHECK(format_timestamp(system_clock::time_point{-1us}) == "1969-12-31T23:59:59.999999");
    CHECK(format_timestamp(system_clock::time_point{-1ns}) == "1969-12-31T23:59:59.999999");
    CHECK(format_timestamp(at(1900y / January / 1, 1h + 2min + 3s + 4us)) ==
          "1900-01-01T01:02:03.000004");
    CHECK(format_timestamp(at(1969y / July / 20, 20h + 17min + 40s)) ==
          "1969-07-20T20:17:40.000000");
}

TEST_CASE("format_timestamp: every field is zero-padded") {
    CHECK(format_timestamp(at(2001y / January / 2, 3h + 4min + 5s + 60us)) ==
          "2001-01-02T03:04:05.000060");
}

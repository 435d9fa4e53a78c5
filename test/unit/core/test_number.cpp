#include <dynaq/value.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

using dynaq::InvalidArgumentError;
using dynaq::Number;
using dynaq::TypeMismatchError;

namespace {

std::string repeat(char c, std::size_t n) {
    return std::string(n, c);
}

} // namespace

// The accepted grammar follows what DynamoDB itself accepts ("+3", ".123", "0001.23",
// "1e+5" and "0e1000" are all stored by the service; spaces, NaN and Infinity are not).
TEST_CASE("Number accepts DynamoDB's number syntax and keeps the text") {
    const char* valid[] = {"0",
                           "-0",
                           "+3",
                           "42",
                           "-7.1234",
                           ".123",
                           "5.",
                           "0001.23",
                           "00",
                           "1e+5",
                           "1E5",
                           "-17e5",
                           "-17.4E37",
                           "0e1000",
                           "0.000",
                           "1e-0",
                           "007",
                           "+.5e-3",
                           "0.0e-99999999999999999999"};
    for (const char* text : valid) {
        INFO(text);
        CHECK(Number(text).text() == text);
    }
}

TEST_CASE("Number rejects malformed text") {
    const char* invalid[] = {"",         "-",         "+",     ".",     "-.",      "1e",  "1e+",
                             "e5",       ".e1",       " 1",    "1 ",    "0x1",     "NaN", "nan",
                             "Infinity", "-Infinity", "1..2",  "1.2.3", "--1",     "+-1", "1e5.5",
                             "1e1e1",    "1,5",       "1_000", "1f",    "\xd9\xa1"};
    for (const char* text : invalid) {
        INFO(text);
        CHECK_THROWS_AS(Number(text), InvalidArgumentError);
    }
    CHECK_THROWS_AS(Number(std::string_view("1\0", 2)), InvalidArgumentError);
    CHECK_THROWS_WITH(Number("1e"), Catch::Contains("\"1e\"") && Catch::Contains("exponent"));
}

TEST_CASE("Number enforces 38 significant digits") {
    const std::string d38 = "12345678901234567890123456789012345678";
    CHECK_NOTHROW(Number(d38));
    CHECK_NOTHROW(Number("-" + d38));
    CHECK_NOTHROW(Number("0.000" + d38));
    CHECK_NOTHROW(Number("1234567890123456789.0123456789012345678"));
    CHECK_THROWS_WITH(Number(d38 + "9"), Catch::Contains("38 significant digits"));
    CHECK_THROWS_AS(Number("3.14159265358979323846264338327950288419"), InvalidArgumentError);
    // Leading and trailing zeros are not significant: DynamoDB trims them.
    CHECK_NOTHROW(Number("0000000000" + d38 + "0000000000"));
    CHECK_NOTHROW(Number("1" + repeat('0', 60)));
    CHECK_NOTHROW(Number("0." + repeat('0', 100) + "1"));
    CHECK_NOTHROW(Number(d38 + ".000000000000"));
}

TEST_CASE("Number enforces the magnitude range 1E-130 .. 9.99E+125") {
    const std::string nines = "9." + repeat('9', 37);
    for (const std::string sign : {"", "-"}) {
        INFO(sign);
        CHECK_NOTHROW(Number(sign + "1e125"));
        CHECK_NOTHROW(Number(sign + nines + "e125"));
        CHECK_NOTHROW(Number(sign + "1e-130"));
        CHECK_NOTHROW(Number(sign + "100e123"));
        CHECK_NOTHROW(Number(sign + "0.1e126"));
        CHECK_NOTHROW(Number(sign + "1" + repeat('0', 125)));
        CHECK_NOTHROW(Number(sign + "0." + repeat('0', 129) + "1"));
        CHECK_THROWS_WITH(Number(sign + "1e126"), Catch::Contains("range"));
        CHECK_THROWS_AS(Number(sign + "10e125"), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "1" + repeat('0', 126)), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "1e-131"), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "0.9e-130"), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "0." + repeat('0', 130) + "1"), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "1e99999999999999999999999"), InvalidArgumentError);
        CHECK_THROWS_AS(Number(sign + "1e-99999999999999999999999"), InvalidArgumentError);
    }
    // Zero has no magnitude, so any exponent is fine.
    CHECK_NOTHROW(Number("0e99999999999999999999999"));
}

TEST_CASE("Number from integers is exact") {
    CHECK(Number(42).text() == "42");
    CHECK(Number(-7).text() == "-7");
    CHECK(Number(std::numeric_limits<std::int64_t>::min()).text() == "-9223372036854775808");
    CHECK(Number(std::numeric_limits<std::uint64_t>::max()).text() == "18446744073709551615");
    CHECK(Number(static_cast<unsigned char>(200)).text() == "200");
    CHECK(Number().text() == "0");
}

TEST_CASE("Number compares numerically") {
    CHECK(Number("1") == Number("1.0"));
    CHECK(Number("1") == Number("10e-1"));
    CHECK(Number("1") == Number("+1"));
    CHECK(Number("1") == Number("0.1E1"));
    CHECK(Number("100") == Number("1e2"));
    CHECK(Number("0") == Number("-0"));
    CHECK(Number("0") == Number("0e1000"));
    CHECK(Number("0.000") == Number("-0.0"));
    CHECK(Number("007") == Number("7"));
    CHECK(Number("1") != Number("1.0000000000000000000000000000000000001"));

    CHECK(Number("-1") < Number("0"));
    CHECK(Number("0") < Number("1e-130"));
    CHECK(Number("-1e-130") < Number("-0"));
    CHECK(Number("1.5") < Number("2"));
    CHECK(Number("-2") < Number("-1.5"));
    CHECK(Number("1e2") > Number("99"));
    CHECK(Number("12") < Number("123"));
    CHECK(Number("123") > Number("12.3"));
    CHECK(Number("-1e5") < Number("-1e4"));
    CHECK(Number("9.99e125") > Number("1e125"));
    CHECK(Number("12345678901234567890123456789012345678") >
          Number("12345678901234567890123456789012345677"));
    CHECK(Number("0.5") < Number("0.50000000000000000000000000000000000001"));
    CHECK((Number("2") <=> Number("2.00")) == std::strong_ordering::equal);
    CHECK((Number("-3") <=> Number("2")) == std::strong_ordering::less);
}

TEST_CASE("Number::to_int64 is exact and checked") {
    CHECK(Number("42").to_int64() == 42);
    CHECK(Number("-0").to_int64() == 0);
    CHECK(Number("+7").to_int64() == 7);
    CHECK(Number("007").to_int64() == 7);
    CHECK(Number("1.0").to_int64() == 1);
    CHECK(Number("1e2").to_int64() == 100);
    CHECK(Number("1.5e1").to_int64() == 15);
    CHECK(Number("0.0").to_int64() == 0);
    CHECK(Number("0e5").to_int64() == 0);
    CHECK(Number("-12.000").to_int64() == -12);
    CHECK(Number("9223372036854775807").to_int64() == std::numeric_limits<std::int64_t>::max());
    CHECK(Number("-9223372036854775808").to_int64() == std::numeric_limits<std::int64_t>::min());
    CHECK(Number("92233720368547758070e-1").to_int64() == std::numeric_limits<std::int64_t>::max());
    CHECK(Number("-9.223372036854775808e18").to_int64() ==
          std::numeric_limits<std::int64_t>::min());

    CHECK_THROWS_AS(Number("9223372036854775808").to_int64(), TypeMismatchError);
    CHECK_THROWS_AS(Number("-9223372036854775809").to_int64(), TypeMismatchError);
    CHECK_THROWS_AS(Number("1e19").to_int64(), TypeMismatchError);
    CHECK_THROWS_AS(Number("1e100").to_int64(), TypeMismatchError);
    CHECK_THROWS_AS(Number("1e-5").to_int64(), TypeMismatchError);
    CHECK_THROWS_WITH(Number("1.5").to_int64(), Catch::Contains("\"1.5\"") &&
                                                    Catch::Contains("fraction") &&
                                                    Catch::Contains("int64"));
    CHECK_THROWS_WITH(Number("1e30").to_int64(), Catch::Contains("out of range"));
}

TEST_CASE("Number::to_uint64 is exact and checked") {
    CHECK(Number("18446744073709551615").to_uint64() == std::numeric_limits<std::uint64_t>::max());
    CHECK(Number("1.8446744073709551615e19").to_uint64() ==
          std::numeric_limits<std::uint64_t>::max());
    CHECK(Number("-0").to_uint64() == 0);
    CHECK(Number("-0.0e3").to_uint64() == 0);
    CHECK(Number("+5").to_uint64() == 5);
    CHECK_THROWS_AS(Number("18446744073709551616").to_uint64(), TypeMismatchError);
    CHECK_THROWS_AS(Number("2e19").to_uint64(), TypeMismatchError);
    CHECK_THROWS_WITH(Number("-1").to_uint64(), Catch::Contains("negative"));
    CHECK_THROWS_AS(Number("0.5").to_uint64(), TypeMismatchError);
}

TEST_CASE("Number::to_double rounds to the nearest double") {
    CHECK(Number("1.5").to_double() == 1.5);
    CHECK(Number("+2.5").to_double() == 2.5);
    CHECK(Number(".5").to_double() == 0.5);
    CHECK(Number("5.").to_double() == 5.0);
    CHECK(Number("-0").to_double() == 0.0);
    CHECK(Number("1e125").to_double() == 1e125);
    CHECK(Number("-1e-130").to_double() == -1e-130);
    CHECK(Number("0.1").to_double() == 0.1);
    CHECK(Number("12345678901234567890123456789012345678").to_double() ==
          12345678901234567890123456789012345678.0);
}

TEST_CASE("Number::from_double gives the shortest round-trip text") {
    CHECK(Number::from_double(0.1).text() == "0.1");
    CHECK(Number::from_double(1.0).text() == "1");
    CHECK(Number::from_double(-2.5).text() == "-2.5");
    CHECK(Number::from_double(0.0).text() == "0");
    CHECK(Number::from_double(-0.0).text() == "0");
    CHECK(Number::from_double(1e125).to_double() == 1e125);
    CHECK_THROWS_AS(Number::from_double(std::nan("")), InvalidArgumentError);
    CHECK_THROWS_AS(Number::from_double(std::numeric_limits<double>::infinity()),
                    InvalidArgumentError);
    CHECK_THROWS_AS(Number::from_double(-std::numeric_limits<double>::infinity()),
                    InvalidArgumentError);
    CHECK_THROWS_AS(Number::from_double(1e300), InvalidArgumentError);
    CHECK_THROWS_AS(Number::from_double(5e-324), InvalidArgumentError);

    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
    std::uniform_int_distribution<int> exponent(-120, 120);
    for (int i = 0; i < 2000; ++i) {
        const double x = mantissa(rng) * std::pow(10.0, exponent(rng));
        INFO(x);
        REQUIRE(Number::from_double(x).to_double() == x);
    }
}

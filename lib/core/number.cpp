#include <dynaq/value.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <ostream>
#include <utility>

namespace dynaq {

namespace {

// DynamoDB's limits: 38 significant digits, and the most significant digit's power of ten
// between -130 and 125 (so the largest magnitude is 9.99...9e125 with 38 nines).
constexpr int max_digits = 38;
constexpr std::int64_t min_exponent = -130;
constexpr std::int64_t max_exponent = 125;

// Exponents are saturated while parsing so "1e99999999999999999999" cannot overflow; any
// value this large is far outside DynamoDB's range anyway.
constexpr std::int64_t exponent_cap = 1'000'000'000'000LL;

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// The value of a valid number text as sign, significant digits and exponent. The digits are
// not copied: they are read from the text, skipping the decimal point, so parsing and
// comparing never allocate.
struct Decimal {
    std::string_view text;
    bool negative = false;
    bool zero = true;
    std::size_t int_begin = 0; // integer digits: text[int_begin, int_begin + int_len)
    std::size_t int_len = 0;
    std::size_t frac_begin = 0; // fraction digits start here (after the '.')
    std::size_t first = 0;      // position of the first significant digit among all digits
    std::size_t count = 0;      // number of significant digits
    std::int64_t exponent = 0;  // power of ten of the first significant digit

    // The k-th significant digit (0 <= k < count).
    [[nodiscard]] char digit(std::size_t k) const noexcept {
        const std::size_t p = first + k;
        return p < int_len ? text[int_begin + p] : text[frac_begin + (p - int_len)];
    }
};

struct ParseResult {
    Decimal value;
    const char* error = nullptr; // why the text is rejected, or nullptr
};

// Parses the grammar and computes the normalized form; range and precision are checked by
// the caller so comparisons can reuse this on already validated text.
ParseResult parse(std::string_view s) noexcept {
    ParseResult r;
    Decimal& d = r.value;
    d.text = s;
    std::size_t i = 0;
    const std::size_t n = s.size();
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        d.negative = s[i] == '-';
        ++i;
    }
    d.int_begin = i;
    while (i < n && is_digit(s[i]))
        ++i;
    d.int_len = i - d.int_begin;
    std::size_t frac_len = 0;
    d.frac_begin = i;
    if (i < n && s[i] == '.') {
        ++i;
        d.frac_begin = i;
        while (i < n && is_digit(s[i]))
            ++i;
        frac_len = i - d.frac_begin;
    }
    if (d.int_len + frac_len == 0) {
        r.error = "no digits";
        return r;
    }
    std::int64_t exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            exp_negative = s[i] == '-';
            ++i;
        }
        const std::size_t exp_begin = i;
        while (i < n && is_digit(s[i])) {
            if (exp < exponent_cap)
                exp = exp * 10 + (s[i] - '0');
            ++i;
        }
        if (i == exp_begin) {
            r.error = "exponent has no digits";
            return r;
        }
        if (exp_negative)
            exp = -exp;
    }
    if (i != n) {
        r.error = "unexpected character";
        return r;
    }

    const std::size_t total = d.int_len + frac_len;
    auto at = [&](std::size_t p) {
        return p < d.int_len ? s[d.int_begin + p] : s[d.frac_begin + (p - d.int_len)];
    };
    std::size_t first = 0;
    while (first < total && at(first) == '0')
        ++first;
    if (first == total)
        return r; // zero, whatever the exponent
    std::size_t last = total - 1;
    while (at(last) == '0')
        --last;
    d.zero = false;
    d.first = first;
    d.count = last - first + 1;
    d.exponent = static_cast<std::int64_t>(d.int_len) - 1 - static_cast<std::int64_t>(first) + exp;
    return r;
}

// Parses text that the constructor already validated.
Decimal parse_valid(std::string_view s) noexcept {
    return parse(s).value;
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    // Bounded: the text may be a multi-megabyte mistake.
    constexpr std::size_t limit = 64;
    out.append(text.substr(0, limit));
    if (text.size() > limit)
        out += "...";
    out += '"';
    return out;
}

std::strong_ordering compare_magnitude(const Decimal& a, const Decimal& b) noexcept {
    if (a.exponent != b.exponent)
        return a.exponent <=> b.exponent;
    const std::size_t common = std::min(a.count, b.count);
    for (std::size_t k = 0; k < common; ++k) {
        const char x = a.digit(k);
        const char y = b.digit(k);
        if (x != y)
            return x <=> y;
    }
    // The last significant digit is never zero, so the longer one is the larger.
    return a.count <=> b.count;
}

std::strong_ordering compare(const Decimal& a, const Decimal& b) noexcept {
    const int sa = a.zero ? 0 : (a.negative ? -1 : 1);
    const int sb = b.zero ? 0 : (b.negative ? -1 : 1);
    if (sa != sb || sa == 0)
        return sa <=> sb;
    const auto m = compare_magnitude(a, b);
    return sa > 0 ? m : 0 <=> m;
}

// The magnitude of an integral value, or nullopt when it has a fraction or exceeds 64 bits.
// `what` receives the reason.
std::optional<std::uint64_t> integral_magnitude(const Decimal& d, const char*& what) noexcept {
    if (d.zero)
        return 0;
    if (d.exponent < static_cast<std::int64_t>(d.count) - 1) {
        what = "has a fraction";
        return std::nullopt;
    }
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t m = 0;
    for (std::int64_t k = 0; k <= d.exponent; ++k) {
        const auto idx = static_cast<std::size_t>(k);
        const unsigned digit = idx < d.count ? static_cast<unsigned>(d.digit(idx) - '0') : 0U;
        if (m > (max - digit) / 10) {
            what = "is out of range";
            return std::nullopt;
        }
        m = m * 10 + digit;
    }
    return m;
}

[[noreturn]] void conversion_failed(std::string_view text, const char* what, const char* target) {
    throw TypeMismatchError("cannot convert number " + quoted(text) + " to " + target + ": it " +
                            what);
}

// The sign (false for any zero) and magnitude of an integral number; throws naming `target`
// when the number has a fraction or needs more than 64 bits.
std::pair<bool, std::uint64_t> integral_parts(std::string_view text, const char* target) {
    const Decimal d = parse_valid(text);
    const char* what = "is out of range";
    const auto m = integral_magnitude(d, what);
    if (!m)
        conversion_failed(text, what, target);
    return {d.negative && *m != 0, *m};
}

template <class T>
std::optional<T> plain_integer(std::string_view text) noexcept {
    T v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc() && end == text.data() + text.size())
        return v;
    return std::nullopt;
}

} // namespace

Number::Number(std::string_view text) : text_(text) {
    check(text);
}

Number::Number(detail::Borrow, std::string_view text) : text_(detail::borrow, text) {
    check(text);
}

void Number::check(std::string_view text) {
    const ParseResult r = parse(text);
    const char* error = r.error;
    if (!error && !r.value.zero) {
        if (r.value.count > max_digits)
            error = "has more than 38 significant digits";
        else if (r.value.exponent > max_exponent || r.value.exponent < min_exponent)
            error = "is outside DynamoDB's range (1E-130 to "
                    "9.9999999999999999999999999999999999999E+125)";
    }
    if (error) {
        if (r.error)
            throw InvalidArgumentError("invalid number " + quoted(text) + ": " + error);
        throw InvalidArgumentError("number " + quoted(text) + ' ' + error);
    }
}

Number Number::from_double(double value) {
    if (std::isnan(value) || std::isinf(value))
        throw InvalidArgumentError("DynamoDB numbers cannot be NaN or infinite");
    if (value == 0)
        return Number(); // also for -0.0: "-0" would be an odd thing to store
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    // Shortest round-trip output of a finite double always fits in 32 characters.
    return Number(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

std::int64_t Number::to_int64() const {
    if (auto v = plain_integer<std::int64_t>(text_))
        return *v;
    const auto [negative, m] = integral_parts(text_, "int64");
    constexpr auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (m > (negative ? limit + 1 : limit))
        conversion_failed(text_, "is out of range", "int64");
    // -(m - 1) - 1 never overflows, even for m == 2^63.
    return negative ? -static_cast<std::int64_t>(m - 1) - 1 : static_cast<std::int64_t>(m);
}

std::uint64_t Number::to_uint64() const {
    if (auto v = plain_integer<std::uint64_t>(text_))
        return *v;
    const auto [negative, m] = integral_parts(text_, "uint64");
    if (negative)
        conversion_failed(text_, "is negative", "uint64");
    return m;
}

double Number::to_double() const {
    std::string_view s = text_;
    if (!s.empty() && s.front() == '+') // from_chars, like JSON, takes no '+'
        s.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        conversion_failed(text_, "cannot be represented", "double");
    return v;
}

bool operator==(const Number& a, const Number& b) {
    if (a.text_ == b.text_)
        return true;
    return compare(parse_valid(a.text_), parse_valid(b.text_)) == 0;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
    if (a.text_ == b.text_)
        return std::strong_ordering::equal;
    return compare(parse_valid(a.text_), parse_valid(b.text_));
}

std::ostream& operator<<(std::ostream& os, const Number& n) {
    return os << n.text_;
}

} // namespace dynaq

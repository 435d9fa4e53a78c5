#pragma once
// Deadlines in tests are safety nets (a bug fails the test instead of hanging it) or limits
// handed to the code under test; neither may make a slow machine fail a correct program. They
// are multiplied by DYNAQ_TEST_DEADLINE_SCALE (a number >= 1, default 1; tools/test passes it
// on), so a loaded CI runner can be given more room without touching a test.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

namespace dynaq::test {

/// DYNAQ_TEST_DEADLINE_SCALE, at least 1; 1 when unset or not a number.
inline double deadline_scale() {
    const char* text = std::getenv("DYNAQ_TEST_DEADLINE_SCALE");
    if (text == nullptr)
        return 1.0;
    char* end = nullptr;
    const double scale = std::strtod(text, &end);
    return end != text && scale >= 1.0 ? std::min(scale, 1000.0) : 1.0;
}

/// `d` times the scale.
template <class Rep, class Period>
std::chrono::seconds scaled(std::chrono::duration<Rep, Period> d) {
    const auto seconds = std::chrono::duration<double>(d).count() * deadline_scale();
    return std::chrono::seconds(static_cast<long long>(seconds + 0.999));
}

} // namespace dynaq::test

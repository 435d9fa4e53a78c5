#pragma once
// The Table layer's dt_created / dt_modified text.
#include <chrono>
#include <string>

namespace dynaq::detail {

/// `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC, no zone suffix, always six fraction digits: the form
/// the Python library wrote (it dropped the fraction when it was zero; we never do), so that
/// dates written by both sort and compare as text.
[[nodiscard]] std::string format_timestamp(std::chrono::system_clock::time_point t);

} // namespace dynaq::detail

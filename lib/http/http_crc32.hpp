#pragma once
// CRC-32 (IEEE 802.3, the zlib/PNG one), which DynamoDB sends as x-amz-crc32 over the
// response body.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dynaq::detail {

/// With PCLMULQDQ (any x86-64 CPU of the last decade, checked at run time) long inputs are
/// folded 16 bytes per carry-less multiplication; otherwise, and for the last bytes,
/// slicing-by-8 tables. Every response body is checked, so this is on the hot path.
[[nodiscard]] std::uint32_t crc32(std::string_view data) noexcept;

/// The tables alone (what crc32 does without PCLMULQDQ), for tests and comparisons.
[[nodiscard]] std::uint32_t crc32_portable(std::string_view data) noexcept;

} // namespace dynaq::detail

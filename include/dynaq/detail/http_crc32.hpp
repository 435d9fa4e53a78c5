#pragma once
// CRC-32 (IEEE 802.3, the zlib/PNG one), which DynamoDB sends as x-amz-crc32 over the
// response body.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dynaq::detail {

/// Slicing-by-8: eight table lookups per 8 bytes instead of one per byte.
[[nodiscard]] std::uint32_t crc32(std::string_view data) noexcept;

} // namespace dynaq::detail

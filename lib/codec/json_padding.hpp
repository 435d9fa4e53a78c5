#pragma once

#include <cstddef>

namespace dynaq::detail {

/// Spare capacity a JSON text needs past its last byte to be parsed in place. RapidJSON's SSE2
/// scanning reads whole aligned 16-byte blocks, and the last one may reach past the text; with
/// this much room it stays inside the string's own allocation. The transport reserves it when
/// it reads a body, so the body is parsed without a copy; JsonDocument copies a string short
/// of it once.
inline constexpr std::size_t json_parse_padding = 16;

} // namespace dynaq::detail

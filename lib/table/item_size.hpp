#pragma once
// Item sizes as DynamoDB counts them against its limits (400 KB per item, 16 MB per batch
// request), so oversized input is rejected before anything is sent.
#include <dynaq/limits.hpp>
#include <dynaq/value.hpp>

#include <cstddef>

namespace dynaq::detail {

/// DynamoDB's per-item limit (limits.hpp).
inline constexpr std::size_t max_item_bytes = limits::item_bytes;
/// DynamoDB's limit for one BatchWriteItem / BatchGetItem request (limits.hpp).
inline constexpr std::size_t max_batch_request_bytes = limits::batch_request_bytes;

/// The size of one value: strings and binaries by their bytes, numbers by their significant
/// digits (about one byte per two digits, plus one), BOOL and NULL one byte, sets the sum of
/// their members, lists and maps 3 bytes plus one per element plus their contents (map member
/// names included).
[[nodiscard]] std::size_t attribute_size(const AttributeValue& value) noexcept;

/// The size of an item: for each attribute, the UTF-8 length of its name plus attribute_size.
[[nodiscard]] std::size_t item_size(const Item& item) noexcept;

} // namespace dynaq::detail

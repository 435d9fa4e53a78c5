#pragma once
// The JSON the null server answers with, generated once at start-up. Every body is a valid
// DynamoDB response for its operation, so a client decodes it exactly as it would a real one;
// the shapes (a number, a boolean and ~100-byte strings per item) are those of a typical
// item, so the client's decode cost is representative too.
//
// Also used by the micro-benchmarks to build the Query page they decode, so both measure the
// same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dynaq::bench {

/// A response body and its x-amz-crc32, computed once.
struct CannedBody {
    std::string text;
    std::uint32_t crc32 = 0;

    CannedBody() = default;
    explicit CannedBody(std::string body);
};

/// Attribute members (`"name":{"S":"..."},...`, no braces) that make an item's JSON text about
/// `size` bytes long. Never empty: at least a number attribute. The names ("num", "flag",
/// "s00".."sNN") are chosen not to clash with usual key names such as pk/sk/id.
[[nodiscard]] std::string filler_members(std::size_t size);

/// Page items are numbered: item i has pk "pk#bench" and sk "sk#" + i in eight digits, plus
/// `page_filler(item_size)` as its other attributes.
[[nodiscard]] std::string page_filler(std::size_t item_size);

/// `{"pk":{"S":"pk#bench"},"sk":{"S":"sk#<index>"}}` appended to `out`.
void append_page_key(std::string& out, std::size_t index);

/// `{"Items":[items first..first+count-1],"Count":count,"ScannedCount":count}` appended to
/// `out`, with the last item's key as LastEvaluatedKey when `more` (and count > 0).
void append_page(std::string& out, std::size_t first, std::size_t count, std::string_view filler,
                 bool more);

/// append_page of `items` items of about `item_size` bytes each from 0, as the last page.
[[nodiscard]] std::string query_page(std::size_t items, std::size_t item_size);

/// `{"__type":"com.amazon.coral.service#<code>","message":"<message>"}`, the error document
/// DynamoDB sends with a 4xx. `message` must not need JSON escaping.
[[nodiscard]] std::string error_document(std::string_view code, std::string_view message);

/// The bodies that do not depend on the request, and the shapes of those that do, shared
/// read-only by all server threads.
struct CannedBodies {
    CannedBodies(std::size_t item_size, std::size_t query_items, std::size_t scan_items = 0);

    std::size_t item_size;
    std::size_t query_items;      ///< items in a partition, and on a full page
    std::size_t scan_items;       ///< items a paged Scan goes through; 0: Scan answers `page`
    std::string filler;           ///< filler_members(item_size minus a typical key)
    std::string page_filler;      ///< page_filler(item_size)
    CannedBody empty;             ///< {}: PutItem, DeleteItem, UpdateItem without ALL_NEW
    CannedBody page;              ///< Query and Scan asking for a full first page
    CannedBody batch_write;       ///< {"UnprocessedItems":{}}
    CannedBody list_tables;       ///< {"TableNames":[]}
    CannedBody unknown_operation; ///< 400
    CannedBody malformed_request; ///< 400 SerializationException: the body is not JSON
    CannedBody validation_error;  ///< 400 ValidationException: a required member is missing
    CannedBody bad_http;          ///< 400/411/413/431: the HTTP request itself is unusable
};

} // namespace dynaq::bench

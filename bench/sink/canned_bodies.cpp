#include "canned_bodies.hpp"

#include "http/http_crc32.hpp"

#include <algorithm>
#include <charconv>

namespace dynaq::bench {

namespace {

// Longest filler string: long enough that a 1 KB item has a handful of attributes (like a
// typical item), short enough that the decoder still sees several of them.
constexpr std::size_t max_filler_string = 100;
// Room a typical key (pk and sk strings of a dozen characters) takes in an item.
constexpr std::size_t typical_key_size = 48;
// Room the key of a page item takes; the filler makes up the rest of its size.
constexpr std::size_t page_key_size =
    std::string_view(R"("pk":{"S":"pk#bench"},"sk":{"S":"sk#00000000"},)").size();

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

// ,"s07":{"S":"hijk..."}
void append_string_member(std::string& out, std::size_t index, std::size_t length) {
    out += ",\"s";
    if (index < 10)
        out += '0';
    append_number(out, index);
    out += "\":{\"S\":\"";
    for (std::size_t i = 0; i < length; ++i)
        out += static_cast<char>('a' + (index + i) % 26);
    out += "\"}";
}

std::size_t string_member_overhead(std::size_t index) {
    std::string probe;
    append_string_member(probe, index, 0);
    return probe.size();
}

} // namespace

CannedBody::CannedBody(std::string body) : text(std::move(body)), crc32(detail::crc32(text)) {}

std::string filler_members(std::size_t size) {
    std::string out = R"("num":{"N":"1234567890"},"flag":{"BOOL":true})";
    // The item's own braces count towards its size.
    const std::size_t target = size > 2 ? size - 2 : 0;
    for (std::size_t index = 0; out.size() < target; ++index) {
        const std::size_t overhead = string_member_overhead(index);
        const std::size_t room = target - out.size();
        if (room <= overhead)
            break;
        append_string_member(out, index, std::min(max_filler_string, room - overhead));
    }
    return out;
}

std::string page_filler(std::size_t item_size) {
    return filler_members(item_size > page_key_size ? item_size - page_key_size : 0);
}

void append_page_key(std::string& out, std::size_t index) {
    char sk[16];
    const auto end = std::to_chars(sk, sk + sizeof sk, 100'000'000 + index).ptr;
    out += R"({"pk":{"S":"pk#bench"},"sk":{"S":"sk#)";
    out.append(sk + 1, end); // the leading 1 only pads: eight digits
    out += R"("}})";
}

namespace {

// The key with the filler after it: every page item has the same pk, and sk numbers it.
void append_page_item(std::string& out, std::size_t index, std::string_view filler) {
    append_page_key(out, index);
    out.back() = ',';
    out += filler;
    out += '}';
}

} // namespace

void append_page(std::string& out, std::size_t first, std::size_t count, std::string_view filler,
                 bool more) {
    out += R"({"Items":[)";
    for (std::size_t i = first; i < first + count; ++i) {
        if (i != first)
            out += ',';
        append_page_item(out, i, filler);
    }
    out += R"(],"Count":)";
    append_number(out, count);
    out += R"(,"ScannedCount":)";
    append_number(out, count);
    if (more && count > 0) {
        out += R"(,"LastEvaluatedKey":)";
        append_page_key(out, first + count - 1);
    }
    out += '}';
}

std::string query_page(std::size_t items, std::size_t item_size) {
    const std::string filler = page_filler(item_size);
    std::string out;
    out.reserve(items * (filler.size() + 64) + 64);
    append_page(out, 0, items, filler, false);
    return out;
}

std::string error_document(std::string_view code, std::string_view message) {
    std::string out = R"({"__type":"com.amazon.coral.service#)";
    out += code;
    out += R"(","message":")";
    out += message;
    out += R"("})";
    return out;
}

CannedBodies::CannedBodies(std::size_t item_size_, std::size_t query_items_,
                           std::size_t scan_items_) :
    item_size(item_size_),
    query_items(query_items_), scan_items(scan_items_),
    filler(filler_members(item_size_ > typical_key_size ? item_size_ - typical_key_size : 0)),
    page_filler(dynaq::bench::page_filler(item_size_)), empty("{}"),
    page(query_page(query_items_, item_size_)), batch_write(R"({"UnprocessedItems":{}})"),
    list_tables(R"({"TableNames":[]})"),
    unknown_operation(error_document("UnknownOperationException",
                                     "the null server does not implement this operation")),
    malformed_request(
        error_document("SerializationException", "the request body is not a JSON object")),
    validation_error(error_document("ValidationException",
                                    "a required member is missing or has the wrong type")),
    bad_http(error_document("BadRequest", "the HTTP request cannot be served")) {}

} // namespace dynaq::bench

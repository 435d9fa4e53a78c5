// Query and Scan.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

/// The members Query and Scan share, in the order of the API reference.
template <class Read>
void write_read_options(JsonWriter& w, const Read& r) {
    write_optional(w, "FilterExpression", r.filter_expression);
    write_optional(w, "ProjectionExpression", r.projection_expression);
    write_expression_attributes(w, r.expression_attribute_names, r.expression_attribute_values);
    write_optional(w, "Limit", r.limit);
    write_optional(w, "ExclusiveStartKey", r.exclusive_start_key);
    write_optional(w, "ConsistentRead", r.consistent_read);
    write_optional(w, "Select", r.select);
    write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
}

} // namespace

void encode(const QueryRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_optional(w, "IndexName", r.index_name);
        write_string_member(w, "KeyConditionExpression", r.key_condition_expression);
        write_read_options(w, r);
        write_optional(w, "ScanIndexForward", r.scan_index_forward);
    });
}

void encode(const ScanRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_optional(w, "IndexName", r.index_name);
        write_read_options(w, r);
        write_optional(w, "Segment", r.segment);
        write_optional(w, "TotalSegments", r.total_segments);
    });
}

void decode(const JsonValue& root, QueryResponse& out) {
    out = {};
    expect_object(root, "response");
    out.items = optional_items(root, "Items", "");
    out.count = optional_int(root, "Count", "").value_or(0);
    out.scanned_count = optional_int(root, "ScannedCount", "").value_or(0);
    out.last_evaluated_key = optional_item(root, "LastEvaluatedKey", "");
    out.consumed_capacity = read_consumed_capacity(root);
}

void decode_body(std::string&& body, QueryResponse& out) {
    static constexpr ItemMember members[] = {{"Items", ItemShape::items},
                                             {"LastEvaluatedKey", ItemShape::item}};
    JsonDocument doc(std::move(body), members);
    decode(doc.root(), out);
    out.items = doc.take_items("Items");
    out.last_evaluated_key = doc.take_item("LastEvaluatedKey");
}

} // namespace dynaq::detail

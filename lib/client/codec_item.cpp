// GetItem, PutItem, UpdateItem, DeleteItem.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

/// What the three writes add after their condition.
template <class Write>
void write_return_options(JsonWriter& w, const Write& r) {
    write_optional(w, "ReturnValues", r.return_values);
    write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    write_optional(w, "ReturnItemCollectionMetrics", r.return_item_collection_metrics);
}

} // namespace

void encode(const GetItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_item_member(w, "Key", r.key);
        write_optional(w, "ProjectionExpression", r.projection_expression);
        write_expression_attributes(w, r.expression_attribute_names);
        write_optional(w, "ConsistentRead", r.consistent_read);
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    });
}

void encode(const PutItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_item_member(w, "Item", r.item);
        write_condition(w, r);
        write_return_options(w, r);
    });
}

void encode(const UpdateItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_item_member(w, "Key", r.key);
        write_optional(w, "UpdateExpression", r.update_expression);
        write_condition(w, r);
        write_return_options(w, r);
    });
}

void encode(const DeleteItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_item_member(w, "Key", r.key);
        write_condition(w, r);
        write_return_options(w, r);
    });
}

void decode(const JsonValue& root, GetItemResponse& out) {
    out = {};
    expect_object(root, "response");
    out.item = optional_item(root, "Item", "");
    out.consumed_capacity = read_consumed_capacity(root);
}

void decode(const JsonValue& root, WriteItemResponse& out) {
    out = {};
    expect_object(root, "response");
    out.attributes = optional_item(root, "Attributes", "");
    out.consumed_capacity = read_consumed_capacity(root);
    out.item_collection_metrics = read_item_collection_metrics(root);
}

void decode_body(std::string&& body, GetItemResponse& out) {
    static constexpr ItemMember members[] = {{"Item", ItemShape::item}};
    JsonDocument doc(std::move(body), members);
    decode(doc.root(), out);
    out.item = doc.take_item("Item");
}

void decode_body(std::string&& body, WriteItemResponse& out) {
    static constexpr ItemMember members[] = {{"Attributes", ItemShape::item}};
    JsonDocument doc(std::move(body), members);
    decode(doc.root(), out);
    out.attributes = doc.take_item("Attributes");
}

} // namespace dynaq::detail

// BatchGetItem and BatchWriteItem. The unprocessed parts of a response are decoded with the
// request's own shapes so they can be sent again as they are.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

void write_keys_and_attributes(JsonWriter& w, const KeysAndAttributes& k) {
    w.StartObject();
    write_key(w, "Keys");
    w.StartArray();
    for (const auto& key : k.keys)
        write_item(w, key);
    w.EndArray();
    write_optional(w, "ProjectionExpression", k.projection_expression);
    write_expression_attributes(w, k.expression_attribute_names);
    write_optional(w, "ConsistentRead", k.consistent_read);
    w.EndObject();
}

void write_write_request(JsonWriter& w, const WriteRequest& request) {
    w.StartObject();
    if (const auto* put = std::get_if<PutRequest>(&request)) {
        write_key(w, "PutRequest");
        w.StartObject();
        write_item_member(w, "Item", put->item);
    } else {
        write_key(w, "DeleteRequest");
        w.StartObject();
        write_item_member(w, "Key", std::get<DeleteRequest>(request).key);
    }
    w.EndObject();
    w.EndObject();
}

ExpressionAttributeNames read_names(const JsonValue& obj, std::string_view where) {
    ExpressionAttributeNames names;
    for_each_member(obj, "ExpressionAttributeNames", where,
                    [&](std::string_view placeholder, const JsonValue& v, const std::string& path) {
                        names.emplace(placeholder, read_string(v, path));
                    });
    return names;
}

KeysAndAttributes read_keys_and_attributes(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    KeysAndAttributes k;
    k.keys = optional_items(v, "Keys", where);
    if (auto projection = optional_string(v, "ProjectionExpression", where))
        k.projection_expression.emplace(*projection);
    k.expression_attribute_names = read_names(v, where);
    k.consistent_read = optional_bool(v, "ConsistentRead", where);
    return k;
}

WriteRequest read_write_request(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    if (const JsonValue* put = find_member(v, "PutRequest")) {
        const std::string path = member_path(where, "PutRequest");
        return PutRequest{read_item(require_member(expect_object(*put, path), "Item", path),
                                    member_path(path, "Item"))};
    }
    if (const JsonValue* del = find_member(v, "DeleteRequest")) {
        const std::string path = member_path(where, "DeleteRequest");
        return DeleteRequest{read_item(require_member(expect_object(*del, path), "Key", path),
                                       member_path(path, "Key"))};
    }
    protocol_error(where, "expected a PutRequest or a DeleteRequest");
}

} // namespace

void encode(const BatchGetItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "RequestItems");
        w.StartObject();
        for (const auto& [table, keys] : r.request_items) {
            write_key(w, table);
            write_keys_and_attributes(w, keys);
        }
        w.EndObject();
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    });
}

void encode(const BatchWriteItemRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "RequestItems");
        w.StartObject();
        for (const auto& [table, writes] : r.request_items) {
            write_key(w, table);
            w.StartArray();
            for (const auto& request : writes)
                write_write_request(w, request);
            w.EndArray();
        }
        w.EndObject();
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
        write_optional(w, "ReturnItemCollectionMetrics", r.return_item_collection_metrics);
    });
}

void decode(const JsonValue& root, BatchGetItemResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_member(root, "Responses", "",
                    [&](std::string_view table, const JsonValue& v, const std::string& path) {
                        out.responses.emplace(table, read_items(v, path));
                    });
    for_each_member(root, "UnprocessedKeys", "",
                    [&](std::string_view table, const JsonValue& v, const std::string& path) {
                        out.unprocessed_keys.emplace(table, read_keys_and_attributes(v, path));
                    });
    out.consumed_capacity = read_consumed_capacity_list(root);
}

void decode_body(std::string&& body, BatchGetItemResponse& out) {
    static constexpr ItemMember members[] = {{"Responses", ItemShape::items_by_table}};
    JsonDocument doc(std::move(body), members);
    decode(doc.root(), out);
    out.responses = doc.take_items_by_table("Responses");
}

void decode(const JsonValue& root, BatchWriteItemResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_member(root, "UnprocessedItems", "",
                    [&](std::string_view table, const JsonValue& v, const std::string& path) {
                        auto& writes = out.unprocessed_items[std::string(table)];
                        for_each_element_of(v, path, [&](const JsonValue& e, const auto& at) {
                            writes.push_back(read_write_request(e, at));
                        });
                    });
    out.item_collection_metrics = read_item_collection_metrics_map(root);
    out.consumed_capacity = read_consumed_capacity_list(root);
}

} // namespace dynaq::detail

// TransactGetItems and TransactWriteItems.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

/// {"Put": {...}} and friends: the action's wire name wraps its members.
template <class F>
void write_action(JsonWriter& w, std::string_view action, F&& members) {
    w.StartObject();
    write_key(w, action);
    w.StartObject();
    members();
    w.EndObject();
    w.EndObject();
}

template <class Action>
constexpr std::string_view action_name = "Delete";
template <>
constexpr std::string_view action_name<TransactConditionCheck> = "ConditionCheck";
template <>
constexpr std::string_view action_name<TransactPut> = "Put";
template <>
constexpr std::string_view action_name<TransactUpdate> = "Update";

void write_transact_write(JsonWriter& w, const TransactWriteItem& item) {
    std::visit(
        [&w](const auto& a) {
            using T = std::decay_t<decltype(a)>;
            write_action(w, action_name<T>, [&] {
                write_string_member(w, "TableName", a.table_name);
                if constexpr (std::is_same_v<T, TransactPut>)
                    write_item_member(w, "Item", a.item);
                else
                    write_item_member(w, "Key", a.key);
                if constexpr (std::is_same_v<T, TransactUpdate>)
                    write_string_member(w, "UpdateExpression", a.update_expression);
                write_condition(w, a);
            });
        },
        item);
}

} // namespace

void encode(const TransactGetItemsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "TransactItems");
        w.StartArray();
        for (const auto& get : r.transact_items)
            write_action(w, "Get", [&] {
                write_string_member(w, "TableName", get.table_name);
                write_item_member(w, "Key", get.key);
                write_optional(w, "ProjectionExpression", get.projection_expression);
                write_expression_attributes(w, get.expression_attribute_names);
            });
        w.EndArray();
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
    });
}

void encode(const TransactWriteItemsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_key(w, "TransactItems");
        w.StartArray();
        for (const auto& item : r.transact_items)
            write_transact_write(w, item);
        w.EndArray();
        write_optional(w, "ClientRequestToken", r.client_request_token);
        write_optional(w, "ReturnConsumedCapacity", r.return_consumed_capacity);
        write_optional(w, "ReturnItemCollectionMetrics", r.return_item_collection_metrics);
    });
}

void decode(const JsonValue& root, TransactGetItemsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "Responses", "", [&](const JsonValue& e, const std::string& path) {
        // An item that does not exist is an empty ItemResponse, {}.
        out.responses.push_back(optional_item(expect_object(e, path), "Item", path));
    });
    out.consumed_capacity = read_consumed_capacity_list(root);
}

void decode(const JsonValue& root, TransactWriteItemsResponse& out) {
    out = {};
    expect_object(root, "response");
    out.consumed_capacity = read_consumed_capacity_list(root);
    out.item_collection_metrics = read_item_collection_metrics_map(root);
}

} // namespace dynaq::detail

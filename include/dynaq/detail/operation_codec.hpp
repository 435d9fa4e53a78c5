#pragma once
// Sans-I/O encoders and decoders of the operation value types (model/*.hpp), and the traits
// that let the Client run every operation through one generic function:
//
//   template <class Request>
//   awaitable<typename operation_traits<Request>::response_type> execute(const Request& req) {
//       body.clear();
//       encode(req, body);                          // validates first; throws before sending
//       auto reply = co_await transport.call(operation_traits<Request>::name, body);
//       JsonDocument doc(reply.body);
//       typename operation_traits<Request>::response_type out;
//       decode(doc.root(), out);
//       co_return out;
//   }
//
// Like detail/json.hpp this pulls in RapidJSON, so only lib/ and tests include it.
#include <dynaq/detail/json.hpp>
#include <dynaq/operations.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dynaq::detail {

/// name: the X-Amz-Target suffix. response_type: what decode fills.
template <class Request>
struct operation_traits;

#define DYNAQ_OPERATION(Request, Name, Response)                                                   \
    template <>                                                                                    \
    struct operation_traits<Request> {                                                             \
        static constexpr std::string_view name = Name;                                             \
        using response_type = Response;                                                            \
    }

DYNAQ_OPERATION(GetItemRequest, "GetItem", GetItemResponse);
DYNAQ_OPERATION(PutItemRequest, "PutItem", PutItemResponse);
DYNAQ_OPERATION(UpdateItemRequest, "UpdateItem", UpdateItemResponse);
DYNAQ_OPERATION(DeleteItemRequest, "DeleteItem", DeleteItemResponse);
DYNAQ_OPERATION(QueryRequest, "Query", QueryResponse);
DYNAQ_OPERATION(ScanRequest, "Scan", ScanResponse);
DYNAQ_OPERATION(BatchGetItemRequest, "BatchGetItem", BatchGetItemResponse);
DYNAQ_OPERATION(BatchWriteItemRequest, "BatchWriteItem", BatchWriteItemResponse);
DYNAQ_OPERATION(TransactGetItemsRequest, "TransactGetItems", TransactGetItemsResponse);
DYNAQ_OPERATION(TransactWriteItemsRequest, "TransactWriteItems", TransactWriteItemsResponse);
DYNAQ_OPERATION(CreateTableRequest, "CreateTable", CreateTableResponse);
DYNAQ_OPERATION(DeleteTableRequest, "DeleteTable", DeleteTableResponse);
DYNAQ_OPERATION(DescribeTableRequest, "DescribeTable", DescribeTableResponse);
DYNAQ_OPERATION(ListTablesRequest, "ListTables", ListTablesResponse);
DYNAQ_OPERATION(UpdateTableRequest, "UpdateTable", UpdateTableResponse);
DYNAQ_OPERATION(UpdateTimeToLiveRequest, "UpdateTimeToLive", UpdateTimeToLiveResponse);
DYNAQ_OPERATION(DescribeTimeToLiveRequest, "DescribeTimeToLive", DescribeTimeToLiveResponse);

#undef DYNAQ_OPERATION

template <class Request>
concept Operation = requires {
    { operation_traits<Request>::name } -> std::convertible_to<std::string_view>;
    typename operation_traits<Request>::response_type;
};

// ---- Validation (lib/client/validate.cpp) ---------------------------------------------------
// Throw InvalidArgumentError, naming the operation and the field, for anything DynamoDB is
// certain to reject. encode() calls these first.

void validate_request(const GetItemRequest& r);
void validate_request(const PutItemRequest& r);
void validate_request(const UpdateItemRequest& r);
void validate_request(const DeleteItemRequest& r);
void validate_request(const QueryRequest& r);
void validate_request(const ScanRequest& r);
void validate_request(const BatchGetItemRequest& r);
void validate_request(const BatchWriteItemRequest& r);
void validate_request(const TransactGetItemsRequest& r);
void validate_request(const TransactWriteItemsRequest& r);
void validate_request(const CreateTableRequest& r);
void validate_request(const DeleteTableRequest& r);
void validate_request(const DescribeTableRequest& r);
void validate_request(const ListTablesRequest& r);
void validate_request(const UpdateTableRequest& r);
void validate_request(const UpdateTimeToLiveRequest& r);
void validate_request(const DescribeTimeToLiveRequest& r);

// ---- Encoders: validate, then append the request body (one JSON object) to `out` -----------

void encode(const GetItemRequest& r, std::string& out);
void encode(const PutItemRequest& r, std::string& out);
void encode(const UpdateItemRequest& r, std::string& out);
void encode(const DeleteItemRequest& r, std::string& out);
void encode(const QueryRequest& r, std::string& out);
void encode(const ScanRequest& r, std::string& out);
void encode(const BatchGetItemRequest& r, std::string& out);
void encode(const BatchWriteItemRequest& r, std::string& out);
void encode(const TransactGetItemsRequest& r, std::string& out);
void encode(const TransactWriteItemsRequest& r, std::string& out);
void encode(const CreateTableRequest& r, std::string& out);
void encode(const DeleteTableRequest& r, std::string& out);
void encode(const DescribeTableRequest& r, std::string& out);
void encode(const ListTablesRequest& r, std::string& out);
void encode(const UpdateTableRequest& r, std::string& out);
void encode(const UpdateTimeToLiveRequest& r, std::string& out);
void encode(const DescribeTimeToLiveRequest& r, std::string& out);

// ---- Decoders: replace `out` with a parsed 2xx body; ProtocolError naming the path ---------
// Unknown members are ignored so newer service versions keep working.

void decode(const JsonValue& root, GetItemResponse& out);
void decode(const JsonValue& root, WriteItemResponse& out); // Put/Update/DeleteItem
void decode(const JsonValue& root, QueryResponse& out);     // Query and Scan
void decode(const JsonValue& root, BatchGetItemResponse& out);
void decode(const JsonValue& root, BatchWriteItemResponse& out);
void decode(const JsonValue& root, TransactGetItemsResponse& out);
void decode(const JsonValue& root, TransactWriteItemsResponse& out);
void decode(const JsonValue& root, CreateTableResponse& out);
void decode(const JsonValue& root, DeleteTableResponse& out);
void decode(const JsonValue& root, DescribeTableResponse& out);
void decode(const JsonValue& root, ListTablesResponse& out);
void decode(const JsonValue& root, UpdateTableResponse& out);
void decode(const JsonValue& root, UpdateTimeToLiveResponse& out);
void decode(const JsonValue& root, DescribeTimeToLiveResponse& out);

/// A response body -> the response: the DOM decoders above, and for the responses that carry
/// items, those decoded while parsing, borrowing from the body (no DOM in between).
template <class Response>
void decode_body(std::string&& body, Response& out) {
    const JsonDocument doc(std::move(body));
    decode(doc.root(), out);
}
void decode_body(std::string&& body, GetItemResponse& out);
void decode_body(std::string&& body, WriteItemResponse& out);
void decode_body(std::string&& body, QueryResponse& out);
void decode_body(std::string&& body, BatchGetItemResponse& out);

// ---- Building blocks shared by lib/client/codec_*.cpp ---------------------------------------

/// Wire string -> enumerator. Unrecognised strings give nullopt, except for the status enums,
/// which give their `unknown` enumerator. Defined for every enum of model/common.hpp.
template <class E>
[[nodiscard]] std::optional<E> parse_enum(std::string_view wire) noexcept;

template <class>
inline constexpr bool always_false = false;

/// Writes "key": value when `value` is present; enums as their wire strings.
template <class T>
void write_optional(JsonWriter& w, std::string_view key, const std::optional<T>& value) {
    if (!value)
        return;
    write_key(w, key);
    if constexpr (std::is_same_v<T, bool>)
        w.Bool(*value);
    else if constexpr (std::is_same_v<T, std::string>)
        write_string(w, *value);
    else if constexpr (std::is_enum_v<T>)
        write_string(w, to_string(*value));
    else if constexpr (std::is_integral_v<T>)
        w.Int64(static_cast<std::int64_t>(*value));
    else if constexpr (std::is_same_v<T, Item>)
        write_item(w, *value);
    else
        static_assert(always_false<T>, "no JSON form for this type");
}

/// The frame of every encoder: validate, then write one object whose members `members(w)`
/// writes, appended to `out`.
template <class Request, class F>
void encode_object(const Request& r, std::string& out, F&& members) {
    validate_request(r);
    StringSink sink{&out};
    StackJsonWriter writer(sink);
    JsonWriter& w = writer.get();
    w.StartObject();
    members(w);
    w.EndObject();
}

/// "key": "value".
void write_string_member(JsonWriter& w, std::string_view key, std::string_view value);
/// "key": {item}.
void write_item_member(JsonWriter& w, std::string_view key, const Item& item);
/// ExpressionAttributeNames and ExpressionAttributeValues, each left out when empty.
void write_expression_attributes(JsonWriter& w, const ExpressionAttributeNames& names,
                                 const Item& values);
void write_expression_attributes(JsonWriter& w, const ExpressionAttributeNames& names);

/// The members every conditional write has, in single-item and transactional writes alike.
template <class Write>
void write_condition(JsonWriter& w, const Write& r) {
    if constexpr (std::is_same_v<decltype(Write::condition_expression), std::string>)
        write_string_member(w, "ConditionExpression", r.condition_expression);
    else
        write_optional(w, "ConditionExpression", r.condition_expression);
    write_expression_attributes(w, r.expression_attribute_names, r.expression_attribute_values);
    write_optional(w, "ReturnValuesOnConditionCheckFailure",
                   r.return_values_on_condition_check_failure);
}

/// "parent.member", or "member" at the root (parent empty). For error messages.
[[nodiscard]] std::string member_path(std::string_view parent, std::string_view member);
/// "parent[index]".
[[nodiscard]] std::string element_path(std::string_view parent, std::size_t index);

/// Throws ProtocolError("<path>: <problem>"), the form detail/json.hpp uses.
[[noreturn]] void protocol_error(std::string_view path, std::string_view problem);
/// `text` from the peer, quoted and cut short for an error message.
[[nodiscard]] std::string quoted_excerpt(std::string_view text);

/// Optional enum member; a string that is not a known wire value is a ProtocolError.
template <class E>
[[nodiscard]] std::optional<E> optional_enum(const JsonValue& obj, std::string_view name,
                                             std::string_view where) {
    const auto text = optional_string(obj, name, where);
    if (!text)
        return std::nullopt;
    if (auto e = parse_enum<E>(*text))
        return e;
    protocol_error(member_path(where, name), "unexpected value " + quoted_excerpt(*text));
}

template <class E>
[[nodiscard]] E require_enum(const JsonValue& obj, std::string_view name, std::string_view where) {
    if (auto e = optional_enum<E>(obj, name, where))
        return *e;
    protocol_error(member_path(where, name), "missing");
}

/// A number, or a string, given as a JSON value rather than a member (an array element).
[[nodiscard]] double read_double(const JsonValue& v, std::string_view where);
[[nodiscard]] std::string read_string(const JsonValue& v, std::string_view where);
/// Fractional epoch seconds -> Timestamp.
[[nodiscard]] std::optional<Timestamp>
optional_timestamp(const JsonValue& obj, std::string_view name, std::string_view where);
[[nodiscard]] std::optional<Item> optional_item(const JsonValue& obj, std::string_view name,
                                                std::string_view where);
/// The array of items in member `name`; empty when absent.
[[nodiscard]] std::vector<Item> optional_items(const JsonValue& obj, std::string_view name,
                                               std::string_view where);
/// Array of strings; empty when absent.
[[nodiscard]] std::vector<std::string> read_strings(const JsonValue& obj, std::string_view name,
                                                    std::string_view where);

/// "ConsumedCapacity" as one object (single-table operations) or as an array (batch and
/// transaction operations).
[[nodiscard]] std::optional<ConsumedCapacity> read_consumed_capacity(const JsonValue& root);
[[nodiscard]] std::vector<ConsumedCapacity> read_consumed_capacity_list(const JsonValue& root);
/// "ItemCollectionMetrics" as one object, or as table name -> array of them.
[[nodiscard]] std::optional<ItemCollectionMetrics>
read_item_collection_metrics(const JsonValue& root);
[[nodiscard]] std::map<std::string, std::vector<ItemCollectionMetrics>>
read_item_collection_metrics_map(const JsonValue& root);

/// Calls f(name, value, path) for each member of `object`, whose path is `where`.
template <class F>
void for_each_member_of(const JsonValue& object, std::string_view where, F&& f) {
    for (const auto& entry : expect_object(object, where).GetObject()) {
        const std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
        f(key, entry.value, member_path(where, key));
    }
}

/// Calls f(element, path) for each element of `array`, whose path is `where`.
template <class F>
void for_each_element_of(const JsonValue& array, std::string_view where, F&& f) {
    std::size_t i = 0;
    for (const auto& element : expect_array(array, where).GetArray())
        f(element, element_path(where, i++));
}

/// The same for the object or array member `name` of `obj`; nothing when it is absent.
template <class F>
void for_each_member(const JsonValue& obj, std::string_view name, std::string_view where, F&& f) {
    if (const JsonValue* m = find_member(obj, name))
        for_each_member_of(*m, member_path(where, name), std::forward<F>(f));
}

template <class F>
void for_each_element(const JsonValue& obj, std::string_view name, std::string_view where, F&& f) {
    if (const JsonValue* m = find_member(obj, name))
        for_each_element_of(*m, member_path(where, name), std::forward<F>(f));
}

} // namespace dynaq::detail

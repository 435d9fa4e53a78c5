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
// Like codec/json.hpp this pulls in RapidJSON, so only lib/ and tests include it.
#include "codec/json.hpp"
#include <dynaq/detail/operation_list.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/model/streams.hpp>
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

/// Per-operation facts, from the rows of detail/operation_list.hpp. name: the X-Amz-Target
/// suffix; method: the Client member; response_type: what decode fills; idempotent: safe to
/// send again after a timeout; item_access: reads or writes of items, for capacity accounting;
/// service: whose endpoint and target prefix (DYNAQ_OPERATIONS or DYNAQ_STREAMS_OPERATIONS).
template <class Request>
struct operation_traits;

#define DYNAQ_OPERATION_TRAITS_OF(service_, method_, Name, retry, items, argument)                 \
    template <>                                                                                    \
    struct operation_traits<Name##Request> {                                                       \
        static constexpr Service service = Service::service_;                                      \
        static constexpr std::string_view name = #Name;                                            \
        static constexpr std::string_view method = #method_;                                       \
        using response_type = Name##Response;                                                      \
        static constexpr bool idempotent = Idempotency::retry == Idempotency::idempotent;          \
        static constexpr ItemAccess item_access = ItemAccess::items;                               \
    };
#define DYNAQ_OPERATION_TRAITS(...) DYNAQ_OPERATION_TRAITS_OF(dynamodb, __VA_ARGS__)
#define DYNAQ_STREAMS_OPERATION_TRAITS(...) DYNAQ_OPERATION_TRAITS_OF(streams, __VA_ARGS__)
DYNAQ_OPERATIONS(DYNAQ_OPERATION_TRAITS)
DYNAQ_STREAMS_OPERATIONS(DYNAQ_STREAMS_OPERATION_TRAITS)
#undef DYNAQ_STREAMS_OPERATION_TRAITS
#undef DYNAQ_OPERATION_TRAITS
#undef DYNAQ_OPERATION_TRAITS_OF

// ---- Per operation, declared from the list -------------------------------------------------
// validate_request (lib/client/validate.cpp): throw InvalidArgumentError, naming the operation
//   and the field, for anything DynamoDB is certain to reject. encode() calls it first.
// encode: validate, then append the request body (one JSON object) to `out`.
// decode: replace `out` with a parsed 2xx body; ProtocolError naming the path. Unknown members
//   are ignored so newer service versions keep working. Responses shared by several operations
//   (WriteItemResponse, QueryResponse) are declared once per operation, which C++ allows.

#define DYNAQ_OPERATION_CODEC(method, Name, ...)                                                   \
    void validate_request(const Name##Request& r);                                                 \
    void encode(const Name##Request& r, std::string& out);                                         \
    void decode(const JsonValue& root, Name##Response& out);
DYNAQ_OPERATIONS(DYNAQ_OPERATION_CODEC)
DYNAQ_STREAMS_OPERATIONS(DYNAQ_OPERATION_CODEC)
#undef DYNAQ_OPERATION_CODEC

template <class Request>
concept Operation = requires {
    { operation_traits<Request>::name } -> std::convertible_to<std::string_view>;
    typename operation_traits<Request>::response_type;
};

/// A response body -> the response: the DOM decoders above, and for the responses that carry
/// items, those decoded while parsing, borrowing from the body (no DOM in between).
template <class Response>
void decode_body(std::string&& body, Response& out) {
    // A response without members has nothing to read, so its body is not parsed: DynamoDB
    // answers TagResource and UntagResource with an empty body, dynalite with "", moto with {}.
    if constexpr (std::is_empty_v<Response>) {
        out = {};
    } else {
        const JsonDocument doc(std::move(body));
        decode(doc.root(), out);
    }
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

/// Table shapes (lib/client/codec_table.cpp), shared by the control-plane codecs.
void write_key_schema(JsonWriter& w, const std::vector<KeySchemaElement>& schema);
/// "AttributeDefinitions", left out when empty.
void write_attribute_definitions(JsonWriter& w, const std::vector<AttributeDefinition>& defs);
/// Nothing when `t` is empty; `key` names the member (restores use "...Override").
void write_throughput(JsonWriter& w, const std::optional<ProvisionedThroughput>& t,
                      std::string_view key = "ProvisionedThroughput");
void write_sse(JsonWriter& w, const std::optional<SseSpecification>& s,
               std::string_view key = "SSESpecification");
/// One index object, as CreateTable lists it (and UpdateTable's Create action holds a GSI).
void write_global_index(JsonWriter& w, const GlobalSecondaryIndex& gsi);
void write_local_index(JsonWriter& w, const LocalSecondaryIndex& lsi);
/// "Tags": [{"Key": ..., "Value": ...}].
void write_tags(JsonWriter& w, const std::vector<Tag>& tags);
[[nodiscard]] std::vector<KeySchemaElement> read_key_schema(const JsonValue& obj,
                                                            std::string_view where);
/// The responses that are {"<member>": TableDescription}.
[[nodiscard]] TableDescription read_description_member(const JsonValue& root,
                                                       std::string_view member);

/// "parent.member", or "member" at the root (parent empty). For error messages.
[[nodiscard]] std::string member_path(std::string_view parent, std::string_view member);
/// "parent[index]".
[[nodiscard]] std::string element_path(std::string_view parent, std::size_t index);

/// Throws ProtocolError("<path>: <problem>"), the form codec/json.hpp uses.
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
/// An optional string member, copied out of the document.
[[nodiscard]] std::optional<std::string>
optional_owned_string(const JsonValue& obj, std::string_view name, std::string_view where);
/// "key": epoch seconds, as DynamoDB takes times (an integer when whole); nothing when empty.
void write_timestamp(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t);
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

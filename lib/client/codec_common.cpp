// Pieces of request and response JSON that several operations share.
#include "client/operation_codec.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace dynaq::detail {

void write_string_member(JsonWriter& w, std::string_view key, std::string_view value) {
    write_key(w, key);
    write_string(w, value);
}

void write_item_member(JsonWriter& w, std::string_view key, const Item& item) {
    write_key(w, key);
    write_item(w, item, key);
}

void write_expression_attributes(JsonWriter& w, const ExpressionAttributeNames& names) {
    if (names.empty())
        return;
    write_key(w, "ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [placeholder, name] : names)
        write_string_member(w, placeholder, name);
    w.EndObject();
}

void write_expression_attributes(JsonWriter& w, const ExpressionAttributeNames& names,
                                 const Item& values) {
    write_expression_attributes(w, names);
    if (!values.empty())
        write_item_member(w, "ExpressionAttributeValues", values);
}

std::string member_path(std::string_view parent, std::string_view member) {
    std::string path;
    path.reserve(parent.size() + member.size() + 1);
    path += parent;
    if (!parent.empty())
        path += '.';
    path += member;
    return path;
}

std::string element_path(std::string_view parent, std::size_t index) {
    std::string path(parent);
    path += '[';
    path += std::to_string(index);
    path += ']';
    return path;
}

void protocol_error(std::string_view path, std::string_view problem) {
    std::string message(path);
    if (!message.empty())
        message += ": ";
    message += problem;
    throw ProtocolError(message);
}

std::string quoted_excerpt(std::string_view text) {
    constexpr std::size_t shown = 64; // the peer's text may be huge
    std::string out = "\"";
    out += text.substr(0, shown);
    if (text.size() > shown)
        out += "...";
    out += '"';
    return out;
}

std::string read_string(const JsonValue& v, std::string_view where) {
    if (!v.IsString())
        protocol_error(where, "expected a string");
    return std::string(string_view_of(v));
}

double read_double(const JsonValue& v, std::string_view where) {
    // JsonDocument keeps JSON numbers as numbers; quoted ones are accepted too.
    if (v.IsNumber())
        return v.GetDouble();
    if (v.IsString()) {
        const char* first = v.GetString();
        const char* last = first + v.GetStringLength();
        double d = 0;
        const auto [end, ec] = std::from_chars(first, last, d);
        if (ec == std::errc() && end == last && first != last)
            return d;
    }
    protocol_error(where, "expected a number");
}

std::optional<Timestamp> optional_timestamp(const JsonValue& obj, std::string_view name,
                                            std::string_view where) {
    const auto seconds = optional_double(obj, name, where);
    if (!seconds)
        return std::nullopt;
    // DynamoDB's times are near "now"; a value this far out is garbage, and converting it to
    // milliseconds could overflow.
    if (!std::isfinite(*seconds) || std::fabs(*seconds) > 1e12)
        protocol_error(member_path(where, name), "timestamp out of range");
    return Timestamp(std::chrono::milliseconds(std::llround(*seconds * 1000.0)));
}

std::optional<std::string> optional_owned_string(const JsonValue& obj, std::string_view name,
                                                 std::string_view where) {
    if (auto text = optional_string(obj, name, where))
        return std::string(*text);
    return std::nullopt;
}

void write_timestamp(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t) {
    if (!t)
        return;
    write_key(w, key);
    const auto ms = t->time_since_epoch().count();
    if (ms % 1000 == 0)
        w.Int64(ms / 1000);
    else
        w.Double(static_cast<double>(ms) / 1000.0);
}

std::optional<Item> optional_item(const JsonValue& obj, std::string_view name,
                                  std::string_view where) {
    const JsonValue* m = find_member(obj, name);
    if (!m)
        return std::nullopt;
    return read_item(*m, member_path(where, name));
}

std::vector<Item> optional_items(const JsonValue& obj, std::string_view name,
                                 std::string_view where) {
    if (const JsonValue* m = find_member(obj, name))
        return read_items(*m, member_path(where, name));
    return {};
}

std::vector<std::string> read_strings(const JsonValue& obj, std::string_view name,
                                      std::string_view where) {
    std::vector<std::string> out;
    for_each_element(obj, name, where, [&](const JsonValue& e, const std::string& path) {
        out.push_back(read_string(e, path));
    });
    return out;
}

namespace {

Capacity read_capacity(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    return Capacity{
        .read_capacity_units = optional_double(v, "ReadCapacityUnits", where),
        .write_capacity_units = optional_double(v, "WriteCapacityUnits", where),
        .capacity_units = optional_double(v, "CapacityUnits", where),
    };
}

ConsumedCapacity read_one_consumed_capacity(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    ConsumedCapacity c;
    c.table_name = optional_string(v, "TableName", where).value_or("");
    c.capacity_units = optional_double(v, "CapacityUnits", where);
    c.read_capacity_units = optional_double(v, "ReadCapacityUnits", where);
    c.write_capacity_units = optional_double(v, "WriteCapacityUnits", where);
    if (const JsonValue* t = find_member(v, "Table"))
        c.table = read_capacity(*t, member_path(where, "Table"));
    const auto index_reader = [](std::map<std::string, Capacity>& into) {
        return [&into](std::string_view index, const JsonValue& value, const std::string& path) {
            into.emplace(index, read_capacity(value, path));
        };
    };
    for_each_member(v, "LocalSecondaryIndexes", where, index_reader(c.local_secondary_indexes));
    for_each_member(v, "GlobalSecondaryIndexes", where, index_reader(c.global_secondary_indexes));
    return c;
}

ItemCollectionMetrics read_one_item_collection_metrics(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    ItemCollectionMetrics m;
    if (auto key = optional_item(v, "ItemCollectionKey", where))
        m.item_collection_key = std::move(*key);
    for_each_element(v, "SizeEstimateRangeGB", where,
                     [&](const JsonValue& e, const std::string& path) {
                         m.size_estimate_range_gb.push_back(read_double(e, path));
                     });
    return m;
}

} // namespace

std::optional<ConsumedCapacity> read_consumed_capacity(const JsonValue& root) {
    if (const JsonValue* m = find_member(root, "ConsumedCapacity"))
        return read_one_consumed_capacity(*m, "ConsumedCapacity");
    return std::nullopt;
}

std::vector<ConsumedCapacity> read_consumed_capacity_list(const JsonValue& root) {
    std::vector<ConsumedCapacity> out;
    for_each_element(root, "ConsumedCapacity", "",
                     [&](const JsonValue& e, const std::string& path) {
                         out.push_back(read_one_consumed_capacity(e, path));
                     });
    return out;
}

std::optional<ItemCollectionMetrics> read_item_collection_metrics(const JsonValue& root) {
    if (const JsonValue* m = find_member(root, "ItemCollectionMetrics"))
        return read_one_item_collection_metrics(*m, "ItemCollectionMetrics");
    return std::nullopt;
}

std::map<std::string, std::vector<ItemCollectionMetrics>>
read_item_collection_metrics_map(const JsonValue& root) {
    std::map<std::string, std::vector<ItemCollectionMetrics>> out;
    for_each_member(root, "ItemCollectionMetrics", "",
                    [&](std::string_view table, const JsonValue& list, const std::string& path) {
                        auto& metrics = out[std::string(table)];
                        for_each_element_of(list, path, [&](const JsonValue& e, const auto& at) {
                            metrics.push_back(read_one_item_collection_metrics(e, at));
                        });
                    });
    return out;
}

} // namespace dynaq::detail

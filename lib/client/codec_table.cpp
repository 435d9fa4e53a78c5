// CreateTable, DeleteTable, DescribeTable, ListTables, UpdateTable, and the TableDescription
// they answer with.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

// ---- encoding ----

template <class T, class F>
void write_array(JsonWriter& w, std::string_view key, const std::vector<T>& values, F&& element) {
    write_key(w, key);
    w.StartArray();
    for (const auto& v : values)
        element(v);
    w.EndArray();
}

/// Like write_array, but nothing at all for an empty vector (an optional list).
template <class T, class F>
void write_optional_array(JsonWriter& w, std::string_view key, const std::vector<T>& values,
                          F&& element) {
    if (!values.empty())
        write_array(w, key, values, std::forward<F>(element));
}

void write_projection(JsonWriter& w, const IndexProjection& p) {
    write_key(w, "Projection");
    w.StartObject();
    write_string_member(w, "ProjectionType", to_string(p.projection_type));
    write_optional_array(w, "NonKeyAttributes", p.non_key_attributes,
                         [&](const std::string& name) { write_string(w, name); });
    w.EndObject();
}

void write_stream(JsonWriter& w, const std::optional<StreamSpecification>& s) {
    if (!s)
        return;
    write_key(w, "StreamSpecification");
    w.StartObject();
    write_key(w, "StreamEnabled");
    w.Bool(s->stream_enabled);
    write_optional(w, "StreamViewType", s->stream_view_type);
    w.EndObject();
}

void write_global_index_update(JsonWriter& w, const GlobalSecondaryIndexUpdate& update) {
    w.StartObject();
    if (const auto* create = std::get_if<GlobalSecondaryIndex>(&update)) {
        write_key(w, "Create");
        write_global_index(w, *create);
    } else if (const auto* change = std::get_if<UpdateGlobalSecondaryIndex>(&update)) {
        write_key(w, "Update");
        w.StartObject();
        write_string_member(w, "IndexName", change->index_name);
        write_throughput(w, change->provisioned_throughput);
        w.EndObject();
    } else {
        write_key(w, "Delete");
        w.StartObject();
        write_string_member(w, "IndexName",
                            std::get<DeleteGlobalSecondaryIndex>(update).index_name);
        w.EndObject();
    }
    w.EndObject();
}

// ---- decoding ----

std::string optional_text(const JsonValue& obj, std::string_view name, std::string_view where) {
    return std::string(optional_string(obj, name, where).value_or(std::string_view()));
}

std::vector<AttributeDefinition> read_attribute_definitions(const JsonValue& obj,
                                                            std::string_view where) {
    std::vector<AttributeDefinition> defs;
    for_each_element(
        obj, "AttributeDefinitions", where, [&](const JsonValue& e, const std::string& path) {
            expect_object(e, path);
            defs.push_back({std::string(require_string(e, "AttributeName", path)),
                            require_enum<ScalarAttributeType>(e, "AttributeType", path)});
        });
    return defs;
}

IndexProjection read_projection(const JsonValue& obj, std::string_view where) {
    IndexProjection p;
    const JsonValue* m = find_member(obj, "Projection");
    if (!m)
        return p;
    const std::string path = member_path(where, "Projection");
    expect_object(*m, path);
    p.projection_type =
        optional_enum<ProjectionType>(*m, "ProjectionType", path).value_or(ProjectionType::all);
    p.non_key_attributes = read_strings(*m, "NonKeyAttributes", path);
    return p;
}

std::optional<ProvisionedThroughputDescription> read_throughput(const JsonValue& obj,
                                                                std::string_view where) {
    const JsonValue* m = find_member(obj, "ProvisionedThroughput");
    if (!m)
        return std::nullopt;
    const std::string path = member_path(where, "ProvisionedThroughput");
    expect_object(*m, path);
    return ProvisionedThroughputDescription{
        .last_increase_date_time = optional_timestamp(*m, "LastIncreaseDateTime", path),
        .last_decrease_date_time = optional_timestamp(*m, "LastDecreaseDateTime", path),
        .number_of_decreases_today = optional_int(*m, "NumberOfDecreasesToday", path),
        .read_capacity_units = optional_int(*m, "ReadCapacityUnits", path).value_or(0),
        .write_capacity_units = optional_int(*m, "WriteCapacityUnits", path).value_or(0),
    };
}

/// Calls f(object, path) for the object member `name` when present.
template <class F>
void with_object(const JsonValue& obj, std::string_view name, std::string_view where, F&& f) {
    if (const JsonValue* m = find_member(obj, name)) {
        const std::string path = member_path(where, name);
        f(expect_object(*m, path), std::string_view(path));
    }
}

/// The members both index descriptions have.
template <class Description>
Description read_index_common(const JsonValue& e, std::string_view path) {
    expect_object(e, path);
    Description d;
    d.index_name = std::string(require_string(e, "IndexName", path));
    d.key_schema = read_key_schema(e, path);
    d.projection = read_projection(e, path);
    d.index_size_bytes = optional_int(e, "IndexSizeBytes", path);
    d.item_count = optional_int(e, "ItemCount", path);
    d.index_arn = optional_text(e, "IndexArn", path);
    return d;
}

TableDescription read_table_description(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    TableDescription t;
    t.table_name = std::string(require_string(v, "TableName", where));
    t.table_arn = optional_text(v, "TableArn", where);
    t.table_id = optional_text(v, "TableId", where);
    t.table_status = optional_enum<TableStatus>(v, "TableStatus", where);
    t.attribute_definitions = read_attribute_definitions(v, where);
    t.key_schema = read_key_schema(v, where);
    t.creation_date_time = optional_timestamp(v, "CreationDateTime", where);
    t.provisioned_throughput = read_throughput(v, where);
    t.table_size_bytes = optional_int(v, "TableSizeBytes", where);
    t.item_count = optional_int(v, "ItemCount", where);
    with_object(v, "BillingModeSummary", where, [&](const JsonValue& m, std::string_view path) {
        t.billing_mode_summary = BillingModeSummary{
            .billing_mode = optional_enum<BillingMode>(m, "BillingMode", path),
            .last_update_to_pay_per_request_date_time =
                optional_timestamp(m, "LastUpdateToPayPerRequestDateTime", path),
        };
    });
    for_each_element(v, "LocalSecondaryIndexes", where,
                     [&](const JsonValue& e, const std::string& path) {
                         t.local_secondary_indexes.push_back(
                             read_index_common<LocalSecondaryIndexDescription>(e, path));
                     });
    for_each_element(v, "GlobalSecondaryIndexes", where,
                     [&](const JsonValue& e, const std::string& path) {
                         auto d = read_index_common<GlobalSecondaryIndexDescription>(e, path);
                         d.index_status = optional_enum<IndexStatus>(e, "IndexStatus", path);
                         d.backfilling = optional_bool(e, "Backfilling", path);
                         d.provisioned_throughput = read_throughput(e, path);
                         t.global_secondary_indexes.push_back(std::move(d));
                     });
    with_object(v, "StreamSpecification", where, [&](const JsonValue& m, std::string_view path) {
        t.stream_specification = StreamSpecification{
            .stream_enabled = optional_bool(m, "StreamEnabled", path).value_or(false),
            .stream_view_type = optional_enum<StreamViewType>(m, "StreamViewType", path),
        };
    });
    if (auto label = optional_string(v, "LatestStreamLabel", where))
        t.latest_stream_label.emplace(*label);
    if (auto arn = optional_string(v, "LatestStreamArn", where))
        t.latest_stream_arn.emplace(*arn);
    with_object(v, "SSEDescription", where, [&](const JsonValue& m, std::string_view path) {
        SseDescription d{.status = optional_enum<SseStatus>(m, "Status", path),
                         .sse_type = optional_enum<SseType>(m, "SSEType", path),
                         .kms_master_key_arn = std::nullopt};
        if (auto arn = optional_string(m, "KMSMasterKeyArn", path))
            d.kms_master_key_arn.emplace(*arn);
        t.sse_description = std::move(d);
    });
    with_object(v, "TableClassSummary", where, [&](const JsonValue& m, std::string_view path) {
        t.table_class_summary = TableClassSummary{
            .table_class = optional_enum<TableClass>(m, "TableClass", path),
            .last_update_date_time = optional_timestamp(m, "LastUpdateDateTime", path),
        };
    });
    t.deletion_protection_enabled = optional_bool(v, "DeletionProtectionEnabled", where);
    return t;
}

} // namespace

// ---- shared with the other control-plane codecs (declared in operation_codec.hpp) ----

void write_attribute_definitions(JsonWriter& w, const std::vector<AttributeDefinition>& defs) {
    write_optional_array(w, "AttributeDefinitions", defs, [&](const AttributeDefinition& d) {
        w.StartObject();
        write_string_member(w, "AttributeName", d.attribute_name);
        write_string_member(w, "AttributeType", to_string(d.attribute_type));
        w.EndObject();
    });
}

void write_key_schema(JsonWriter& w, const std::vector<KeySchemaElement>& schema) {
    write_array(w, "KeySchema", schema, [&](const KeySchemaElement& e) {
        w.StartObject();
        write_string_member(w, "AttributeName", e.attribute_name);
        write_string_member(w, "KeyType", to_string(e.key_type));
        w.EndObject();
    });
}

void write_throughput(JsonWriter& w, const std::optional<ProvisionedThroughput>& t,
                      std::string_view key) {
    if (!t)
        return;
    write_key(w, key);
    w.StartObject();
    write_key(w, "ReadCapacityUnits");
    w.Int64(t->read_capacity_units);
    write_key(w, "WriteCapacityUnits");
    w.Int64(t->write_capacity_units);
    w.EndObject();
}

void write_sse(JsonWriter& w, const std::optional<SseSpecification>& s, std::string_view key) {
    if (!s)
        return;
    write_key(w, key);
    w.StartObject();
    write_optional(w, "Enabled", s->enabled);
    write_optional(w, "SSEType", s->sse_type);
    write_optional(w, "KMSMasterKeyId", s->kms_master_key_id);
    w.EndObject();
}

// The members both kinds of index have; a GSI adds its throughput.
template <class Index>
void write_index(JsonWriter& w, const Index& index) {
    w.StartObject();
    write_string_member(w, "IndexName", index.index_name);
    write_key_schema(w, index.key_schema);
    write_projection(w, index.projection);
    if constexpr (requires { index.provisioned_throughput; })
        write_throughput(w, index.provisioned_throughput);
    w.EndObject();
}

void write_global_index(JsonWriter& w, const GlobalSecondaryIndex& gsi) {
    write_index(w, gsi);
}

void write_local_index(JsonWriter& w, const LocalSecondaryIndex& lsi) {
    write_index(w, lsi);
}

void write_tags(JsonWriter& w, const std::vector<Tag>& tags) {
    write_array(w, "Tags", tags, [&](const Tag& tag) {
        w.StartObject();
        write_string_member(w, "Key", tag.key);
        write_string_member(w, "Value", tag.value);
        w.EndObject();
    });
}

std::vector<KeySchemaElement> read_key_schema(const JsonValue& obj, std::string_view where) {
    std::vector<KeySchemaElement> schema;
    for_each_element(obj, "KeySchema", where, [&](const JsonValue& e, const std::string& path) {
        expect_object(e, path);
        schema.push_back({std::string(require_string(e, "AttributeName", path)),
                          require_enum<KeyType>(e, "KeyType", path)});
    });
    return schema;
}

TableDescription read_description_member(const JsonValue& root, std::string_view member) {
    expect_object(root, "response");
    return read_table_description(require_member(root, member, ""), member);
}

void encode(const CreateTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_attribute_definitions(w, r.attribute_definitions);
        write_key_schema(w, r.key_schema);
        write_optional_array(w, "LocalSecondaryIndexes", r.local_secondary_indexes,
                             [&](const LocalSecondaryIndex& lsi) { write_local_index(w, lsi); });
        write_optional_array(w, "GlobalSecondaryIndexes", r.global_secondary_indexes,
                             [&](const GlobalSecondaryIndex& gsi) { write_global_index(w, gsi); });
        write_optional(w, "BillingMode", r.billing_mode);
        write_throughput(w, r.provisioned_throughput);
        write_stream(w, r.stream_specification);
        write_sse(w, r.sse_specification);
        if (!r.tags.empty())
            write_tags(w, r.tags);
        write_optional(w, "TableClass", r.table_class);
        write_optional(w, "DeletionProtectionEnabled", r.deletion_protection_enabled);
    });
}

void encode(const DeleteTableRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void encode(const DescribeTableRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void encode(const ListTablesRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "ExclusiveStartTableName", r.exclusive_start_table_name);
        write_optional(w, "Limit", r.limit);
    });
}

void encode(const UpdateTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_attribute_definitions(w, r.attribute_definitions);
        write_optional(w, "BillingMode", r.billing_mode);
        write_throughput(w, r.provisioned_throughput);
        write_optional_array(
            w, "GlobalSecondaryIndexUpdates", r.global_secondary_index_updates,
            [&](const GlobalSecondaryIndexUpdate& u) { write_global_index_update(w, u); });
        write_stream(w, r.stream_specification);
        write_sse(w, r.sse_specification);
        write_optional(w, "TableClass", r.table_class);
        write_optional(w, "DeletionProtectionEnabled", r.deletion_protection_enabled);
    });
}

void decode(const JsonValue& root, CreateTableResponse& out) {
    out = {};
    out.table_description = read_description_member(root, "TableDescription");
}

void decode(const JsonValue& root, DeleteTableResponse& out) {
    out = {};
    out.table_description = read_description_member(root, "TableDescription");
}

void decode(const JsonValue& root, DescribeTableResponse& out) {
    out = {};
    out.table = read_description_member(root, "Table");
}

void decode(const JsonValue& root, UpdateTableResponse& out) {
    out = {};
    out.table_description = read_description_member(root, "TableDescription");
}

void decode(const JsonValue& root, ListTablesResponse& out) {
    out = {};
    expect_object(root, "response");
    out.table_names = read_strings(root, "TableNames", "");
    if (auto last = optional_string(root, "LastEvaluatedTableName", ""))
        out.last_evaluated_table_name.emplace(*last);
}

} // namespace dynaq::detail

// Request validation: what DynamoDB is certain to reject is reported here, before a byte is
// sent, with the operation and the field in the message.
#include "client/operation_codec.hpp"
#include <dynaq/limits.hpp>
#include <dynaq/names.hpp>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <variant>

namespace dynaq::detail {
namespace {

// DynamoDB's documented limits (limits.hpp has their sources).
constexpr std::size_t max_batch_get_keys = limits::batch_get_keys;
constexpr std::size_t max_batch_writes = limits::batch_write_items;
constexpr std::size_t max_transact_items = limits::transact_items;
constexpr std::int32_t max_total_segments = limits::total_segments;
constexpr std::int32_t max_list_tables_limit = limits::list_tables_limit;
constexpr std::size_t max_client_request_token = 36;
constexpr std::size_t max_attribute_name = limits::key_attribute_name_max;

// The checks below throw without the operation name; `checked` adds it, so every helper need
// not carry it around.
template <class Request, class F>
void checked(const Request&, F&& check) {
    try {
        check();
    } catch (const InvalidArgumentError& e) {
        throw InvalidArgumentError(std::string(operation_traits<Request>::name) + ": " + e.what());
    }
}

[[noreturn]] void fail(std::string message) {
    throw InvalidArgumentError(std::move(message));
}

/// Table and index names: 3 to 255 of [a-zA-Z0-9_.-].
void check_name(std::string_view field, std::string_view name) {
    if (!is_valid_table_name(name))
        fail(std::string(field) + " " + quoted_excerpt(name) +
             " is invalid: it must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
}

void check_index_name(std::string_view field, const std::optional<std::string>& name) {
    if (name)
        check_name(field, *name);
}

void check_attribute_name(std::string_view field, std::string_view name) {
    if (name.empty() || name.size() > max_attribute_name)
        fail(std::string(field) + " must be 1 to 255 characters");
}

/// A primary key: the partition key and at most a sort key, each a non-empty S, N or B.
void check_key(std::string_view field, const Item& key) {
    if (key.empty())
        fail(std::string(field) + " is missing (the item's primary key)");
    if (key.size() > 2)
        fail(std::string(field) + " has " + std::to_string(key.size()) +
             " attributes; a primary key is a partition key and at most a sort key");
    for (const auto& [name, value] : key)
        validate_key_value(value, name);
}

/// ExclusiveStartKey of an index holds the index key and the table key: up to four attributes.
void check_start_key(const std::optional<Item>& key) {
    if (!key)
        return;
    if (key->empty())
        fail("exclusive_start_key is empty; leave it unset to start from the beginning");
    for (const auto& [name, value] : *key)
        validate_key_value(value, name);
}

void check_item(std::string_view field, const Item& item) {
    if (item.empty())
        fail(std::string(field) + " is empty; it needs at least the primary key");
    validate(item, field);
}

void check_expression(std::string_view field, const std::optional<std::string>& expression) {
    if (expression && expression->empty())
        fail(std::string(field) + " is empty; leave it unset instead");
}

bool is_placeholder_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view text_of(const std::optional<std::string>& s) {
    return s ? std::string_view(*s) : std::string_view();
}

/// Placeholders must be well formed, defined when used and used when defined: DynamoDB rejects
/// each of these. Expressions contain no literals, so every '#' and ':' starts a placeholder.
void check_placeholders(const ExpressionAttributeNames& names, const Item& values,
                        std::initializer_list<std::string_view> expressions) {
    const auto well_formed = [](std::string_view placeholder, char sigil) {
        return placeholder.size() >= 2 && placeholder[0] == sigil &&
               std::all_of(placeholder.begin() + 1, placeholder.end(), is_placeholder_char);
    };
    for (const auto& [placeholder, name] : names) {
        if (!well_formed(placeholder, '#'))
            fail("expression_attribute_names key " + quoted_excerpt(placeholder) +
                 " must be '#' followed by letters, digits or '_'");
        if (name.empty())
            fail("expression_attribute_names maps " + quoted_excerpt(placeholder) +
                 " to an empty name");
    }
    for (const auto& [placeholder, value] : values)
        if (!well_formed(placeholder, ':'))
            fail("expression_attribute_values key " + quoted_excerpt(placeholder) +
                 " must be ':' followed by letters, digits or '_'");
    validate(values, "expression_attribute_values");

    std::set<std::string_view, std::less<>> used;
    for (const std::string_view expression : expressions)
        for (std::size_t i = 0; i < expression.size(); ++i) {
            const char c = expression[i];
            if (c != '#' && c != ':')
                continue;
            std::size_t end = i + 1;
            while (end < expression.size() && is_placeholder_char(expression[end]))
                ++end;
            const std::string_view token = expression.substr(i, end - i);
            if (token.size() < 2)
                fail("an expression contains a lone '" + std::string(1, c) + "'");
            if (c == '#' ? !names.contains(std::string(token)) : !values.contains(token))
                fail("an expression uses " + quoted_excerpt(token) + " but " +
                     (c == '#' ? "expression_attribute_names" : "expression_attribute_values") +
                     " does not define it");
            used.insert(token);
            i = end - 1;
        }
    for (const auto& entry : names)
        if (!used.contains(entry.first))
            fail("expression_attribute_names defines " + quoted_excerpt(entry.first) +
                 " but no expression uses it");
    for (const auto& entry : values)
        if (!used.contains(entry.first))
            fail("expression_attribute_values defines " + quoted_excerpt(entry.first) +
                 " but no expression uses it");
}

void check_limit(const std::optional<std::int32_t>& limit) {
    if (limit && *limit < 1)
        fail("limit must be at least 1, got " + std::to_string(*limit));
}

/// PutItem and DeleteItem can only return the old item.
void check_old_or_none(const std::optional<ReturnValues>& rv) {
    if (rv && *rv != ReturnValues::none && *rv != ReturnValues::all_old)
        fail("return_values must be none or all_old, got " + std::string(to_string(*rv)));
}

/// Query and Scan: a projection implies SPECIFIC_ATTRIBUTES, and only an index has
/// "projected attributes".
template <class Request>
void check_select(const Request& r) {
    check_index_name("index_name", r.index_name);
    check_expression("filter_expression", r.filter_expression);
    check_expression("projection_expression", r.projection_expression);
    check_limit(r.limit);
    check_start_key(r.exclusive_start_key);
    if (!r.select)
        return;
    const Select s = *r.select;
    if (r.projection_expression && s != Select::specific_attributes)
        fail("select " + std::string(to_string(s)) +
             " cannot be combined with projection_expression (which implies "
             "SPECIFIC_ATTRIBUTES)");
    if (s == Select::specific_attributes && !r.projection_expression)
        fail("select SPECIFIC_ATTRIBUTES needs a projection_expression");
    if (s == Select::all_projected_attributes && !r.index_name)
        fail("select ALL_PROJECTED_ATTRIBUTES needs an index_name");
}

/// The parts every conditional write shares (single-item and transactional).
template <class Write>
void check_condition_and_placeholders(const Write& w, std::string_view extra_expression = {}) {
    check_expression("condition_expression", w.condition_expression);
    check_placeholders(w.expression_attribute_names, w.expression_attribute_values,
                       {text_of(w.condition_expression), extra_expression});
}

void check_transact_count(std::size_t count) {
    if (count == 0 || count > max_transact_items)
        fail("transact_items must hold 1 to 100 items, got " + std::to_string(count));
}

void check_key_schema(std::string_view field, const std::vector<KeySchemaElement>& schema) {
    if (schema.empty() || schema.size() > 2)
        fail(std::string(field) + " must have a partition key and at most a sort key");
    if (schema[0].key_type != KeyType::hash)
        fail(std::string(field) + " must start with the partition (HASH) key");
    if (schema.size() == 2 && schema[1].key_type != KeyType::range)
        fail(std::string(field) + ": the second element must be the sort (RANGE) key");
    for (const auto& e : schema)
        check_attribute_name(std::string(field) + " attribute_name", e.attribute_name);
    if (schema.size() == 2 && schema[0].attribute_name == schema[1].attribute_name)
        fail(std::string(field) + " uses " + quoted_excerpt(schema[0].attribute_name) + " twice");
}

void check_projection(std::string_view index, const IndexProjection& p) {
    const bool include = p.projection_type == ProjectionType::include;
    if (include && p.non_key_attributes.empty())
        fail("index " + quoted_excerpt(index) + ": projection INCLUDE needs non_key_attributes");
    if (!include && !p.non_key_attributes.empty())
        fail("index " + quoted_excerpt(index) +
             ": non_key_attributes are only allowed with INCLUDE");
}

void check_throughput(std::string_view field, const ProvisionedThroughput& t) {
    if (t.read_capacity_units < 1 || t.write_capacity_units < 1)
        fail(std::string(field) + " capacity units must be at least 1");
}

/// Throughput goes with provisioned billing (DynamoDB's default) and nowhere else.
void check_billing(std::string_view field, const std::optional<BillingMode>& mode,
                   const std::optional<ProvisionedThroughput>& throughput) {
    const bool on_demand = mode == BillingMode::pay_per_request;
    if (on_demand && throughput)
        fail(std::string(field) + " must be unset with billing mode PAY_PER_REQUEST");
    if (!on_demand && !throughput)
        fail(std::string(field) + " is required with billing mode PROVISIONED (the default)");
    if (throughput)
        check_throughput(field, *throughput);
}

void check_global_index(const GlobalSecondaryIndex& gsi) {
    check_name("global secondary index name", gsi.index_name);
    check_key_schema("key_schema of index " + quoted_excerpt(gsi.index_name), gsi.key_schema);
    check_projection(gsi.index_name, gsi.projection);
}

void check_stream(const std::optional<StreamSpecification>& s) {
    if (s && s->stream_enabled && !s->stream_view_type)
        fail("stream_specification enables a stream without a stream_view_type");
}

/// Every key attribute must be defined, and (as DynamoDB insists) every definition used.
void check_definitions(const std::vector<AttributeDefinition>& definitions,
                       const std::set<std::string, std::less<>>& key_attributes) {
    std::set<std::string_view> defined;
    for (const auto& d : definitions) {
        check_attribute_name("attribute_definitions attribute_name", d.attribute_name);
        if (!defined.insert(d.attribute_name).second)
            fail("attribute_definitions defines " + quoted_excerpt(d.attribute_name) + " twice");
        if (!key_attributes.contains(d.attribute_name))
            fail("attribute_definitions defines " + quoted_excerpt(d.attribute_name) +
                 ", which no key schema uses");
    }
    for (const auto& name : key_attributes)
        if (!defined.contains(name))
            fail("key attribute " + quoted_excerpt(name) +
                 " is missing from attribute_definitions");
}

void collect_key_attributes(const std::vector<KeySchemaElement>& schema,
                            std::set<std::string, std::less<>>& into) {
    for (const auto& e : schema)
        into.insert(e.attribute_name);
}

/// `text` must be min to max characters (bytes: every limit here is on ASCII text).
void check_length(std::string_view field, std::string_view text, std::size_t min, std::size_t max) {
    if (text.size() < min || text.size() > max)
        fail(std::string(field) + " must be " + std::to_string(min) + " to " + std::to_string(max) +
             " characters, got " + std::to_string(text.size()));
}

void check_optional_length(std::string_view field, const std::optional<std::string>& text,
                           std::size_t min, std::size_t max) {
    if (text)
        check_length(field, *text, min, max);
}

} // namespace

void validate_request(const GetItemRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_key("key", r.key);
        check_expression("projection_expression", r.projection_expression);
        check_placeholders(r.expression_attribute_names, {}, {text_of(r.projection_expression)});
    });
}

void validate_request(const PutItemRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_item("item", r.item);
        check_condition_and_placeholders(r);
        check_old_or_none(r.return_values);
    });
}

void validate_request(const UpdateItemRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_key("key", r.key);
        check_expression("update_expression", r.update_expression);
        check_condition_and_placeholders(r, text_of(r.update_expression));
    });
}

void validate_request(const DeleteItemRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_key("key", r.key);
        check_condition_and_placeholders(r);
        check_old_or_none(r.return_values);
    });
}

void validate_request(const QueryRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        if (r.key_condition_expression.empty())
            fail("key_condition_expression is required");
        check_select(r);
        check_placeholders(r.expression_attribute_names, r.expression_attribute_values,
                           {r.key_condition_expression, text_of(r.filter_expression),
                            text_of(r.projection_expression)});
    });
}

void validate_request(const ScanRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_select(r);
        check_placeholders(r.expression_attribute_names, r.expression_attribute_values,
                           {text_of(r.filter_expression), text_of(r.projection_expression)});
        if (r.segment.has_value() != r.total_segments.has_value())
            fail("segment and total_segments go together: set both or neither");
        if (r.total_segments && (*r.total_segments < 1 || *r.total_segments > max_total_segments))
            fail("total_segments must be 1 to 1000000, got " + std::to_string(*r.total_segments));
        if (r.segment && (*r.segment < 0 || *r.segment >= *r.total_segments))
            fail("segment must be 0 to total_segments - 1, got " + std::to_string(*r.segment));
    });
}

void validate_request(const BatchGetItemRequest& r) {
    checked(r, [&] {
        if (r.request_items.empty())
            fail("request_items is empty");
        std::size_t total = 0;
        for (const auto& [table, keys] : r.request_items)
            total += keys.keys.size();
        if (total > max_batch_get_keys)
            fail("request_items has " + std::to_string(total) + " keys; the limit is 100");
        for (const auto& [table, request] : r.request_items) {
            check_name("table name", table);
            if (request.keys.empty())
                fail("table " + quoted_excerpt(table) + " has no keys");
            for (const auto& key : request.keys)
                check_key("key", key);
            // DynamoDB rejects the whole batch when a key repeats.
            for (auto it = request.keys.begin(); it != request.keys.end(); ++it)
                if (std::find(std::next(it), request.keys.end(), *it) != request.keys.end())
                    fail("table " + quoted_excerpt(table) + " lists the same key twice");
            check_expression("projection_expression", request.projection_expression);
            check_placeholders(request.expression_attribute_names, {},
                               {text_of(request.projection_expression)});
        }
    });
}

void validate_request(const BatchWriteItemRequest& r) {
    checked(r, [&] {
        if (r.request_items.empty())
            fail("request_items is empty");
        std::size_t total = 0;
        for (const auto& [table, writes] : r.request_items)
            total += writes.size();
        if (total > max_batch_writes)
            fail("request_items has " + std::to_string(total) + " writes; the limit is 25");
        for (const auto& [table, writes] : r.request_items) {
            check_name("table name", table);
            if (writes.empty())
                fail("table " + quoted_excerpt(table) + " has no writes");
            for (const auto& write : writes) {
                if (const auto* put = std::get_if<PutRequest>(&write))
                    check_item("put item", put->item);
                else
                    check_key("delete key", std::get<DeleteRequest>(write).key);
            }
        }
    });
}

void validate_request(const TransactGetItemsRequest& r) {
    checked(r, [&] {
        check_transact_count(r.transact_items.size());
        for (const auto& get : r.transact_items) {
            check_name("table_name", get.table_name);
            check_key("key", get.key);
            check_expression("projection_expression", get.projection_expression);
            check_placeholders(get.expression_attribute_names, {},
                               {text_of(get.projection_expression)});
        }
    });
}

void validate_request(const TransactWriteItemsRequest& r) {
    checked(r, [&] {
        check_transact_count(r.transact_items.size());
        check_optional_length("client_request_token", r.client_request_token, 1,
                              max_client_request_token);
        for (const auto& item : r.transact_items)
            std::visit(
                [](const auto& action) {
                    using T = std::decay_t<decltype(action)>;
                    check_name("table_name", action.table_name);
                    if constexpr (std::is_same_v<T, TransactPut>) {
                        check_item("item", action.item);
                        check_condition_and_placeholders(action);
                    } else if constexpr (std::is_same_v<T, TransactConditionCheck>) {
                        check_key("key", action.key);
                        if (action.condition_expression.empty())
                            fail("a condition check needs a condition_expression");
                        check_placeholders(action.expression_attribute_names,
                                           action.expression_attribute_values,
                                           {action.condition_expression});
                    } else if constexpr (std::is_same_v<T, TransactUpdate>) {
                        check_key("key", action.key);
                        if (action.update_expression.empty())
                            fail("an update needs an update_expression");
                        check_condition_and_placeholders(action, action.update_expression);
                    } else {
                        check_key("key", action.key);
                        check_condition_and_placeholders(action);
                    }
                },
                item);
    });
}

void validate_request(const CreateTableRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_key_schema("key_schema", r.key_schema);
        std::set<std::string, std::less<>> key_attributes;
        collect_key_attributes(r.key_schema, key_attributes);
        std::set<std::string_view> index_names;
        const auto unique_index = [&](const std::string& name) {
            if (!index_names.insert(name).second)
                fail("index name " + quoted_excerpt(name) + " is used twice");
        };
        if (!r.local_secondary_indexes.empty() && r.key_schema.size() != 2)
            fail("local secondary indexes need a table with a sort key");
        for (const auto& lsi : r.local_secondary_indexes) {
            check_name("local secondary index name", lsi.index_name);
            unique_index(lsi.index_name);
            const std::string field = "key_schema of index " + quoted_excerpt(lsi.index_name);
            check_key_schema(field, lsi.key_schema);
            if (lsi.key_schema.size() != 2 ||
                lsi.key_schema[0].attribute_name != r.key_schema[0].attribute_name)
                fail(field + " must be the table's partition key and a sort key");
            check_projection(lsi.index_name, lsi.projection);
            collect_key_attributes(lsi.key_schema, key_attributes);
        }
        for (const auto& gsi : r.global_secondary_indexes) {
            check_global_index(gsi);
            unique_index(gsi.index_name);
            check_billing("provisioned_throughput of index " + quoted_excerpt(gsi.index_name),
                          r.billing_mode, gsi.provisioned_throughput);
            collect_key_attributes(gsi.key_schema, key_attributes);
        }
        check_definitions(r.attribute_definitions, key_attributes);
        check_billing("provisioned_throughput", r.billing_mode, r.provisioned_throughput);
        check_stream(r.stream_specification);
        for (const auto& tag : r.tags)
            if (tag.key.empty())
                fail("a tag has an empty key");
    });
}

void validate_request(const DeleteTableRequest& r) {
    checked(r, [&] { check_name("table_name", r.table_name); });
}

void validate_request(const DescribeTableRequest& r) {
    checked(r, [&] { check_name("table_name", r.table_name); });
}

void validate_request(const ListTablesRequest& r) {
    checked(r, [&] {
        if (r.exclusive_start_table_name)
            check_name("exclusive_start_table_name", *r.exclusive_start_table_name);
        check_limit(r.limit);
        if (r.limit && *r.limit > max_list_tables_limit)
            fail("limit must be at most 100, got " + std::to_string(*r.limit));
    });
}

void validate_request(const UpdateTableRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        if (!r.billing_mode && !r.provisioned_throughput &&
            r.global_secondary_index_updates.empty() && !r.stream_specification &&
            !r.sse_specification && !r.table_class && !r.deletion_protection_enabled)
            fail("nothing to update");
        if (r.billing_mode == BillingMode::pay_per_request && r.provisioned_throughput)
            fail("provisioned_throughput must be unset with billing mode PAY_PER_REQUEST");
        if (r.provisioned_throughput)
            check_throughput("provisioned_throughput", *r.provisioned_throughput);
        std::set<std::string, std::less<>> key_attributes;
        for (const auto& update : r.global_secondary_index_updates) {
            if (const auto* create = std::get_if<GlobalSecondaryIndex>(&update)) {
                check_global_index(*create);
                if (create->provisioned_throughput)
                    check_throughput("provisioned_throughput of index " +
                                         quoted_excerpt(create->index_name),
                                     *create->provisioned_throughput);
                collect_key_attributes(create->key_schema, key_attributes);
            } else if (const auto* change = std::get_if<UpdateGlobalSecondaryIndex>(&update)) {
                check_name("global secondary index name", change->index_name);
                check_throughput("provisioned_throughput of index " +
                                     quoted_excerpt(change->index_name),
                                 change->provisioned_throughput);
            } else {
                check_name("global secondary index name",
                           std::get<DeleteGlobalSecondaryIndex>(update).index_name);
            }
        }
        // Definitions are only sent for the key attributes of new indexes.
        for (const auto& name : key_attributes)
            if (std::none_of(r.attribute_definitions.begin(), r.attribute_definitions.end(),
                             [&](const auto& d) { return d.attribute_name == name; }))
                fail("key attribute " + quoted_excerpt(name) +
                     " is missing from attribute_definitions");
        check_stream(r.stream_specification);
    });
}

void validate_request(const UpdateTimeToLiveRequest& r) {
    checked(r, [&] {
        check_name("table_name", r.table_name);
        check_attribute_name("time_to_live_specification.attribute_name",
                             r.time_to_live_specification.attribute_name);
    });
}

void validate_request(const DescribeTimeToLiveRequest& r) {
    checked(r, [&] { check_name("table_name", r.table_name); });
}

} // namespace dynaq::detail

// ---- Backups, tags, resource policies, account, PartiQL ------------------------------------

namespace dynaq::detail {
namespace {

constexpr std::size_t max_resource_arn = 1283;
constexpr std::size_t min_backup_arn = 37;
constexpr std::size_t max_backup_arn = 1024;
constexpr std::size_t max_table_arn = 1024;
constexpr std::size_t max_tag_key = 128;
constexpr std::size_t max_tag_value = 256;
constexpr std::size_t max_policy_bytes = 20 * 1024;
constexpr std::size_t max_revision_id = 255;
constexpr std::int32_t max_recovery_period_days = 35;
constexpr std::int32_t max_list_backups_limit = limits::list_backups_limit;
constexpr std::size_t max_statement = limits::statement_length;
constexpr std::size_t max_statement_next_token = 32768;
constexpr std::size_t max_batch_statements = limits::batch_statements;

/// Where the API takes "the table name, or its ARN".
void check_name_or_arn(std::string_view field, std::string_view name) {
    if (name.starts_with("arn:"))
        check_length(field, name, 1, max_table_arn);
    else
        check_name(field, name);
}

void check_resource_arn(std::string_view arn) {
    check_length("resource_arn", arn, 1, max_resource_arn);
}

void check_backup_arn(std::string_view field, std::string_view arn) {
    check_length(field, arn, min_backup_arn, max_backup_arn);
}

void check_overrides(const RestoreOverrides& o) {
    if (o.billing_mode_override == BillingMode::pay_per_request &&
        o.provisioned_throughput_override)
        fail("provisioned_throughput_override must be unset with billing mode "
             "PAY_PER_REQUEST");
    if (o.provisioned_throughput_override)
        check_throughput("provisioned_throughput_override", *o.provisioned_throughput_override);
    for (const auto& gsi : o.global_secondary_index_override)
        check_global_index(gsi);
    for (const auto& lsi : o.local_secondary_index_override) {
        check_name("local secondary index name", lsi.index_name);
        check_key_schema("key_schema of index " + quoted_excerpt(lsi.index_name), lsi.key_schema);
        check_projection(lsi.index_name, lsi.projection);
    }
}

void check_statement(std::string_view field, const std::string& statement,
                     const std::vector<AttributeValue>& parameters) {
    check_length(field, statement, 1, max_statement);
    for (std::size_t i = 0; i < parameters.size(); ++i)
        validate(parameters[i], element_path("parameters", i));
}

} // namespace

void validate_request(const CreateBackupRequest& r) {
    checked(r, [&] {
        check_name_or_arn("table_name", r.table_name);
        check_name("backup_name", r.backup_name);
    });
}

void validate_request(const DeleteBackupRequest& r) {
    checked(r, [&] { check_backup_arn("backup_arn", r.backup_arn); });
}

void validate_request(const DescribeBackupRequest& r) {
    checked(r, [&] { check_backup_arn("backup_arn", r.backup_arn); });
}

void validate_request(const ListBackupsRequest& r) {
    checked(r, [&] {
        if (r.table_name)
            check_name_or_arn("table_name", *r.table_name);
        check_limit(r.limit);
        if (r.limit && *r.limit > max_list_backups_limit)
            fail("limit must be at most 100, got " + std::to_string(*r.limit));
        if (r.time_range_lower_bound && r.time_range_upper_bound &&
            *r.time_range_lower_bound > *r.time_range_upper_bound)
            fail("time_range_lower_bound is after time_range_upper_bound");
        if (r.exclusive_start_backup_arn)
            check_backup_arn("exclusive_start_backup_arn", *r.exclusive_start_backup_arn);
    });
}

void validate_request(const RestoreTableFromBackupRequest& r) {
    checked(r, [&] {
        check_name("target_table_name", r.target_table_name);
        check_backup_arn("backup_arn", r.backup_arn);
        check_overrides(r.overrides);
    });
}

void validate_request(const RestoreTableToPointInTimeRequest& r) {
    checked(r, [&] {
        if (r.source_table_name.has_value() == r.source_table_arn.has_value())
            fail("set exactly one of source_table_name and source_table_arn");
        if (r.source_table_name)
            check_name("source_table_name", *r.source_table_name);
        check_optional_length("source_table_arn", r.source_table_arn, 1, max_table_arn);
        check_name("target_table_name", r.target_table_name);
        if (r.use_latest_restorable_time.value_or(false) && r.restore_date_time)
            fail("restore_date_time cannot be combined with use_latest_restorable_time");
        check_overrides(r.overrides);
    });
}

void validate_request(const DescribeContinuousBackupsRequest& r) {
    checked(r, [&] { check_name_or_arn("table_name", r.table_name); });
}

void validate_request(const UpdateContinuousBackupsRequest& r) {
    checked(r, [&] {
        check_name_or_arn("table_name", r.table_name);
        const auto days = r.point_in_time_recovery_specification.recovery_period_in_days;
        if (days && (*days < 1 || *days > max_recovery_period_days))
            fail("recovery_period_in_days must be 1 to 35, got " + std::to_string(*days));
    });
}

void validate_request(const TagResourceRequest& r) {
    checked(r, [&] {
        check_resource_arn(r.resource_arn);
        if (r.tags.empty())
            fail("tags is empty");
        for (const auto& tag : r.tags) {
            check_length("tag key", tag.key, 1, max_tag_key);
            check_length("value of tag " + quoted_excerpt(tag.key), tag.value, 0, max_tag_value);
        }
    });
}

void validate_request(const UntagResourceRequest& r) {
    checked(r, [&] {
        check_resource_arn(r.resource_arn);
        if (r.tag_keys.empty())
            fail("tag_keys is empty");
        for (const auto& key : r.tag_keys)
            check_length("tag key", key, 1, max_tag_key);
    });
}

void validate_request(const ListTagsOfResourceRequest& r) {
    checked(r, [&] { check_resource_arn(r.resource_arn); });
}

void validate_request(const PutResourcePolicyRequest& r) {
    checked(r, [&] {
        check_resource_arn(r.resource_arn);
        check_length("policy", r.policy, 1, max_policy_bytes);
        check_optional_length("expected_revision_id", r.expected_revision_id, 1, max_revision_id);
    });
}

void validate_request(const GetResourcePolicyRequest& r) {
    checked(r, [&] { check_resource_arn(r.resource_arn); });
}

void validate_request(const DeleteResourcePolicyRequest& r) {
    checked(r, [&] {
        check_resource_arn(r.resource_arn);
        check_optional_length("expected_revision_id", r.expected_revision_id, 1, max_revision_id);
    });
}

// Requests without members: nothing can be wrong with them.
void validate_request(const DescribeLimitsRequest&) {}
void validate_request(const DescribeEndpointsRequest&) {}

void validate_request(const ExecuteStatementRequest& r) {
    checked(r, [&] {
        check_statement("statement", r.statement, r.parameters);
        check_optional_length("next_token", r.next_token, 1, max_statement_next_token);
        check_limit(r.limit);
    });
}

void validate_request(const BatchExecuteStatementRequest& r) {
    checked(r, [&] {
        if (r.statements.empty() || r.statements.size() > max_batch_statements)
            fail("statements must hold 1 to 25 statements, got " +
                 std::to_string(r.statements.size()));
        for (std::size_t i = 0; i < r.statements.size(); ++i)
            check_statement(element_path("statements", i) + ".statement", r.statements[i].statement,
                            r.statements[i].parameters);
    });
}

void validate_request(const ExecuteTransactionRequest& r) {
    checked(r, [&] {
        if (r.transact_statements.empty() || r.transact_statements.size() > max_transact_items)
            fail("transact_statements must hold 1 to 100 statements, got " +
                 std::to_string(r.transact_statements.size()));
        for (std::size_t i = 0; i < r.transact_statements.size(); ++i)
            check_statement(element_path("transact_statements", i) + ".statement",
                            r.transact_statements[i].statement,
                            r.transact_statements[i].parameters);
        check_optional_length("client_request_token", r.client_request_token, 1,
                              max_client_request_token);
    });
}

} // namespace dynaq::detail

// ---- Exports and imports -------------------------------------------------------------------

namespace dynaq::detail {
namespace {

constexpr std::size_t max_s3_bucket = 255;
constexpr std::size_t max_s3_prefix = 1024;
constexpr std::size_t max_kms_key_id = 2048;
constexpr std::size_t min_export_arn = 37;
constexpr std::size_t max_export_arn = 1024;
constexpr std::int32_t max_export_page = 25;
constexpr std::size_t min_imports_next_token = 112;
constexpr std::size_t max_imports_next_token = 1024;
constexpr std::size_t max_csv_headers = 255;
constexpr std::size_t max_csv_header = 65536;

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// ^[a-z0-9A-Z]+[\.\-\w]*[a-z0-9A-Z]+$, at most 255 characters.
void check_bucket(std::string_view bucket) {
    const bool ok = bucket.size() >= 2 && bucket.size() <= max_s3_bucket &&
                    is_alnum(bucket.front()) && is_alnum(bucket.back()) &&
                    std::all_of(bucket.begin(), bucket.end(), [](char c) {
                        return is_alnum(c) || c == '.' || c == '-' || c == '_';
                    });
    if (!ok)
        fail("s3_bucket " + quoted_excerpt(bucket) +
             " is invalid: 2 to 255 characters of a-z, A-Z, 0-9, '.', '-', '_', starting and "
             "ending with a letter or digit");
}

/// An AWS account id: [0-9]{12}.
void check_bucket_owner(const std::optional<std::string>& owner) {
    if (owner && (owner->size() != 12 || !std::all_of(owner->begin(), owner->end(),
                                                      [](char c) { return c >= '0' && c <= '9'; })))
        fail("s3_bucket_owner must be a 12-digit account id");
}

/// Idempotency tokens of exports and imports: ^[^\$]+$.
void check_client_token(const std::optional<std::string>& token) {
    if (token && (token->empty() || token->find('$') != std::string::npos))
        fail("client_token must be non-empty and must not contain '$'");
}

template <class E>
void check_known(std::string_view field, const std::optional<E>& value) {
    if (value && *value == E::unknown)
        fail(std::string(field) + " is `unknown`, which cannot be sent");
}

void check_page_size(std::string_view field, const std::optional<std::int32_t>& size) {
    if (size && (*size < 1 || *size > max_export_page))
        fail(std::string(field) + " must be 1 to 25, got " + std::to_string(*size));
}

void check_table_creation(const TableCreationParameters& t) {
    check_name("table_creation_parameters.table_name", t.table_name);
    check_key_schema("table_creation_parameters.key_schema", t.key_schema);
    std::set<std::string, std::less<>> key_attributes;
    collect_key_attributes(t.key_schema, key_attributes);
    for (const auto& gsi : t.global_secondary_indexes) {
        check_global_index(gsi);
        collect_key_attributes(gsi.key_schema, key_attributes);
    }
    check_definitions(t.attribute_definitions, key_attributes);
    check_billing("table_creation_parameters.provisioned_throughput", t.billing_mode,
                  t.provisioned_throughput);
}

} // namespace

void validate_request(const ExportTableToPointInTimeRequest& r) {
    checked(r, [&] {
        check_length("table_arn", r.table_arn, 1, max_table_arn);
        check_client_token(r.client_token);
        check_bucket(r.s3_bucket);
        check_bucket_owner(r.s3_bucket_owner);
        check_optional_length("s3_prefix", r.s3_prefix, 0, max_s3_prefix);
        check_optional_length("s3_sse_kms_key_id", r.s3_sse_kms_key_id, 1, max_kms_key_id);
        check_known("s3_sse_algorithm", r.s3_sse_algorithm);
        check_known("export_format", r.export_format);
        check_known("export_type", r.export_type);
        const bool incremental = r.export_type == ExportType::incremental_export;
        if (incremental != r.incremental_export_specification.has_value())
            fail("incremental_export_specification goes with export_type INCREMENTAL_EXPORT, "
                 "and only with it");
        if (incremental) {
            const auto& inc = *r.incremental_export_specification;
            check_known("export_view_type", inc.export_view_type);
            if (inc.export_from_time && inc.export_to_time &&
                *inc.export_from_time >= *inc.export_to_time)
                fail("export_from_time must be before export_to_time");
        }
    });
}

void validate_request(const DescribeExportRequest& r) {
    checked(r, [&] { check_length("export_arn", r.export_arn, min_export_arn, max_export_arn); });
}

void validate_request(const ListExportsRequest& r) {
    checked(r, [&] {
        check_optional_length("table_arn", r.table_arn, 1, max_table_arn);
        check_page_size("max_results", r.max_results);
    });
}

void validate_request(const ImportTableRequest& r) {
    checked(r, [&] {
        check_client_token(r.client_token);
        check_bucket(r.s3_bucket_source.s3_bucket);
        check_bucket_owner(r.s3_bucket_source.s3_bucket_owner);
        check_optional_length("s3_key_prefix", r.s3_bucket_source.s3_key_prefix, 0, max_s3_prefix);
        check_known("input_format", std::optional(r.input_format));
        check_known("input_compression_type", r.input_compression_type);
        if (r.csv_options) {
            if (r.input_format != InputFormat::csv)
                fail("csv_options go with input_format CSV only");
            check_optional_length("csv_options.delimiter", r.csv_options->delimiter, 1, 1);
            if (r.csv_options->header_list.size() > max_csv_headers)
                fail("csv_options.header_list holds at most 255 names");
            for (const auto& name : r.csv_options->header_list)
                check_length("csv_options.header_list name", name, 1, max_csv_header);
        }
        check_table_creation(r.table_creation_parameters);
    });
}

void validate_request(const DescribeImportRequest& r) {
    checked(r, [&] { check_length("import_arn", r.import_arn, min_export_arn, max_export_arn); });
}

void validate_request(const ListImportsRequest& r) {
    checked(r, [&] {
        check_optional_length("table_arn", r.table_arn, 1, max_table_arn);
        check_page_size("page_size", r.page_size);
        check_optional_length("next_token", r.next_token, min_imports_next_token,
                              max_imports_next_token);
    });
}

} // namespace dynaq::detail

// ---- Contributor Insights and Kinesis destinations -----------------------------------------

namespace dynaq::detail {
namespace {

constexpr std::int32_t max_insights_page = 100;
constexpr std::size_t min_stream_arn = 37;
constexpr std::size_t max_stream_arn = 1024;

template <class Request>
void check_destination(const Request& r) {
    check_name_or_arn("table_name", r.table_name);
    check_length("stream_arn", r.stream_arn, min_stream_arn, max_stream_arn);
    if (r.configuration)
        check_known("configuration.approximate_creation_date_time_precision",
                    r.configuration->approximate_creation_date_time_precision);
}

} // namespace

void validate_request(const DescribeContributorInsightsRequest& r) {
    checked(r, [&] {
        check_name_or_arn("table_name", r.table_name);
        check_index_name("index_name", r.index_name);
    });
}

void validate_request(const UpdateContributorInsightsRequest& r) {
    checked(r, [&] {
        check_name_or_arn("table_name", r.table_name);
        check_index_name("index_name", r.index_name);
        check_known("contributor_insights_mode", r.contributor_insights_mode);
    });
}

void validate_request(const ListContributorInsightsRequest& r) {
    checked(r, [&] {
        if (r.table_name)
            check_name_or_arn("table_name", *r.table_name);
        if (r.max_results && (*r.max_results < 0 || *r.max_results > max_insights_page))
            fail("max_results must be 0 to 100, got " + std::to_string(*r.max_results));
    });
}

void validate_request(const EnableKinesisStreamingDestinationRequest& r) {
    checked(r, [&] { check_destination(r); });
}

void validate_request(const DisableKinesisStreamingDestinationRequest& r) {
    checked(r, [&] { check_destination(r); });
}

void validate_request(const UpdateKinesisStreamingDestinationRequest& r) {
    checked(r, [&] { check_destination(r); });
}

void validate_request(const DescribeKinesisStreamingDestinationRequest& r) {
    checked(r, [&] { check_name_or_arn("table_name", r.table_name); });
}

} // namespace dynaq::detail

// ---- Global tables and replica auto scaling ------------------------------------------------

namespace dynaq::detail {
namespace {

constexpr std::size_t max_role_arn = 1600;
constexpr std::size_t max_policy_name = 256;
constexpr std::size_t max_global_index_settings_updates = 20;
constexpr std::size_t max_replica_settings_updates = 50;

void check_region(std::string_view field, const std::string& region) {
    if (region.empty())
        fail(std::string(field) + " is empty");
}

void check_auto_scaling(std::string_view field, const std::optional<AutoScalingSettingsUpdate>& u) {
    if (!u)
        return;
    const std::string f(field);
    if (u->minimum_units && *u->minimum_units < 1)
        fail(f + ".minimum_units must be at least 1");
    if (u->maximum_units && *u->maximum_units < 1)
        fail(f + ".maximum_units must be at least 1");
    if (u->minimum_units && u->maximum_units && *u->minimum_units > *u->maximum_units)
        fail(f + ".minimum_units is above maximum_units");
    check_optional_length(f + ".auto_scaling_role_arn", u->auto_scaling_role_arn, 1, max_role_arn);
    if (u->scaling_policy_update)
        check_optional_length(f + ".scaling_policy_update.policy_name",
                              u->scaling_policy_update->policy_name, 1, max_policy_name);
}

void check_units(std::string_view field, const std::optional<std::int64_t>& units) {
    if (units && *units < 1)
        fail(std::string(field) + " must be at least 1, got " + std::to_string(*units));
}

} // namespace

void validate_request(const CreateGlobalTableRequest& r) {
    checked(r, [&] {
        check_name("global_table_name", r.global_table_name);
        if (r.replication_group.empty())
            fail("replication_group is empty");
        for (const auto& replica : r.replication_group)
            check_region("replication_group region_name", replica.region_name);
    });
}

void validate_request(const DescribeGlobalTableRequest& r) {
    checked(r, [&] { check_name("global_table_name", r.global_table_name); });
}

void validate_request(const DescribeGlobalTableSettingsRequest& r) {
    checked(r, [&] { check_name("global_table_name", r.global_table_name); });
}

void validate_request(const ListGlobalTablesRequest& r) {
    checked(r, [&] {
        if (r.exclusive_start_global_table_name)
            check_name("exclusive_start_global_table_name", *r.exclusive_start_global_table_name);
        check_limit(r.limit);
        if (r.region_name)
            check_region("region_name", *r.region_name);
    });
}

void validate_request(const UpdateGlobalTableRequest& r) {
    checked(r, [&] {
        check_name("global_table_name", r.global_table_name);
        if (r.replica_updates.empty())
            fail("replica_updates is empty");
        for (const auto& update : r.replica_updates)
            std::visit(
                [](const auto& u) { check_region("replica_updates region_name", u.region_name); },
                update);
    });
}

void validate_request(const UpdateGlobalTableSettingsRequest& r) {
    checked(r, [&] {
        check_name("global_table_name", r.global_table_name);
        if (!r.global_table_billing_mode && !r.global_table_provisioned_write_capacity_units &&
            !r.global_table_provisioned_write_capacity_auto_scaling_settings_update &&
            r.global_table_global_secondary_index_settings_update.empty() &&
            r.replica_settings_update.empty())
            fail("nothing to update");
        check_units("global_table_provisioned_write_capacity_units",
                    r.global_table_provisioned_write_capacity_units);
        check_auto_scaling("global_table_provisioned_write_capacity_auto_scaling_settings_update",
                           r.global_table_provisioned_write_capacity_auto_scaling_settings_update);
        if (r.global_table_global_secondary_index_settings_update.size() >
            max_global_index_settings_updates)
            fail("global_table_global_secondary_index_settings_update holds at most 20 entries");
        for (const auto& u : r.global_table_global_secondary_index_settings_update) {
            check_name("global secondary index name", u.index_name);
            check_units("provisioned_write_capacity_units", u.provisioned_write_capacity_units);
            check_auto_scaling("provisioned_write_capacity_auto_scaling_settings_update",
                               u.provisioned_write_capacity_auto_scaling_settings_update);
        }
        if (r.replica_settings_update.size() > max_replica_settings_updates)
            fail("replica_settings_update holds at most 50 entries");
        for (const auto& u : r.replica_settings_update) {
            check_region("replica_settings_update region_name", u.region_name);
            check_units("replica_provisioned_read_capacity_units",
                        u.replica_provisioned_read_capacity_units);
            check_auto_scaling("replica_provisioned_read_capacity_auto_scaling_settings_update",
                               u.replica_provisioned_read_capacity_auto_scaling_settings_update);
        }
    });
}

void validate_request(const DescribeTableReplicaAutoScalingRequest& r) {
    checked(r, [&] { check_name_or_arn("table_name", r.table_name); });
}

void validate_request(const UpdateTableReplicaAutoScalingRequest& r) {
    checked(r, [&] {
        check_name_or_arn("table_name", r.table_name);
        check_auto_scaling("provisioned_write_capacity_auto_scaling_update",
                           r.provisioned_write_capacity_auto_scaling_update);
        for (const auto& u : r.global_secondary_index_updates) {
            check_index_name("global secondary index name", u.index_name);
            check_auto_scaling("provisioned_write_capacity_auto_scaling_update",
                               u.provisioned_write_capacity_auto_scaling_update);
        }
        for (const auto& u : r.replica_updates) {
            check_region("replica_updates region_name", u.region_name);
            check_auto_scaling("replica_provisioned_read_capacity_auto_scaling_update",
                               u.replica_provisioned_read_capacity_auto_scaling_update);
        }
    });
}

} // namespace dynaq::detail

#include <dynaq/error.hpp>
#include <dynaq/limits.hpp>
#include <dynaq/names.hpp>
#include <dynaq/table_schema.hpp>

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace dynaq {

namespace {

// DynamoDB's own limits (CreateTable), checked here so the mistake is reported with names
// before a request is ever sent.
constexpr std::size_t max_global_indexes = 20;
constexpr std::size_t max_local_indexes = 5;
constexpr std::size_t max_key_name = limits::key_attribute_name_max;
constexpr std::size_t max_projected_attributes = limits::projected_attributes;

std::string quoted(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return out;
}

// Every message after the name check starts with the table, so a failure in a program that
// declares several schemas says which one is wrong.
[[noreturn]] void fail(const TableSchema& schema, const std::string& what) {
    throw InvalidArgumentError("table " + quoted(schema.table_name) + ": " + what);
}

constexpr std::string_view name_rule =
    "it must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'";

std::string index_label(const SecondaryIndex& index, bool global) {
    return std::string(global ? "global" : "local") + " index " + quoted(index.name);
}

void check_table_name(const TableSchema& schema) {
    if (!is_valid_table_name(schema.table_name))
        throw InvalidArgumentError("table name " + quoted(schema.table_name) +
                                   " is invalid: " + std::string(name_rule));
}

void check_key(const TableSchema& schema, const std::string& where, std::string_view role,
               const KeyDefinition& key) {
    if (key.name.empty())
        fail(schema, where + " has an empty " + std::string(role) + " name");
    if (key.name.size() > max_key_name)
        fail(schema, where + ": " + std::string(role) + " name " + quoted(key.name) +
                         " is longer than 255 bytes");
}

void check_key_pair(const TableSchema& schema, const std::string& where,
                    const KeyDefinition& partition, const std::optional<KeyDefinition>& sort) {
    check_key(schema, where, "partition key", partition);
    if (!sort)
        return;
    check_key(schema, where, "sort key", *sort);
    if (sort->name == partition.name)
        fail(schema, where + ": sort key " + quoted(sort->name) +
                         " has the same name as the partition key");
}

void check_throughput_values(const TableSchema& schema, const std::string& where,
                             const ProvisionedThroughput& t) {
    if (t.read_capacity_units < 1 || t.write_capacity_units < 1)
        fail(schema, where + ": read and write capacity units must be at least 1 (got " +
                         std::to_string(t.read_capacity_units) + " and " +
                         std::to_string(t.write_capacity_units) + ")");
}

void check_billing(const TableSchema& schema) {
    if (schema.billing_mode == BillingMode::provisioned && !schema.throughput)
        fail(schema, "billing mode PROVISIONED needs throughput");
    if (schema.billing_mode == BillingMode::pay_per_request && schema.throughput)
        fail(schema, "throughput is set but the billing mode is PAY_PER_REQUEST");
    if (schema.throughput)
        check_throughput_values(schema, "the table", *schema.throughput);
}

void check_projection(const TableSchema& schema, const std::string& where,
                      const SecondaryIndex& index) {
    const bool include = index.projection == ProjectionType::include;
    if (include && index.non_key_attributes.empty())
        fail(schema, where + ": projection INCLUDE needs at least one non-key attribute");
    if (!include && !index.non_key_attributes.empty())
        fail(schema, where + ": non-key attributes are only allowed with projection INCLUDE, not " +
                         std::string(to_string(index.projection)));
    for (const auto& attribute : index.non_key_attributes)
        if (attribute.empty())
            fail(schema, where + " projects an attribute with an empty name");
}

void check_index_common(const TableSchema& schema, const SecondaryIndex& index, bool global) {
    const std::string where = index_label(index, global);
    if (!is_valid_table_name(index.name))
        fail(schema, "index name " + quoted(index.name) + " is invalid: " + std::string(name_rule));
    check_key_pair(schema, where, index.partition_key, index.sort_key);
    check_projection(schema, where, index);
}

void check_global_index(const TableSchema& schema, const SecondaryIndex& index) {
    check_index_common(schema, index, true);
    if (!index.throughput)
        return;
    const std::string where = index_label(index, true);
    if (schema.effective_billing_mode() == BillingMode::pay_per_request)
        fail(schema, where + ": throughput is not allowed on a pay-per-request table");
    check_throughput_values(schema, where, *index.throughput);
}

void check_local_index(const TableSchema& schema, const SecondaryIndex& index) {
    check_index_common(schema, index, false);
    const std::string where = index_label(index, false);
    if (!schema.sort_key)
        fail(schema, where + ": local indexes need a table with a sort key");
    if (index.partition_key.name != schema.partition_key.name)
        fail(schema, where + ": partition key " + quoted(index.partition_key.name) +
                         " differs from the table's partition key " +
                         quoted(schema.partition_key.name));
    if (!index.sort_key)
        fail(schema, where + " has no sort key");
    if (index.throughput)
        fail(schema, where + ": throughput is not allowed on a local index (it uses the table's)");
}

void check_index_counts(const TableSchema& schema) {
    if (schema.global_secondary_indexes.size() > max_global_indexes)
        fail(schema, std::to_string(schema.global_secondary_indexes.size()) +
                         " global indexes, at most " + std::to_string(max_global_indexes) +
                         " are allowed");
    if (schema.local_secondary_indexes.size() > max_local_indexes)
        fail(schema, std::to_string(schema.local_secondary_indexes.size()) +
                         " local indexes, at most " + std::to_string(max_local_indexes) +
                         " are allowed");
}

void check_unique_index_names(const TableSchema& schema) {
    std::set<std::string_view> seen;
    auto add = [&](const SecondaryIndex& index) {
        if (!seen.insert(index.name).second)
            fail(schema, "index name " + quoted(index.name) + " is used twice");
    };
    std::for_each(schema.global_secondary_indexes.begin(), schema.global_secondary_indexes.end(),
                  add);
    std::for_each(schema.local_secondary_indexes.begin(), schema.local_secondary_indexes.end(),
                  add);
}

void check_projected_total(const TableSchema& schema) {
    std::size_t total = 0;
    for (const auto* list : {&schema.global_secondary_indexes, &schema.local_secondary_indexes})
        for (const auto& index : *list)
            total += index.non_key_attributes.size();
    if (total > max_projected_attributes)
        fail(schema, std::to_string(total) +
                         " projected non-key attributes over all indexes, at most " +
                         std::to_string(max_projected_attributes) + " are allowed");
}

// One collected key attribute and where it was first declared, for the type-conflict message.
struct Declared {
    AttributeDefinition definition;
    std::string origin;
};

class AttributeCollector {
public:
    explicit AttributeCollector(const TableSchema& schema) : schema_(schema) {}

    void add(const KeyDefinition& key, std::string origin) {
        const auto same_name = [&](const Declared& d) {
            return d.definition.attribute_name == key.name;
        };
        const auto it = std::find_if(declared_.begin(), declared_.end(), same_name);
        if (it == declared_.end()) {
            declared_.push_back({{key.name, key.type}, std::move(origin)});
            return;
        }
        if (it->definition.attribute_type != key.type)
            fail(schema_, "attribute " + quoted(key.name) + " is declared as " +
                              std::string(to_string(it->definition.attribute_type)) + " (" +
                              it->origin + ") and as " + std::string(to_string(key.type)) + " (" +
                              origin + ")");
    }

    void add_index(const SecondaryIndex& index, bool global) {
        const std::string label = index_label(index, global);
        add(index.partition_key, "partition key of " + label);
        if (index.sort_key)
            add(*index.sort_key, "sort key of " + label);
    }

    [[nodiscard]] std::vector<AttributeDefinition> result() const {
        std::vector<AttributeDefinition> out;
        out.reserve(declared_.size());
        for (const auto& d : declared_)
            out.push_back(d.definition);
        return out;
    }

private:
    const TableSchema& schema_;
    std::vector<Declared> declared_; // a handful of entries: a linear search is the fastest
};

std::vector<KeySchemaElement> key_schema(const KeyDefinition& partition,
                                         const std::optional<KeyDefinition>& sort) {
    std::vector<KeySchemaElement> out{{partition.name, KeyType::hash}};
    if (sort)
        out.push_back({sort->name, KeyType::range});
    return out;
}

IndexProjection projection(const SecondaryIndex& index) {
    return {.projection_type = index.projection,
            .non_key_attributes = index.projection == ProjectionType::include
                                      ? index.non_key_attributes
                                      : std::vector<std::string>{}};
}

} // namespace

std::vector<std::string> TableSchema::key_names() const {
    std::vector<std::string> names{partition_key.name};
    if (sort_key)
        names.push_back(sort_key->name);
    return names;
}

const SecondaryIndex* TableSchema::find_index(std::string_view name) const noexcept {
    for (const auto* list : {&global_secondary_indexes, &local_secondary_indexes})
        for (const auto& index : *list)
            if (index.name == name)
                return &index;
    return nullptr;
}

bool TableSchema::is_global_index(std::string_view name) const noexcept {
    return std::any_of(global_secondary_indexes.begin(), global_secondary_indexes.end(),
                       [&](const SecondaryIndex& index) { return index.name == name; });
}

BillingMode TableSchema::effective_billing_mode() const noexcept {
    if (billing_mode)
        return *billing_mode;
    return throughput ? BillingMode::provisioned : BillingMode::pay_per_request;
}

void validate(const TableSchema& schema) {
    check_table_name(schema);
    check_key_pair(schema, "the table", schema.partition_key, schema.sort_key);
    check_billing(schema);
    check_index_counts(schema);
    for (const auto& index : schema.global_secondary_indexes)
        check_global_index(schema, index);
    for (const auto& index : schema.local_secondary_indexes)
        check_local_index(schema, index);
    check_unique_index_names(schema);
    check_projected_total(schema);
    (void)attribute_definitions(schema); // throws on a type conflict
}

std::vector<AttributeDefinition> attribute_definitions(const TableSchema& schema) {
    AttributeCollector collector(schema);
    collector.add(schema.partition_key, "the table's partition key");
    if (schema.sort_key)
        collector.add(*schema.sort_key, "the table's sort key");
    for (const auto& index : schema.global_secondary_indexes)
        collector.add_index(index, true);
    for (const auto& index : schema.local_secondary_indexes)
        collector.add_index(index, false);
    return collector.result();
}

CreateTableRequest create_table_request(const TableSchema& schema) {
    validate(schema);
    const bool provisioned = schema.effective_billing_mode() == BillingMode::provisioned;

    CreateTableRequest request{
        .table_name = schema.table_name,
        .attribute_definitions = attribute_definitions(schema),
        .key_schema = key_schema(schema.partition_key, schema.sort_key),
    };
    for (const auto& index : schema.local_secondary_indexes)
        request.local_secondary_indexes.push_back({
            .index_name = index.name,
            .key_schema = key_schema(index.partition_key, index.sort_key),
            .projection = projection(index),
        });
    for (const auto& index : schema.global_secondary_indexes) {
        GlobalSecondaryIndex gsi{
            .index_name = index.name,
            .key_schema = key_schema(index.partition_key, index.sort_key),
            .projection = projection(index),
        };
        // validate() guarantees a provisioned table has throughput to inherit.
        if (provisioned)
            gsi.provisioned_throughput = index.throughput ? index.throughput : schema.throughput;
        request.global_secondary_indexes.push_back(std::move(gsi));
    }
    request.billing_mode = provisioned ? BillingMode::provisioned : BillingMode::pay_per_request;
    if (provisioned)
        request.provisioned_throughput = schema.throughput;
    return request;
}

} // namespace dynaq

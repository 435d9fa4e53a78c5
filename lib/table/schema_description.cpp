// DescribeTable's answer back into a TableSchema, for tables opened by name (the CLI, tools).
#include <dynaq/error.hpp>
#include <dynaq/table_schema.hpp>

#include <algorithm>
#include <string>

namespace dynaq {

namespace {

class KeyReader {
public:
    explicit KeyReader(const TableDescription& d) : d_(d) {}

    [[nodiscard]] KeyDefinition definition(const std::string& name) const {
        const auto& defs = d_.attribute_definitions;
        const auto it = std::find_if(defs.begin(), defs.end(), [&](const AttributeDefinition& a) {
            return a.attribute_name == name;
        });
        if (it == defs.end())
            throw ProtocolError("table \"" + d_.table_name + "\": key attribute \"" + name +
                                "\" has no attribute definition");
        return KeyDefinition{name, it->attribute_type};
    }

    // The hash and optional range key of a key schema; `where` names it in errors.
    void keys(const std::vector<KeySchemaElement>& schema, const std::string& where,
              KeyDefinition& partition, std::optional<KeyDefinition>& sort) const {
        bool has_partition = false;
        sort.reset();
        for (const KeySchemaElement& k : schema) {
            if (k.key_type == KeyType::hash) {
                partition = definition(k.attribute_name);
                has_partition = true;
            } else {
                sort = definition(k.attribute_name);
            }
        }
        if (!has_partition)
            throw ProtocolError("table \"" + d_.table_name + "\": " + where +
                                " has no partition (HASH) key");
    }

private:
    const TableDescription& d_;
};

std::optional<ProvisionedThroughput>
throughput_of(const std::optional<ProvisionedThroughputDescription>& t) {
    // A pay-per-request table reports zeros; DynamoDB never provisions less than one unit.
    if (!t || t->read_capacity_units < 1 || t->write_capacity_units < 1)
        return std::nullopt;
    return ProvisionedThroughput{t->read_capacity_units, t->write_capacity_units};
}

template <class IndexDescription>
SecondaryIndex index_of(const KeyReader& reader, const IndexDescription& d) {
    SecondaryIndex index;
    index.name = d.index_name;
    reader.keys(d.key_schema, "index \"" + d.index_name + "\"", index.partition_key,
                index.sort_key);
    index.projection = d.projection.projection_type;
    index.non_key_attributes = d.projection.non_key_attributes;
    return index;
}

} // namespace

TableSchema schema_from_description(const TableDescription& description) {
    const KeyReader reader(description);
    TableSchema schema;
    schema.table_name = description.table_name;
    reader.keys(description.key_schema, "the table", schema.partition_key, schema.sort_key);
    const BillingMode billing =
        description.billing_mode_summary && description.billing_mode_summary->billing_mode
            ? *description.billing_mode_summary->billing_mode
            : (throughput_of(description.provisioned_throughput) ? BillingMode::provisioned
                                                                 : BillingMode::pay_per_request);
    schema.billing_mode = billing;
    if (billing == BillingMode::provisioned)
        schema.throughput = throughput_of(description.provisioned_throughput);
    for (const auto& g : description.global_secondary_indexes) {
        SecondaryIndex index = index_of(reader, g);
        if (billing == BillingMode::provisioned)
            index.throughput = throughput_of(g.provisioned_throughput);
        schema.global_secondary_indexes.push_back(std::move(index));
    }
    for (const auto& l : description.local_secondary_indexes)
        schema.local_secondary_indexes.push_back(index_of(reader, l));
    return schema;
}

} // namespace dynaq

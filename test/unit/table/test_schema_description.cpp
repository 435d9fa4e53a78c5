// schema_from_description: DescribeTable's answer back into the schema that created the table.
#include <dynaq/error.hpp>
#include <dynaq/table_schema.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace dynaq;

namespace {

// Zeros where nothing is provisioned, as DynamoDB reports pay-per-request tables.
ProvisionedThroughputDescription described(const std::optional<ProvisionedThroughput>& t) {
    ProvisionedThroughputDescription d;
    if (t) {
        d.read_capacity_units = t->read_capacity_units;
        d.write_capacity_units = t->write_capacity_units;
    }
    return d;
}

// What DynamoDB describes for a table created from `schema`: the request's shapes, indexes
// active, and zero throughput where it is paid per request.
TableDescription described(const TableSchema& schema) {
    const CreateTableRequest req = create_table_request(schema);
    TableDescription d;
    d.table_name = req.table_name;
    d.attribute_definitions = req.attribute_definitions;
    d.key_schema = req.key_schema;
    d.provisioned_throughput = described(req.provisioned_throughput);
    d.billing_mode_summary = BillingModeSummary{.billing_mode = req.billing_mode};
    for (const GlobalSecondaryIndex& g : req.global_secondary_indexes) {
        GlobalSecondaryIndexDescription gd;
        gd.index_name = g.index_name;
        gd.key_schema = g.key_schema;
        gd.projection = g.projection;
        gd.provisioned_throughput = described(g.provisioned_throughput);
        d.global_secondary_indexes.push_back(gd);
    }
    for (const LocalSecondaryIndex& l : req.local_secondary_indexes) {
        LocalSecondaryIndexDescription ld;
        ld.index_name = l.index_name;
        ld.key_schema = l.key_schema;
        ld.projection = l.projection;
        d.local_secondary_indexes.push_back(ld);
    }
    return d;
}

TableSchema with_indexes(std::string name) {
    TableSchema schema;
    schema.table_name = std::move(name);
    schema.partition_key = KeyDefinition{"id", ScalarAttributeType::n};
    schema.sort_key = KeyDefinition{"at", ScalarAttributeType::s};
    SecondaryIndex by_email;
    by_email.name = "by_email";
    by_email.partition_key = KeyDefinition{"email"};
    by_email.projection = ProjectionType::keys_only;
    schema.global_secondary_indexes.push_back(by_email);
    SecondaryIndex by_blob;
    by_blob.name = "by_blob";
    by_blob.partition_key = KeyDefinition{"id", ScalarAttributeType::n};
    by_blob.sort_key = KeyDefinition{"blob", ScalarAttributeType::b};
    by_blob.projection = ProjectionType::include;
    by_blob.non_key_attributes = {"x", "y"};
    schema.local_secondary_indexes.push_back(by_blob);
    return schema;
}

} // namespace

TEST_CASE("schema_from_description gives back a pay-per-request schema with its indexes") {
    TableSchema schema = with_indexes("events");
    const TableSchema back = schema_from_description(described(schema));
    schema.billing_mode = BillingMode::pay_per_request;
    CHECK(back.table_name == schema.table_name);
    CHECK(back.partition_key == schema.partition_key);
    CHECK(back.sort_key == schema.sort_key);
    CHECK(back.global_secondary_indexes == schema.global_secondary_indexes);
    CHECK(back.local_secondary_indexes == schema.local_secondary_indexes);
    CHECK(back.billing_mode == BillingMode::pay_per_request);
    CHECK_FALSE(back.throughput);
    CHECK_NOTHROW(validate(back));
}

TEST_CASE("schema_from_description keeps provisioned throughput of the table and its indexes") {
    TableSchema schema = with_indexes("events");
    schema.throughput = ProvisionedThroughput{5, 7};
    schema.global_secondary_indexes[0].throughput = ProvisionedThroughput{2, 3};
    const TableSchema back = schema_from_description(described(schema));
    CHECK(back.billing_mode == BillingMode::provisioned);
    CHECK(back.throughput == ProvisionedThroughput{5, 7});
    CHECK(back.global_secondary_indexes[0].throughput == ProvisionedThroughput{2, 3});
    CHECK_NOTHROW(validate(back));
}

TEST_CASE("schema_from_description reads a hash-only table without a billing summary") {
    TableSchema schema;
    schema.table_name = "plain";
    schema.sort_key.reset();
    TableDescription d = described(schema);
    d.billing_mode_summary.reset(); // as for tables created provisioned and never switched
    d.provisioned_throughput->read_capacity_units = 1;
    d.provisioned_throughput->write_capacity_units = 1;
    const TableSchema back = schema_from_description(d);
    CHECK(back.partition_key == KeyDefinition{"pk"});
    CHECK_FALSE(back.sort_key);
    CHECK(back.billing_mode == BillingMode::provisioned);
    CHECK(back.throughput == ProvisionedThroughput{1, 1});
}

TEST_CASE("schema_from_description rejects descriptions without keys or definitions") {
    TableSchema schema;
    schema.table_name = "broken";
    TableDescription d = described(schema);
    d.attribute_definitions.pop_back();
    CHECK_THROWS_WITH(schema_from_description(d),
                      Catch::Contains("\"sk\" has no attribute definition"));
    d = described(schema);
    d.key_schema.erase(d.key_schema.begin());
    CHECK_THROWS_WITH(schema_from_description(d), Catch::Contains("no partition (HASH) key"));
}

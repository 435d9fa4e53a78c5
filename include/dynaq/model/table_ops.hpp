#pragma once
// Control plane: CreateTable, DeleteTable, DescribeTable, ListTables, UpdateTable.
//
//   dynaq::CreateTableRequest req{
//       .table_name = "users",
//       .attribute_definitions = {{"pk", dynaq::ScalarAttributeType::s}},
//       .key_schema = {{"pk", dynaq::KeyType::hash}},
//   };
//   req.billing_mode = dynaq::BillingMode::pay_per_request;
#include <dynaq/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dynaq {

/// Type of an attribute used in a key schema (table or index).
struct AttributeDefinition {
    std::string attribute_name{};
    ScalarAttributeType attribute_type = ScalarAttributeType::s;

    bool operator==(const AttributeDefinition&) const = default;
};

/// Partition key first (hash), then the optional sort key (range).
struct KeySchemaElement {
    std::string attribute_name{};
    KeyType key_type = KeyType::hash;

    bool operator==(const KeySchemaElement&) const = default;
};

/// Which attributes an index copies from the table.
struct IndexProjection {
    ProjectionType projection_type = ProjectionType::all;
    /// Only with ProjectionType::include, and required there.
    std::vector<std::string> non_key_attributes{};

    bool operator==(const IndexProjection&) const = default;
};

struct ProvisionedThroughput {
    std::int64_t read_capacity_units = 1;
    std::int64_t write_capacity_units = 1;

    bool operator==(const ProvisionedThroughput&) const = default;
};

struct LocalSecondaryIndex {
    std::string index_name{};
    /// The table's partition key and another sort key.
    std::vector<KeySchemaElement> key_schema{};
    IndexProjection projection{};

    bool operator==(const LocalSecondaryIndex&) const = default;
};

struct GlobalSecondaryIndex {
    std::string index_name{};
    std::vector<KeySchemaElement> key_schema{};
    IndexProjection projection{};
    /// Required on a provisioned table, absent on a pay-per-request one.
    std::optional<ProvisionedThroughput> provisioned_throughput{};

    bool operator==(const GlobalSecondaryIndex&) const = default;
};

struct StreamSpecification {
    bool stream_enabled = false;
    /// Required when enabling a stream.
    std::optional<StreamViewType> stream_view_type{};

    bool operator==(const StreamSpecification&) const = default;
};

/// Server-side encryption. Leaving it out keeps the AWS-owned key.
struct SseSpecification {
    std::optional<bool> enabled{};
    std::optional<SseType> sse_type{};
    std::optional<std::string> kms_master_key_id{};

    bool operator==(const SseSpecification&) const = default;
};

struct Tag {
    std::string key{};
    std::string value{};

    bool operator==(const Tag&) const = default;
};

struct CreateTableRequest {
    std::string table_name{};
    std::vector<AttributeDefinition> attribute_definitions{};
    std::vector<KeySchemaElement> key_schema{};
    std::vector<LocalSecondaryIndex> local_secondary_indexes{};
    std::vector<GlobalSecondaryIndex> global_secondary_indexes{};
    /// DynamoDB defaults to provisioned, which then needs provisioned_throughput.
    std::optional<BillingMode> billing_mode{};
    std::optional<ProvisionedThroughput> provisioned_throughput{};
    std::optional<StreamSpecification> stream_specification{};
    std::optional<SseSpecification> sse_specification{};
    std::vector<Tag> tags{};
    std::optional<TableClass> table_class{};
    std::optional<bool> deletion_protection_enabled{};

    bool operator==(const CreateTableRequest&) const = default;
};

struct ProvisionedThroughputDescription {
    std::optional<Timestamp> last_increase_date_time{};
    std::optional<Timestamp> last_decrease_date_time{};
    std::optional<std::int64_t> number_of_decreases_today{};
    /// Zero on a pay-per-request table.
    std::int64_t read_capacity_units = 0;
    std::int64_t write_capacity_units = 0;

    bool operator==(const ProvisionedThroughputDescription&) const = default;
};

struct BillingModeSummary {
    std::optional<BillingMode> billing_mode{};
    std::optional<Timestamp> last_update_to_pay_per_request_date_time{};

    bool operator==(const BillingModeSummary&) const = default;
};

struct LocalSecondaryIndexDescription {
    std::string index_name{};
    std::vector<KeySchemaElement> key_schema{};
    IndexProjection projection{};
    std::optional<std::int64_t> index_size_bytes{};
    std::optional<std::int64_t> item_count{};
    std::string index_arn{};

    bool operator==(const LocalSecondaryIndexDescription&) const = default;
};

struct GlobalSecondaryIndexDescription {
    std::string index_name{};
    std::vector<KeySchemaElement> key_schema{};
    IndexProjection projection{};
    std::optional<IndexStatus> index_status{};
    /// True while a new index is being filled from the table.
    std::optional<bool> backfilling{};
    std::optional<ProvisionedThroughputDescription> provisioned_throughput{};
    std::optional<std::int64_t> index_size_bytes{};
    std::optional<std::int64_t> item_count{};
    std::string index_arn{};

    bool operator==(const GlobalSecondaryIndexDescription&) const = default;
};

struct SseDescription {
    std::optional<SseStatus> status{};
    std::optional<SseType> sse_type{};
    std::optional<std::string> kms_master_key_arn{};

    bool operator==(const SseDescription&) const = default;
};

struct TableClassSummary {
    std::optional<TableClass> table_class{};
    std::optional<Timestamp> last_update_date_time{};

    bool operator==(const TableClassSummary&) const = default;
};

/// What DescribeTable (and the other control-plane calls) report about a table. Item count
/// and sizes are refreshed by DynamoDB about every six hours.
struct TableDescription {
    std::string table_name{};
    std::string table_arn{};
    std::string table_id{};
    std::optional<TableStatus> table_status{};
    std::vector<AttributeDefinition> attribute_definitions{};
    std::vector<KeySchemaElement> key_schema{};
    std::optional<Timestamp> creation_date_time{};
    std::optional<ProvisionedThroughputDescription> provisioned_throughput{};
    std::optional<std::int64_t> table_size_bytes{};
    std::optional<std::int64_t> item_count{};
    /// Absent for tables that were never switched from the provisioned default.
    std::optional<BillingModeSummary> billing_mode_summary{};
    std::vector<LocalSecondaryIndexDescription> local_secondary_indexes{};
    std::vector<GlobalSecondaryIndexDescription> global_secondary_indexes{};
    std::optional<StreamSpecification> stream_specification{};
    std::optional<std::string> latest_stream_label{};
    std::optional<std::string> latest_stream_arn{};
    std::optional<SseDescription> sse_description{};
    std::optional<TableClassSummary> table_class_summary{};
    std::optional<bool> deletion_protection_enabled{};

    bool operator==(const TableDescription&) const = default;
};

struct CreateTableResponse {
    TableDescription table_description{};

    bool operator==(const CreateTableResponse&) const = default;
};

struct DeleteTableRequest {
    std::string table_name{};

    bool operator==(const DeleteTableRequest&) const = default;
};

struct DeleteTableResponse {
    TableDescription table_description{};

    bool operator==(const DeleteTableResponse&) const = default;
};

struct DescribeTableRequest {
    std::string table_name{};

    bool operator==(const DescribeTableRequest&) const = default;
};

struct DescribeTableResponse {
    TableDescription table{};

    bool operator==(const DescribeTableResponse&) const = default;
};

/// One page of table names; continue from `last_evaluated_table_name` like Query.
struct ListTablesRequest {
    std::optional<std::string> exclusive_start_table_name{};
    /// 1 to 100.
    std::optional<std::int32_t> limit{};

    bool operator==(const ListTablesRequest&) const = default;
};

struct ListTablesResponse {
    std::vector<std::string> table_names{};
    std::optional<std::string> last_evaluated_table_name{};

    bool operator==(const ListTablesResponse&) const = default;
};

/// Changes the throughput of an existing GSI.
struct UpdateGlobalSecondaryIndex {
    std::string index_name{};
    ProvisionedThroughput provisioned_throughput{};

    bool operator==(const UpdateGlobalSecondaryIndex&) const = default;
};

struct DeleteGlobalSecondaryIndex {
    std::string index_name{};

    bool operator==(const DeleteGlobalSecondaryIndex&) const = default;
};

/// A GlobalSecondaryIndex here creates that index (its key attributes must be in
/// UpdateTableRequest::attribute_definitions).
using GlobalSecondaryIndexUpdate =
    std::variant<GlobalSecondaryIndex, UpdateGlobalSecondaryIndex, DeleteGlobalSecondaryIndex>;

struct UpdateTableRequest {
    std::string table_name{};
    /// Only the attributes of the key schema of a GSI being created.
    std::vector<AttributeDefinition> attribute_definitions{};
    std::optional<BillingMode> billing_mode{};
    std::optional<ProvisionedThroughput> provisioned_throughput{};
    std::vector<GlobalSecondaryIndexUpdate> global_secondary_index_updates{};
    std::optional<StreamSpecification> stream_specification{};
    std::optional<SseSpecification> sse_specification{};
    std::optional<TableClass> table_class{};
    std::optional<bool> deletion_protection_enabled{};

    bool operator==(const UpdateTableRequest&) const = default;
};

struct UpdateTableResponse {
    TableDescription table_description{};

    bool operator==(const UpdateTableResponse&) const = default;
};

} // namespace dynaq

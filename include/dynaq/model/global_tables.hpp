#pragma once
// Global tables of version 2017.11.29 (CreateGlobalTable and friends; tables of version
// 2019.11.21 are managed with UpdateTable's replica updates), and the auto scaling of replicas.
#include <dynaq/export.hpp>
#include <dynaq/model/table_ops.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dynaq {

enum class GlobalTableStatus { creating, active, deleting, updating, unknown };
enum class ReplicaStatus {
    creating,
    creation_failed,
    updating,
    deleting,
    active,
    region_disabled,
    inaccessible_encryption_credentials,
    archiving,
    archived,
    replication_not_authorized,
    unknown,
};

[[nodiscard]] DYNAQ_API std::string_view to_string(GlobalTableStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ReplicaStatus v) noexcept;

/// A region the global table has a replica in.
struct Replica {
    std::string region_name{};

    bool operator==(const Replica&) const = default;
};

struct ReplicaDescription {
    std::optional<std::string> region_name{};
    std::optional<ReplicaStatus> replica_status{};
    std::optional<std::string> replica_status_description{};
    /// "0" to "100" while the replica is being created.
    std::optional<std::string> replica_status_percent_progress{};
    std::optional<std::string> kms_master_key_id{};

    bool operator==(const ReplicaDescription&) const = default;
};

struct GlobalTableDescription {
    std::vector<ReplicaDescription> replication_group{};
    std::optional<std::string> global_table_arn{};
    std::optional<Timestamp> creation_date_time{};
    std::optional<GlobalTableStatus> global_table_status{};
    std::optional<std::string> global_table_name{};

    bool operator==(const GlobalTableDescription&) const = default;
};

struct CreateGlobalTableRequest {
    /// 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.': the name of the table in every region.
    std::string global_table_name{};
    std::vector<Replica> replication_group{};

    bool operator==(const CreateGlobalTableRequest&) const = default;
};

struct CreateGlobalTableResponse {
    GlobalTableDescription global_table_description{};

    bool operator==(const CreateGlobalTableResponse&) const = default;
};

struct DescribeGlobalTableRequest {
    std::string global_table_name{};

    bool operator==(const DescribeGlobalTableRequest&) const = default;
};

struct DescribeGlobalTableResponse {
    GlobalTableDescription global_table_description{};

    bool operator==(const DescribeGlobalTableResponse&) const = default;
};

/// One page; continue from last_evaluated_global_table_name.
struct ListGlobalTablesRequest {
    std::optional<std::string> exclusive_start_global_table_name{};
    /// At least 1.
    std::optional<std::int32_t> limit{};
    /// Only the global tables with a replica in this region.
    std::optional<std::string> region_name{};

    bool operator==(const ListGlobalTablesRequest&) const = default;
};

struct GlobalTable {
    std::optional<std::string> global_table_name{};
    std::vector<Replica> replication_group{};

    bool operator==(const GlobalTable&) const = default;
};

struct ListGlobalTablesResponse {
    std::vector<GlobalTable> global_tables{};
    std::optional<std::string> last_evaluated_global_table_name{};

    bool operator==(const ListGlobalTablesResponse&) const = default;
};

struct CreateReplicaAction {
    std::string region_name{};

    bool operator==(const CreateReplicaAction&) const = default;
};

struct DeleteReplicaAction {
    std::string region_name{};

    bool operator==(const DeleteReplicaAction&) const = default;
};

using ReplicaUpdate = std::variant<CreateReplicaAction, DeleteReplicaAction>;

struct UpdateGlobalTableRequest {
    std::string global_table_name{};
    std::vector<ReplicaUpdate> replica_updates{};

    bool operator==(const UpdateGlobalTableRequest&) const = default;
};

struct UpdateGlobalTableResponse {
    GlobalTableDescription global_table_description{};

    bool operator==(const UpdateGlobalTableResponse&) const = default;
};

// ---- Auto scaling of provisioned capacity ----

/// Keep consumed/provisioned capacity near target_value percent (20 to 90).
struct AutoScalingTargetTracking {
    std::optional<bool> disable_scale_in{};
    /// Seconds.
    std::optional<std::int32_t> scale_in_cooldown{};
    std::optional<std::int32_t> scale_out_cooldown{};
    double target_value = 70.0;

    bool operator==(const AutoScalingTargetTracking&) const = default;
};

struct AutoScalingPolicyDescription {
    std::optional<std::string> policy_name{};
    std::optional<AutoScalingTargetTracking> target_tracking_scaling_policy_configuration{};

    bool operator==(const AutoScalingPolicyDescription&) const = default;
};

struct AutoScalingSettingsDescription {
    std::optional<std::int64_t> minimum_units{};
    std::optional<std::int64_t> maximum_units{};
    std::optional<bool> auto_scaling_disabled{};
    std::optional<std::string> auto_scaling_role_arn{};
    std::vector<AutoScalingPolicyDescription> scaling_policies{};

    bool operator==(const AutoScalingSettingsDescription&) const = default;
};

struct AutoScalingPolicyUpdate {
    /// 1 to 256 printable characters.
    std::optional<std::string> policy_name{};
    AutoScalingTargetTracking target_tracking_scaling_policy_configuration{};

    bool operator==(const AutoScalingPolicyUpdate&) const = default;
};

struct AutoScalingSettingsUpdate {
    /// At least 1, and minimum_units <= maximum_units.
    std::optional<std::int64_t> minimum_units{};
    std::optional<std::int64_t> maximum_units{};
    std::optional<bool> auto_scaling_disabled{};
    /// 1 to 1600 characters.
    std::optional<std::string> auto_scaling_role_arn{};
    std::optional<AutoScalingPolicyUpdate> scaling_policy_update{};

    bool operator==(const AutoScalingSettingsUpdate&) const = default;
};

// ---- Global table settings ----

struct ReplicaSettingsDescription {
    std::string region_name{};
    std::optional<ReplicaStatus> replica_status{};
    std::optional<BillingModeSummary> replica_billing_mode_summary{};
    std::optional<std::int64_t> replica_provisioned_read_capacity_units{};
    std::optional<AutoScalingSettingsDescription>
        replica_provisioned_read_capacity_auto_scaling_settings{};
    std::optional<std::int64_t> replica_provisioned_write_capacity_units{};
    std::optional<AutoScalingSettingsDescription>
        replica_provisioned_write_capacity_auto_scaling_settings{};

    bool operator==(const ReplicaSettingsDescription&) const = default;
};

struct DescribeGlobalTableSettingsRequest {
    std::string global_table_name{};

    bool operator==(const DescribeGlobalTableSettingsRequest&) const = default;
};

/// The settings per replica (the per-index settings DynamoDB also sends are not decoded).
struct DescribeGlobalTableSettingsResponse {
    std::optional<std::string> global_table_name{};
    std::vector<ReplicaSettingsDescription> replica_settings{};

    bool operator==(const DescribeGlobalTableSettingsResponse&) const = default;
};

struct GlobalTableGlobalSecondaryIndexSettingsUpdate {
    std::string index_name{};
    std::optional<std::int64_t> provisioned_write_capacity_units{};
    std::optional<AutoScalingSettingsUpdate>
        provisioned_write_capacity_auto_scaling_settings_update{};

    bool operator==(const GlobalTableGlobalSecondaryIndexSettingsUpdate&) const = default;
};

struct ReplicaSettingsUpdate {
    std::string region_name{};
    std::optional<std::int64_t> replica_provisioned_read_capacity_units{};
    std::optional<AutoScalingSettingsUpdate>
        replica_provisioned_read_capacity_auto_scaling_settings_update{};
    std::optional<TableClass> replica_table_class{};

    bool operator==(const ReplicaSettingsUpdate&) const = default;
};

struct UpdateGlobalTableSettingsRequest {
    std::string global_table_name{};
    std::optional<BillingMode> global_table_billing_mode{};
    std::optional<std::int64_t> global_table_provisioned_write_capacity_units{};
    std::optional<AutoScalingSettingsUpdate>
        global_table_provisioned_write_capacity_auto_scaling_settings_update{};
    /// 1 to 20 entries when set.
    std::vector<GlobalTableGlobalSecondaryIndexSettingsUpdate>
        global_table_global_secondary_index_settings_update{};
    /// 1 to 50 entries when set.
    std::vector<ReplicaSettingsUpdate> replica_settings_update{};

    bool operator==(const UpdateGlobalTableSettingsRequest&) const = default;
};

struct UpdateGlobalTableSettingsResponse {
    std::optional<std::string> global_table_name{};
    std::vector<ReplicaSettingsDescription> replica_settings{};

    bool operator==(const UpdateGlobalTableSettingsResponse&) const = default;
};

// ---- Replica auto scaling (global tables of version 2019.11.21) ----

struct ReplicaAutoScalingDescription {
    std::optional<std::string> region_name{};
    std::optional<AutoScalingSettingsDescription>
        replica_provisioned_read_capacity_auto_scaling_settings{};
    std::optional<AutoScalingSettingsDescription>
        replica_provisioned_write_capacity_auto_scaling_settings{};
    std::optional<ReplicaStatus> replica_status{};

    bool operator==(const ReplicaAutoScalingDescription&) const = default;
};

/// The per-index auto scaling of each replica is in DynamoDB's answer too; not decoded yet.
struct TableAutoScalingDescription {
    std::optional<std::string> table_name{};
    std::optional<TableStatus> table_status{};
    std::vector<ReplicaAutoScalingDescription> replicas{};

    bool operator==(const TableAutoScalingDescription&) const = default;
};

struct DescribeTableReplicaAutoScalingRequest {
    /// A table name or its ARN.
    std::string table_name{};

    bool operator==(const DescribeTableReplicaAutoScalingRequest&) const = default;
};

struct DescribeTableReplicaAutoScalingResponse {
    TableAutoScalingDescription table_auto_scaling_description{};

    bool operator==(const DescribeTableReplicaAutoScalingResponse&) const = default;
};

struct GlobalSecondaryIndexAutoScalingUpdate {
    std::optional<std::string> index_name{};
    std::optional<AutoScalingSettingsUpdate> provisioned_write_capacity_auto_scaling_update{};

    bool operator==(const GlobalSecondaryIndexAutoScalingUpdate&) const = default;
};

struct ReplicaAutoScalingUpdate {
    std::string region_name{};
    std::optional<AutoScalingSettingsUpdate>
        replica_provisioned_read_capacity_auto_scaling_update{};

    bool operator==(const ReplicaAutoScalingUpdate&) const = default;
};

struct UpdateTableReplicaAutoScalingRequest {
    std::string table_name{};
    std::optional<AutoScalingSettingsUpdate> provisioned_write_capacity_auto_scaling_update{};
    std::vector<GlobalSecondaryIndexAutoScalingUpdate> global_secondary_index_updates{};
    std::vector<ReplicaAutoScalingUpdate> replica_updates{};

    bool operator==(const UpdateTableReplicaAutoScalingRequest&) const = default;
};

struct UpdateTableReplicaAutoScalingResponse {
    TableAutoScalingDescription table_auto_scaling_description{};

    bool operator==(const UpdateTableReplicaAutoScalingResponse&) const = default;
};

} // namespace dynaq

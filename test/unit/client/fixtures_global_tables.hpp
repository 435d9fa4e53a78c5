#pragma once
// Fixtures of the global table and replica auto scaling operations.
#include "fixtures_backup.hpp"

namespace dynaq_test {

inline constexpr std::string_view global_table_json = R"j({"GlobalTableDescription": {
    "ReplicationGroup": [
        {"RegionName": "us-east-1", "ReplicaStatus": "ACTIVE"},
        {"RegionName": "eu-west-1", "ReplicaStatus": "CREATING",
         "ReplicaStatusDescription": "copying", "ReplicaStatusPercentProgress": "40",
         "KMSMasterKeyId": "alias/users"}],
    "GlobalTableArn": "arn:aws:dynamodb::123456789012:global-table/users",
    "CreationDateTime": 1700000000.25, "GlobalTableStatus": "UPDATING",
    "GlobalTableName": "users"}})j";

inline GlobalTableDescription global_table() {
    return {
        .replication_group = {{.region_name = "us-east-1", .replica_status = ReplicaStatus::active},
                              {.region_name = "eu-west-1",
                               .replica_status = ReplicaStatus::creating,
                               .replica_status_description = "copying",
                               .replica_status_percent_progress = "40",
                               .kms_master_key_id = "alias/users"}},
        .global_table_arn = "arn:aws:dynamodb::123456789012:global-table/users",
        .creation_date_time = at_ms(1'700'000'000'250),
        .global_table_status = GlobalTableStatus::updating,
        .global_table_name = "users"};
}

template <>
struct fixture<CreateGlobalTableRequest> {
    static Sample<CreateGlobalTableRequest> get() {
        return {
            .request = {.global_table_name = "users",
                        .replication_group = {{"us-east-1"}, {"eu-west-1"}}},
            .request_json = R"j({"GlobalTableName": "users", "ReplicationGroup":
                [{"RegionName": "us-east-1"}, {"RegionName": "eu-west-1"}]})j",
            .invalid = CreateGlobalTableRequest{.global_table_name = "users"},
            .response_json = global_table_json,
            .response = {.global_table_description = global_table()},
        };
    }
};

template <>
struct fixture<DescribeGlobalTableRequest> {
    static Sample<DescribeGlobalTableRequest> get() {
        return {
            .request = {.global_table_name = "users"},
            .request_json = R"j({"GlobalTableName": "users"})j",
            .invalid = DescribeGlobalTableRequest{.global_table_name = "u$"},
            .response_json = global_table_json,
            .response = {.global_table_description = global_table()},
        };
    }
};

template <>
struct fixture<UpdateGlobalTableRequest> {
    static Sample<UpdateGlobalTableRequest> get() {
        return {
            .request = {.global_table_name = "users",
                        .replica_updates = {CreateReplicaAction{"eu-west-1"},
                                            DeleteReplicaAction{"ap-south-1"}}},
            .request_json = R"j({"GlobalTableName": "users", "ReplicaUpdates": [
                {"Create": {"RegionName": "eu-west-1"}},
                {"Delete": {"RegionName": "ap-south-1"}}]})j",
            .invalid = UpdateGlobalTableRequest{.global_table_name = "users",
                                                .replica_updates = {CreateReplicaAction{""}}},
            .response_json = global_table_json,
            .response = {.global_table_description = global_table()},
        };
    }
};

template <>
struct fixture<ListGlobalTablesRequest> {
    static Sample<ListGlobalTablesRequest> get() {
        return {
            .request = {.exclusive_start_global_table_name = "orders",
                        .limit = 5,
                        .region_name = "us-east-1"},
            .request_json = R"j({"ExclusiveStartGlobalTableName": "orders", "Limit": 5,
                                 "RegionName": "us-east-1"})j",
            .invalid = ListGlobalTablesRequest{.limit = 0},
            .response_json = R"j({"GlobalTables": [{"GlobalTableName": "users",
                "ReplicationGroup": [{"RegionName": "us-east-1"}, {"RegionName": "eu-west-1"}]}],
                "LastEvaluatedGlobalTableName": "users"})j",
            .response = {.global_tables = {{.global_table_name = "users",
                                            .replication_group = {{"us-east-1"}, {"eu-west-1"}}}},
                         .last_evaluated_global_table_name = "users"},
        };
    }
};

inline constexpr std::string_view auto_scaling_json = R"j({
    "MinimumUnits": 5, "MaximumUnits": 100, "AutoScalingDisabled": false,
    "AutoScalingRoleArn": "arn:aws:iam::123456789012:role/scaling",
    "ScalingPolicies": [{"PolicyName": "keep-70",
        "TargetTrackingScalingPolicyConfiguration": {"DisableScaleIn": false,
            "ScaleInCooldown": 60, "ScaleOutCooldown": 30, "TargetValue": 70.5}}]})j";

inline AutoScalingSettingsDescription auto_scaling() {
    return {.minimum_units = 5,
            .maximum_units = 100,
            .auto_scaling_disabled = false,
            .auto_scaling_role_arn = "arn:aws:iam::123456789012:role/scaling",
            .scaling_policies = {{.policy_name = "keep-70",
                                  .target_tracking_scaling_policy_configuration =
                                      AutoScalingTargetTracking{.disable_scale_in = false,
                                                                .scale_in_cooldown = 60,
                                                                .scale_out_cooldown = 30,
                                                                .target_value = 70.5}}}};
}

inline AutoScalingSettingsUpdate auto_scaling_update() {
    return {.minimum_units = 5,
            .maximum_units = 100,
            .auto_scaling_role_arn = "arn:aws:iam::123456789012:role/scaling",
            .scaling_policy_update =
                AutoScalingPolicyUpdate{.policy_name = "keep-70",
                                        .target_tracking_scaling_policy_configuration = {
                                            .scale_in_cooldown = 60, .target_value = 70.5}}};
}

inline constexpr std::string_view auto_scaling_update_json = R"j({
    "MinimumUnits": 5, "MaximumUnits": 100,
    "AutoScalingRoleArn": "arn:aws:iam::123456789012:role/scaling",
    "ScalingPolicyUpdate": {"PolicyName": "keep-70", "TargetTrackingScalingPolicyConfiguration":
        {"ScaleInCooldown": 60, "TargetValue": 70.5}}})j";

inline const std::string& settings_json() {
    static const std::string body =
        R"j({"GlobalTableName": "users", "ReplicaSettings": [{"RegionName": "us-east-1",
            "ReplicaStatus": "ACTIVE",
            "ReplicaBillingModeSummary": {"BillingMode": "PROVISIONED"},
            "ReplicaProvisionedReadCapacityUnits": 10,
            "ReplicaProvisionedReadCapacityAutoScalingSettings": )j" +
        std::string(auto_scaling_json) + R"j(,
            "ReplicaProvisionedWriteCapacityUnits": 5,
            "ReplicaGlobalSecondaryIndexSettings": []}]})j";
    return body;
}

inline std::vector<ReplicaSettingsDescription> replica_settings() {
    return {{.region_name = "us-east-1",
             .replica_status = ReplicaStatus::active,
             .replica_billing_mode_summary =
                 BillingModeSummary{.billing_mode = BillingMode::provisioned},
             .replica_provisioned_read_capacity_units = 10,
             .replica_provisioned_read_capacity_auto_scaling_settings = auto_scaling(),
             .replica_provisioned_write_capacity_units = 5}};
}

template <>
struct fixture<DescribeGlobalTableSettingsRequest> {
    static Sample<DescribeGlobalTableSettingsRequest> get() {
        return {
            .request = {.global_table_name = "users"},
            .request_json = R"j({"GlobalTableName": "users"})j",
            .invalid = DescribeGlobalTableSettingsRequest{},
            .response_json = settings_json(),
            .response = {.global_table_name = "users", .replica_settings = replica_settings()},
        };
    }
};

template <>
struct fixture<UpdateGlobalTableSettingsRequest> {
    static Sample<UpdateGlobalTableSettingsRequest> get() {
        static const std::string request_json =
            R"j({"GlobalTableName": "users", "GlobalTableBillingMode": "PROVISIONED",
                "GlobalTableProvisionedWriteCapacityUnits": 5,
                "GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate": )j" +
            std::string(auto_scaling_update_json) + R"j(,
                "GlobalTableGlobalSecondaryIndexSettingsUpdate": [{"IndexName": "by_email",
                    "ProvisionedWriteCapacityUnits": 2}],
                "ReplicaSettingsUpdate": [{"RegionName": "eu-west-1",
                    "ReplicaProvisionedReadCapacityUnits": 8,
                    "ReplicaTableClass": "STANDARD_INFREQUENT_ACCESS"}]})j";
        return {
            .request = {.global_table_name = "users",
                        .global_table_billing_mode = BillingMode::provisioned,
                        .global_table_provisioned_write_capacity_units = 5,
                        .global_table_provisioned_write_capacity_auto_scaling_settings_update =
                            auto_scaling_update(),
                        .global_table_global_secondary_index_settings_update =
                            {{.index_name = "by_email", .provisioned_write_capacity_units = 2}},
                        .replica_settings_update = {{.region_name = "eu-west-1",
                                                     .replica_provisioned_read_capacity_units = 8,
                                                     .replica_table_class =
                                                         TableClass::standard_infrequent_access}}},
            .request_json = request_json,
            .invalid = UpdateGlobalTableSettingsRequest{.global_table_name = "users"},
            .response_json = settings_json(),
            .response = {.global_table_name = "users", .replica_settings = replica_settings()},
        };
    }
};

inline const std::string& table_auto_scaling_json() {
    static const std::string body =
        R"j({"TableAutoScalingDescription": {"TableName": "users", "TableStatus": "ACTIVE",
            "Replicas": [{"RegionName": "eu-west-1", "ReplicaStatus": "ACTIVE",
                "GlobalSecondaryIndexes": [],
                "ReplicaProvisionedWriteCapacityAutoScalingSettings": )j" +
        std::string(auto_scaling_json) + "}]}}";
    return body;
}

inline TableAutoScalingDescription table_auto_scaling() {
    return {
        .table_name = "users",
        .table_status = TableStatus::active,
        .replicas = {{.region_name = "eu-west-1",
                      .replica_provisioned_write_capacity_auto_scaling_settings = auto_scaling(),
                      .replica_status = ReplicaStatus::active}}};
}

template <>
struct fixture<DescribeTableReplicaAutoScalingRequest> {
    static Sample<DescribeTableReplicaAutoScalingRequest> get() {
        return {
            .request = {.table_name = "users"},
            .request_json = R"j({"TableName": "users"})j",
            .invalid = DescribeTableReplicaAutoScalingRequest{.table_name = "no spaces"},
            .response_json = table_auto_scaling_json(),
            .response = {.table_auto_scaling_description = table_auto_scaling()},
        };
    }
};

template <>
struct fixture<UpdateTableReplicaAutoScalingRequest> {
    static Sample<UpdateTableReplicaAutoScalingRequest> get() {
        static const std::string request_json =
            R"j({"TableName": "users", "ProvisionedWriteCapacityAutoScalingUpdate": )j" +
            std::string(auto_scaling_update_json) + R"j(,
                "GlobalSecondaryIndexUpdates": [{"IndexName": "by_email"}],
                "ReplicaUpdates": [{"RegionName": "eu-west-1"}]})j";
        UpdateTableReplicaAutoScalingRequest r{
            .table_name = "users",
            .provisioned_write_capacity_auto_scaling_update = auto_scaling_update(),
            .global_secondary_index_updates = {{.index_name = "by_email"}},
            .replica_updates = {{.region_name = "eu-west-1"}}};
        UpdateTableReplicaAutoScalingRequest invalid = r;
        invalid.provisioned_write_capacity_auto_scaling_update->minimum_units = 101;
        return {
            .request = r,
            .request_json = request_json,
            .invalid = invalid,
            .response_json = table_auto_scaling_json(),
            .response = {.table_auto_scaling_description = table_auto_scaling()},
        };
    }
};

} // namespace dynaq_test

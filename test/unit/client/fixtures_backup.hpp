#pragma once
// Fixtures of the backup, restore and point-in-time recovery operations, every member set.
#include "fixtures_core.hpp"

namespace dynaq_test {

inline constexpr std::string_view backup_arn =
    "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4";

inline Timestamp at_ms(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

inline BackupDetails nightly_details() {
    return {.backup_arn = std::string(backup_arn),
            .backup_name = "nightly",
            .backup_size_bytes = 2048,
            .backup_status = BackupStatus::available,
            .backup_type = BackupType::user,
            .backup_creation_date_time = at_ms(1'700'000'000'500)};
}

inline constexpr std::string_view nightly_details_json = R"j({
    "BackupArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4",
    "BackupName": "nightly", "BackupSizeBytes": 2048, "BackupStatus": "AVAILABLE",
    "BackupType": "USER", "BackupCreationDateTime": 1700000000.5})j";

template <>
struct fixture<CreateBackupRequest> {
    static Sample<CreateBackupRequest> get() {
        static const std::string body =
            "{\"BackupDetails\": " + std::string(nightly_details_json) + "}";
        return {
            .request = {.table_name = "users", .backup_name = "nightly"},
            .request_json = R"j({"TableName": "users", "BackupName": "nightly"})j",
            .invalid = CreateBackupRequest{.table_name = "users", .backup_name = "no spaces"},
            .response_json = body,
            .response = {.backup_details = nightly_details()},
        };
    }
};

inline constexpr std::string_view backup_description_json = R"j({"BackupDescription": {
    "BackupDetails": {
        "BackupArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4",
        "BackupName": "nightly", "BackupSizeBytes": 2048, "BackupStatus": "AVAILABLE",
        "BackupType": "USER", "BackupCreationDateTime": 1700000000.5},
    "SourceTableDetails": {
        "TableName": "users", "TableId": "e3b0c442-98fc-1c14-9afb-4c8996fb9242",
        "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
        "TableSizeBytes": 4096, "ItemCount": 12, "BillingMode": "PROVISIONED",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "TableCreationDateTime": 1690000000,
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 2}},
    "SourceTableFeatureDetails": {"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}}}})j";

inline BackupDescription backup_description() {
    return {.backup_details = nightly_details(),
            .source_table_details = SourceTableDetails{
                .table_name = "users",
                .table_id = "e3b0c442-98fc-1c14-9afb-4c8996fb9242",
                .table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                .table_size_bytes = 4096,
                .key_schema = {{"pk", KeyType::hash}},
                .table_creation_date_time = at_ms(1'690'000'000'000),
                .provisioned_throughput = ProvisionedThroughput{5, 2},
                .item_count = 12,
                .billing_mode = BillingMode::provisioned}};
}

template <class Request>
Sample<Request> backup_arn_sample() {
    return {
        .request = {.backup_arn = std::string(backup_arn)},
        .request_json = R"j({"BackupArn":
            "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4"})j",
        .invalid = Request{.backup_arn = "arn:too-short"},
        .response_json = backup_description_json,
        .response = {.backup_description = backup_description()},
    };
}

template <>
struct fixture<DeleteBackupRequest> {
    static Sample<DeleteBackupRequest> get() { return backup_arn_sample<DeleteBackupRequest>(); }
};

template <>
struct fixture<DescribeBackupRequest> {
    static Sample<DescribeBackupRequest> get() {
        return backup_arn_sample<DescribeBackupRequest>();
    }
};

template <>
struct fixture<ListBackupsRequest> {
    static Sample<ListBackupsRequest> get() {
        return {
            .request = {.table_name = "users",
                        .limit = 10,
                        .time_range_lower_bound = at_ms(1'600'000'000'000),
                        .time_range_upper_bound = at_ms(1'700'000'000'250),
                        .exclusive_start_backup_arn = std::string(backup_arn),
                        .backup_type = BackupTypeFilter::all},
            .request_json = R"j({"TableName": "users", "Limit": 10,
                "TimeRangeLowerBound": 1600000000, "TimeRangeUpperBound": 1700000000.25,
                "ExclusiveStartBackupArn":
                  "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4",
                "BackupType": "ALL"})j",
            .invalid = ListBackupsRequest{.limit = 101},
            .response_json = R"j({"BackupSummaries": [{
                "TableName": "users", "TableId": "e3b0c442-98fc-1c14-9afb-4c8996fb9242",
                "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                "BackupArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4",
                "BackupName": "nightly", "BackupCreationDateTime": 1700000000.5,
                "BackupExpiryDateTime": 1703000000, "BackupStatus": "CREATING",
                "BackupType": "SYSTEM", "BackupSizeBytes": 0}],
                "LastEvaluatedBackupArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4"})j",
            .response = {.backup_summaries = {{
                             .table_name = "users",
                             .table_id = "e3b0c442-98fc-1c14-9afb-4c8996fb9242",
                             .table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                             .backup_arn = std::string(backup_arn),
                             .backup_name = "nightly",
                             .backup_creation_date_time = at_ms(1'700'000'000'500),
                             .backup_expiry_date_time = at_ms(1'703'000'000'000),
                             .backup_status = BackupStatus::creating,
                             .backup_type = BackupType::system,
                             .backup_size_bytes = 0,
                         }},
                         .last_evaluated_backup_arn = std::string(backup_arn)},
        };
    }
};

inline RestoreOverrides all_overrides() {
    return {.billing_mode_override = BillingMode::provisioned,
            .global_secondary_index_override = {{.index_name = "by_email",
                                                 .key_schema = {{"email", KeyType::hash}},
                                                 .projection = {.projection_type =
                                                                    ProjectionType::keys_only},
                                                 .provisioned_throughput =
                                                     ProvisionedThroughput{2, 1}}},
            .local_secondary_index_override = {{.index_name = "by_date",
                                                .key_schema = {{"pk", KeyType::hash},
                                                               {"date", KeyType::range}},
                                                .projection = {}}},
            .provisioned_throughput_override = ProvisionedThroughput{5, 5},
            .sse_specification_override =
                SseSpecification{.enabled = true, .sse_type = SseType::kms}};
}

inline constexpr std::string_view all_overrides_json = R"j(
    "BillingModeOverride": "PROVISIONED",
    "GlobalSecondaryIndexOverride": [{"IndexName": "by_email",
        "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
        "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 1}}],
    "LocalSecondaryIndexOverride": [{"IndexName": "by_date",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "date", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"}}],
    "ProvisionedThroughputOverride": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    "SSESpecificationOverride": {"Enabled": true, "SSEType": "KMS"})j";

template <>
struct fixture<RestoreTableFromBackupRequest> {
    static Sample<RestoreTableFromBackupRequest> get() {
        static const std::string request_json =
            R"j({"TargetTableName": "users-copy", "BackupArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/backup/01700000000000-a1b2c3d4",)j" +
            std::string(all_overrides_json) + "}";
        static const std::string body =
            "{\"TableDescription\": " + std::string(users_table_json) + "}";
        RestoreTableFromBackupRequest r{.target_table_name = "users-copy",
                                        .backup_arn = std::string(backup_arn),
                                        .overrides = all_overrides()};
        RestoreTableFromBackupRequest invalid = r;
        invalid.overrides.billing_mode_override = BillingMode::pay_per_request;
        return {.request = r,
                .request_json = request_json,
                .invalid = invalid,
                .response_json = body,
                .response = {.table_description = users_table()}};
    }
};

template <>
struct fixture<RestoreTableToPointInTimeRequest> {
    static Sample<RestoreTableToPointInTimeRequest> get() {
        static const std::string body =
            "{\"TableDescription\": " + std::string(users_table_json) + "}";
        return {
            .request = {.source_table_name = "users",
                        .target_table_name = "users-yesterday",
                        .restore_date_time = at_ms(1'700'000'000'000)},
            .request_json = R"j({"SourceTableName": "users", "TargetTableName": "users-yesterday",
                                 "RestoreDateTime": 1700000000})j",
            .invalid =
                RestoreTableToPointInTimeRequest{
                    .source_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                    .source_table_name = "users",
                    .target_table_name = "users-yesterday",
                    .use_latest_restorable_time = true},
            .response_json = body,
            .response = {.table_description = users_table()},
        };
    }
};

inline constexpr std::string_view continuous_backups_json = R"j({"ContinuousBackupsDescription": {
    "ContinuousBackupsStatus": "ENABLED",
    "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED",
        "RecoveryPeriodInDays": 7, "EarliestRestorableDateTime": 1699000000,
        "LatestRestorableDateTime": 1700000000.75}}})j";

inline ContinuousBackupsDescription continuous_backups() {
    return {.continuous_backups_status = ContinuousBackupsStatus::enabled,
            .point_in_time_recovery_description = PointInTimeRecoveryDescription{
                .point_in_time_recovery_status = PointInTimeRecoveryStatus::enabled,
                .recovery_period_in_days = 7,
                .earliest_restorable_date_time = at_ms(1'699'000'000'000),
                .latest_restorable_date_time = at_ms(1'700'000'000'750)}};
}

template <>
struct fixture<DescribeContinuousBackupsRequest> {
    static Sample<DescribeContinuousBackupsRequest> get() {
        return {
            .request = {.table_name = "arn:aws:dynamodb:us-east-1:123456789012:table/users"},
            .request_json =
                R"j({"TableName": "arn:aws:dynamodb:us-east-1:123456789012:table/users"})j",
            .invalid = DescribeContinuousBackupsRequest{.table_name = "a/b"},
            .response_json = continuous_backups_json,
            .response = {.continuous_backups_description = continuous_backups()},
        };
    }
};

template <>
struct fixture<UpdateContinuousBackupsRequest> {
    static Sample<UpdateContinuousBackupsRequest> get() {
        return {
            .request = {.table_name = "users",
                        .point_in_time_recovery_specification = {.point_in_time_recovery_enabled =
                                                                     true,
                                                                 .recovery_period_in_days = 7}},
            .request_json = R"j({"TableName": "users", "PointInTimeRecoverySpecification":
                {"PointInTimeRecoveryEnabled": true, "RecoveryPeriodInDays": 7}})j",
            .invalid =
                UpdateContinuousBackupsRequest{
                    .table_name = "users",
                    .point_in_time_recovery_specification = {.point_in_time_recovery_enabled = true,
                                                             .recovery_period_in_days = 36}},
            .response_json = continuous_backups_json,
            .response = {.continuous_backups_description = continuous_backups()},
        };
    }
};

} // namespace dynaq_test

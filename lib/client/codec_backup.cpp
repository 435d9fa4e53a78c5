// On-demand backups, restores and point-in-time recovery.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

void write_overrides(JsonWriter& w, const RestoreOverrides& o) {
    write_optional(w, "BillingModeOverride", o.billing_mode_override);
    if (!o.global_secondary_index_override.empty()) {
        write_key(w, "GlobalSecondaryIndexOverride");
        w.StartArray();
        for (const auto& gsi : o.global_secondary_index_override)
            write_global_index(w, gsi);
        w.EndArray();
    }
    if (!o.local_secondary_index_override.empty()) {
        write_key(w, "LocalSecondaryIndexOverride");
        w.StartArray();
        for (const auto& lsi : o.local_secondary_index_override)
            write_local_index(w, lsi);
        w.EndArray();
    }
    write_throughput(w, o.provisioned_throughput_override, "ProvisionedThroughputOverride");
    write_sse(w, o.sse_specification_override, "SSESpecificationOverride");
}

BackupDetails read_backup_details(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    BackupDetails d{
        .backup_arn = std::string(require_string(v, "BackupArn", where)),
        .backup_name = std::string(require_string(v, "BackupName", where)),
        .backup_size_bytes = optional_int(v, "BackupSizeBytes", where),
        .backup_status = require_enum<BackupStatus>(v, "BackupStatus", where),
        .backup_type = require_enum<BackupType>(v, "BackupType", where),
        .backup_creation_date_time = optional_timestamp(v, "BackupCreationDateTime", where),
        .backup_expiry_date_time = optional_timestamp(v, "BackupExpiryDateTime", where),
    };
    if (!d.backup_creation_date_time)
        protocol_error(member_path(where, "BackupCreationDateTime"), "missing");
    return d;
}

SourceTableDetails read_source_table(const JsonValue& v, std::string_view where) {
    expect_object(v, where);
    SourceTableDetails d{
        .table_name = std::string(require_string(v, "TableName", where)),
        .table_id = optional_owned_string(v, "TableId", where),
        .table_arn = optional_owned_string(v, "TableArn", where),
        .table_size_bytes = optional_int(v, "TableSizeBytes", where),
        .key_schema = read_key_schema(v, where),
        .table_creation_date_time = optional_timestamp(v, "TableCreationDateTime", where),
        .item_count = optional_int(v, "ItemCount", where),
        .billing_mode = optional_enum<BillingMode>(v, "BillingMode", where),
    };
    if (const JsonValue* t = find_member(v, "ProvisionedThroughput")) {
        const std::string path = member_path(where, "ProvisionedThroughput");
        expect_object(*t, path);
        d.provisioned_throughput = ProvisionedThroughput{
            .read_capacity_units = optional_int(*t, "ReadCapacityUnits", path).value_or(0),
            .write_capacity_units = optional_int(*t, "WriteCapacityUnits", path).value_or(0),
        };
    }
    return d;
}

BackupDescription read_backup_description(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "BackupDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    BackupDescription d;
    if (const JsonValue* details = find_member(v, "BackupDetails"))
        d.backup_details = read_backup_details(*details, member_path(where, "BackupDetails"));
    if (const JsonValue* source = find_member(v, "SourceTableDetails"))
        d.source_table_details =
            read_source_table(*source, member_path(where, "SourceTableDetails"));
    return d;
}

ContinuousBackupsDescription read_continuous_backups(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "ContinuousBackupsDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    ContinuousBackupsDescription d{
        .continuous_backups_status =
            require_enum<ContinuousBackupsStatus>(v, "ContinuousBackupsStatus", where),
    };
    if (const JsonValue* p = find_member(v, "PointInTimeRecoveryDescription")) {
        const std::string path = member_path(where, "PointInTimeRecoveryDescription");
        expect_object(*p, path);
        d.point_in_time_recovery_description = PointInTimeRecoveryDescription{
            .point_in_time_recovery_status =
                optional_enum<PointInTimeRecoveryStatus>(*p, "PointInTimeRecoveryStatus", path),
            .recovery_period_in_days = optional_int(*p, "RecoveryPeriodInDays", path),
            .earliest_restorable_date_time =
                optional_timestamp(*p, "EarliestRestorableDateTime", path),
            .latest_restorable_date_time = optional_timestamp(*p, "LatestRestorableDateTime", path),
        };
    }
    return d;
}

} // namespace

void encode(const CreateBackupRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_string_member(w, "BackupName", r.backup_name);
    });
}

void encode(const DeleteBackupRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "BackupArn", r.backup_arn); });
}

void encode(const DescribeBackupRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "BackupArn", r.backup_arn); });
}

void encode(const ListBackupsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "TableName", r.table_name);
        write_optional(w, "Limit", r.limit);
        write_timestamp(w, "TimeRangeLowerBound", r.time_range_lower_bound);
        write_timestamp(w, "TimeRangeUpperBound", r.time_range_upper_bound);
        write_optional(w, "ExclusiveStartBackupArn", r.exclusive_start_backup_arn);
        write_optional(w, "BackupType", r.backup_type);
    });
}

void encode(const RestoreTableFromBackupRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TargetTableName", r.target_table_name);
        write_string_member(w, "BackupArn", r.backup_arn);
        write_overrides(w, r.overrides);
    });
}

void encode(const RestoreTableToPointInTimeRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "SourceTableArn", r.source_table_arn);
        write_optional(w, "SourceTableName", r.source_table_name);
        write_string_member(w, "TargetTableName", r.target_table_name);
        write_optional(w, "UseLatestRestorableTime", r.use_latest_restorable_time);
        write_timestamp(w, "RestoreDateTime", r.restore_date_time);
        write_overrides(w, r.overrides);
    });
}

void encode(const DescribeContinuousBackupsRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void encode(const UpdateContinuousBackupsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        const auto& spec = r.point_in_time_recovery_specification;
        write_key(w, "PointInTimeRecoverySpecification");
        w.StartObject();
        write_key(w, "PointInTimeRecoveryEnabled");
        w.Bool(spec.point_in_time_recovery_enabled);
        write_optional(w, "RecoveryPeriodInDays", spec.recovery_period_in_days);
        w.EndObject();
    });
}

void decode(const JsonValue& root, CreateBackupResponse& out) {
    out = {};
    expect_object(root, "response");
    out.backup_details =
        read_backup_details(require_member(root, "BackupDetails", ""), "BackupDetails");
}

void decode(const JsonValue& root, DeleteBackupResponse& out) {
    out = {.backup_description = read_backup_description(root)};
}

void decode(const JsonValue& root, DescribeBackupResponse& out) {
    out = {.backup_description = read_backup_description(root)};
}

void decode(const JsonValue& root, ListBackupsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "BackupSummaries", "", [&](const JsonValue& e, const std::string& path) {
        expect_object(e, path);
        out.backup_summaries.push_back({
            .table_name = optional_owned_string(e, "TableName", path),
            .table_id = optional_owned_string(e, "TableId", path),
            .table_arn = optional_owned_string(e, "TableArn", path),
            .backup_arn = optional_owned_string(e, "BackupArn", path),
            .backup_name = optional_owned_string(e, "BackupName", path),
            .backup_creation_date_time = optional_timestamp(e, "BackupCreationDateTime", path),
            .backup_expiry_date_time = optional_timestamp(e, "BackupExpiryDateTime", path),
            .backup_status = optional_enum<BackupStatus>(e, "BackupStatus", path),
            .backup_type = optional_enum<BackupType>(e, "BackupType", path),
            .backup_size_bytes = optional_int(e, "BackupSizeBytes", path),
        });
    });
    out.last_evaluated_backup_arn = optional_owned_string(root, "LastEvaluatedBackupArn", "");
}

void decode(const JsonValue& root, RestoreTableFromBackupResponse& out) {
    out = {.table_description = read_description_member(root, "TableDescription")};
}

void decode(const JsonValue& root, RestoreTableToPointInTimeResponse& out) {
    out = {.table_description = read_description_member(root, "TableDescription")};
}

void decode(const JsonValue& root, DescribeContinuousBackupsResponse& out) {
    out = {.continuous_backups_description = read_continuous_backups(root)};
}

void decode(const JsonValue& root, UpdateContinuousBackupsResponse& out) {
    out = {.continuous_backups_description = read_continuous_backups(root)};
}

} // namespace dynaq::detail

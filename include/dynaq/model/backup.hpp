#pragma once
// On-demand backups, restores, and point-in-time recovery (continuous backups).
//
//   auto made = co_await client.create_backup({.table_name = "users", .backup_name = "nightly"});
//   co_await client.restore_table_from_backup(
//       {.target_table_name = "users-copy", .backup_arn = made.backup_details.backup_arn});
#include <dynaq/export.hpp>
#include <dynaq/model/table_ops.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

/// AVAILABLE once the backup can be restored.
enum class BackupStatus { creating, deleted, available, unknown };
/// user: made by CreateBackup; system: kept for 35 days after deleting a table with PITR on;
/// aws_backup: made by AWS Backup.
enum class BackupType { user, system, aws_backup, unknown };
/// ListBackups' filter: the backup types, or all of them.
enum class BackupTypeFilter { user, system, aws_backup, all };
enum class ContinuousBackupsStatus { enabled, disabled, unknown };
enum class PointInTimeRecoveryStatus { enabled, disabled, unknown };

[[nodiscard]] DYNAQ_API std::string_view to_string(BackupStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(BackupType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(BackupTypeFilter v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ContinuousBackupsStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(PointInTimeRecoveryStatus v) noexcept;

struct BackupDetails {
    std::string backup_arn{};
    std::string backup_name{};
    std::optional<std::int64_t> backup_size_bytes{};
    BackupStatus backup_status = BackupStatus::unknown;
    BackupType backup_type = BackupType::unknown;
    std::optional<Timestamp> backup_creation_date_time{};
    /// System backups only: 35 days after creation.
    std::optional<Timestamp> backup_expiry_date_time{};

    bool operator==(const BackupDetails&) const = default;
};

/// The table as it was when the backup was made.
struct SourceTableDetails {
    std::string table_name{};
    /// Documented as always there; moto leaves it out.
    std::optional<std::string> table_id{};
    std::optional<std::string> table_arn{};
    std::optional<std::int64_t> table_size_bytes{};
    std::vector<KeySchemaElement> key_schema{};
    std::optional<Timestamp> table_creation_date_time{};
    std::optional<ProvisionedThroughput> provisioned_throughput{};
    std::optional<std::int64_t> item_count{};
    std::optional<BillingMode> billing_mode{};

    bool operator==(const SourceTableDetails&) const = default;
};

/// The indexes, stream, TTL and encryption of the source table are in DynamoDB's answer too
/// (SourceTableFeatureDetails); they are not decoded yet.
struct BackupDescription {
    std::optional<BackupDetails> backup_details{};
    std::optional<SourceTableDetails> source_table_details{};

    bool operator==(const BackupDescription&) const = default;
};

struct CreateBackupRequest {
    /// A table name or its ARN.
    std::string table_name{};
    /// 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.'.
    std::string backup_name{};

    bool operator==(const CreateBackupRequest&) const = default;
};

struct CreateBackupResponse {
    BackupDetails backup_details{};

    bool operator==(const CreateBackupResponse&) const = default;
};

struct DeleteBackupRequest {
    /// 37 to 1024 characters.
    std::string backup_arn{};

    bool operator==(const DeleteBackupRequest&) const = default;
};

struct DeleteBackupResponse {
    BackupDescription backup_description{};

    bool operator==(const DeleteBackupResponse&) const = default;
};

struct DescribeBackupRequest {
    std::string backup_arn{};

    bool operator==(const DescribeBackupRequest&) const = default;
};

struct DescribeBackupResponse {
    BackupDescription backup_description{};

    bool operator==(const DescribeBackupResponse&) const = default;
};

/// One page of backups, newest last; continue from last_evaluated_backup_arn.
struct ListBackupsRequest {
    std::optional<std::string> table_name{};
    /// 1 to 100.
    std::optional<std::int32_t> limit{};
    /// Backups created at or after the lower bound and before the upper one.
    std::optional<Timestamp> time_range_lower_bound{};
    std::optional<Timestamp> time_range_upper_bound{};
    std::optional<std::string> exclusive_start_backup_arn{};
    std::optional<BackupTypeFilter> backup_type{};

    bool operator==(const ListBackupsRequest&) const = default;
};

struct BackupSummary {
    std::optional<std::string> table_name{};
    std::optional<std::string> table_id{};
    std::optional<std::string> table_arn{};
    std::optional<std::string> backup_arn{};
    std::optional<std::string> backup_name{};
    std::optional<Timestamp> backup_creation_date_time{};
    std::optional<Timestamp> backup_expiry_date_time{};
    std::optional<BackupStatus> backup_status{};
    std::optional<BackupType> backup_type{};
    std::optional<std::int64_t> backup_size_bytes{};

    bool operator==(const BackupSummary&) const = default;
};

struct ListBackupsResponse {
    std::vector<BackupSummary> backup_summaries{};
    std::optional<std::string> last_evaluated_backup_arn{};

    bool operator==(const ListBackupsResponse&) const = default;
};

/// What a restored table may have differently from its source (both restore operations).
struct RestoreOverrides {
    std::optional<BillingMode> billing_mode_override{};
    /// Replace the source's indexes; empty keeps them.
    std::vector<GlobalSecondaryIndex> global_secondary_index_override{};
    std::vector<LocalSecondaryIndex> local_secondary_index_override{};
    std::optional<ProvisionedThroughput> provisioned_throughput_override{};
    std::optional<SseSpecification> sse_specification_override{};

    bool operator==(const RestoreOverrides&) const = default;
};

struct RestoreTableFromBackupRequest {
    std::string target_table_name{};
    std::string backup_arn{};
    RestoreOverrides overrides{};

    bool operator==(const RestoreTableFromBackupRequest&) const = default;
};

struct RestoreTableFromBackupResponse {
    TableDescription table_description{};

    bool operator==(const RestoreTableFromBackupResponse&) const = default;
};

/// Exactly one of source_table_name and source_table_arn; exactly one of
/// use_latest_restorable_time = true and restore_date_time.
struct RestoreTableToPointInTimeRequest {
    std::optional<std::string> source_table_arn{};
    std::optional<std::string> source_table_name{};
    std::string target_table_name{};
    std::optional<bool> use_latest_restorable_time{};
    std::optional<Timestamp> restore_date_time{};
    RestoreOverrides overrides{};

    bool operator==(const RestoreTableToPointInTimeRequest&) const = default;
};

struct RestoreTableToPointInTimeResponse {
    TableDescription table_description{};

    bool operator==(const RestoreTableToPointInTimeResponse&) const = default;
};

struct PointInTimeRecoveryDescription {
    std::optional<PointInTimeRecoveryStatus> point_in_time_recovery_status{};
    /// How far back a restore can go, 1 to 35 days.
    std::optional<std::int64_t> recovery_period_in_days{};
    std::optional<Timestamp> earliest_restorable_date_time{};
    std::optional<Timestamp> latest_restorable_date_time{};

    bool operator==(const PointInTimeRecoveryDescription&) const = default;
};

struct ContinuousBackupsDescription {
    ContinuousBackupsStatus continuous_backups_status = ContinuousBackupsStatus::unknown;
    std::optional<PointInTimeRecoveryDescription> point_in_time_recovery_description{};

    bool operator==(const ContinuousBackupsDescription&) const = default;
};

struct DescribeContinuousBackupsRequest {
    std::string table_name{};

    bool operator==(const DescribeContinuousBackupsRequest&) const = default;
};

struct DescribeContinuousBackupsResponse {
    ContinuousBackupsDescription continuous_backups_description{};

    bool operator==(const DescribeContinuousBackupsResponse&) const = default;
};

struct PointInTimeRecoverySpecification {
    bool point_in_time_recovery_enabled = false;
    /// 1 to 35; DynamoDB's default is 35.
    std::optional<std::int32_t> recovery_period_in_days{};

    bool operator==(const PointInTimeRecoverySpecification&) const = default;
};

struct UpdateContinuousBackupsRequest {
    std::string table_name{};
    PointInTimeRecoverySpecification point_in_time_recovery_specification{};

    bool operator==(const UpdateContinuousBackupsRequest&) const = default;
};

struct UpdateContinuousBackupsResponse {
    ContinuousBackupsDescription continuous_backups_description{};

    bool operator==(const UpdateContinuousBackupsResponse&) const = default;
};

} // namespace dynaq

#pragma once
// Exports of a table to S3 (from its point-in-time recovery window) and imports from S3 into a
// new table. Both run for minutes to hours: the calls start them, Describe* follows them.
#include <dynaq/export.hpp>
#include <dynaq/model/table_ops.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

// Enums that DynamoDB both takes and returns have an `unknown` enumerator for values newer
// than this version; a request holding `unknown` is an InvalidArgumentError.
enum class ExportStatus { in_progress, completed, failed, unknown };
enum class ExportFormat { dynamodb_json, ion, unknown };
enum class ExportType { full_export, incremental_export, unknown };
enum class ExportViewType { new_image, new_and_old_images, unknown };
enum class S3SseAlgorithm { aes256, kms, unknown };
enum class ImportStatus { in_progress, completed, cancelling, cancelled, failed, unknown };
enum class InputFormat { dynamodb_json, ion, csv, unknown };
enum class InputCompressionType { gzip, zstd, none, unknown };

[[nodiscard]] DYNAQ_API std::string_view to_string(ExportStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ExportFormat v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ExportType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ExportViewType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(S3SseAlgorithm v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ImportStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(InputFormat v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(InputCompressionType v) noexcept;

/// The changes between two times, for ExportType::incremental_export.
struct IncrementalExportSpecification {
    std::optional<Timestamp> export_from_time{};
    std::optional<Timestamp> export_to_time{};
    std::optional<ExportViewType> export_view_type{};

    bool operator==(const IncrementalExportSpecification&) const = default;
};

struct ExportTableToPointInTimeRequest {
    /// 1 to 1024 characters.
    std::string table_arn{};
    /// A time in the PITR window; absent: now.
    std::optional<Timestamp> export_time{};
    /// Makes the call idempotent for 8 hours.
    std::optional<std::string> client_token{};
    /// At most 255 characters.
    std::string s3_bucket{};
    std::optional<std::string> s3_bucket_owner{};
    /// At most 1024 characters.
    std::optional<std::string> s3_prefix{};
    std::optional<S3SseAlgorithm> s3_sse_algorithm{};
    /// 1 to 2048 characters.
    std::optional<std::string> s3_sse_kms_key_id{};
    std::optional<ExportFormat> export_format{};
    std::optional<ExportType> export_type{};
    std::optional<IncrementalExportSpecification> incremental_export_specification{};

    bool operator==(const ExportTableToPointInTimeRequest&) const = default;
};

struct ExportDescription {
    std::string export_arn{};
    std::optional<ExportStatus> export_status{};
    std::optional<Timestamp> start_time{};
    std::optional<Timestamp> end_time{};
    std::optional<std::string> export_manifest{};
    std::optional<std::string> table_arn{};
    std::optional<std::string> table_id{};
    std::optional<Timestamp> export_time{};
    std::optional<std::string> client_token{};
    std::optional<std::string> s3_bucket{};
    std::optional<std::string> s3_bucket_owner{};
    std::optional<std::string> s3_prefix{};
    std::optional<S3SseAlgorithm> s3_sse_algorithm{};
    std::optional<std::string> s3_sse_kms_key_id{};
    std::optional<std::string> failure_code{};
    std::optional<std::string> failure_message{};
    std::optional<ExportFormat> export_format{};
    std::optional<std::int64_t> billed_size_bytes{};
    std::optional<std::int64_t> item_count{};
    std::optional<ExportType> export_type{};
    std::optional<IncrementalExportSpecification> incremental_export_specification{};

    bool operator==(const ExportDescription&) const = default;
};

struct ExportTableToPointInTimeResponse {
    ExportDescription export_description{};

    bool operator==(const ExportTableToPointInTimeResponse&) const = default;
};

struct DescribeExportRequest {
    /// 37 to 1024 characters.
    std::string export_arn{};

    bool operator==(const DescribeExportRequest&) const = default;
};

struct DescribeExportResponse {
    ExportDescription export_description{};

    bool operator==(const DescribeExportResponse&) const = default;
};

/// One page of exports; continue with next_token.
struct ListExportsRequest {
    std::optional<std::string> table_arn{};
    /// 1 to 25.
    std::optional<std::int32_t> max_results{};
    std::optional<std::string> next_token{};

    bool operator==(const ListExportsRequest&) const = default;
};

struct ExportSummary {
    std::string export_arn{};
    std::optional<ExportStatus> export_status{};
    std::optional<ExportType> export_type{};

    bool operator==(const ExportSummary&) const = default;
};

struct ListExportsResponse {
    std::vector<ExportSummary> export_summaries{};
    std::optional<std::string> next_token{};

    bool operator==(const ListExportsResponse&) const = default;
};

struct S3BucketSource {
    std::string s3_bucket{};
    std::optional<std::string> s3_bucket_owner{};
    std::optional<std::string> s3_key_prefix{};

    bool operator==(const S3BucketSource&) const = default;
};

/// For InputFormat::csv: a one-character delimiter (default ',') and the column names when
/// the files have no header line.
struct CsvOptions {
    std::optional<std::string> delimiter{};
    std::vector<std::string> header_list{};

    bool operator==(const CsvOptions&) const = default;
};

/// The table an import creates.
struct TableCreationParameters {
    std::string table_name{};
    std::vector<AttributeDefinition> attribute_definitions{};
    std::vector<KeySchemaElement> key_schema{};
    std::optional<BillingMode> billing_mode{};
    std::optional<ProvisionedThroughput> provisioned_throughput{};
    std::optional<SseSpecification> sse_specification{};
    std::vector<GlobalSecondaryIndex> global_secondary_indexes{};

    bool operator==(const TableCreationParameters&) const = default;
};

struct ImportTableRequest {
    /// Makes the call idempotent for 8 hours.
    std::optional<std::string> client_token{};
    S3BucketSource s3_bucket_source{};
    InputFormat input_format = InputFormat::dynamodb_json;
    std::optional<CsvOptions> csv_options{};
    std::optional<InputCompressionType> input_compression_type{};
    TableCreationParameters table_creation_parameters{};

    bool operator==(const ImportTableRequest&) const = default;
};

/// What DescribeImport reports (the table creation parameters it echoes are not decoded).
struct ImportTableDescription {
    std::string import_arn{};
    std::optional<ImportStatus> import_status{};
    std::optional<std::string> table_arn{};
    std::optional<std::string> table_id{};
    std::optional<std::string> client_token{};
    std::optional<S3BucketSource> s3_bucket_source{};
    std::optional<std::int64_t> error_count{};
    std::optional<std::string> cloud_watch_log_group_arn{};
    std::optional<InputFormat> input_format{};
    std::optional<InputCompressionType> input_compression_type{};
    std::optional<Timestamp> start_time{};
    std::optional<Timestamp> end_time{};
    std::optional<std::int64_t> processed_size_bytes{};
    std::optional<std::int64_t> processed_item_count{};
    std::optional<std::int64_t> imported_item_count{};
    std::optional<std::string> failure_code{};
    std::optional<std::string> failure_message{};

    bool operator==(const ImportTableDescription&) const = default;
};

struct ImportTableResponse {
    ImportTableDescription import_table_description{};

    bool operator==(const ImportTableResponse&) const = default;
};

struct DescribeImportRequest {
    /// 37 to 1024 characters.
    std::string import_arn{};

    bool operator==(const DescribeImportRequest&) const = default;
};

struct DescribeImportResponse {
    ImportTableDescription import_table_description{};

    bool operator==(const DescribeImportResponse&) const = default;
};

/// One page of imports; continue with next_token.
struct ListImportsRequest {
    std::optional<std::string> table_arn{};
    /// 1 to 25.
    std::optional<std::int32_t> page_size{};
    /// 112 to 1024 characters.
    std::optional<std::string> next_token{};

    bool operator==(const ListImportsRequest&) const = default;
};

struct ImportSummary {
    std::string import_arn{};
    std::optional<ImportStatus> import_status{};
    std::optional<std::string> table_arn{};
    std::optional<S3BucketSource> s3_bucket_source{};
    std::optional<std::string> cloud_watch_log_group_arn{};
    std::optional<InputFormat> input_format{};
    std::optional<Timestamp> start_time{};
    std::optional<Timestamp> end_time{};

    bool operator==(const ImportSummary&) const = default;
};

struct ListImportsResponse {
    std::vector<ImportSummary> import_summary_list{};
    std::optional<std::string> next_token{};

    bool operator==(const ListImportsResponse&) const = default;
};

} // namespace dynaq

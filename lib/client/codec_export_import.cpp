// ExportTableToPointInTime, DescribeExport, ListExports, ImportTable, DescribeImport,
// ListImports.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

std::optional<IncrementalExportSpecification> read_incremental(const JsonValue& v,
                                                               std::string_view where) {
    const JsonValue* m = find_member(v, "IncrementalExportSpecification");
    if (!m)
        return std::nullopt;
    const std::string path = member_path(where, "IncrementalExportSpecification");
    expect_object(*m, path);
    return IncrementalExportSpecification{
        .export_from_time = optional_timestamp(*m, "ExportFromTime", path),
        .export_to_time = optional_timestamp(*m, "ExportToTime", path),
        .export_view_type = optional_enum<ExportViewType>(*m, "ExportViewType", path),
    };
}

ExportDescription read_export_description(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "ExportDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    return {
        .export_arn = std::string(require_string(v, "ExportArn", where)),
        .export_status = optional_enum<ExportStatus>(v, "ExportStatus", where),
        .start_time = optional_timestamp(v, "StartTime", where),
        .end_time = optional_timestamp(v, "EndTime", where),
        .export_manifest = optional_owned_string(v, "ExportManifest", where),
        .table_arn = optional_owned_string(v, "TableArn", where),
        .table_id = optional_owned_string(v, "TableId", where),
        .export_time = optional_timestamp(v, "ExportTime", where),
        .client_token = optional_owned_string(v, "ClientToken", where),
        .s3_bucket = optional_owned_string(v, "S3Bucket", where),
        .s3_bucket_owner = optional_owned_string(v, "S3BucketOwner", where),
        .s3_prefix = optional_owned_string(v, "S3Prefix", where),
        .s3_sse_algorithm = optional_enum<S3SseAlgorithm>(v, "S3SseAlgorithm", where),
        .s3_sse_kms_key_id = optional_owned_string(v, "S3SseKmsKeyId", where),
        .failure_code = optional_owned_string(v, "FailureCode", where),
        .failure_message = optional_owned_string(v, "FailureMessage", where),
        .export_format = optional_enum<ExportFormat>(v, "ExportFormat", where),
        .billed_size_bytes = optional_int(v, "BilledSizeBytes", where),
        .item_count = optional_int(v, "ItemCount", where),
        .export_type = optional_enum<ExportType>(v, "ExportType", where),
        .incremental_export_specification = read_incremental(v, where),
    };
}

std::optional<S3BucketSource> read_bucket_source(const JsonValue& v, std::string_view where) {
    const JsonValue* m = find_member(v, "S3BucketSource");
    if (!m)
        return std::nullopt;
    const std::string path = member_path(where, "S3BucketSource");
    expect_object(*m, path);
    return S3BucketSource{
        .s3_bucket = std::string(require_string(*m, "S3Bucket", path)),
        .s3_bucket_owner = optional_owned_string(*m, "S3BucketOwner", path),
        .s3_key_prefix = optional_owned_string(*m, "S3KeyPrefix", path),
    };
}

ImportTableDescription read_import_description(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "ImportTableDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    return {
        .import_arn = std::string(require_string(v, "ImportArn", where)),
        .import_status = optional_enum<ImportStatus>(v, "ImportStatus", where),
        .table_arn = optional_owned_string(v, "TableArn", where),
        .table_id = optional_owned_string(v, "TableId", where),
        .client_token = optional_owned_string(v, "ClientToken", where),
        .s3_bucket_source = read_bucket_source(v, where),
        .error_count = optional_int(v, "ErrorCount", where),
        .cloud_watch_log_group_arn = optional_owned_string(v, "CloudWatchLogGroupArn", where),
        .input_format = optional_enum<InputFormat>(v, "InputFormat", where),
        .input_compression_type =
            optional_enum<InputCompressionType>(v, "InputCompressionType", where),
        .start_time = optional_timestamp(v, "StartTime", where),
        .end_time = optional_timestamp(v, "EndTime", where),
        .processed_size_bytes = optional_int(v, "ProcessedSizeBytes", where),
        .processed_item_count = optional_int(v, "ProcessedItemCount", where),
        .imported_item_count = optional_int(v, "ImportedItemCount", where),
        .failure_code = optional_owned_string(v, "FailureCode", where),
        .failure_message = optional_owned_string(v, "FailureMessage", where),
    };
}

void write_strings(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
    write_key(w, key);
    w.StartArray();
    for (const auto& v : values)
        write_string(w, v);
    w.EndArray();
}

void write_table_creation(JsonWriter& w, const TableCreationParameters& t) {
    write_key(w, "TableCreationParameters");
    w.StartObject();
    write_string_member(w, "TableName", t.table_name);
    write_attribute_definitions(w, t.attribute_definitions);
    write_key_schema(w, t.key_schema);
    write_optional(w, "BillingMode", t.billing_mode);
    write_throughput(w, t.provisioned_throughput);
    write_sse(w, t.sse_specification);
    if (!t.global_secondary_indexes.empty()) {
        write_key(w, "GlobalSecondaryIndexes");
        w.StartArray();
        for (const auto& gsi : t.global_secondary_indexes)
            write_global_index(w, gsi);
        w.EndArray();
    }
    w.EndObject();
}

} // namespace

void encode(const ExportTableToPointInTimeRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableArn", r.table_arn);
        write_timestamp(w, "ExportTime", r.export_time);
        write_optional(w, "ClientToken", r.client_token);
        write_string_member(w, "S3Bucket", r.s3_bucket);
        write_optional(w, "S3BucketOwner", r.s3_bucket_owner);
        write_optional(w, "S3Prefix", r.s3_prefix);
        write_optional(w, "S3SseAlgorithm", r.s3_sse_algorithm);
        write_optional(w, "S3SseKmsKeyId", r.s3_sse_kms_key_id);
        write_optional(w, "ExportFormat", r.export_format);
        write_optional(w, "ExportType", r.export_type);
        if (const auto& inc = r.incremental_export_specification) {
            write_key(w, "IncrementalExportSpecification");
            w.StartObject();
            write_timestamp(w, "ExportFromTime", inc->export_from_time);
            write_timestamp(w, "ExportToTime", inc->export_to_time);
            write_optional(w, "ExportViewType", inc->export_view_type);
            w.EndObject();
        }
    });
}

void encode(const DescribeExportRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "ExportArn", r.export_arn); });
}

void encode(const ListExportsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "TableArn", r.table_arn);
        write_optional(w, "MaxResults", r.max_results);
        write_optional(w, "NextToken", r.next_token);
    });
}

void encode(const ImportTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "ClientToken", r.client_token);
        write_key(w, "S3BucketSource");
        w.StartObject();
        write_string_member(w, "S3Bucket", r.s3_bucket_source.s3_bucket);
        write_optional(w, "S3BucketOwner", r.s3_bucket_source.s3_bucket_owner);
        write_optional(w, "S3KeyPrefix", r.s3_bucket_source.s3_key_prefix);
        w.EndObject();
        write_string_member(w, "InputFormat", to_string(r.input_format));
        if (const auto& csv = r.csv_options) {
            write_key(w, "InputFormatOptions");
            w.StartObject();
            write_key(w, "Csv");
            w.StartObject();
            write_optional(w, "Delimiter", csv->delimiter);
            if (!csv->header_list.empty())
                write_strings(w, "HeaderList", csv->header_list);
            w.EndObject();
            w.EndObject();
        }
        write_optional(w, "InputCompressionType", r.input_compression_type);
        write_table_creation(w, r.table_creation_parameters);
    });
}

void encode(const DescribeImportRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "ImportArn", r.import_arn); });
}

void encode(const ListImportsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "TableArn", r.table_arn);
        write_optional(w, "PageSize", r.page_size);
        write_optional(w, "NextToken", r.next_token);
    });
}

void decode(const JsonValue& root, ExportTableToPointInTimeResponse& out) {
    out = {.export_description = read_export_description(root)};
}

void decode(const JsonValue& root, DescribeExportResponse& out) {
    out = {.export_description = read_export_description(root)};
}

void decode(const JsonValue& root, ListExportsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "ExportSummaries", "", [&](const JsonValue& e, const std::string& path) {
        expect_object(e, path);
        out.export_summaries.push_back({
            .export_arn = std::string(require_string(e, "ExportArn", path)),
            .export_status = optional_enum<ExportStatus>(e, "ExportStatus", path),
            .export_type = optional_enum<ExportType>(e, "ExportType", path),
        });
    });
    out.next_token = optional_owned_string(root, "NextToken", "");
}

void decode(const JsonValue& root, ImportTableResponse& out) {
    out = {.import_table_description = read_import_description(root)};
}

void decode(const JsonValue& root, DescribeImportResponse& out) {
    out = {.import_table_description = read_import_description(root)};
}

void decode(const JsonValue& root, ListImportsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "ImportSummaryList", "",
                     [&](const JsonValue& e, const std::string& path) {
                         expect_object(e, path);
                         out.import_summary_list.push_back({
                             .import_arn = std::string(require_string(e, "ImportArn", path)),
                             .import_status = optional_enum<ImportStatus>(e, "ImportStatus", path),
                             .table_arn = optional_owned_string(e, "TableArn", path),
                             .s3_bucket_source = read_bucket_source(e, path),
                             .cloud_watch_log_group_arn =
                                 optional_owned_string(e, "CloudWatchLogGroupArn", path),
                             .input_format = optional_enum<InputFormat>(e, "InputFormat", path),
                             .start_time = optional_timestamp(e, "StartTime", path),
                             .end_time = optional_timestamp(e, "EndTime", path),
                         });
                     });
    out.next_token = optional_owned_string(root, "NextToken", "");
}

} // namespace dynaq::detail

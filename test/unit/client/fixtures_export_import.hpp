#pragma once
// Fixtures of the export and import operations.
#include "fixtures_admin.hpp"
#include "fixtures_backup.hpp"

namespace dynaq_test {

inline constexpr std::string_view export_arn =
    "arn:aws:dynamodb:us-east-1:123456789012:table/users/export/01700000000000-abcdef12";

inline constexpr std::string_view export_description_json = R"j({"ExportDescription": {
    "ExportArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users/export/01700000000000-abcdef12",
    "ExportStatus": "COMPLETED", "StartTime": 1700000000, "EndTime": 1700000600.5,
    "ExportManifest": "AWSDynamoDB/01700000000000-abcdef12/manifest-summary.json",
    "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
    "TableId": "e3b0c442-98fc-1c14-9afb-4c8996fb9242", "ExportTime": 1699999000,
    "ClientToken": "export-1", "S3Bucket": "my-exports", "S3BucketOwner": "123456789012",
    "S3Prefix": "users/", "S3SseAlgorithm": "KMS", "S3SseKmsKeyId": "alias/exports",
    "ExportFormat": "ION", "BilledSizeBytes": 1024, "ItemCount": 12,
    "ExportType": "INCREMENTAL_EXPORT",
    "IncrementalExportSpecification": {"ExportFromTime": 1699990000,
        "ExportToTime": 1699999000, "ExportViewType": "NEW_AND_OLD_IMAGES"},
    "NewMemberFromAFutureVersion": {"ignored": true}}})j";

inline IncrementalExportSpecification incremental() {
    return {.export_from_time = at_ms(1'699'990'000'000),
            .export_to_time = at_ms(1'699'999'000'000),
            .export_view_type = ExportViewType::new_and_old_images};
}

inline ExportDescription export_description() {
    return {.export_arn = std::string(export_arn),
            .export_status = ExportStatus::completed,
            .start_time = at_ms(1'700'000'000'000),
            .end_time = at_ms(1'700'000'600'500),
            .export_manifest = "AWSDynamoDB/01700000000000-abcdef12/manifest-summary.json",
            .table_arn = std::string(users_arn),
            .table_id = "e3b0c442-98fc-1c14-9afb-4c8996fb9242",
            .export_time = at_ms(1'699'999'000'000),
            .client_token = "export-1",
            .s3_bucket = "my-exports",
            .s3_bucket_owner = "123456789012",
            .s3_prefix = "users/",
            .s3_sse_algorithm = S3SseAlgorithm::kms,
            .s3_sse_kms_key_id = "alias/exports",
            .export_format = ExportFormat::ion,
            .billed_size_bytes = 1024,
            .item_count = 12,
            .export_type = ExportType::incremental_export,
            .incremental_export_specification = incremental()};
}

template <>
struct fixture<ExportTableToPointInTimeRequest> {
    static Sample<ExportTableToPointInTimeRequest> get() {
        ExportTableToPointInTimeRequest r{.table_arn = std::string(users_arn),
                                          .export_time = at_ms(1'699'999'000'000),
                                          .client_token = "export-1",
                                          .s3_bucket = "my-exports",
                                          .s3_bucket_owner = "123456789012",
                                          .s3_prefix = "users/",
                                          .s3_sse_algorithm = S3SseAlgorithm::kms,
                                          .s3_sse_kms_key_id = "alias/exports",
                                          .export_format = ExportFormat::ion,
                                          .export_type = ExportType::incremental_export,
                                          .incremental_export_specification = incremental()};
        ExportTableToPointInTimeRequest invalid = r;
        invalid.s3_bucket = "-bad-";
        return {
            .request = r,
            .request_json = R"j({"TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                "ExportTime": 1699999000, "ClientToken": "export-1", "S3Bucket": "my-exports",
                "S3BucketOwner": "123456789012", "S3Prefix": "users/", "S3SseAlgorithm": "KMS",
                "S3SseKmsKeyId": "alias/exports", "ExportFormat": "ION",
                "ExportType": "INCREMENTAL_EXPORT",
                "IncrementalExportSpecification": {"ExportFromTime": 1699990000,
                    "ExportToTime": 1699999000, "ExportViewType": "NEW_AND_OLD_IMAGES"}})j",
            .invalid = invalid,
            .response_json = export_description_json,
            .response = {.export_description = export_description()},
        };
    }
};

template <>
struct fixture<DescribeExportRequest> {
    static Sample<DescribeExportRequest> get() {
        return {
            .request = {.export_arn = std::string(export_arn)},
            .request_json = R"j({"ExportArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/export/01700000000000-abcdef12"})j",
            .invalid = DescribeExportRequest{.export_arn = "arn:aws:dynamodb:short"},
            .response_json = export_description_json,
            .response = {.export_description = export_description()},
        };
    }
};

template <>
struct fixture<ListExportsRequest> {
    static Sample<ListExportsRequest> get() {
        return {
            .request = {.table_arn = std::string(users_arn),
                        .max_results = 25,
                        .next_token = "page-2"},
            .request_json = R"j({"TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                                 "MaxResults": 25, "NextToken": "page-2"})j",
            .invalid = ListExportsRequest{.max_results = 26},
            .response_json = R"j({"ExportSummaries": [{"ExportArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/users/export/01700000000000-abcdef12",
                "ExportStatus": "SOMETHING_NEW", "ExportType": "FULL_EXPORT"}],
                "NextToken": "page-3"})j",
            .response = {.export_summaries = {{.export_arn = std::string(export_arn),
                                               .export_status = ExportStatus::unknown,
                                               .export_type = ExportType::full_export}},
                         .next_token = "page-3"},
        };
    }
};

inline constexpr std::string_view import_arn =
    "arn:aws:dynamodb:us-east-1:123456789012:table/imported/import/01700000000000-12345678";

inline constexpr std::string_view import_description_json = R"j({"ImportTableDescription": {
    "ImportArn": "arn:aws:dynamodb:us-east-1:123456789012:table/imported/import/01700000000000-12345678",
    "ImportStatus": "IN_PROGRESS",
    "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
    "TableId": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "ClientToken": "import-1",
    "S3BucketSource": {"S3Bucket": "my-exports", "S3KeyPrefix": "users/"},
    "ErrorCount": 0, "CloudWatchLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws-dynamodb/imports:*",
    "InputFormat": "CSV", "InputCompressionType": "GZIP", "StartTime": 1700000000,
    "ProcessedSizeBytes": 4096, "ProcessedItemCount": 40, "ImportedItemCount": 39,
    "TableCreationParameters": {"TableName": "imported"}}})j";

inline ImportTableDescription import_description() {
    return {.import_arn = std::string(import_arn),
            .import_status = ImportStatus::in_progress,
            .table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
            .table_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            .client_token = "import-1",
            .s3_bucket_source =
                S3BucketSource{.s3_bucket = "my-exports", .s3_key_prefix = "users/"},
            .error_count = 0,
            .cloud_watch_log_group_arn =
                "arn:aws:logs:us-east-1:123456789012:log-group:/aws-dynamodb/imports:*",
            .input_format = InputFormat::csv,
            .input_compression_type = InputCompressionType::gzip,
            .start_time = at_ms(1'700'000'000'000),
            .processed_size_bytes = 4096,
            .processed_item_count = 40,
            .imported_item_count = 39};
}

template <>
struct fixture<ImportTableRequest> {
    static Sample<ImportTableRequest> get() {
        ImportTableRequest r{
            .client_token = "import-1",
            .s3_bucket_source = {.s3_bucket = "my-exports",
                                 .s3_bucket_owner = "123456789012",
                                 .s3_key_prefix = "users/"},
            .input_format = InputFormat::csv,
            .csv_options = CsvOptions{.delimiter = ";", .header_list = {"pk", "name"}},
            .input_compression_type = InputCompressionType::gzip,
            .table_creation_parameters = {
                .table_name = "imported",
                .attribute_definitions = {{"pk", ScalarAttributeType::s},
                                          {"name", ScalarAttributeType::s}},
                .key_schema = {{"pk", KeyType::hash}},
                .billing_mode = BillingMode::pay_per_request,
                .sse_specification = SseSpecification{.enabled = true},
                .global_secondary_indexes = {
                    {.index_name = "by_name", .key_schema = {{"name", KeyType::hash}}}}}};
        ImportTableRequest invalid = r;
        invalid.table_creation_parameters.attribute_definitions.pop_back();
        return {
            .request = r,
            .request_json = R"j({"ClientToken": "import-1",
                "S3BucketSource": {"S3Bucket": "my-exports", "S3BucketOwner": "123456789012",
                                   "S3KeyPrefix": "users/"},
                "InputFormat": "CSV",
                "InputFormatOptions": {"Csv": {"Delimiter": ";", "HeaderList": ["pk", "name"]}},
                "InputCompressionType": "GZIP",
                "TableCreationParameters": {"TableName": "imported",
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                             {"AttributeName": "name", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "BillingMode": "PAY_PER_REQUEST", "SSESpecification": {"Enabled": true},
                    "GlobalSecondaryIndexes": [{"IndexName": "by_name",
                        "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"}}]}})j",
            .invalid = invalid,
            .response_json = import_description_json,
            .response = {.import_table_description = import_description()},
        };
    }
};

template <>
struct fixture<DescribeImportRequest> {
    static Sample<DescribeImportRequest> get() {
        return {
            .request = {.import_arn = std::string(import_arn)},
            .request_json = R"j({"ImportArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/imported/import/01700000000000-12345678"})j",
            .invalid = DescribeImportRequest{},
            .response_json = import_description_json,
            .response = {.import_table_description = import_description()},
        };
    }
};

template <>
struct fixture<ListImportsRequest> {
    static Sample<ListImportsRequest> get() {
        return {
            .request = {.table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
                        .page_size = 10},
            .request_json =
                R"j({"TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
                                 "PageSize": 10})j",
            .invalid = ListImportsRequest{.next_token = "too-short"},
            .response_json = R"j({"ImportSummaryList": [{"ImportArn":
                "arn:aws:dynamodb:us-east-1:123456789012:table/imported/import/01700000000000-12345678",
                "ImportStatus": "FAILED", "TableArn": "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
                "S3BucketSource": {"S3Bucket": "my-exports"}, "InputFormat": "DYNAMODB_JSON",
                "StartTime": 1700000000, "EndTime": 1700000100}]})j",
            .response = {.import_summary_list =
                             {{.import_arn = std::string(import_arn),
                               .import_status = ImportStatus::failed,
                               .table_arn =
                                   "arn:aws:dynamodb:us-east-1:123456789012:table/imported",
                               .s3_bucket_source = S3BucketSource{.s3_bucket = "my-exports"},
                               .input_format = InputFormat::dynamodb_json,
                               .start_time = at_ms(1'700'000'000'000),
                               .end_time = at_ms(1'700'000'100'000)}}},
        };
    }
};

} // namespace dynaq_test

#pragma once
// Fixtures of the Contributor Insights and Kinesis streaming destination operations.
#include "fixtures_backup.hpp"

namespace dynaq_test {

template <>
struct fixture<DescribeContributorInsightsRequest> {
    static Sample<DescribeContributorInsightsRequest> get() {
        return {
            .request = {.table_name = "users", .index_name = "by_email"},
            .request_json = R"j({"TableName": "users", "IndexName": "by_email"})j",
            .invalid = DescribeContributorInsightsRequest{.table_name = "users", .index_name = "x"},
            .response_json = R"j({"TableName": "users", "IndexName": "by_email",
                "ContributorInsightsRuleList": ["DynamoDBContributorInsights-PKC-users"],
                "ContributorInsightsStatus": "FAILED", "LastUpdateDateTime": 1700000000,
                "FailureException": {"ExceptionName": "AccessDeniedException",
                                     "ExceptionDescription": "no CloudWatch access"},
                "ContributorInsightsMode": "THROTTLED_KEYS"})j",
            .response =
                {.table_name = "users",
                 .index_name = "by_email",
                 .contributor_insights_rule_list = {"DynamoDBContributorInsights-PKC-users"},
                 .contributor_insights_status = ContributorInsightsStatus::failed,
                 .last_update_date_time = at_ms(1'700'000'000'000),
                 .failure_exception =
                     FailureException{.exception_name = "AccessDeniedException",
                                      .exception_description = "no CloudWatch access"},
                 .contributor_insights_mode = ContributorInsightsMode::throttled_keys},
        };
    }
};

template <>
struct fixture<UpdateContributorInsightsRequest> {
    static Sample<UpdateContributorInsightsRequest> get() {
        return {
            .request = {.table_name = "users",
                        .contributor_insights_action = ContributorInsightsAction::enable,
                        .contributor_insights_mode =
                            ContributorInsightsMode::accessed_and_throttled_keys},
            .request_json = R"j({"TableName": "users", "ContributorInsightsAction": "ENABLE",
                "ContributorInsightsMode": "ACCESSED_AND_THROTTLED_KEYS"})j",
            .invalid = UpdateContributorInsightsRequest{.table_name = "users",
                                                        .contributor_insights_mode =
                                                            ContributorInsightsMode::unknown},
            .response_json = R"j({"TableName": "users", "ContributorInsightsStatus": "ENABLING",
                "ContributorInsightsMode": "ACCESSED_AND_THROTTLED_KEYS"})j",
            .response = {.table_name = "users",
                         .contributor_insights_status = ContributorInsightsStatus::enabling,
                         .contributor_insights_mode =
                             ContributorInsightsMode::accessed_and_throttled_keys},
        };
    }
};

template <>
struct fixture<ListContributorInsightsRequest> {
    static Sample<ListContributorInsightsRequest> get() {
        return {
            .request = {.table_name = "users", .next_token = "page-2", .max_results = 100},
            .request_json = R"j({"TableName": "users", "NextToken": "page-2", "MaxResults": 100})j",
            .invalid = ListContributorInsightsRequest{.max_results = 101},
            .response_json = R"j({"ContributorInsightsSummaries": [
                {"TableName": "users", "ContributorInsightsStatus": "ENABLED"},
                {"TableName": "users", "IndexName": "by_email",
                 "ContributorInsightsStatus": "DISABLED",
                 "ContributorInsightsMode": "THROTTLED_KEYS"}], "NextToken": "page-3"})j",
            .response = {.contributor_insights_summaries =
                             {{.table_name = "users",
                               .contributor_insights_status = ContributorInsightsStatus::enabled},
                              {.table_name = "users",
                               .index_name = "by_email",
                               .contributor_insights_status = ContributorInsightsStatus::disabled,
                               .contributor_insights_mode =
                                   ContributorInsightsMode::throttled_keys}},
                         .next_token = "page-3"},
        };
    }
};

inline constexpr std::string_view stream_arn =
    "arn:aws:kinesis:us-east-1:123456789012:stream/users-changes";

/// Enable, Disable and Update differ in the configuration member's name and the status.
template <class Request>
Sample<Request> destination_sample(std::string_view configuration_key, std::string_view status,
                                   DestinationStatus decoded_status) {
    static std::string request_json;
    static std::string response_json;
    const std::string members =
        R"j("TableName": "users",
            "StreamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/users-changes", ")j" +
        std::string(configuration_key) +
        R"j(": {"ApproximateCreationDateTimePrecision": "MICROSECOND"})j";
    request_json = "{" + members + "}";
    response_json = "{" + members + R"j(, "DestinationStatus": ")j" + std::string(status) + "\"}";
    const KinesisStreamingConfiguration configuration{
        .approximate_creation_date_time_precision =
            ApproximateCreationDateTimePrecision::microsecond};
    return {
        .request = {.table_name = "users",
                    .stream_arn = std::string(stream_arn),
                    .configuration = configuration},
        .request_json = request_json,
        .invalid = Request{.table_name = "users", .stream_arn = "arn:aws:kinesis:short"},
        .response_json = response_json,
        .response = {.table_name = "users",
                     .stream_arn = std::string(stream_arn),
                     .destination_status = decoded_status,
                     .configuration = configuration},
    };
}

template <>
struct fixture<EnableKinesisStreamingDestinationRequest> {
    static Sample<EnableKinesisStreamingDestinationRequest> get() {
        return destination_sample<EnableKinesisStreamingDestinationRequest>(
            "EnableKinesisStreamingConfiguration", "ENABLING", DestinationStatus::enabling);
    }
};

template <>
struct fixture<DisableKinesisStreamingDestinationRequest> {
    static Sample<DisableKinesisStreamingDestinationRequest> get() {
        return destination_sample<DisableKinesisStreamingDestinationRequest>(
            "EnableKinesisStreamingConfiguration", "DISABLING", DestinationStatus::disabling);
    }
};

template <>
struct fixture<UpdateKinesisStreamingDestinationRequest> {
    static Sample<UpdateKinesisStreamingDestinationRequest> get() {
        return destination_sample<UpdateKinesisStreamingDestinationRequest>(
            "UpdateKinesisStreamingConfiguration", "UPDATING", DestinationStatus::updating);
    }
};

template <>
struct fixture<DescribeKinesisStreamingDestinationRequest> {
    static Sample<DescribeKinesisStreamingDestinationRequest> get() {
        return {
            .request = {.table_name = "users"},
            .request_json = R"j({"TableName": "users"})j",
            .invalid = DescribeKinesisStreamingDestinationRequest{},
            .response_json = R"j({"TableName": "users", "KinesisDataStreamDestinations": [{
                "StreamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/users-changes",
                "DestinationStatus": "ENABLE_FAILED",
                "DestinationStatusDescription": "stream not found",
                "ApproximateCreationDateTimePrecision": "MILLISECOND"}]})j",
            .response = {.table_name = "users",
                         .kinesis_data_stream_destinations = {{
                             .stream_arn = std::string(stream_arn),
                             .destination_status = DestinationStatus::enable_failed,
                             .destination_status_description = "stream not found",
                             .approximate_creation_date_time_precision =
                                 ApproximateCreationDateTimePrecision::millisecond,
                         }}},
        };
    }
};

} // namespace dynaq_test

// Contributor Insights and Kinesis streaming destinations.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

template <class T>
void read_insights_common(const JsonValue& root, T& out) {
    out.table_name = optional_owned_string(root, "TableName", "");
    out.index_name = optional_owned_string(root, "IndexName", "");
    out.contributor_insights_status =
        optional_enum<ContributorInsightsStatus>(root, "ContributorInsightsStatus", "");
    out.contributor_insights_mode =
        optional_enum<ContributorInsightsMode>(root, "ContributorInsightsMode", "");
}

constexpr std::string_view configuration_key(KinesisDestinationOperation op) {
    return op == KinesisDestinationOperation::update ? "UpdateKinesisStreamingConfiguration"
                                                     : "EnableKinesisStreamingConfiguration";
}

template <KinesisDestinationOperation Op>
void encode_destination(const KinesisStreamingDestinationRequestOf<Op>& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_string_member(w, "StreamArn", r.stream_arn);
        if (r.configuration) {
            write_key(w, configuration_key(Op));
            w.StartObject();
            write_optional(w, "ApproximateCreationDateTimePrecision",
                           r.configuration->approximate_creation_date_time_precision);
            w.EndObject();
        }
    });
}

template <KinesisDestinationOperation Op>
void decode_destination(const JsonValue& root, KinesisStreamingDestinationResponseOf<Op>& out) {
    out = {};
    expect_object(root, "response");
    out.table_name = optional_owned_string(root, "TableName", "");
    out.stream_arn = optional_owned_string(root, "StreamArn", "");
    out.destination_status = optional_enum<DestinationStatus>(root, "DestinationStatus", "");
    constexpr std::string_view key = configuration_key(Op);
    if (const JsonValue* c = find_member(root, key)) {
        expect_object(*c, key);
        out.configuration =
            KinesisStreamingConfiguration{.approximate_creation_date_time_precision =
                                              optional_enum<ApproximateCreationDateTimePrecision>(
                                                  *c, "ApproximateCreationDateTimePrecision", key)};
    }
}

} // namespace

void encode(const DescribeContributorInsightsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_optional(w, "IndexName", r.index_name);
    });
}

void encode(const UpdateContributorInsightsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_optional(w, "IndexName", r.index_name);
        write_string_member(w, "ContributorInsightsAction",
                            to_string(r.contributor_insights_action));
        write_optional(w, "ContributorInsightsMode", r.contributor_insights_mode);
    });
}

void encode(const ListContributorInsightsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "TableName", r.table_name);
        write_optional(w, "NextToken", r.next_token);
        write_optional(w, "MaxResults", r.max_results);
    });
}

void decode(const JsonValue& root, DescribeContributorInsightsResponse& out) {
    out = {};
    expect_object(root, "response");
    read_insights_common(root, out);
    out.contributor_insights_rule_list = read_strings(root, "ContributorInsightsRuleList", "");
    out.last_update_date_time = optional_timestamp(root, "LastUpdateDateTime", "");
    if (const JsonValue* f = find_member(root, "FailureException")) {
        expect_object(*f, "FailureException");
        out.failure_exception = FailureException{
            .exception_name = optional_owned_string(*f, "ExceptionName", "FailureException"),
            .exception_description =
                optional_owned_string(*f, "ExceptionDescription", "FailureException"),
        };
    }
}

void decode(const JsonValue& root, UpdateContributorInsightsResponse& out) {
    out = {};
    expect_object(root, "response");
    read_insights_common(root, out);
}

void decode(const JsonValue& root, ListContributorInsightsResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(
        root, "ContributorInsightsSummaries", "", [&](const JsonValue& e, const std::string& path) {
            expect_object(e, path);
            ContributorInsightsSummary s;
            s.table_name = optional_owned_string(e, "TableName", path);
            s.index_name = optional_owned_string(e, "IndexName", path);
            s.contributor_insights_status =
                optional_enum<ContributorInsightsStatus>(e, "ContributorInsightsStatus", path);
            s.contributor_insights_mode =
                optional_enum<ContributorInsightsMode>(e, "ContributorInsightsMode", path);
            out.contributor_insights_summaries.push_back(std::move(s));
        });
    out.next_token = optional_owned_string(root, "NextToken", "");
}

void encode(const EnableKinesisStreamingDestinationRequest& r, std::string& out) {
    encode_destination(r, out);
}
void encode(const DisableKinesisStreamingDestinationRequest& r, std::string& out) {
    encode_destination(r, out);
}
void encode(const UpdateKinesisStreamingDestinationRequest& r, std::string& out) {
    encode_destination(r, out);
}

void encode(const DescribeKinesisStreamingDestinationRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void decode(const JsonValue& root, EnableKinesisStreamingDestinationResponse& out) {
    decode_destination(root, out);
}
void decode(const JsonValue& root, DisableKinesisStreamingDestinationResponse& out) {
    decode_destination(root, out);
}
void decode(const JsonValue& root, UpdateKinesisStreamingDestinationResponse& out) {
    decode_destination(root, out);
}

void decode(const JsonValue& root, DescribeKinesisStreamingDestinationResponse& out) {
    out = {};
    expect_object(root, "response");
    out.table_name = optional_owned_string(root, "TableName", "");
    for_each_element(root, "KinesisDataStreamDestinations", "",
                     [&](const JsonValue& e, const std::string& path) {
                         expect_object(e, path);
                         out.kinesis_data_stream_destinations.push_back({
                             .stream_arn = optional_owned_string(e, "StreamArn", path),
                             .destination_status =
                                 optional_enum<DestinationStatus>(e, "DestinationStatus", path),
                             .destination_status_description =
                                 optional_owned_string(e, "DestinationStatusDescription", path),
                             .approximate_creation_date_time_precision =
                                 optional_enum<ApproximateCreationDateTimePrecision>(
                                     e, "ApproximateCreationDateTimePrecision", path),
                         });
                     });
}

} // namespace dynaq::detail

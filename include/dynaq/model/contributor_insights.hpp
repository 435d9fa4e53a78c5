#pragma once
// CloudWatch Contributor Insights: the most accessed and most throttled keys of a table or
// index.
#include <dynaq/export.hpp>
#include <dynaq/model/common.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

enum class ContributorInsightsStatus { enabling, enabled, disabling, disabled, failed, unknown };
enum class ContributorInsightsAction { enable, disable };
/// Which keys are tracked; DynamoDB and this enum may gain modes (`unknown`).
enum class ContributorInsightsMode { accessed_and_throttled_keys, throttled_keys, unknown };

[[nodiscard]] DYNAQ_API std::string_view to_string(ContributorInsightsStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ContributorInsightsAction v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ContributorInsightsMode v) noexcept;

struct DescribeContributorInsightsRequest {
    /// A table name or its ARN.
    std::string table_name{};
    std::optional<std::string> index_name{};

    bool operator==(const DescribeContributorInsightsRequest&) const = default;
};

/// Why enabling failed.
struct FailureException {
    std::optional<std::string> exception_name{};
    std::optional<std::string> exception_description{};

    bool operator==(const FailureException&) const = default;
};

struct DescribeContributorInsightsResponse {
    std::optional<std::string> table_name{};
    std::optional<std::string> index_name{};
    std::vector<std::string> contributor_insights_rule_list{};
    std::optional<ContributorInsightsStatus> contributor_insights_status{};
    std::optional<Timestamp> last_update_date_time{};
    std::optional<FailureException> failure_exception{};
    std::optional<ContributorInsightsMode> contributor_insights_mode{};

    bool operator==(const DescribeContributorInsightsResponse&) const = default;
};

struct UpdateContributorInsightsRequest {
    std::string table_name{};
    std::optional<std::string> index_name{};
    ContributorInsightsAction contributor_insights_action = ContributorInsightsAction::enable;
    std::optional<ContributorInsightsMode> contributor_insights_mode{};

    bool operator==(const UpdateContributorInsightsRequest&) const = default;
};

struct UpdateContributorInsightsResponse {
    std::optional<std::string> table_name{};
    std::optional<std::string> index_name{};
    std::optional<ContributorInsightsStatus> contributor_insights_status{};
    std::optional<ContributorInsightsMode> contributor_insights_mode{};

    bool operator==(const UpdateContributorInsightsResponse&) const = default;
};

/// One page; continue with next_token.
struct ListContributorInsightsRequest {
    std::optional<std::string> table_name{};
    std::optional<std::string> next_token{};
    /// 0 to 100.
    std::optional<std::int32_t> max_results{};

    bool operator==(const ListContributorInsightsRequest&) const = default;
};

struct ContributorInsightsSummary {
    std::optional<std::string> table_name{};
    std::optional<std::string> index_name{};
    std::optional<ContributorInsightsStatus> contributor_insights_status{};
    std::optional<ContributorInsightsMode> contributor_insights_mode{};

    bool operator==(const ContributorInsightsSummary&) const = default;
};

struct ListContributorInsightsResponse {
    std::vector<ContributorInsightsSummary> contributor_insights_summaries{};
    std::optional<std::string> next_token{};

    bool operator==(const ListContributorInsightsResponse&) const = default;
};

} // namespace dynaq

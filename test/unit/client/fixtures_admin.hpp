#pragma once
// Fixtures of the tag, resource-policy, limits and endpoints operations.
#include "fixtures_core.hpp"

namespace dynaq_test {

inline constexpr std::string_view users_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/users";

template <>
struct fixture<TagResourceRequest> {
    static Sample<TagResourceRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn),
                        .tags = {{"team", "payments"}, {"empty", ""}}},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                "Tags": [{"Key": "team", "Value": "payments"}, {"Key": "empty", "Value": ""}]})j",
            .invalid = TagResourceRequest{.resource_arn = std::string(users_arn),
                                          .tags = {{std::string(129, 'k'), "v"}}},
            .response_json = "{}",
            .response = {},
        };
    }
};

template <>
struct fixture<UntagResourceRequest> {
    static Sample<UntagResourceRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn), .tag_keys = {"team", "cost"}},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                                 "TagKeys": ["team", "cost"]})j",
            .invalid = UntagResourceRequest{.resource_arn = std::string(users_arn)},
            .response_json = "{}",
            .response = {},
        };
    }
};

template <>
struct fixture<ListTagsOfResourceRequest> {
    static Sample<ListTagsOfResourceRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn), .next_token = "page-2"},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                                 "NextToken": "page-2"})j",
            .invalid = ListTagsOfResourceRequest{},
            .response_json = R"j({"Tags": [{"Key": "team", "Value": "payments"}],
                                  "NextToken": "page-3"})j",
            .response = {.tags = {{"team", "payments"}}, .next_token = "page-3"},
        };
    }
};

template <>
struct fixture<PutResourcePolicyRequest> {
    static Sample<PutResourcePolicyRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn),
                        .policy = R"({"Version":"2012-10-17","Statement":[]})",
                        .expected_revision_id = "1700000000000",
                        .confirm_remove_self_resource_access = false},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                "ExpectedRevisionId": "1700000000000",
                "ConfirmRemoveSelfResourceAccess": false})j",
            .invalid = PutResourcePolicyRequest{.resource_arn = std::string(users_arn)},
            .response_json = R"j({"RevisionId": "1700000000001"})j",
            .response = {.revision_id = "1700000000001"},
        };
    }
};

template <>
struct fixture<GetResourcePolicyRequest> {
    static Sample<GetResourcePolicyRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn)},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users"})j",
            .invalid = GetResourcePolicyRequest{.resource_arn = std::string(1284, 'a')},
            .response_json = R"j({"Policy": "{\"Version\":\"2012-10-17\"}",
                                  "RevisionId": "1700000000001"})j",
            .response = {.policy = R"({"Version":"2012-10-17"})", .revision_id = "1700000000001"},
        };
    }
};

template <>
struct fixture<DeleteResourcePolicyRequest> {
    static Sample<DeleteResourcePolicyRequest> get() {
        return {
            .request = {.resource_arn = std::string(users_arn),
                        .expected_revision_id = "1700000000001"},
            .request_json =
                R"j({"ResourceArn": "arn:aws:dynamodb:us-east-1:123456789012:table/users",
                                 "ExpectedRevisionId": "1700000000001"})j",
            .invalid = DeleteResourcePolicyRequest{.resource_arn = std::string(users_arn),
                                                   .expected_revision_id = ""},
            .response_json = R"j({"RevisionId": "1700000000002"})j",
            .response = {.revision_id = "1700000000002"},
        };
    }
};

template <>
struct fixture<DescribeLimitsRequest> {
    static Sample<DescribeLimitsRequest> get() {
        return {
            .request = {},
            .request_json = "{}",
            .invalid = std::nullopt,
            .response_json = R"j({"AccountMaxReadCapacityUnits": 80000,
                "AccountMaxWriteCapacityUnits": 80000, "TableMaxReadCapacityUnits": 40000,
                "TableMaxWriteCapacityUnits": 40000})j",
            .response = {.account_max_read_capacity_units = 80000,
                         .account_max_write_capacity_units = 80000,
                         .table_max_read_capacity_units = 40000,
                         .table_max_write_capacity_units = 40000},
        };
    }
};

template <>
struct fixture<DescribeEndpointsRequest> {
    static Sample<DescribeEndpointsRequest> get() {
        return {
            .request = {},
            .request_json = "{}",
            .invalid = std::nullopt,
            .response_json = R"j({"Endpoints": [{"Address": "dynamodb.us-east-1.amazonaws.com",
                                                 "CachePeriodInMinutes": 1440}]})j",
            .response = {.endpoints = {{.address = "dynamodb.us-east-1.amazonaws.com",
                                        .cache_period_in_minutes = 1440}}},
        };
    }
};

} // namespace dynaq_test

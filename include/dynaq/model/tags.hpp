#pragma once
// Tags and resource-based policies of tables, indexes and streams, named by their ARN.
//
//   co_await client.tag_resource({.resource_arn = arn, .tags = {{"team", "payments"}}});
#include <dynaq/model/table_ops.hpp>

#include <optional>
#include <string>
#include <vector>

namespace dynaq {

struct TagResourceRequest {
    /// 1 to 1283 characters.
    std::string resource_arn{};
    /// Keys 1 to 128 characters, values up to 256.
    std::vector<Tag> tags{};

    bool operator==(const TagResourceRequest&) const = default;
};

struct TagResourceResponse {
    bool operator==(const TagResourceResponse&) const = default;
};

struct UntagResourceRequest {
    std::string resource_arn{};
    std::vector<std::string> tag_keys{};

    bool operator==(const UntagResourceRequest&) const = default;
};

struct UntagResourceResponse {
    bool operator==(const UntagResourceResponse&) const = default;
};

/// One page of tags; continue with next_token.
struct ListTagsOfResourceRequest {
    std::string resource_arn{};
    std::optional<std::string> next_token{};

    bool operator==(const ListTagsOfResourceRequest&) const = default;
};

struct ListTagsOfResourceResponse {
    std::vector<Tag> tags{};
    std::optional<std::string> next_token{};

    bool operator==(const ListTagsOfResourceResponse&) const = default;
};

/// Attaches an IAM policy document (JSON text, at most 20 KB) to a table or stream.
struct PutResourcePolicyRequest {
    std::string resource_arn{};
    std::string policy{};
    /// Replace only if the current policy has this revision (optimistic locking).
    std::optional<std::string> expected_revision_id{};
    /// Required to put a policy that takes the caller's own access away.
    std::optional<bool> confirm_remove_self_resource_access{};

    bool operator==(const PutResourcePolicyRequest&) const = default;
};

struct PutResourcePolicyResponse {
    std::optional<std::string> revision_id{};

    bool operator==(const PutResourcePolicyResponse&) const = default;
};

struct GetResourcePolicyRequest {
    std::string resource_arn{};

    bool operator==(const GetResourcePolicyRequest&) const = default;
};

struct GetResourcePolicyResponse {
    std::optional<std::string> policy{};
    std::optional<std::string> revision_id{};

    bool operator==(const GetResourcePolicyResponse&) const = default;
};

struct DeleteResourcePolicyRequest {
    std::string resource_arn{};
    std::optional<std::string> expected_revision_id{};

    bool operator==(const DeleteResourcePolicyRequest&) const = default;
};

struct DeleteResourcePolicyResponse {
    std::optional<std::string> revision_id{};

    bool operator==(const DeleteResourcePolicyResponse&) const = default;
};

} // namespace dynaq

// TagResource, UntagResource, ListTagsOfResource, and the resource-based policy operations.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

std::vector<Tag> read_tags(const JsonValue& root) {
    std::vector<Tag> tags;
    for_each_element(root, "Tags", "", [&](const JsonValue& e, const std::string& path) {
        tags.push_back({.key = std::string(require_string(e, "Key", path)),
                        .value = std::string(require_string(e, "Value", path))});
    });
    return tags;
}

template <class Response>
void decode_revision(const JsonValue& root, Response& out) {
    out = {};
    expect_object(root, "response");
    if (auto id = optional_string(root, "RevisionId", ""))
        out.revision_id.emplace(*id);
}

} // namespace

void encode(const TagResourceRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ResourceArn", r.resource_arn);
        write_tags(w, r.tags);
    });
}

void encode(const UntagResourceRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ResourceArn", r.resource_arn);
        write_key(w, "TagKeys");
        w.StartArray();
        for (const auto& key : r.tag_keys)
            write_string(w, key);
        w.EndArray();
    });
}

void encode(const ListTagsOfResourceRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ResourceArn", r.resource_arn);
        write_optional(w, "NextToken", r.next_token);
    });
}

void encode(const PutResourcePolicyRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ResourceArn", r.resource_arn);
        write_string_member(w, "Policy", r.policy);
        write_optional(w, "ExpectedRevisionId", r.expected_revision_id);
        write_optional(w, "ConfirmRemoveSelfResourceAccess", r.confirm_remove_self_resource_access);
    });
}

void encode(const GetResourcePolicyRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "ResourceArn", r.resource_arn); });
}

void encode(const DeleteResourcePolicyRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "ResourceArn", r.resource_arn);
        write_optional(w, "ExpectedRevisionId", r.expected_revision_id);
    });
}

void decode(const JsonValue& root, TagResourceResponse& out) {
    out = {};
    expect_object(root, "response");
}

void decode(const JsonValue& root, UntagResourceResponse& out) {
    out = {};
    expect_object(root, "response");
}

void decode(const JsonValue& root, ListTagsOfResourceResponse& out) {
    out = {};
    expect_object(root, "response");
    out.tags = read_tags(root);
    if (auto token = optional_string(root, "NextToken", ""))
        out.next_token.emplace(*token);
}

void decode(const JsonValue& root, PutResourcePolicyResponse& out) {
    decode_revision(root, out);
}

void decode(const JsonValue& root, GetResourcePolicyResponse& out) {
    decode_revision(root, out);
    if (auto policy = optional_string(root, "Policy", ""))
        out.policy.emplace(*policy);
}

void decode(const JsonValue& root, DeleteResourcePolicyResponse& out) {
    decode_revision(root, out);
}

} // namespace dynaq::detail

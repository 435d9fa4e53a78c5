// UpdateTimeToLive and DescribeTimeToLive.
#include "client/operation_codec.hpp"

namespace dynaq::detail {

void encode(const UpdateTimeToLiveRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_key(w, "TimeToLiveSpecification");
        w.StartObject();
        write_key(w, "Enabled");
        w.Bool(r.time_to_live_specification.enabled);
        write_string_member(w, "AttributeName", r.time_to_live_specification.attribute_name);
        w.EndObject();
    });
}

void encode(const DescribeTimeToLiveRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void decode(const JsonValue& root, UpdateTimeToLiveResponse& out) {
    out = {};
    expect_object(root, "response");
    constexpr std::string_view where = "TimeToLiveSpecification";
    const JsonValue& spec = expect_object(require_member(root, where, ""), where);
    const auto enabled = optional_bool(spec, "Enabled", where);
    if (!enabled)
        protocol_error(member_path(where, "Enabled"), "missing");
    out.time_to_live_specification = {
        .enabled = *enabled,
        .attribute_name = std::string(require_string(spec, "AttributeName", where)),
    };
}

void decode(const JsonValue& root, DescribeTimeToLiveResponse& out) {
    out = {};
    expect_object(root, "response");
    constexpr std::string_view where = "TimeToLiveDescription";
    const JsonValue& desc = expect_object(require_member(root, where, ""), where);
    auto& d = out.time_to_live_description;
    d.time_to_live_status = optional_enum<TimeToLiveStatus>(desc, "TimeToLiveStatus", where);
    if (auto name = optional_string(desc, "AttributeName", where))
        d.attribute_name.emplace(*name);
}

} // namespace dynaq::detail

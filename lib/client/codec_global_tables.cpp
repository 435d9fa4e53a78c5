// Global tables (version 2017.11.29), their settings, and replica auto scaling.
#include "client/operation_codec.hpp"

namespace dynaq::detail {
namespace {

// ---- encoding ----

void write_region(JsonWriter& w, const std::string& region) {
    w.StartObject();
    write_string_member(w, "RegionName", region);
    w.EndObject();
}

void write_int_member(JsonWriter& w, std::string_view key, const std::optional<std::int64_t>& v) {
    if (!v)
        return;
    write_key(w, key);
    w.Int64(*v);
}

void write_auto_scaling(JsonWriter& w, std::string_view key,
                        const std::optional<AutoScalingSettingsUpdate>& u) {
    if (!u)
        return;
    write_key(w, key);
    w.StartObject();
    write_int_member(w, "MinimumUnits", u->minimum_units);
    write_int_member(w, "MaximumUnits", u->maximum_units);
    write_optional(w, "AutoScalingDisabled", u->auto_scaling_disabled);
    write_optional(w, "AutoScalingRoleArn", u->auto_scaling_role_arn);
    if (const auto& p = u->scaling_policy_update) {
        write_key(w, "ScalingPolicyUpdate");
        w.StartObject();
        write_optional(w, "PolicyName", p->policy_name);
        const auto& t = p->target_tracking_scaling_policy_configuration;
        write_key(w, "TargetTrackingScalingPolicyConfiguration");
        w.StartObject();
        write_optional(w, "DisableScaleIn", t.disable_scale_in);
        write_optional(w, "ScaleInCooldown", t.scale_in_cooldown);
        write_optional(w, "ScaleOutCooldown", t.scale_out_cooldown);
        write_key(w, "TargetValue");
        w.Double(t.target_value);
        w.EndObject();
        w.EndObject();
    }
    w.EndObject();
}

template <class T, class F>
void write_objects(JsonWriter& w, std::string_view key, const std::vector<T>& values, F&& each) {
    if (values.empty())
        return;
    write_key(w, key);
    w.StartArray();
    for (const auto& v : values) {
        w.StartObject();
        each(v);
        w.EndObject();
    }
    w.EndArray();
}

// ---- decoding ----

std::vector<Replica> read_replicas(const JsonValue& v, std::string_view where) {
    std::vector<Replica> out;
    for_each_element(v, "ReplicationGroup", where, [&](const JsonValue& e, const std::string& p) {
        out.push_back({.region_name = std::string(require_string(e, "RegionName", p))});
    });
    return out;
}

GlobalTableDescription read_global_table(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "GlobalTableDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    GlobalTableDescription d{
        .global_table_arn = optional_owned_string(v, "GlobalTableArn", where),
        .creation_date_time = optional_timestamp(v, "CreationDateTime", where),
        .global_table_status = optional_enum<GlobalTableStatus>(v, "GlobalTableStatus", where),
        .global_table_name = optional_owned_string(v, "GlobalTableName", where),
    };
    for_each_element(v, "ReplicationGroup", where, [&](const JsonValue& e, const std::string& p) {
        expect_object(e, p);
        d.replication_group.push_back({
            .region_name = optional_owned_string(e, "RegionName", p),
            .replica_status = optional_enum<ReplicaStatus>(e, "ReplicaStatus", p),
            .replica_status_description = optional_owned_string(e, "ReplicaStatusDescription", p),
            .replica_status_percent_progress =
                optional_owned_string(e, "ReplicaStatusPercentProgress", p),
            .kms_master_key_id = optional_owned_string(e, "KMSMasterKeyId", p),
        });
    });
    return d;
}

std::optional<AutoScalingSettingsDescription>
read_auto_scaling(const JsonValue& v, std::string_view name, std::string_view where) {
    const JsonValue* m = find_member(v, name);
    if (!m)
        return std::nullopt;
    const std::string path = member_path(where, name);
    expect_object(*m, path);
    AutoScalingSettingsDescription d{
        .minimum_units = optional_int(*m, "MinimumUnits", path),
        .maximum_units = optional_int(*m, "MaximumUnits", path),
        .auto_scaling_disabled = optional_bool(*m, "AutoScalingDisabled", path),
        .auto_scaling_role_arn = optional_owned_string(*m, "AutoScalingRoleArn", path),
    };
    for_each_element(*m, "ScalingPolicies", path, [&](const JsonValue& e, const std::string& p) {
        expect_object(e, p);
        AutoScalingPolicyDescription policy{.policy_name =
                                                optional_owned_string(e, "PolicyName", p)};
        constexpr std::string_view config = "TargetTrackingScalingPolicyConfiguration";
        if (const JsonValue* c = find_member(e, config)) {
            const std::string cp = member_path(p, config);
            expect_object(*c, cp);
            const auto target = optional_double(*c, "TargetValue", cp);
            if (!target)
                protocol_error(member_path(cp, "TargetValue"), "missing");
            const auto in = optional_int(*c, "ScaleInCooldown", cp);
            const auto out = optional_int(*c, "ScaleOutCooldown", cp);
            policy.target_tracking_scaling_policy_configuration = AutoScalingTargetTracking{
                .disable_scale_in = optional_bool(*c, "DisableScaleIn", cp),
                .scale_in_cooldown =
                    in ? std::optional<std::int32_t>(static_cast<std::int32_t>(*in)) : std::nullopt,
                .scale_out_cooldown =
                    out ? std::optional<std::int32_t>(static_cast<std::int32_t>(*out))
                        : std::nullopt,
                .target_value = *target,
            };
        }
        d.scaling_policies.push_back(std::move(policy));
    });
    return d;
}

template <class Response>
void read_settings(const JsonValue& root, Response& out) {
    out = {};
    expect_object(root, "response");
    out.global_table_name = optional_owned_string(root, "GlobalTableName", "");
    for_each_element(root, "ReplicaSettings", "", [&](const JsonValue& e, const std::string& p) {
        expect_object(e, p);
        ReplicaSettingsDescription r{
            .region_name = std::string(require_string(e, "RegionName", p)),
            .replica_status = optional_enum<ReplicaStatus>(e, "ReplicaStatus", p),
            .replica_provisioned_read_capacity_units =
                optional_int(e, "ReplicaProvisionedReadCapacityUnits", p),
            .replica_provisioned_read_capacity_auto_scaling_settings =
                read_auto_scaling(e, "ReplicaProvisionedReadCapacityAutoScalingSettings", p),
            .replica_provisioned_write_capacity_units =
                optional_int(e, "ReplicaProvisionedWriteCapacityUnits", p),
            .replica_provisioned_write_capacity_auto_scaling_settings =
                read_auto_scaling(e, "ReplicaProvisionedWriteCapacityAutoScalingSettings", p),
        };
        constexpr std::string_view summary = "ReplicaBillingModeSummary";
        if (const JsonValue* s = find_member(e, summary)) {
            const std::string sp = member_path(p, summary);
            expect_object(*s, sp);
            r.replica_billing_mode_summary = BillingModeSummary{
                .billing_mode = optional_enum<BillingMode>(*s, "BillingMode", sp),
                .last_update_to_pay_per_request_date_time =
                    optional_timestamp(*s, "LastUpdateToPayPerRequestDateTime", sp),
            };
        }
        out.replica_settings.push_back(std::move(r));
    });
}

TableAutoScalingDescription read_table_auto_scaling(const JsonValue& root) {
    expect_object(root, "response");
    constexpr std::string_view where = "TableAutoScalingDescription";
    const JsonValue& v = expect_object(require_member(root, where, ""), where);
    TableAutoScalingDescription d{
        .table_name = optional_owned_string(v, "TableName", where),
        .table_status = optional_enum<TableStatus>(v, "TableStatus", where),
    };
    for_each_element(v, "Replicas", where, [&](const JsonValue& e, const std::string& p) {
        expect_object(e, p);
        d.replicas.push_back({
            .region_name = optional_owned_string(e, "RegionName", p),
            .replica_provisioned_read_capacity_auto_scaling_settings =
                read_auto_scaling(e, "ReplicaProvisionedReadCapacityAutoScalingSettings", p),
            .replica_provisioned_write_capacity_auto_scaling_settings =
                read_auto_scaling(e, "ReplicaProvisionedWriteCapacityAutoScalingSettings", p),
            .replica_status = optional_enum<ReplicaStatus>(e, "ReplicaStatus", p),
        });
    });
    return d;
}

} // namespace

void encode(const CreateGlobalTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "GlobalTableName", r.global_table_name);
        write_key(w, "ReplicationGroup");
        w.StartArray();
        for (const auto& replica : r.replication_group)
            write_region(w, replica.region_name);
        w.EndArray();
    });
}

void encode(const DescribeGlobalTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "GlobalTableName", r.global_table_name);
    });
}

void encode(const ListGlobalTablesRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_optional(w, "ExclusiveStartGlobalTableName", r.exclusive_start_global_table_name);
        write_optional(w, "Limit", r.limit);
        write_optional(w, "RegionName", r.region_name);
    });
}

void encode(const UpdateGlobalTableRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "GlobalTableName", r.global_table_name);
        write_key(w, "ReplicaUpdates");
        w.StartArray();
        for (const auto& update : r.replica_updates) {
            w.StartObject();
            if (const auto* create = std::get_if<CreateReplicaAction>(&update)) {
                write_key(w, "Create");
                write_region(w, create->region_name);
            } else {
                write_key(w, "Delete");
                write_region(w, std::get<DeleteReplicaAction>(update).region_name);
            }
            w.EndObject();
        }
        w.EndArray();
    });
}

void encode(const DescribeGlobalTableSettingsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "GlobalTableName", r.global_table_name);
    });
}

void encode(const UpdateGlobalTableSettingsRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "GlobalTableName", r.global_table_name);
        write_optional(w, "GlobalTableBillingMode", r.global_table_billing_mode);
        write_int_member(w, "GlobalTableProvisionedWriteCapacityUnits",
                         r.global_table_provisioned_write_capacity_units);
        write_auto_scaling(w, "GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate",
                           r.global_table_provisioned_write_capacity_auto_scaling_settings_update);
        write_objects(w, "GlobalTableGlobalSecondaryIndexSettingsUpdate",
                      r.global_table_global_secondary_index_settings_update,
                      [&](const GlobalTableGlobalSecondaryIndexSettingsUpdate& u) {
                          write_string_member(w, "IndexName", u.index_name);
                          write_int_member(w, "ProvisionedWriteCapacityUnits",
                                           u.provisioned_write_capacity_units);
                          write_auto_scaling(
                              w, "ProvisionedWriteCapacityAutoScalingSettingsUpdate",
                              u.provisioned_write_capacity_auto_scaling_settings_update);
                      });
        write_objects(w, "ReplicaSettingsUpdate", r.replica_settings_update,
                      [&](const ReplicaSettingsUpdate& u) {
                          write_string_member(w, "RegionName", u.region_name);
                          write_int_member(w, "ReplicaProvisionedReadCapacityUnits",
                                           u.replica_provisioned_read_capacity_units);
                          write_auto_scaling(
                              w, "ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate",
                              u.replica_provisioned_read_capacity_auto_scaling_settings_update);
                          write_optional(w, "ReplicaTableClass", u.replica_table_class);
                      });
    });
}

void encode(const DescribeTableReplicaAutoScalingRequest& r, std::string& out) {
    encode_object(r, out,
                  [&](JsonWriter& w) { write_string_member(w, "TableName", r.table_name); });
}

void encode(const UpdateTableReplicaAutoScalingRequest& r, std::string& out) {
    encode_object(r, out, [&](JsonWriter& w) {
        write_string_member(w, "TableName", r.table_name);
        write_auto_scaling(w, "ProvisionedWriteCapacityAutoScalingUpdate",
                           r.provisioned_write_capacity_auto_scaling_update);
        write_objects(w, "GlobalSecondaryIndexUpdates", r.global_secondary_index_updates,
                      [&](const GlobalSecondaryIndexAutoScalingUpdate& u) {
                          write_optional(w, "IndexName", u.index_name);
                          write_auto_scaling(w, "ProvisionedWriteCapacityAutoScalingUpdate",
                                             u.provisioned_write_capacity_auto_scaling_update);
                      });
        write_objects(
            w, "ReplicaUpdates", r.replica_updates, [&](const ReplicaAutoScalingUpdate& u) {
                write_string_member(w, "RegionName", u.region_name);
                write_auto_scaling(w, "ReplicaProvisionedReadCapacityAutoScalingUpdate",
                                   u.replica_provisioned_read_capacity_auto_scaling_update);
            });
    });
}

void decode(const JsonValue& root, CreateGlobalTableResponse& out) {
    out = {.global_table_description = read_global_table(root)};
}

void decode(const JsonValue& root, DescribeGlobalTableResponse& out) {
    out = {.global_table_description = read_global_table(root)};
}

void decode(const JsonValue& root, UpdateGlobalTableResponse& out) {
    out = {.global_table_description = read_global_table(root)};
}

void decode(const JsonValue& root, ListGlobalTablesResponse& out) {
    out = {};
    expect_object(root, "response");
    for_each_element(root, "GlobalTables", "", [&](const JsonValue& e, const std::string& p) {
        expect_object(e, p);
        out.global_tables.push_back({
            .global_table_name = optional_owned_string(e, "GlobalTableName", p),
            .replication_group = read_replicas(e, p),
        });
    });
    out.last_evaluated_global_table_name =
        optional_owned_string(root, "LastEvaluatedGlobalTableName", "");
}

void decode(const JsonValue& root, DescribeGlobalTableSettingsResponse& out) {
    read_settings(root, out);
}

void decode(const JsonValue& root, UpdateGlobalTableSettingsResponse& out) {
    read_settings(root, out);
}

void decode(const JsonValue& root, DescribeTableReplicaAutoScalingResponse& out) {
    out = {.table_auto_scaling_description = read_table_auto_scaling(root)};
}

void decode(const JsonValue& root, UpdateTableReplicaAutoScalingResponse& out) {
    out = {.table_auto_scaling_description = read_table_auto_scaling(root)};
}

} // namespace dynaq::detail

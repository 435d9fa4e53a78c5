#include "read_plans.hpp"

#include "write_plans.hpp"

#include <dynaq/error.hpp>

#include <algorithm>

namespace dynaq::detail {

namespace {

struct IndexKeys {
    std::string partition;
    std::optional<std::string> sort;
    bool global = false;
};

IndexKeys keys_of(const TableSchema& schema, const std::optional<std::string>& index) {
    if (!index) {
        IndexKeys k{schema.partition_key.name, std::nullopt, false};
        if (schema.sort_key)
            k.sort = schema.sort_key->name;
        return k;
    }
    const SecondaryIndex* found = schema.find_index(*index);
    if (!found)
        throw InvalidArgumentError("table " + schema.table_name + " has no index named '" + *index +
                                   "'");
    IndexKeys k{found->partition_key.name, std::nullopt, schema.is_global_index(*index)};
    if (found->sort_key)
        k.sort = found->sort_key->name;
    return k;
}

std::vector<std::string> position_keys(const TableCore& table, const IndexKeys& index) {
    std::vector<std::string> keys = table.key_names();
    for (const std::string* k : {&index.partition, index.sort ? &*index.sort : nullptr})
        if (k && std::find(keys.begin(), keys.end(), *k) == keys.end())
            keys.push_back(*k);
    return keys;
}

void check_start_key(const std::optional<Item>& start, const std::vector<std::string>& keys) {
    if (!start)
        return;
    for (const auto& k : keys)
        if (!start->contains(k))
            throw InvalidArgumentError("exclusive_start_key lacks the key attribute '" + k +
                                       "'; pass a last_evaluated_key() of the same read");
}

SortKeyCondition sort_condition(const std::string& name, const SortKeyMatch& m) {
    const KeyAttribute k = key(name);
    switch (m.op) {
    case Op::eq:
        return k == m.value;
    case Op::lt:
        return k < m.value;
    case Op::le:
        return k <= m.value;
    case Op::gt:
        return k > m.value;
    case Op::ge:
        return k >= m.value;
    case Op::begins_with:
        return k.begins_with(m.value);
    case Op::between:
        if (!m.upper)
            throw InvalidArgumentError("SortKeyMatch::between needs an upper bound");
        return k.between(m.value, *m.upper);
    default:
        break;
    }
    throw InvalidArgumentError("a sort key condition cannot use " + std::string(to_string(m.op)) +
                               "; use =, <, <=, >, >=, BETWEEN or begins_with");
}

std::optional<SortKeyMatch> sort_match(const QueryOptions& o) {
    const int forms = int(o.sort_key.has_value()) + int(o.sort_key_prefix.has_value()) +
                      int(o.sort_key_match.has_value());
    if (forms > 1)
        throw InvalidArgumentError(
            "query: give at most one of sort_key, sort_key_prefix and sort_key_match");
    if (o.sort_key)
        return SortKeyMatch::eq(*o.sort_key);
    if (o.sort_key_prefix)
        return SortKeyMatch::begins_with(*o.sort_key_prefix);
    return o.sort_key_match;
}

PageLimits limits_of(std::optional<std::int64_t> limit, std::int32_t page_size,
                     std::optional<std::int64_t> max_evaluated) {
    return PageLimits{.limit = limit, .page_size = page_size, .max_evaluated = max_evaluated};
}

} // namespace

QueryPlan plan_query(const TableCore& table, const QueryOptions& o) {
    const TableSchema& schema = table.schema();
    const IndexKeys index = keys_of(schema, o.index);
    if (o.partition_key.type() == Type::Null)
        throw InvalidArgumentError("query: partition_key must be set (" + index.partition + ")");
    if (o.consistent_read && index.global)
        throw InvalidArgumentError("query: consistent_read is not supported on global index '" +
                                   *o.index + "'");
    const std::optional<SortKeyMatch> match = sort_match(o);
    if (match && !index.sort)
        throw InvalidArgumentError(
            "query: a sort key condition was given but " +
            (o.index ? "index '" + *o.index + "'" : "table " + schema.table_name) +
            " has no sort key");

    KeyEquals partition = key(index.partition) == o.partition_key;
    Expressions expressions{.key_condition = match
                                                 ? KeyCondition(std::move(partition),
                                                                sort_condition(*index.sort, *match))
                                                 : KeyCondition(std::move(partition)),
                            .filter = o.filter,
                            .projection = o.projection};
    RenderedExpressions r = render_expressions(expressions, o.data);

    QueryPlan plan;
    plan.position_keys = position_keys(table, index);
    check_start_key(o.exclusive_start_key, plan.position_keys);
    plan.limits = limits_of(o.limit, o.page_size, o.max_evaluated);
    QueryRequest& q = plan.request;
    q.table_name = schema.table_name;
    q.index_name = o.index;
    q.key_condition_expression = std::move(r.key_condition);
    if (!r.filter.empty())
        q.filter_expression = std::move(r.filter);
    if (!r.projection.empty())
        q.projection_expression = std::move(r.projection);
    q.expression_attribute_names = std::move(r.names);
    q.expression_attribute_values = std::move(r.values);
    q.consistent_read = o.consistent_read;
    q.scan_index_forward = o.scan_index_forward;
    q.exclusive_start_key = o.exclusive_start_key;
    return plan;
}

ScanPlan plan_scan(const TableCore& table, const ScanOptions& o) {
    const TableSchema& schema = table.schema();
    const IndexKeys index = keys_of(schema, o.index);
    if (o.consistent_read && index.global)
        throw InvalidArgumentError("scan: consistent_read is not supported on global index '" +
                                   *o.index + "'");
    if (o.segments < 1 || o.segments > 1'000'000)
        throw InvalidArgumentError("scan: segments must be 1 to 1000000, got " +
                                   std::to_string(o.segments));
    if (o.segments > 1 && o.exclusive_start_key)
        throw InvalidArgumentError("scan: exclusive_start_key cannot resume a parallel scan");
    if (o.segments > 1 && o.max_evaluated)
        throw InvalidArgumentError("scan: max_evaluated is not supported with segments > 1");

    Expressions expressions{.filter = o.filter, .projection = o.projection};
    RenderedExpressions r = render_expressions(expressions, o.data);

    ScanPlan plan;
    plan.position_keys = position_keys(table, index);
    check_start_key(o.exclusive_start_key, plan.position_keys);
    plan.limits = limits_of(o.limit, o.page_size, o.max_evaluated);
    plan.segments = o.segments;
    ScanRequest& s = plan.request;
    s.table_name = schema.table_name;
    s.index_name = o.index;
    if (!r.filter.empty())
        s.filter_expression = std::move(r.filter);
    if (!r.projection.empty())
        s.projection_expression = std::move(r.projection);
    s.expression_attribute_names = std::move(r.names);
    s.expression_attribute_values = std::move(r.values);
    if (o.consistent_read)
        s.consistent_read = true;
    s.exclusive_start_key = o.exclusive_start_key;
    return plan;
}

} // namespace dynaq::detail

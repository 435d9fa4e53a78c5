#include "write_plans.hpp"

#include <dynaq/error.hpp>

#include <algorithm>
#include <utility>

namespace dynaq::detail {

Item condition_data(Item base, const Item& overrides) {
    for (const auto& [name, value] : overrides)
        base.insert_or_assign(name, value);
    return base;
}

Projection with_keys(Projection projection, const std::vector<std::string>& keys) {
    for (const auto& k : keys)
        projection.add(path(k));
    return projection;
}

namespace {

bool is_key(const TableCore& table, std::string_view name) {
    const auto& keys = table.key_names();
    return std::find(keys.begin(), keys.end(), name) != keys.end();
}

void check_set_if_not_exists(const TableCore& table, const Item& item,
                             const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (is_key(table, name))
            throw InvalidArgumentError("set_if_not_exists lists the key attribute '" + name +
                                       "', which an update cannot set");
        if (!item.contains(name))
            throw InvalidArgumentError("set_if_not_exists lists '" + name +
                                       "', which the record does not have");
    }
}

void fill_expressions(WritePlan& plan, const Expressions& expressions, Item data) {
    RenderedExpressions r = render_expressions(expressions, std::move(data));
    if (!r.update.empty())
        plan.update = std::move(r.update);
    if (!r.condition.empty())
        plan.condition = std::move(r.condition);
    plan.names = std::move(r.names);
    plan.values = std::move(r.values);
}

} // namespace

WritePlan plan_upsert(const TableCore& table, const Item& record, const UpsertOptions& options) {
    WritePlan plan;
    plan.item = table.prepare(record);
    for (const auto& [name, value] : options.extra_data)
        plan.item.insert_or_assign(name, value);
    const auto& config = table.config();
    if (!config.modified_field.empty() || !config.created_field.empty()) {
        const std::string now = table.now_text();
        if (!config.modified_field.empty())
            plan.item.insert_or_assign(config.modified_field, now);
        if (!config.created_field.empty())
            plan.item.insert_or_assign(config.created_field, now);
    }
    // extra_data or a hook may not replace a key; re-check after the merge.
    plan.key = table.key_of(plan.item);
    check_set_if_not_exists(table, plan.item, options.set_if_not_exists);

    auto once = [&](std::string_view name) {
        return name == config.created_field ||
               std::find(options.set_if_not_exists.begin(), options.set_if_not_exists.end(),
                         name) != options.set_if_not_exists.end();
    };
    // Plain SETs first, then the if_not_exists ones, each in attribute name order: the same
    // record always renders to the same request.
    Update update;
    const auto attributes = sorted_by_name(plan.item);
    for (const Attribute* a : attributes)
        if (!is_key(table, a->first) && !once(a->first))
            update.set(path(a->first.str()), a->second);
    for (const Attribute* a : attributes)
        if (!is_key(table, a->first) && once(a->first))
            update.set_if_not_exists(path(a->first.str()), a->second);

    Expressions expressions{.condition = options.condition};
    if (!update.empty())
        expressions.update = std::move(update);
    fill_expressions(plan, expressions, condition_data(plan.item, options.condition_values));
    return plan;
}

WritePlan plan_put(const TableCore& table, const Item& record, const PutOptions& options) {
    WritePlan plan;
    plan.item = table.prepare(record);
    plan.key = table.key_of(plan.item);
    if (options.condition) {
        const Expressions expressions{.condition = options.condition};
        fill_expressions(plan, expressions, condition_data(plan.item, options.condition_values));
    }
    return plan;
}

WritePlan plan_delete(const TableCore& table, const Item& record, const DeleteOptions& options) {
    WritePlan plan;
    Item prepared = table.prepare(record);
    plan.key = table.key_of(prepared);
    if (options.condition) {
        const Expressions expressions{.condition = options.condition};
        fill_expressions(plan, expressions,
                         condition_data(std::move(prepared), options.condition_values));
    }
    return plan;
}

} // namespace dynaq::detail

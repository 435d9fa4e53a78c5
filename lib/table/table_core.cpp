// Records and keys: the hooks, and where a record's key comes from.
#include "table/batch_plan.hpp"
#include "table/timestamp.hpp"
#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>

#include <utility>

namespace dynaq::detail {

TableCore::TableCore(Client& client, TableSchema schema, TableConfig config, TableHooks hooks) :
    client_(&client), schema_(std::move(schema)), config_(std::move(config)),
    hooks_(std::move(hooks)) {
    validate(schema_);
    key_names_ = schema_.key_names();
}

namespace {

// The attribute when the record has it, else the hook's value; neither is an error that says
// how to fix it.
AttributeValue key_value(const Item& record, const std::string& name,
                         const std::function<AttributeValue(const Item&)>& hook,
                         std::string_view hook_name, const std::string& table) {
    if (auto it = record.find(name); it != record.end())
        return it->second;
    if (!hook)
        throw InvalidArgumentError("record has no '" + name + "' attribute and table " + table +
                                   " has no TableHooks::" + std::string(hook_name) +
                                   " to compute it");
    AttributeValue v = hook(record);
    validate_key_value(v, name);
    return v;
}

} // namespace

Item TableCore::prepare(Item record) const {
    if (hooks_.normalize)
        hooks_.normalize(record);
    const std::string& pk = schema_.partition_key.name;
    if (!record.contains(pk))
        record.insert_or_assign(
            pk, key_value(record, pk, hooks_.partition_key, "partition_key", schema_.table_name));
    if (schema_.sort_key) {
        const std::string& sk = schema_.sort_key->name;
        if (!record.contains(sk))
            record.insert_or_assign(
                sk, key_value(record, sk, hooks_.sort_key, "sort_key", schema_.table_name));
    }
    // Present now either way; a key taken from the record has not been checked yet.
    for (const auto& name : key_names_)
        validate_key_value(record.at(name), name);
    return record;
}

Item TableCore::key_of(const Item& prepared) const {
    return extract_key(prepared, key_names_);
}

AttributeValue TableCore::partition_key_of(const Item& record) const {
    Item prepared = prepare(record);
    return std::move(prepared.at(schema_.partition_key.name));
}

std::optional<AttributeValue> TableCore::sort_key_of(const Item& record) const {
    if (!schema_.sort_key)
        return std::nullopt;
    Item prepared = prepare(record);
    return std::move(prepared.at(schema_.sort_key->name));
}

std::string TableCore::now_text() const {
    return format_timestamp(config_.clock ? config_.clock() : std::chrono::system_clock::now());
}

} // namespace dynaq::detail

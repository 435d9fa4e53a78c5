#pragma once
// The expressions and keys of one record's write, shared by the single-record calls and their
// transaction counterparts (which send the same thing inside TransactWriteItems).
#include <dynaq/detail/table_core.hpp>
#include <dynaq/expression.hpp>

#include <optional>
#include <string>

namespace dynaq::detail {

struct WritePlan {
    Item key;
    Item item;                         ///< the prepared record (puts), or the new item (upserts)
    std::optional<std::string> update; ///< UpdateExpression (upserts)
    std::optional<std::string> condition;
    ExpressionAttributeNames names;
    Item values;
};

/// SET of every non-key attribute, timestamps, set_if_not_exists, condition.
[[nodiscard]] WritePlan plan_upsert(const TableCore& table, const Item& record,
                                    const UpsertOptions& options);
/// The whole prepared item, condition.
[[nodiscard]] WritePlan plan_put(const TableCore& table, const Item& record,
                                 const PutOptions& options);
/// The key, condition (named values from condition_values, then the record).
[[nodiscard]] WritePlan plan_delete(const TableCore& table, const Item& record,
                                    const DeleteOptions& options);

/// `projection` plus the table's key attributes, so a partial item still says which it is.
[[nodiscard]] Projection with_keys(Projection projection, const std::vector<std::string>& keys);

/// Named values for a condition: `overrides` win over `base`.
[[nodiscard]] Item condition_data(Item base, const Item& overrides);

} // namespace dynaq::detail

// One record at a time: GetItem, UpdateItem (upsert), PutItem, DeleteItem, and the same writes
// as TransactWriteItems actions.
#include "write_plans.hpp"

#include <dynaq/detail/table_core.hpp>
#include <dynaq/error.hpp>

#include <utility>

namespace dynaq::detail {

namespace {

GetItemRequest get_request(const TableCore& table, const Item& record, const GetOptions& options) {
    GetItemRequest request{.table_name = table.schema().table_name,
                           .key = table.key_of(table.prepare(record))};
    if (options.consistent_read)
        request.consistent_read = true;
    if (options.projection) {
        Placeholders ph;
        request.projection_expression =
            ph.render(with_keys(*options.projection, table.key_names()));
        request.expression_attribute_names = ph.release().names;
    }
    return request;
}

} // namespace

auto TableCore::get(const Item& record, const GetOptions& options)
    -> awaitable<std::optional<Item>> {
    const GetItemRequest request = get_request(*this, record, options);
    GetItemResponse response = co_await client_->get_item(request);
    if (!response.item)
        co_return std::nullopt;
    // Found means DynamoDB returned an Item, even one holding only its key (the Python library
    // reported that as "not found").
    Item item = std::move(*response.item);
    for (const auto& [name, value] : request.key)
        item.try_emplace(name, value);
    co_return item;
}

auto TableCore::upsert(const Item& record, const UpsertOptions& options) -> awaitable<Item> {
    WritePlan plan = plan_upsert(*this, record, options);
    UpdateItemRequest request{.table_name = schema_.table_name,
                              .key = std::move(plan.key),
                              .update_expression = std::move(plan.update),
                              .condition_expression = std::move(plan.condition),
                              .expression_attribute_names = std::move(plan.names),
                              .expression_attribute_values = std::move(plan.values),
                              .return_values = ReturnValues::all_new};
    WriteItemResponse response = co_await client_->update_item(request);
    if (!response.attributes)
        throw ProtocolError("UpdateItem with ReturnValues ALL_NEW returned no Attributes");
    co_return std::move(*response.attributes);
}

auto TableCore::put(const Item& record, const PutOptions& options) -> awaitable<void> {
    WritePlan plan = plan_put(*this, record, options);
    PutItemRequest request{.table_name = schema_.table_name,
                           .item = std::move(plan.item),
                           .condition_expression = std::move(plan.condition),
                           .expression_attribute_names = std::move(plan.names),
                           .expression_attribute_values = std::move(plan.values)};
    co_await client_->put_item(request);
}

auto TableCore::remove(const Item& record, const DeleteOptions& options)
    -> awaitable<std::optional<Item>> {
    WritePlan plan = plan_delete(*this, record, options);
    DeleteItemRequest request{.table_name = schema_.table_name,
                              .key = std::move(plan.key),
                              .condition_expression = std::move(plan.condition),
                              .expression_attribute_names = std::move(plan.names),
                              .expression_attribute_values = std::move(plan.values),
                              .return_values = ReturnValues::all_old};
    WriteItemResponse response = co_await client_->delete_item(request);
    co_return std::move(response.attributes);
}

TransactWriteItem TableCore::transact_put(const Item& record, const PutOptions& options) const {
    WritePlan plan = plan_put(*this, record, options);
    return TransactPut{.table_name = schema_.table_name,
                       .item = std::move(plan.item),
                       .condition_expression = std::move(plan.condition),
                       .expression_attribute_names = std::move(plan.names),
                       .expression_attribute_values = std::move(plan.values)};
}

TransactWriteItem TableCore::transact_upsert(const Item& record,
                                             const UpsertOptions& options) const {
    WritePlan plan = plan_upsert(*this, record, options);
    if (!plan.update)
        throw InvalidArgumentError("transact_upsert of a record with nothing but its key: "
                                   "TransactWriteItems needs an update (use transact_put)");
    return TransactUpdate{.table_name = schema_.table_name,
                          .key = std::move(plan.key),
                          .update_expression = std::move(*plan.update),
                          .condition_expression = std::move(plan.condition),
                          .expression_attribute_names = std::move(plan.names),
                          .expression_attribute_values = std::move(plan.values)};
}

TransactWriteItem TableCore::transact_delete(const Item& record,
                                             const DeleteOptions& options) const {
    WritePlan plan = plan_delete(*this, record, options);
    return TransactDelete{.table_name = schema_.table_name,
                          .key = std::move(plan.key),
                          .condition_expression = std::move(plan.condition),
                          .expression_attribute_names = std::move(plan.names),
                          .expression_attribute_values = std::move(plan.values)};
}

TransactWriteItem TableCore::transact_condition_check(const Item& record,
                                                      const Condition& condition,
                                                      const Item& condition_values) const {
    const DeleteOptions options{.condition = condition, .condition_values = condition_values};
    WritePlan plan = plan_delete(*this, record, options); // same shape: key + condition
    return TransactConditionCheck{.table_name = schema_.table_name,
                                  .key = std::move(plan.key),
                                  .condition_expression = std::move(*plan.condition),
                                  .expression_attribute_names = std::move(plan.names),
                                  .expression_attribute_values = std::move(plan.values)};
}

auto TableCore::transact_get(const std::vector<Item>& records)
    -> awaitable<std::vector<std::optional<Item>>> {
    TransactGetItemsRequest request;
    request.transact_items.reserve(records.size());
    for (const auto& r : records)
        request.transact_items.push_back(
            TransactGet{.table_name = schema_.table_name, .key = key_of(prepare(r))});
    TransactGetItemsResponse response = co_await client_->transact_get_items(request);
    co_return std::move(response.responses);
}

} // namespace dynaq::detail

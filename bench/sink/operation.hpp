#pragma once
// The DynamoDB operations the null server answers, named by the request's X-Amz-Target.
#include <string_view>

namespace dynaq::bench {

enum class Operation {
    unknown, ///< absent, another service version, or an operation the sink does not implement
    get_item,
    put_item,
    update_item,
    delete_item,
    query,
    scan,
    batch_get_item,
    batch_write_item,
    describe_table,
    create_table,
    list_tables,
};

/// "DynamoDB_20120810.GetItem" -> Operation::get_item. Exact match, as DynamoDB does.
[[nodiscard]] Operation operation_of(std::string_view amz_target) noexcept;

} // namespace dynaq::bench

#include "operation.hpp"

#include <array>
#include <utility>

namespace dynaq::bench {

Operation operation_of(std::string_view amz_target) noexcept {
    constexpr std::string_view prefix = "DynamoDB_20120810.";
    if (!amz_target.starts_with(prefix))
        return Operation::unknown;
    const std::string_view name = amz_target.substr(prefix.size());
    // A dozen names: a linear scan is as fast as anything cleverer, and obviously right.
    constexpr std::array<std::pair<std::string_view, Operation>, 11> names{{
        {"GetItem", Operation::get_item},
        {"PutItem", Operation::put_item},
        {"Query", Operation::query},
        {"UpdateItem", Operation::update_item},
        {"DeleteItem", Operation::delete_item},
        {"BatchGetItem", Operation::batch_get_item},
        {"BatchWriteItem", Operation::batch_write_item},
        {"Scan", Operation::scan},
        {"DescribeTable", Operation::describe_table},
        {"CreateTable", Operation::create_table},
        {"ListTables", Operation::list_tables},
    }};
    for (const auto& [wire, op] : names)
        if (wire == name)
            return op;
    return Operation::unknown;
}

} // namespace dynaq::bench

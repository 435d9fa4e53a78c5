#pragma once
// Enumerations and small shapes shared by several DynamoDB operations.
//
// Enumerators are snake_case spellings of the wire strings (ReturnValues::all_new is "ALL_NEW");
// `to_string` gives the wire string. Status enums, which DynamoDB extends over time, have an
// `unknown` enumerator so a status this version has never heard of does not make a whole
// DescribeTable response unreadable.
//
// Every member of the model structs has an initializer, even `{}`: requests are meant to be
// written with designated initializers that name only what they set, and GCC's
// -Wmissing-field-initializers would otherwise flag each omitted member.
#include <dynaq/export.hpp>
#include <dynaq/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq {

/// What a write returns of the item it changed.
enum class ReturnValues { none, all_old, updated_old, all_new, updated_new };
enum class ReturnConsumedCapacity { indexes, total, none };
enum class ReturnItemCollectionMetrics { size, none };
/// Whether a failed condition returns the item as it was (in ConditionalCheckFailedException).
enum class ReturnValuesOnConditionCheckFailure { all_old, none };
/// Which attributes Query/Scan return; `count` returns only Count and ScannedCount.
enum class Select { all_attributes, all_projected_attributes, specific_attributes, count };

enum class KeyType { hash, range };
/// Key attributes can only be strings, numbers or binary.
enum class ScalarAttributeType { s, n, b };
enum class ProjectionType { all, keys_only, include };
enum class BillingMode { provisioned, pay_per_request };
enum class StreamViewType { new_image, old_image, new_and_old_images, keys_only };
enum class SseType { aes256, kms };
enum class TableClass { standard, standard_infrequent_access };

enum class TableStatus {
    creating,
    updating,
    deleting,
    active,
    inaccessible_encryption_credentials,
    archiving,
    archived,
    replication_not_authorized,
    unknown,
};
enum class IndexStatus { creating, updating, deleting, active, unknown };
enum class SseStatus { enabling, enabled, disabling, disabled, updating, unknown };
enum class TimeToLiveStatus { enabling, disabling, enabled, disabled, unknown };

/// The wire string ("ALL_NEW", "PAY_PER_REQUEST", ...). The `unknown` status enumerators,
/// which never go on the wire, give "unknown".
[[nodiscard]] DYNAQ_API std::string_view to_string(ReturnValues v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ReturnConsumedCapacity v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ReturnItemCollectionMetrics v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ReturnValuesOnConditionCheckFailure v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(Select v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(KeyType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ScalarAttributeType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(ProjectionType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(BillingMode v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(StreamViewType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(SseType v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(TableClass v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(TableStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(IndexStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(SseStatus v) noexcept;
[[nodiscard]] DYNAQ_API std::string_view to_string(TimeToLiveStatus v) noexcept;

/// DynamoDB sends times as fractional epoch seconds; millisecond resolution keeps all of it.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// ExpressionAttributeNames: "#placeholder" -> attribute name.
using ExpressionAttributeNames = std::map<std::string, std::string>;

/// Throughput consumed on one table or index.
struct Capacity {
    std::optional<double> read_capacity_units{};
    std::optional<double> write_capacity_units{};
    std::optional<double> capacity_units{};

    bool operator==(const Capacity&) const = default;
};

/// Returned when the request set ReturnConsumedCapacity to TOTAL or INDEXES.
struct ConsumedCapacity {
    std::string table_name{};
    std::optional<double> capacity_units{};
    std::optional<double> read_capacity_units{};
    std::optional<double> write_capacity_units{};
    std::optional<Capacity> table{};                            ///< INDEXES only
    std::map<std::string, Capacity> local_secondary_indexes{};  ///< INDEXES only
    std::map<std::string, Capacity> global_secondary_indexes{}; ///< INDEXES only

    bool operator==(const ConsumedCapacity&) const = default;
};

/// Size of the item collection (items sharing a partition key) of a table with an LSI.
struct ItemCollectionMetrics {
    Item item_collection_key{};
    /// Lower and upper bound of the estimate, in GB.
    std::vector<double> size_estimate_range_gb{};

    bool operator==(const ItemCollectionMetrics&) const = default;
};

} // namespace dynaq

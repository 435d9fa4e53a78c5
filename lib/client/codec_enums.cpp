// Wire strings of the model enums, in enumerator order: the enumerator's value indexes its
// string, so to_string is a lookup and no switch can fall out of step with the enum.
#include "client/operation_codec.hpp"

#include <cstddef>
#include <iterator>

namespace dynaq {
namespace {

template <class E>
struct wire;

#define DYNAQ_WIRE_NAMES(E, ...)                                                                   \
    template <>                                                                                    \
    struct wire<E> {                                                                               \
        static constexpr std::string_view names[] = {__VA_ARGS__};                                 \
    }

DYNAQ_WIRE_NAMES(ReturnValues, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
DYNAQ_WIRE_NAMES(ReturnConsumedCapacity, "INDEXES", "TOTAL", "NONE");
DYNAQ_WIRE_NAMES(ReturnItemCollectionMetrics, "SIZE", "NONE");
DYNAQ_WIRE_NAMES(ReturnValuesOnConditionCheckFailure, "ALL_OLD", "NONE");
DYNAQ_WIRE_NAMES(Select, "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES",
                 "COUNT");
DYNAQ_WIRE_NAMES(KeyType, "HASH", "RANGE");
DYNAQ_WIRE_NAMES(ScalarAttributeType, "S", "N", "B");
DYNAQ_WIRE_NAMES(ProjectionType, "ALL", "KEYS_ONLY", "INCLUDE");
DYNAQ_WIRE_NAMES(BillingMode, "PROVISIONED", "PAY_PER_REQUEST");
DYNAQ_WIRE_NAMES(StreamViewType, "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
DYNAQ_WIRE_NAMES(SseType, "AES256", "KMS");
DYNAQ_WIRE_NAMES(TableClass, "STANDARD", "STANDARD_INFREQUENT_ACCESS");
// The status enums end with `unknown`, which has no wire string.
DYNAQ_WIRE_NAMES(TableStatus, "CREATING", "UPDATING", "DELETING", "ACTIVE",
                 "INACCESSIBLE_ENCRYPTION_CREDENTIALS", "ARCHIVING", "ARCHIVED",
                 "REPLICATION_NOT_AUTHORIZED");
DYNAQ_WIRE_NAMES(IndexStatus, "CREATING", "UPDATING", "DELETING", "ACTIVE");
DYNAQ_WIRE_NAMES(SseStatus, "ENABLING", "ENABLED", "DISABLING", "DISABLED", "UPDATING");
DYNAQ_WIRE_NAMES(TimeToLiveStatus, "ENABLING", "DISABLING", "ENABLED", "DISABLED");
DYNAQ_WIRE_NAMES(BackupStatus, "CREATING", "DELETED", "AVAILABLE");
DYNAQ_WIRE_NAMES(BackupType, "USER", "SYSTEM", "AWS_BACKUP");
DYNAQ_WIRE_NAMES(BackupTypeFilter, "USER", "SYSTEM", "AWS_BACKUP", "ALL");
DYNAQ_WIRE_NAMES(ContinuousBackupsStatus, "ENABLED", "DISABLED");
DYNAQ_WIRE_NAMES(PointInTimeRecoveryStatus, "ENABLED", "DISABLED");
DYNAQ_WIRE_NAMES(ExportStatus, "IN_PROGRESS", "COMPLETED", "FAILED");
DYNAQ_WIRE_NAMES(ExportFormat, "DYNAMODB_JSON", "ION");
DYNAQ_WIRE_NAMES(ExportType, "FULL_EXPORT", "INCREMENTAL_EXPORT");
DYNAQ_WIRE_NAMES(ExportViewType, "NEW_IMAGE", "NEW_AND_OLD_IMAGES");
DYNAQ_WIRE_NAMES(S3SseAlgorithm, "AES256", "KMS");
DYNAQ_WIRE_NAMES(ImportStatus, "IN_PROGRESS", "COMPLETED", "CANCELLING", "CANCELLED", "FAILED");
DYNAQ_WIRE_NAMES(InputFormat, "DYNAMODB_JSON", "ION", "CSV");
DYNAQ_WIRE_NAMES(InputCompressionType, "GZIP", "ZSTD", "NONE");
DYNAQ_WIRE_NAMES(ContributorInsightsStatus, "ENABLING", "ENABLED", "DISABLING", "DISABLED",
                 "FAILED");
DYNAQ_WIRE_NAMES(ContributorInsightsAction, "ENABLE", "DISABLE");
DYNAQ_WIRE_NAMES(ContributorInsightsMode, "ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS");
DYNAQ_WIRE_NAMES(DestinationStatus, "ENABLING", "ACTIVE", "DISABLING", "DISABLED", "ENABLE_FAILED",
                 "UPDATING");
DYNAQ_WIRE_NAMES(ApproximateCreationDateTimePrecision, "MILLISECOND", "MICROSECOND");
DYNAQ_WIRE_NAMES(GlobalTableStatus, "CREATING", "ACTIVE", "DELETING", "UPDATING");
DYNAQ_WIRE_NAMES(ReplicaStatus, "CREATING", "CREATION_FAILED", "UPDATING", "DELETING", "ACTIVE",
                 "REGION_DISABLED", "INACCESSIBLE_ENCRYPTION_CREDENTIALS", "ARCHIVING", "ARCHIVED",
                 "REPLICATION_NOT_AUTHORIZED");
DYNAQ_WIRE_NAMES(StreamStatus, "ENABLING", "ENABLED", "DISABLING", "DISABLED");
DYNAQ_WIRE_NAMES(ShardIteratorType, "TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
                 "AFTER_SEQUENCE_NUMBER");
DYNAQ_WIRE_NAMES(StreamEventName, "INSERT", "MODIFY", "REMOVE");

#undef DYNAQ_WIRE_NAMES

template <class E>
std::string_view name_of(E e) noexcept {
    const auto i = static_cast<std::size_t>(e);
    if (i < std::size(wire<E>::names))
        return wire<E>::names[i];
    return "unknown";
}

} // namespace

template <class E>
std::optional<E> detail::parse_enum(std::string_view text) noexcept {
    const auto& names = wire<E>::names;
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (names[i] == text)
            return static_cast<E>(i);
    // A status DynamoDB added after this version: still a readable response.
    if constexpr (requires { E::unknown; })
        return E::unknown;
    else
        return std::nullopt;
}

#define DYNAQ_ENUM(E)                                                                              \
    std::string_view to_string(E v) noexcept {                                                     \
        return name_of(v);                                                                         \
    }                                                                                              \
    template std::optional<E> detail::parse_enum<E>(std::string_view) noexcept

DYNAQ_ENUM(ReturnValues);
DYNAQ_ENUM(ReturnConsumedCapacity);
DYNAQ_ENUM(ReturnItemCollectionMetrics);
DYNAQ_ENUM(ReturnValuesOnConditionCheckFailure);
DYNAQ_ENUM(Select);
DYNAQ_ENUM(KeyType);
DYNAQ_ENUM(ScalarAttributeType);
DYNAQ_ENUM(ProjectionType);
DYNAQ_ENUM(BillingMode);
DYNAQ_ENUM(StreamViewType);
DYNAQ_ENUM(SseType);
DYNAQ_ENUM(TableClass);
DYNAQ_ENUM(TableStatus);
DYNAQ_ENUM(IndexStatus);
DYNAQ_ENUM(SseStatus);
DYNAQ_ENUM(TimeToLiveStatus);
DYNAQ_ENUM(BackupStatus);
DYNAQ_ENUM(BackupType);
DYNAQ_ENUM(BackupTypeFilter);
DYNAQ_ENUM(ContinuousBackupsStatus);
DYNAQ_ENUM(PointInTimeRecoveryStatus);
DYNAQ_ENUM(ExportStatus);
DYNAQ_ENUM(ExportFormat);
DYNAQ_ENUM(ExportType);
DYNAQ_ENUM(ExportViewType);
DYNAQ_ENUM(S3SseAlgorithm);
DYNAQ_ENUM(ImportStatus);
DYNAQ_ENUM(InputFormat);
DYNAQ_ENUM(InputCompressionType);
DYNAQ_ENUM(ContributorInsightsStatus);
DYNAQ_ENUM(ContributorInsightsAction);
DYNAQ_ENUM(ContributorInsightsMode);
DYNAQ_ENUM(DestinationStatus);
DYNAQ_ENUM(ApproximateCreationDateTimePrecision);
DYNAQ_ENUM(GlobalTableStatus);
DYNAQ_ENUM(ReplicaStatus);
DYNAQ_ENUM(StreamStatus);
DYNAQ_ENUM(ShardIteratorType);
DYNAQ_ENUM(StreamEventName);

#undef DYNAQ_ENUM

} // namespace dynaq

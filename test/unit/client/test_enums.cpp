// Every enumerator has a wire string that parses back to it.
#include "codec_support.hpp"

using namespace dynaq;

namespace {

template <class E>
void require_round_trip(E last) {
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        const auto e = static_cast<E>(i);
        INFO("enumerator " << i << " = " << to_string(e));
        CHECK_FALSE(to_string(e).empty());
        CHECK(detail::parse_enum<E>(to_string(e)) == e);
    }
}

} // namespace

TEST_CASE("enums: enum wire strings round-trip", "[client][enums]") {
    require_round_trip(ReturnValues::updated_new);
    require_round_trip(ReturnConsumedCapacity::none);
    require_round_trip(ReturnItemCollectionMetrics::none);
    require_round_trip(ReturnValuesOnConditionCheckFailure::none);
    require_round_trip(Select::count);
    require_round_trip(KeyType::range);
    require_round_trip(ScalarAttributeType::b);
    require_round_trip(ProjectionType::include);
    require_round_trip(BillingMode::pay_per_request);
    require_round_trip(StreamViewType::keys_only);
    require_round_trip(SseType::kms);
    require_round_trip(TableClass::standard_infrequent_access);
    // The statuses' last enumerator is `unknown`, which has no wire string.
    require_round_trip(TableStatus::replication_not_authorized);
    require_round_trip(IndexStatus::active);
    require_round_trip(SseStatus::updating);
    require_round_trip(TimeToLiveStatus::disabled);
}

TEST_CASE("enums: enum wire strings are DynamoDB's", "[client][enums]") {
    CHECK(to_string(ReturnValues::all_new) == "ALL_NEW");
    CHECK(to_string(ReturnValues::updated_old) == "UPDATED_OLD");
    CHECK(to_string(ReturnConsumedCapacity::indexes) == "INDEXES");
    CHECK(to_string(Select::all_projected_attributes) == "ALL_PROJECTED_ATTRIBUTES");
    CHECK(to_string(KeyType::hash) == "HASH");
    CHECK(to_string(ScalarAttributeType::n) == "N");
    CHECK(to_string(ProjectionType::keys_only) == "KEYS_ONLY");
    CHECK(to_string(BillingMode::pay_per_request) == "PAY_PER_REQUEST");
    CHECK(to_string(StreamViewType::new_and_old_images) == "NEW_AND_OLD_IMAGES");
    CHECK(to_string(SseType::aes256) == "AES256");
    CHECK(to_string(TableStatus::inaccessible_encryption_credentials) ==
          "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
    CHECK(to_string(TableStatus::unknown) == "unknown");
}

TEST_CASE("enums: unrecognised wire strings", "[client][enums]") {
    CHECK_FALSE(detail::parse_enum<KeyType>("hash")); // case matters on the wire
    CHECK_FALSE(detail::parse_enum<BillingMode>(""));
    CHECK(detail::parse_enum<TableStatus>("RESTORING") == TableStatus::unknown);
    CHECK(detail::parse_enum<TimeToLiveStatus>("") == TimeToLiveStatus::unknown);
}

// `create`'s table flags and --from-file body.
#include "table_spec.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using namespace dynaq_cli;

TEST_CASE("key specs: name and optional type") {
    CHECK(parse_key_spec("pk") == KeyDefinition{"pk", ScalarAttributeType::s});
    CHECK(parse_key_spec("at:N") == KeyDefinition{"at", ScalarAttributeType::n});
    CHECK(parse_key_spec("blob:B") == KeyDefinition{"blob", ScalarAttributeType::b});
    CHECK(parse_key_spec("a:b") == KeyDefinition{"a:b", ScalarAttributeType::s});
}

TEST_CASE("schema from flags, with indexes and throughput") {
    const TableSchema s = schema_from_flags({.table = "events",
                                             .pk = "device",
                                             .sk = "at:N",
                                             .gsis = {"by_user=user,at:N", "by_kind=kind"},
                                             .lsis = {"by_size=size:N"},
                                             .rcu = 5,
                                             .wcu = 6});
    CHECK(s.partition_key == KeyDefinition{"device"});
    CHECK(s.sort_key == KeyDefinition{"at", ScalarAttributeType::n});
    REQUIRE(s.global_secondary_indexes.size() == 2);
    CHECK(s.global_secondary_indexes[0].partition_key == KeyDefinition{"user"});
    CHECK(s.global_secondary_indexes[0].sort_key == KeyDefinition{"at", ScalarAttributeType::n});
    CHECK_FALSE(s.global_secondary_indexes[1].sort_key);
    CHECK(s.local_secondary_indexes[0].partition_key == KeyDefinition{"device"});
    CHECK(s.throughput == ProvisionedThroughput{5, 6});
    const TableSchema hash_only = schema_from_flags({.table = "plain", .pk = "id:N"});
    CHECK_FALSE(hash_only.sort_key);
    CHECK_FALSE(hash_only.throughput);
}

TEST_CASE("bad table flags") {
    CHECK_THROWS_WITH(schema_from_flags({.table = "t12"}), Catch::Contains("--pk"));
    CHECK_THROWS_WITH(schema_from_flags({.table = "t12", .pk = "a", .gsis = {"noequals"}}),
                      Catch::StartsWith("--gsi: expected NAME=KEY"));
    CHECK_THROWS_WITH(schema_from_flags({.table = "t12", .pk = "a", .rcu = 1}),
                      Catch::Contains("--rcu and --wcu go together"));
    // The library's schema validation: a local index needs a table sort key.
    CHECK_THROWS_AS(schema_from_flags({.table = "t12", .pk = "a", .lsis = {"l1x=x"}}),
                    InvalidArgumentError);
    CHECK_THROWS_AS(schema_from_flags({.table = "t12", .pk = "a:N", .gsis = {"g12=a:S"}}),
                    InvalidArgumentError);
}

TEST_CASE("--from-file body: table name set, billing defaulted") {
    CHECK(create_table_body(R"({"KeySchema":[]})", "t1x") ==
          R"({"KeySchema":[],"TableName":"t1x","BillingMode":"PAY_PER_REQUEST"})");
    CHECK(create_table_body(
              R"({"TableName":"t1x","ProvisionedThroughput":{"ReadCapacityUnits":1}})", "t1x") ==
          R"({"TableName":"t1x","ProvisionedThroughput":{"ReadCapacityUnits":1}})");
    CHECK_THROWS_WITH(create_table_body(R"({"TableName":"other"})", "t1x"),
                      Catch::Contains("differs"));
    CHECK_THROWS_WITH(create_table_body("[]", "t1x"), Catch::Contains("expected a JSON object"));
    CHECK_THROWS_WITH(create_table_body("{", "t1x"), Catch::Contains("malformed JSON"));
}

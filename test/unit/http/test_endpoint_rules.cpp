// DynamoDB's endpoint rules, table-driven. Each row is a fact of the AWS SDKs' public
// endpoint rule tests for DynamoDB (region and flags -> URL, or the combination the SDKs
// refuse), written down here as our own table.
#include "partitions.hpp"

#include <dynaq/config.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using dynaq::AccountIdEndpointMode;
using dynaq::ConfigError;
using dynaq::EndpointParams;
using dynaq::resolve_service_endpoint;

namespace {

constexpr auto preferred = AccountIdEndpointMode::preferred;
constexpr auto required = AccountIdEndpointMode::required;
constexpr auto disabled = AccountIdEndpointMode::disabled;

struct Row {
    std::string region;
    bool fips = false;
    bool dualstack = false;
    std::string endpoint;
    std::string account;
    AccountIdEndpointMode mode = preferred;
    std::string url;   ///< expected URL; empty when an error is expected
    std::string error; ///< words the ConfigError must contain
};

Row plain(std::string region, std::string url) {
    return Row{std::move(region), false, false, {}, {}, preferred, std::move(url), {}};
}
Row flags(std::string region, bool fips, bool dualstack, std::string url) {
    return Row{std::move(region), fips, dualstack, {}, {}, preferred, std::move(url), {}};
}
Row refused(std::string region, bool fips, bool dualstack, std::string error) {
    return Row{std::move(region), fips, dualstack, {}, {}, preferred, {}, std::move(error)};
}
Row account(std::string region, bool fips, bool dualstack, std::string id,
            AccountIdEndpointMode mode, std::string url, std::string error = {}) {
    return Row{std::move(region), fips, dualstack,      {},
               std::move(id),     mode, std::move(url), std::move(error)};
}
Row custom(std::string region, bool fips, bool dualstack, std::string id, std::string url,
           std::string error = {}) {
    return Row{std::move(region), fips,      dualstack,      "https://example.com",
               std::move(id),     preferred, std::move(url), std::move(error)};
}

const std::vector<Row>& rows() {
    static const std::vector<Row> table{
        // aws: every region, plain
        plain("af-south-1", "https://dynamodb.af-south-1.amazonaws.com"),
        plain("ap-east-1", "https://dynamodb.ap-east-1.amazonaws.com"),
        plain("ap-northeast-1", "https://dynamodb.ap-northeast-1.amazonaws.com"),
        plain("ap-northeast-2", "https://dynamodb.ap-northeast-2.amazonaws.com"),
        plain("ap-northeast-3", "https://dynamodb.ap-northeast-3.amazonaws.com"),
        plain("ap-south-1", "https://dynamodb.ap-south-1.amazonaws.com"),
        plain("ap-southeast-1", "https://dynamodb.ap-southeast-1.amazonaws.com"),
        plain("ap-southeast-2", "https://dynamodb.ap-southeast-2.amazonaws.com"),
        plain("ap-southeast-3", "https://dynamodb.ap-southeast-3.amazonaws.com"),
        plain("ca-central-1", "https://dynamodb.ca-central-1.amazonaws.com"),
        plain("eu-central-1", "https://dynamodb.eu-central-1.amazonaws.com"),
        plain("eu-north-1", "https://dynamodb.eu-north-1.amazonaws.com"),
        plain("eu-south-1", "https://dynamodb.eu-south-1.amazonaws.com"),
        plain("eu-west-1", "https://dynamodb.eu-west-1.amazonaws.com"),
        plain("eu-west-2", "https://dynamodb.eu-west-2.amazonaws.com"),
        plain("eu-west-3", "https://dynamodb.eu-west-3.amazonaws.com"),
        plain("me-south-1", "https://dynamodb.me-south-1.amazonaws.com"),
        plain("sa-east-1", "https://dynamodb.sa-east-1.amazonaws.com"),
        plain("us-east-1", "https://dynamodb.us-east-1.amazonaws.com"),
        plain("us-east-2", "https://dynamodb.us-east-2.amazonaws.com"),
        plain("us-west-1", "https://dynamodb.us-west-1.amazonaws.com"),
        plain("us-west-2", "https://dynamodb.us-west-2.amazonaws.com"),
        // aws: FIPS, dual-stack, both
        flags("ca-central-1", true, false, "https://dynamodb-fips.ca-central-1.amazonaws.com"),
        flags("us-east-1", true, false, "https://dynamodb-fips.us-east-1.amazonaws.com"),
        flags("us-east-2", true, false, "https://dynamodb-fips.us-east-2.amazonaws.com"),
        flags("us-west-1", true, false, "https://dynamodb-fips.us-west-1.amazonaws.com"),
        flags("us-west-2", true, false, "https://dynamodb-fips.us-west-2.amazonaws.com"),
        flags("us-east-1", true, true, "https://dynamodb-fips.us-east-1.api.aws"),
        flags("us-east-1", false, true, "https://dynamodb.us-east-1.api.aws"),
        flags("ap-south-2", true, true, "https://dynamodb-fips.ap-south-2.api.aws"),
        // the local endpoint
        plain("local", "http://localhost:8000"),
        refused("local", true, false, "FIPS cannot be combined with the local endpoint"),
        refused("local", false, true, "dual-stack cannot be combined with the local endpoint"),
        // aws-cn
        plain("cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn"),
        plain("cn-northwest-1", "https://dynamodb.cn-northwest-1.amazonaws.com.cn"),
        flags("cn-north-1", true, true,
              "https://dynamodb-fips.cn-north-1.api.amazonwebservices.com.cn"),
        flags("cn-north-1", true, false, "https://dynamodb-fips.cn-north-1.amazonaws.com.cn"),
        flags("cn-north-1", false, true,
              "https://dynamodb.cn-north-1.api.amazonwebservices.com.cn"),
        // aws-us-gov: the regular endpoint is the FIPS one
        plain("us-gov-east-1", "https://dynamodb.us-gov-east-1.amazonaws.com"),
        flags("us-gov-east-1", true, false, "https://dynamodb.us-gov-east-1.amazonaws.com"),
        plain("us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com"),
        flags("us-gov-west-1", true, false, "https://dynamodb.us-gov-west-1.amazonaws.com"),
        flags("us-gov-east-1", true, true, "https://dynamodb-fips.us-gov-east-1.api.aws"),
        flags("us-gov-east-1", false, true, "https://dynamodb.us-gov-east-1.api.aws"),
        // aws-iso: FIPS yes, dual-stack no
        plain("us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov"),
        plain("us-iso-west-1", "https://dynamodb.us-iso-west-1.c2s.ic.gov"),
        refused("us-iso-east-1", true, true, "partition aws-iso does not offer them together"),
        flags("us-iso-east-1", true, false, "https://dynamodb-fips.us-iso-east-1.c2s.ic.gov"),
        refused("us-iso-east-1", false, true, "partition aws-iso has no dual-stack endpoints"),
        // aws-iso-b: likewise
        plain("us-isob-east-1", "https://dynamodb.us-isob-east-1.sc2s.sgov.gov"),
        refused("us-isob-east-1", true, true, "partition aws-iso-b does not offer them together"),
        flags("us-isob-east-1", true, false, "https://dynamodb-fips.us-isob-east-1.sc2s.sgov.gov"),
        refused("us-isob-east-1", false, true, "partition aws-iso-b has no dual-stack endpoints"),
        // custom endpoints win, and refuse FIPS and dual-stack
        custom("us-east-1", false, false, "", "https://example.com"),
        custom("", false, false, "", "https://example.com"),
        custom("us-east-1", true, false, "", "", "FIPS cannot be combined with a custom endpoint"),
        custom("us-east-1", false, true, "", "",
               "dual-stack cannot be combined with a custom endpoint"),
        custom("us-east-1", true, true, "111111111111", "",
               "FIPS cannot be combined with a custom endpoint"),
        custom("us-east-1", false, false, "111111111111", "https://example.com"),
        // no region
        refused("", false, false, "no region is set"),
        // account-ID endpoints: aws only, never with FIPS, with dual-stack under api.aws
        account("us-east-1", false, false, "111111111111", preferred,
                "https://111111111111.ddb.us-east-1.amazonaws.com"),
        account("us-east-1", false, true, "111111111111", preferred,
                "https://111111111111.ddb.us-east-1.api.aws"),
        account("us-east-1", true, false, "111111111111", preferred,
                "https://dynamodb-fips.us-east-1.amazonaws.com"),
        account("us-east-1", true, true, "111111111111", preferred,
                "https://dynamodb-fips.us-east-1.api.aws"),
        account("us-east-1", false, false, "111111111111", disabled,
                "https://dynamodb.us-east-1.amazonaws.com"),
        account("us-east-1", false, true, "111111111111", disabled,
                "https://dynamodb.us-east-1.api.aws"),
        account("us-east-1", false, false, "111111111111", required,
                "https://111111111111.ddb.us-east-1.amazonaws.com"),
        account("us-east-1", false, false, "", preferred,
                "https://dynamodb.us-east-1.amazonaws.com"),
        account("us-east-1", false, false, "", required, "", "no account ID is known"),
        account("us-east-1", false, true, "", required, "", "no account ID is known"),
        account("us-east-1", true, false, "111111111111", required, "",
                "FIPS is enabled and FIPS has no account-ID endpoints"),
        account("us-east-1", true, true, "111111111111", required, "",
                "FIPS is enabled and FIPS has no account-ID endpoints"),
        account("us-gov-east-1", true, false, "111111111111", required, "",
                "FIPS is enabled and FIPS has no account-ID endpoints"),
        account("cn-north-1", false, false, "111111111111", preferred,
                "https://dynamodb.cn-north-1.amazonaws.com.cn"),
        account("cn-north-1", false, false, "111111111111", required, "",
                "partition aws-cn has no account-ID endpoints"),
        account("us-gov-east-1", false, false, "111111111111", preferred,
                "https://dynamodb.us-gov-east-1.amazonaws.com"),
        account("us-iso-east-1", false, false, "111111111111", required, "",
                "partition aws-iso has no account-ID endpoints"),
        account("us-east-1", false, false, "111111111111.us-east-1", preferred, "",
                "is not a valid host name label"),
        account("local", false, false, "111111111111", required, "http://localhost:8000"),
        account("local", false, false, "", required, "http://localhost:8000"),
        account("local", false, true, "111111111111", required, "",
                "dual-stack cannot be combined with the local endpoint"),
        // regions no partition claims are aws
        plain("mars-east-1", "https://dynamodb.mars-east-1.amazonaws.com"),
        plain("aws-global", "https://dynamodb.aws-global.amazonaws.com"),
    };
    return table;
}

std::string describe(const Row& r) {
    std::string out =
        "region=" + r.region + (r.fips ? " fips" : "") + (r.dualstack ? " dualstack" : "");
    if (!r.endpoint.empty())
        out += " endpoint=" + r.endpoint;
    if (!r.account.empty())
        out += " account=" + r.account;
    out += " mode=" + std::string(dynaq::to_string(r.mode));
    return out;
}

} // namespace

TEST_CASE("endpoint rules: the SDKs' facts for every partition, FIPS, dual-stack and account IDs") {
    REQUIRE(rows().size() >= 60);
    for (const Row& r : rows()) {
        INFO(describe(r));
        EndpointParams p;
        p.region = r.region;
        p.use_fips = r.fips;
        p.use_dualstack = r.dualstack;
        p.endpoint = r.endpoint;
        p.account_id = r.account;
        p.account_id_endpoint_mode = r.mode;
        if (r.error.empty()) {
            const auto resolved = resolve_service_endpoint(p);
            CHECK(resolved.url == r.url);
            CHECK(resolved.account_id_endpoint == (r.url.find(".ddb.") != std::string::npos));
        } else {
            CHECK_THROWS_WITH(resolve_service_endpoint(p), Catch::Contains(r.error));
            CHECK_THROWS_AS(resolve_service_endpoint(p), ConfigError);
        }
    }
}

TEST_CASE("endpoint rules: region 'local' is signed for us-east-1, other regions for themselves") {
    EndpointParams p;
    p.region = "local";
    CHECK(resolve_service_endpoint(p).signing_region == "us-east-1");
    p.region = "eu-west-1";
    CHECK(resolve_service_endpoint(p).signing_region == "eu-west-1");
}

TEST_CASE("endpoint rules: a region that would change the URL's shape is refused") {
    for (const char* region : {"us-east-1.evil.com", "US-EAST-1", "us east 1", "a/b"}) {
        EndpointParams p;
        p.region = region;
        INFO(region);
        CHECK_THROWS_AS(resolve_service_endpoint(p), ConfigError);
    }
}

TEST_CASE("endpoint rules: the dual-stack URL is not accepted as a custom endpoint") {
    EndpointParams p;
    p.region = "us-east-1";
    p.endpoint = "https://dynamodb.us-east-1.api.aws";
    CHECK_THROWS_WITH(resolve_service_endpoint(p),
                      Catch::Contains("enable use_dualstack_endpoint"));
}

TEST_CASE("partitions: regions are claimed by their shape, the rest is aws") {
    using dynaq::detail::partition_of;
    CHECK(partition_of("us-gov-west-1").name == "aws-us-gov");
    CHECK(partition_of("us-iso-east-1").name == "aws-iso");
    CHECK(partition_of("us-isob-east-1").name == "aws-iso-b");
    CHECK(partition_of("cn-northwest-1").name == "aws-cn");
    CHECK(partition_of("aws-cn-global").name == "aws-cn");
    CHECK(partition_of("il-central-1").name == "aws");
    CHECK(partition_of("us-isob-east").name == "aws"); // no number: not the iso-b shape
    CHECK(partition_of("cn-north-1-x").name == "aws");
    CHECK(partition_of("").name == "aws");
}

TEST_CASE("account ID endpoint mode: parsed from text, errors name the setting") {
    using dynaq::parse_account_id_endpoint_mode;
    CHECK(parse_account_id_endpoint_mode("Required", "X") == required);
    CHECK(parse_account_id_endpoint_mode("disabled", "X") == disabled);
    CHECK(parse_account_id_endpoint_mode("preferred", "X") == preferred);
    CHECK_THROWS_WITH(parse_account_id_endpoint_mode("always", "AWS_ACCOUNT_ID_ENDPOINT_MODE"),
                      Catch::Contains("AWS_ACCOUNT_ID_ENDPOINT_MODE is 'always'"));
}

TEST_CASE("ClientConfig::resolved_endpoint: the config's fields feed the rules") {
    dynaq::ClientConfig cfg;
    cfg.region = "eu-west-1";
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb.eu-west-1.amazonaws.com");
    cfg.use_dualstack_endpoint = true;
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb.eu-west-1.api.aws");
    cfg.account_id = "123456789012";
    CHECK(cfg.resolved_endpoint().url == "https://123456789012.ddb.eu-west-1.api.aws");
    cfg.account_id_endpoint_mode = disabled;
    cfg.use_fips_endpoint = true;
    CHECK(cfg.resolved_endpoint().url == "https://dynamodb-fips.eu-west-1.api.aws");
    cfg.endpoint = "http://127.0.0.1:8000";
    CHECK_THROWS_AS(cfg.resolved_endpoint(), ConfigError);
}

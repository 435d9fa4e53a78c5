// The JSON credential documents and their ISO 8601 times.
#include "credentials_document.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

using namespace dynaq;
using detail::parse_credentials_document;
using detail::parse_iso8601;

namespace {

std::string error_of(std::string_view json, detail::CredentialsDocumentRules rules = {}) {
    try {
        (void)parse_credentials_document(json, "the test source", rules);
    } catch (const CredentialsError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("ISO 8601 times") {
    using namespace std::chrono;
    const auto base = sys_days(2024y / 1 / 2) + 3h + 4min + 5s;
    CHECK(parse_iso8601("2024-01-02T03:04:05Z") == base);
    CHECK(to_iso8601(base + 999ms) == "2024-01-02T03:04:05Z");
    CHECK(parse_iso8601(to_iso8601(base)) == base);
    CHECK(parse_iso8601("2024-01-02T03:04:05.250Z") == base + 250ms);
    CHECK(parse_iso8601("2024-01-02T05:04:05+02:00") == base);
    CHECK(parse_iso8601("2024-01-02T01:34:05-01:30") == base);
    for (const char* bad :
         {"", "2024-01-02", "2024-01-02T03:04:05", "2024-13-02T03:04:05Z", "2024-02-30T03:04:05Z",
          "2024-01-02T24:04:05Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05Zjunk",
          "20240102T030405Z", "2024-01-02T03:04:05+2"})
        CHECK_FALSE(parse_iso8601(bad).has_value());
}

TEST_CASE("credential documents: the fields") {
    const Credentials c = parse_credentials_document(
        R"({"AccessKeyId":"ASIAX","SecretAccessKey":"s","Token":"t",)"
        R"("Expiration":"2024-01-02T03:04:05Z","AccountId":"123456789012"})",
        "src");
    CHECK(c.access_key_id == "ASIAX");
    CHECK(c.secret_access_key == "s");
    CHECK(c.session_token == "t");
    CHECK(c.account_id == "123456789012");
    CHECK(c.expiration == parse_iso8601("2024-01-02T03:04:05Z"));
    // credential_process says SessionToken, and may leave the expiration out.
    const Credentials p = parse_credentials_document(
        R"({"Version":1,"AccessKeyId":"AKIA","SecretAccessKey":"s","SessionToken":"st"})", "src",
        {.expiration_required = false, .version_1_required = true});
    CHECK(p.session_token == "st");
    CHECK_FALSE(p.expiration.has_value());
}

TEST_CASE("credential documents: garbage is a CredentialsError without the secret") {
    CHECK(error_of("") == "the test source answered with something that is not a JSON object");
    CHECK(error_of(R"({"AccessKeyId": "ASIA, "SecretAccessKey":"TOPSECRET)") ==
          "the test source answered with something that is not a JSON object");
    CHECK(error_of("[1,2]") == "the test source answered with something that is not a JSON "
                               "object");
    CHECK(error_of(R"({"SecretAccessKey":"TOPSECRET","Expiration":"2024-01-02T03:04:05Z"})") ==
          "the test source answered without AccessKeyId");
    CHECK(error_of(R"({"AccessKeyId":"A","SecretAccessKey":7})") ==
          "the test source answered with a SecretAccessKey that is not a string");
    CHECK(error_of(R"({"AccessKeyId":"A","SecretAccessKey":"TOPSECRET"})") ==
          "the test source answered without Expiration");
    CHECK(error_of(R"({"AccessKeyId":"A","SecretAccessKey":"TOPSECRET","Expiration":"soon"})") ==
          "the test source answered with an Expiration that is not an ISO 8601 time: 'soon'");
    CHECK(error_of(R"({"AccessKeyId":"","SecretAccessKey":"TOPSECRET",)"
                   R"("Expiration":"2024-01-02T03:04:05Z"})") ==
          "the test source answered with an empty key");
    CHECK(error_of(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"TOPSECRET"})",
                   {.expiration_required = false, .version_1_required = true}) ==
          "the test source answered without \"Version\": 1 (the only version defined)");
}

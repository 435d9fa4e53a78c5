#include "key_cache.hpp"

#include "sigv4/crypto.hpp"
#include <dynaq/error.hpp>
#include <dynaq/sigv4.hpp>

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

using namespace dynaq;
using namespace std::chrono;

namespace {

constexpr std::string_view example_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

Credentials example_credentials(std::string token = {}) {
    return {"AKIDEXAMPLE", std::string(example_secret), std::move(token), std::nullopt};
}

system_clock::time_point at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
    return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

// A DynamoDB GetItem as the transport signs it.
struct GetItem {
    std::string body = R"({"TableName":"users","Key":{"pk":{"S":"p"}}})";
    std::vector<HttpHeader> headers{{"Host", "dynamodb.eu-west-1.amazonaws.com"},
                                    {"Content-Type", "application/x-amz-json-1.0"},
                                    {"X-Amz-Target", "DynamoDB_20120810.GetItem"}};
    [[nodiscard]] RequestToSign request() const {
        RequestToSign r;
        r.headers = headers;
        r.payload = body;
        return r;
    }
};

std::string signature_of(const SignedHeaders& h) {
    return h.authorization.substr(h.authorization.rfind('=') + 1);
}

} // namespace

// The expected values in the next two tests were computed with a separate, minimal SigV4
// implementation on Python's hashlib/hmac, as a cross-check beyond the AWS suite.
TEST_CASE("a DynamoDB request with session token and content hash") {
    const Signer signer(SignerOptions{"eu-west-1", "dynamodb", true});
    const GetItem get_item;
    SigningDetails details;
    const auto h = signer.sign(get_item.request(), example_credentials("FQoGZXIvYXdzE//token+/="),
                               at(2024, 2, 29, 23, 59, 59), details);
    const std::string body_hash =
        "9f633d289b8c49e839b44ebc909262eb79fb2f98e388ffb0c6841d83429235b1";
    CHECK(details.canonical_request == "POST\n/\n\n"
                                       "content-type:application/x-amz-json-1.0\n"
                                       "host:dynamodb.eu-west-1.amazonaws.com\n"
                                       "x-amz-content-sha256:" +
                                           body_hash +
                                           "\n"
                                           "x-amz-date:20240229T235959Z\n"
                                           "x-amz-security-token:FQoGZXIvYXdzE//token+/=\n"
                                           "x-amz-target:DynamoDB_20120810.GetItem\n\n"
                                           "content-type;host;x-amz-content-sha256;x-amz-date;x-"
                                           "amz-security-token;x-amz-target\n" +
                                           body_hash);
    CHECK(details.string_to_sign ==
          "AWS4-HMAC-SHA256\n20240229T235959Z\n20240229/eu-west-1/dynamodb/aws4_request\n"
          "63110b03b66c37e87e2be67aac87225054e348450bfb8070d27340afefcc3b7c");
    CHECK(details.signed_headers ==
          "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target");
    CHECK(
        h.authorization ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240229/eu-west-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;"
        "x-amz-target, Signature=0f9c652331f140ec6c9b899da879c09b145ac4201cd06245ffed57a4cafd7389");
    CHECK(h.amz_date == "20240229T235959Z");
    CHECK(h.security_token == "FQoGZXIvYXdzE//token+/=");
    CHECK(h.content_sha256 == body_hash);
}

TEST_CASE("unicode and reserved characters in path and query, blank runs in a header") {
    const Signer signer(SignerOptions{"us-east-1", "service"});
    const std::vector<HttpHeader> headers{{"Host", "example.amazonaws.com"},
                                          {"X-Multi", "  a   b  "}};
    RequestToSign request;
    request.method = "GET";
    request.path = "/documents and settings/caf%C3%A9/\xE2\x9C\x93";
    request.query = "x=%E2%9C%93&q=a b&r=!*'()&empty";
    request.headers = headers;
    request.payload = "";
    SigningDetails details;
    const auto h = signer.sign(request, example_credentials(), at(2015, 8, 30, 12, 36), details);
    CHECK(details.canonical_request ==
          "GET\n"
          "/documents%20and%20settings/caf%25C3%25A9/%E2%9C%93\n"
          "empty=&q=a%20b&r=%21%2A%27%28%29&x=%E2%9C%93\n"
          "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-multi:a b\n\n"
          "host;x-amz-date;x-multi\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(details.string_to_sign ==
          "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
          "7646a43298461509e4d48cad7444f1bfe184ed4658061ef6cd21fc5a7de91034");
    CHECK(h.authorization ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date;x-multi, "
          "Signature=415cb3732901467b0798ead82b5e0d98ca3875d77d1114635475decee204496a");
}

TEST_CASE("an empty body hashes as the empty string") {
    const Signer signer(SignerOptions{"us-east-1", "dynamodb", true});
    GetItem get_item;
    get_item.body.clear();
    SigningDetails details;
    const auto h = signer.sign(get_item.request(), example_credentials(), at(2020, 1, 1), details);
    const std::string empty_hash =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    CHECK(details.canonical_request.ends_with("\n" + empty_hash));
    CHECK(h.content_sha256 == empty_hash);
}

TEST_CASE("the session token is signed and returned only when there is one") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    SigningDetails with, without;
    const auto a =
        signer.sign(get_item.request(), example_credentials("TOKEN"), at(2020, 1, 1), with);
    const auto b = signer.sign(get_item.request(), example_credentials(), at(2020, 1, 1), without);
    CHECK(a.security_token == "TOKEN");
    CHECK(with.signed_headers == "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
    CHECK(with.canonical_request.find("\nx-amz-security-token:TOKEN\n") != std::string::npos);
    CHECK(b.security_token.empty());
    CHECK(without.signed_headers == "content-type;host;x-amz-date;x-amz-target");
    CHECK(signature_of(a) != signature_of(b));
}

TEST_CASE("both sign overloads agree, and signing is deterministic") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    SigningDetails details;
    const auto a = signer.sign(get_item.request(), example_credentials(), at(2021, 6, 1, 8));
    const auto b =
        signer.sign(get_item.request(), example_credentials(), at(2021, 6, 1, 8), details);
    CHECK(a.authorization == b.authorization);
    CHECK(a.amz_date == b.amz_date);
    // Sub-second precision is truncated, not rounded.
    const auto c = signer.sign(get_item.request(), example_credentials(),
                               at(2021, 6, 1, 8) + milliseconds{999});
    CHECK(c.authorization == a.authorization);
    CHECK(c.amz_date == "20210601T080000Z");
}

TEST_CASE("sign_into a reused SignedHeaders equals sign, leaving nothing of the previous one") {
    const Signer hashing(SignerOptions{"eu-west-1", "dynamodb", true});
    const Signer plain(SignerOptions{"eu-west-1"});
    const GetItem get_item;
    SignedHeaders reused;
    // With token and content hash, then without either: the second must not keep the first's.
    hashing.sign_into(get_item.request(), example_credentials("token-1"), at(2022, 3, 4, 5),
                      reused);
    const auto first =
        hashing.sign(get_item.request(), example_credentials("token-1"), at(2022, 3, 4, 5));
    CHECK(reused.authorization == first.authorization);
    CHECK(reused.amz_date == first.amz_date);
    CHECK(reused.security_token == "token-1");
    CHECK(reused.content_sha256 == first.content_sha256);
    CHECK_FALSE(reused.content_sha256.empty());

    plain.sign_into(get_item.request(), example_credentials(), at(2023, 1, 2, 3), reused);
    const auto second = plain.sign(get_item.request(), example_credentials(), at(2023, 1, 2, 3));
    CHECK(reused.authorization == second.authorization);
    CHECK(reused.amz_date == "20230102T030000Z");
    CHECK(reused.security_token.empty());
    CHECK(reused.content_sha256.empty());
}

TEST_CASE("the signing key derivation matches the AWS documentation example") {
    // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
    CHECK(detail::to_hex(
              detail::derive_signing_key(example_secret, "20150830", "us-east-1", "iam")) ==
          "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    CHECK(detail::to_hex(
              detail::derive_signing_key(example_secret, "20120215", "us-east-1", "iam")) ==
          "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("the key cache derives once per secret and day") {
    detail::SigningKeyCache cache("us-east-1", "iam");
    const auto day1 = cache.key_for(example_secret, "20150830");
    CHECK(detail::to_hex(day1) ==
          "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    CHECK(cache.derivations() == 1);
    CHECK(cache.key_for(example_secret, "20150830") == day1);
    CHECK(cache.derivations() == 1);

    const auto day2 = cache.key_for(example_secret, "20150831");
    CHECK(day2 != day1);
    CHECK(day2 == detail::derive_signing_key(example_secret, "20150831", "us-east-1", "iam"));
    CHECK(cache.derivations() == 2);
    CHECK(cache.key_for(example_secret, "20150830") == day1); // yesterday's is still there
    CHECK(cache.derivations() == 2);

    const auto rotated = cache.key_for("another-secret", "20150831");
    CHECK(rotated == detail::derive_signing_key("another-secret", "20150831", "us-east-1", "iam"));
    CHECK(cache.derivations() == 3);
}

TEST_CASE("the key cache replaces the least recently used entry") {
    detail::SigningKeyCache cache("us-east-1", "dynamodb");
    static_assert(detail::SigningKeyCache::capacity == 4);
    for (const char* date : {"20200101", "20200102", "20200103", "20200104"})
        (void)cache.key_for("s", date);
    CHECK(cache.derivations() == 4);
    (void)cache.key_for("s", "20200101"); // now the most recently used
    (void)cache.key_for("s", "20200105"); // evicts 20200102
    CHECK(cache.derivations() == 5);
    (void)cache.key_for("s", "20200101");
    CHECK(cache.derivations() == 5);
    CHECK(cache.key_for("s", "20200102") ==
          detail::derive_signing_key("s", "20200102", "us-east-1", "dynamodb"));
    CHECK(cache.derivations() == 6);
}

TEST_CASE("signing across a date change uses the new day's key and scope") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    auto fresh = [&](system_clock::time_point t) { // a signer with an empty cache
        return Signer(SignerOptions{"us-east-1"})
            .sign(get_item.request(), example_credentials(), t)
            .authorization;
    };
    const std::vector<system_clock::time_point> times{
        at(2023, 12, 31, 10),    at(2023, 12, 31, 23, 59, 59), at(2024, 1, 1),
        at(2024, 1, 1, 0, 0, 1), at(2023, 12, 31, 12),         at(2024, 1, 1, 5),
    };
    for (const auto t : times)
        CHECK(signer.sign(get_item.request(), example_credentials(), t).authorization == fresh(t));
    const auto before = signer.sign(get_item.request(), example_credentials(), times[1]);
    const auto after = signer.sign(get_item.request(), example_credentials(), times[2]);
    CHECK(before.authorization.find("/20231231/us-east-1/dynamodb/aws4_request") !=
          std::string::npos);
    CHECK(after.authorization.find("/20240101/us-east-1/dynamodb/aws4_request") !=
          std::string::npos);
    CHECK(after.amz_date == "20240101T000000Z");
}

TEST_CASE("credentials rotating under one signer") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    Credentials rotated{"AKIDROTATED", "a-different-secret", {}, std::nullopt};
    const auto t = at(2022, 3, 4, 5, 6, 7);
    const auto a = signer.sign(get_item.request(), example_credentials(), t);
    const auto b = signer.sign(get_item.request(), rotated, t);
    const auto c = signer.sign(get_item.request(), example_credentials(), t);
    CHECK(a.authorization == c.authorization);
    CHECK(b.authorization ==
          Signer(SignerOptions{"us-east-1"}).sign(get_item.request(), rotated, t).authorization);
    CHECK(b.authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDROTATED/20220304/"));
}

TEST_CASE("copies and moved-from signers still sign correctly") {
    Signer original(SignerOptions{"us-east-1"});
    const GetItem get_item;
    const auto t = at(2022, 1, 1);
    const auto expected = original.sign(get_item.request(), example_credentials(), t).authorization;
    const Signer copy = original; // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(copy.sign(get_item.request(), example_credentials(), t).authorization == expected);
    const Signer moved = std::move(original);
    CHECK(moved.sign(get_item.request(), example_credentials(), t).authorization == expected);
    // NOLINTNEXTLINE(bugprone-use-after-move): a moved-from signer must stay usable
    CHECK(original.sign(get_item.request(), example_credentials(), t).authorization == expected);
    CHECK(moved.options().region == "us-east-1");
    Signer assigned(SignerOptions{"eu-west-1"});
    assigned = copy;
    CHECK(assigned.sign(get_item.request(), example_credentials(), t).authorization == expected);
}

TEST_CASE("S3 rules: the path is signed as sent and the content hash is a signed header") {
    const Signer signer(SignerOptions{"us-east-1", "s3", true, false});
    const std::vector<HttpHeader> headers{{"host", "bucket.s3.amazonaws.com"}};
    RequestToSign request;
    request.method = "GET";
    request.path = "/my%20key/./x";
    request.headers = headers;
    SigningDetails details;
    const auto h = signer.sign(request, example_credentials(), at(2022, 1, 1), details);
    CHECK(details.canonical_request.starts_with("GET\n/my%20key/./x\n\n"));
    CHECK(details.signed_headers == "host;x-amz-content-sha256;x-amz-date");
    CHECK(h.content_sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a caller's x-amz-content-sha256 is an ordinary header unless the signer adds it") {
    const std::vector<HttpHeader> headers{{"host", "h"}, {"x-amz-content-sha256", "UNSIGNED"}};
    RequestToSign request;
    request.headers = headers;
    SigningDetails details;
    (void)Signer(SignerOptions{"us-east-1"})
        .sign(request, example_credentials(), at(2022, 1, 1), details);
    CHECK(details.signed_headers == "host;x-amz-content-sha256;x-amz-date");
    CHECK_THROWS_AS(Signer(SignerOptions{"us-east-1", "s3", true})
                        .sign(request, example_credentials(), at(2022, 1, 1)),
                    InvalidArgumentError);
}

TEST_CASE("signer options are checked at construction") {
    CHECK_THROWS_AS(Signer(SignerOptions{}), ConfigError);
    CHECK_THROWS_WITH(Signer(SignerOptions{}), Catch::Contains("region"));
    CHECK_THROWS_AS(Signer(SignerOptions{"us-east-1", ""}), ConfigError);
    CHECK_THROWS_AS(Signer(SignerOptions{"us-east-1/x"}), ConfigError);
    CHECK_THROWS_AS(Signer(SignerOptions{"us east 1"}), ConfigError);
    CHECK_NOTHROW(Signer(SignerOptions{"eu-central-1", "dynamodb"}));
}

TEST_CASE("requests that cannot be signed are refused") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    const auto t = at(2022, 1, 1);
    CHECK_THROWS_AS(signer.sign(get_item.request(), Credentials{}, t), InvalidArgumentError);
    CHECK_THROWS_AS(signer.sign(get_item.request(), Credentials{"AKID", "", {}, {}}, t),
                    InvalidArgumentError);
    CHECK_THROWS_AS(signer.sign(get_item.request(), example_credentials("tok\r\nx: y"), t),
                    InvalidArgumentError);

    RequestToSign bad_path = get_item.request();
    bad_path.path = "relative";
    CHECK_THROWS_AS(signer.sign(bad_path, example_credentials(), t), InvalidArgumentError);
    RequestToSign bad_method = get_item.request();
    bad_method.method = "GET /x";
    CHECK_THROWS_AS(signer.sign(bad_method, example_credentials(), t), InvalidArgumentError);
    bad_method.method = "";
    CHECK_THROWS_AS(signer.sign(bad_method, example_credentials(), t), InvalidArgumentError);

    const std::vector<HttpHeader> with_token{{"host", "h"}, {"X-Amz-Security-Token", "t"}};
    RequestToSign own_header = get_item.request();
    own_header.headers = with_token;
    CHECK_THROWS_AS(signer.sign(own_header, example_credentials("t"), t), InvalidArgumentError);
}

TEST_CASE("dates before 1970 and around leap days format correctly") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    CHECK(signer.sign(get_item.request(), example_credentials(), at(1969, 12, 31, 23, 59, 59))
              .amz_date == "19691231T235959Z");
    CHECK(
        signer.sign(get_item.request(), example_credentials(), at(2000, 2, 29, 1, 2, 3)).amz_date ==
        "20000229T010203Z");
    CHECK(signer.sign(get_item.request(), example_credentials(), at(2100, 3, 1)).amz_date ==
          "21000301T000000Z");
}

TEST_CASE("an empty path is signed as '/'") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    RequestToSign empty_path = get_item.request();
    empty_path.path = "";
    const auto t = at(2022, 1, 1);
    CHECK(signer.sign(empty_path, example_credentials(), t).authorization ==
          signer.sign(get_item.request(), example_credentials(), t).authorization);
}

TEST_CASE("one signer used from several threads at once") {
    const Signer signer(SignerOptions{"us-east-1"});
    const GetItem get_item;
    const std::vector<Credentials> identities{
        example_credentials(), example_credentials("TOKEN"),
        Credentials{"AKID2", "second-secret", {}, std::nullopt}};
    const std::vector<system_clock::time_point> times{at(2024, 5, 1, 23, 59, 59), at(2024, 5, 2),
                                                      at(2024, 5, 3, 12)};
    // Expected values from independent signers, each with its own cache.
    std::vector<std::string> expected;
    for (const auto& c : identities) {
        for (const auto t : times)
            expected.push_back(
                Signer(SignerOptions{"us-east-1"}).sign(get_item.request(), c, t).authorization);
    }
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t n = 0; n < mismatches.size(); ++n) {
        threads.emplace_back([&, n] {
            for (std::size_t i = 0; i < 300; ++i) {
                const std::size_t k = (i * 7 + n) % expected.size();
                const auto h = signer.sign(get_item.request(), identities[k / times.size()],
                                           times[k % times.size()]);
                if (h.authorization != expected[k])
                    ++mismatches[n];
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    for (const int m : mismatches)
        CHECK(m == 0);
}

#include "benchmarks.hpp"
#include "fixtures.hpp"

#include "client/operation_codec.hpp"
#include <dynaq/sigv4.hpp>

#include <chrono>

namespace dynaq::bench {

Result sign_1k(const Options& options) {
    const PutItemRequest put = sample_put(1024);
    std::string body;
    detail::encode(put, body);

    // What lib/http/attempt.cpp (write_head) signs: these three headers, the body as payload,
    // the clock read per request. The credentials are fetched once: the provider's cost is
    // the roundtrip benchmarks' business, this one measures the signer.
    const Signer signer(SignerOptions{"us-east-1", "dynamodb", false});
    const Credentials credentials = sample_credentials();
    const HttpHeader headers[] = {
        {"host", "dynamodb.us-east-1.amazonaws.com"},
        {"content-type", "application/x-amz-json-1.0"},
        {"x-amz-target", "DynamoDB_20120810.PutItem"},
    };
    RequestToSign request;
    request.headers = headers;
    request.payload = body;

    // Into one reused SignedHeaders, as write_head signs.
    SignedHeaders signature;
    Result r = measure("sign_1k", options, body.size(), [&] {
        signer.sign_into(request, credentials, std::chrono::system_clock::now(), signature);
        do_not_optimize(signature);
    });
    r.note = std::to_string(body.size()) + " B body; MB/s counts the body";
    return r;
}

} // namespace dynaq::bench

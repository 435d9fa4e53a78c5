// The null server's own cost per GetItem, to show it outruns the client: everything it does
// per request except the two system calls.
#include "benchmarks.hpp"
#include "canned_bodies.hpp"
#include "request_head.hpp"
#include "responder.hpp"
#include "response_head.hpp"

#include <string>
#include <string_view>

namespace dynaq::bench {

Result sink_get_item(const Options& options) {
    const std::string body = R"({"TableName":"bench","Key":{"pk":{"S":"user#100000"},)"
                             R"("sk":{"S":"profile#main"}}})";
    // The head dynaq's transport sends (lib/http/attempt.cpp), with a real-length signature.
    const std::string head =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:40000\r\n"
        "Content-Type: application/x-amz-json-1.0\r\n"
        "X-Amz-Target: DynamoDB_20120810.GetItem\r\n"
        "X-Amz-Date: 20251125T010300Z\r\n"
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20251125/us-east-1/"
        "dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n"
        "User-Agent: dynaq/0.1.0\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n";
    const std::string request = head + body;

    const CannedBodies canned(1024, 100);
    Responder responder(canned);
    ResponseHeadWriter heads(0);
    std::string head_out;
    std::string body_out;

    Result r = measure("sink_get_item", options, 0, [&] {
        const std::string_view data = request;
        const std::size_t head_end = find_head_end(data, 0);
        const RequestHead parsed = parse_request_head(data.substr(0, head_end));
        const Reply reply = responder.respond(
            parsed.operation, data.substr(head_end, parsed.content_length), body_out);
        heads.write(head_out, reply.status, reply.body.size(), reply.crc32,
                    ConnectionField::omitted);
        do_not_optimize(reply);
        do_not_optimize(head_out.data());
    });
    r.note = "parse + respond + head, no I/O; " + std::to_string(body_out.size()) + " B answer";
    return r;
}

} // namespace dynaq::bench

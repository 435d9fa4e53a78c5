#include "benchmarks.hpp"
#include "canned_bodies.hpp"
#include "fixtures.hpp"

#include "client/operation_codec.hpp"
#include "codec/json.hpp"
#include "codec/json_padding.hpp"
#include "http/http_crc32.hpp"

namespace dynaq::bench {

Result encode_put_1k(const Options& options) {
    const PutItemRequest put = sample_put(1024);
    // Reused, as the Client reuses its body buffers: steady state appends into capacity.
    std::string body;
    detail::encode(put, body);
    const std::size_t size = body.size();

    Result r = measure("encode_put_1k", options, size, [&] {
        body.clear();
        detail::encode(put, body);
        do_not_optimize(body.data());
    });
    r.note = std::to_string(size) + " B body, " + std::to_string(put.item.size()) + " attributes";
    return r;
}

// Decodes as Client::Impl::execute does: the body is handed over (here a copy into a buffer
// with the parse padding the transport's reader reserves: one allocation and a memcpy of the
// body counted in), then parsed in place into the response.
template <class Response>
Result decode_body(std::string name, const Options& options, const std::string& body) {
    return measure(std::move(name), options, body.size(), [&] {
        std::string received;
        received.reserve(body.size() + detail::json_parse_padding);
        received = body;
        Response out;
        detail::decode_body(std::move(received), out);
        do_not_optimize(out);
    });
}

Result decode_query_1mb(const Options& options) {
    const std::string page = query_page(1000, 1024);
    Result r = decode_body<QueryResponse>("decode_query_1mb", options, page);
    r.note = std::to_string(page.size()) + " B page, 1000 items";
    return r;
}

Result decode_get_1k(const Options& options) {
    std::string body = R"({"Item":{"pk":{"S":"user#000042"},"sk":{"S":"profile#main"},)";
    body += CannedBodies(1024, 0).filler;
    body += "}}";
    Result r = decode_body<GetItemResponse>("decode_get_1k", options, body);
    r.note = std::to_string(body.size()) + " B body (the null server's GetItem answer)";
    return r;
}

Result crc32_1mb(const Options& options) {
    const std::string page = query_page(1000, 1024);
    Result r =
        measure("crc32_1mb", options, page.size(), [&] { do_not_optimize(detail::crc32(page)); });
    r.note = "x-amz-crc32 of a 1 MB page, as the transport checks it";
    return r;
}

Result crc32_1mb_tables(const Options& options) {
    const std::string page = query_page(1000, 1024);
    Result r = measure("crc32_1mb_tables", options, page.size(),
                       [&] { do_not_optimize(detail::crc32_portable(page)); });
    r.note = "the same with slicing-by-8 tables only (CPUs without PCLMULQDQ)";
    return r;
}

} // namespace dynaq::bench

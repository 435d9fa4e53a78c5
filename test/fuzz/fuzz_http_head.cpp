// libFuzzer target for the HTTP/1.1 response parser (status line, headers, content-length and
// chunked bodies; x-amzn-RequestId and x-amz-crc32 picked out). Whatever the peer sends, the
// parser ends in an error or a complete response, never a crash; and the answer does not
// depend on how the bytes were split across reads: the input fed at once and fed in three
// pieces (split where its first two bytes say) gives the same status, body, request id and
// checksum, or fails in both.
#include "http/http_response_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Names the broken invariant before the abort that libFuzzer reports.
void require_at(bool ok, const char* what, int line) {
    if (!ok) {
        std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, line, what);
        std::abort();
    }
}
#define require(...) require_at((__VA_ARGS__), #__VA_ARGS__, __LINE__)

constexpr std::uint64_t body_limit = 1 << 16;

struct Outcome {
    bool complete = false;
    int status = 0;
    std::string body;
    std::string request_id;
    std::optional<std::uint32_t> crc32;
    bool crc32_malformed = false;
    bool keep_alive = false;
};

// Feeds `pieces` as successive reads, as the transport does: bytes the parser did not take
// (an incomplete header) wait for the next read; the end of input is the peer closing.
Outcome parse(const std::vector<std::string_view>& pieces) {
    Outcome out;
    dynaq::detail::ResponseParser parser(out.body, body_limit);
    boost::beast::error_code ec;
    std::string pending;
    for (const std::string_view piece : pieces) {
        // After need_more the transport reads before it calls put() again: never the same
        // bytes twice (Beast asserts on that for some inputs, e.g. a final chunk "0\n\r\n").
        if (piece.empty())
            continue;
        pending.append(piece);
        while (!pending.empty() && !parser.is_done()) {
            const std::size_t used =
                parser.put(boost::asio::buffer(pending.data(), pending.size()), ec);
            pending.erase(0, used);
            if (ec == boost::beast::http::error::need_more) {
                ec = {};
                break;
            }
            if (ec)
                return Outcome{};
            if (used == 0)
                break;
        }
        if (parser.is_done())
            break;
    }
    if (!parser.is_done()) {
        // Closed before a byte: the transport's "connection closed" (put_eof wants some).
        if (!parser.got_some())
            return Outcome{};
        parser.put_eof(ec);
        if (ec || !parser.is_done())
            return Outcome{};
    }
    out.complete = true;
    out.status = parser.status();
    out.request_id = parser.request_id();
    out.crc32 = parser.crc32();
    out.crc32_malformed = parser.crc32_malformed();
    out.keep_alive = parser.keep_alive();
    require(out.status >= 100 && out.status <= 999);
    require(out.body.size() <= body_limit);
    require(!(out.crc32 && out.crc32_malformed));
    return out;
}

bool same(const Outcome& a, const Outcome& b) {
    return a.complete == b.complete && a.status == b.status && a.body == b.body &&
           a.request_id == b.request_id && a.crc32 == b.crc32 &&
           a.crc32_malformed == b.crc32_malformed && a.keep_alive == b.keep_alive;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::size_t a = std::min<std::size_t>(data[0], text.size());
    const std::size_t b = std::min<std::size_t>(a + data[1], text.size());
    const Outcome whole = parse({text});
    const Outcome split = parse({text.substr(0, a), text.substr(a, b - a), text.substr(b)});
    require(same(whole, split));
    return 0;
}

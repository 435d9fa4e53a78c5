// libFuzzer target for SigV4 canonicalisation, which sees whatever path, query and headers a
// caller builds: URI encoding decodes back to its input and uses only unreserved characters
// and uppercase escapes; the canonical query is a fixed point (canonicalising it again changes
// nothing); trimming leaves no outer or doubled blanks; canonical paths start with '/'; bad
// headers are InvalidArgumentErrors, nothing else.
#include "../../lib/sigv4/canonical.hpp"

#include <dynaq/error.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace dynaq::detail;

void require(bool ok) {
    if (!ok)
        std::abort();
}

bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hex(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1; // lowercase is not canonical
}

void check_uri_encoding(const std::string& text) {
    std::string out;
    append_uri_encoded(out, text);
    std::string decoded;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] != '%') {
            require(unreserved(out[i]));
            decoded += out[i];
            continue;
        }
        require(i + 2 < out.size() && hex(out[i + 1]) >= 0 && hex(out[i + 2]) >= 0);
        decoded += static_cast<char>(hex(out[i + 1]) * 16 + hex(out[i + 2]));
        i += 2;
    }
    require(decoded == text);
}

void check_query(const std::string& query) {
    std::string once;
    append_canonical_query(once, query);
    std::string twice;
    append_canonical_query(twice, once);
    require(once == twice);
}

void check_trimmed(const std::string& value) {
    std::string out;
    append_trimmed(out, value);
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    if (!out.empty())
        require(!blank(out.front()) && !blank(out.back()));
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
        require(!(blank(out[i]) && blank(out[i + 1])) && out[i] != '\t');
}

void check_path(const std::string& path, bool double_encode) {
    std::string out;
    append_canonical_path(out, "/" + path, double_encode);
    require(!out.empty() && out.front() == '/');
}

void check_headers(FuzzedDataProvider& in) {
    std::vector<std::string> texts;
    const auto n = in.ConsumeIntegralInRange<int>(0, 6);
    for (int i = 0; i < 2 * n; ++i)
        texts.push_back(in.ConsumeRandomLengthString(24));
    std::vector<dynaq::HttpHeader> headers;
    for (int i = 0; i < n; ++i)
        headers.push_back({texts[2 * i], texts[2 * i + 1]});
    if (in.ConsumeBool())
        headers.push_back({"Host", "example.com"});
    const std::vector<dynaq::HttpHeader> own{{"x-amz-date", "20150830T123600Z"}};
    std::string out;
    std::string signed_headers;
    HeaderScratch scratch;
    try {
        append_canonical_headers(out, signed_headers, headers, own, scratch);
    } catch (const dynaq::InvalidArgumentError&) {
        return;
    }
    require(signed_headers.find("host") != std::string::npos);
    require(!out.empty() && out.back() == '\n');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    check_uri_encoding(in.ConsumeRandomLengthString(64));
    check_query(in.ConsumeRandomLengthString(128));
    check_trimmed(in.ConsumeRandomLengthString(64));
    check_path(in.ConsumeRandomLengthString(64), in.ConsumeBool());
    check_headers(in);
    return 0;
}

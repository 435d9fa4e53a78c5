#pragma once
// Helpers for the codec tests: compare encoder output with expected JSON as DOMs (member order
// is free in JSON, so the text may differ), and decode a response body.
#include "client/operation_codec.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace dynaq_test {

inline rapidjson::Document parse_json(std::string_view text) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    INFO("JSON: " << text);
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
}

template <class Request>
std::string encode(const Request& request) {
    std::string out;
    dynaq::detail::encode(request, out);
    return out;
}

template <class Request>
void require_encodes_to(const Request& request, std::string_view expected) {
    const std::string actual = encode(request);
    INFO("actual:   " << actual);
    INFO("expected: " << expected);
    REQUIRE(parse_json(actual) == parse_json(expected));
}

template <class Response>
Response decode(std::string_view body) {
    const dynaq::detail::JsonDocument doc(body);
    Response out;
    dynaq::detail::decode(doc.root(), out);
    return out;
}

} // namespace dynaq_test

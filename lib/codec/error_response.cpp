#include "codec/error_response.hpp"
#include "codec/json.hpp"

namespace dynaq::detail {

namespace {

// "com.amazonaws.dynamodb.v20120810#ThrottlingException" -> "ThrottlingException". Also
// accepts a bare code, and drops a ":<uri>" suffix as the AWS JSON protocol allows.
std::string code_from_type(std::string_view type) {
    if (const auto hash = type.rfind('#'); hash != std::string_view::npos)
        type.remove_prefix(hash + 1);
    if (const auto colon = type.find(':'); colon != std::string_view::npos)
        type = type.substr(0, colon);
    while (!type.empty() && type.front() == ' ')
        type.remove_prefix(1);
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    return std::string(type);
}

std::string string_member(const JsonValue& obj, std::string_view name) {
    const JsonValue* v = find_member(obj, name);
    return v && v->IsString() ? std::string(string_view_of(*v)) : std::string();
}

// Some services spell it "message", others "Message".
std::string message_member(const JsonValue& obj) {
    std::string m = string_member(obj, "message");
    return m.empty() ? string_member(obj, "Message") : m;
}

// The start of a body that is not an error document (an HTML page from a proxy, plain
// text), made safe for a log line: printable ASCII only, whitespace collapsed, bounded.
std::string body_excerpt(std::string_view body) {
    constexpr std::size_t limit = 200;
    std::string out;
    bool space = false;
    std::size_t i = 0;
    for (; i < body.size() && out.size() < limit; ++i) {
        const auto c = static_cast<unsigned char>(body[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c > 0x20 && c < 0x7F ? static_cast<char>(c) : '?';
    }
    if (body.find_first_not_of(" \t\n\r", i) != std::string_view::npos)
        out += "...";
    return out;
}

} // namespace

ErrorResponse decode_error_response(std::string_view body) noexcept {
    ErrorResponse r;
    try {
        const JsonDocument doc(body);
        const JsonValue& root = doc.root();
        if (const JsonValue* type = find_member(root, "__type"); type && type->IsString())
            r.code = code_from_type(string_view_of(*type));
        r.message = message_member(root);
        if (const JsonValue* reasons = find_member(root, "CancellationReasons");
            reasons && reasons->IsArray()) {
            r.reasons.reserve(reasons->Size());
            // One entry per transaction item: a malformed entry stays as an empty reason so
            // the positions keep matching the request.
            for (const JsonValue& e : reasons->GetArray())
                r.reasons.push_back({string_member(e, "Code"), message_member(e)});
        }
    } catch (...) {
        // Not an error document (or out of memory): whatever was decoded is kept, and the
        // caller falls back to the HTTP status.
    }
    return r;
}

void throw_error_response(int http_status, std::string_view body, std::string request_id) {
    ErrorResponse r = decode_error_response(body);
    if (r.code.empty()) {
        r.code = "HTTP" + std::to_string(http_status);
        if (r.message.empty())
            r.message = body_excerpt(body);
    }
    throw_service_error(std::move(r.code), std::move(r.message), http_status, std::move(request_id),
                        std::move(r.reasons));
}

} // namespace dynaq::detail

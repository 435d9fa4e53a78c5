#include "credentials_document.hpp"
#include "json_member.hpp"

#include <dynaq/error.hpp>

#include <rapidjson/document.h>

#include <charconv>

namespace dynaq::detail {

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
    if (at + count > text.size())
        return false;
    const char* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + count, out);
    return ec == std::errc() && end == first + count;
}

std::string text_member(const rapidjson::Value& object, const char* name, bool required,
                        std::string_view source) {
    const rapidjson::Value* value = json_member(object, name);
    if (value == nullptr || value->IsNull()) {
        if (required)
            throw CredentialsError(std::string(source) + " answered without " + name);
        return {};
    }
    if (!value->IsString())
        throw CredentialsError(std::string(source) + " answered with a " + name +
                               " that is not a string");
    return {value->GetString(), value->GetStringLength()};
}

} // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!digits(text, 0, 4, y) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, mo) ||
        text[7] != '-' || !digits(text, 8, 2, d) || (text[10] != 'T' && text[10] != 't') ||
        !digits(text, 11, 2, h) || text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' ||
        !digits(text, 17, 2, s))
        return std::nullopt;
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)),
                              day(static_cast<unsigned>(d))};
    if (!date.ok() || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    std::size_t at = 19;
    nanoseconds fraction{0};
    if (at < text.size() && text[at] == '.') {
        ++at;
        const std::size_t first = at;
        long long scale = 100'000'000;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            fraction += nanoseconds((text[at] - '0') * scale);
            scale /= 10;
            ++at;
        }
        if (at == first)
            return std::nullopt;
    }
    minutes offset{0};
    const std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "z") {
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        int oh = 0, om = 0;
        if (!digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = hours(oh) + minutes(om);
        if (zone[0] == '-')
            offset = -offset;
    } else {
        return std::nullopt;
    }
    return sys_days(date) + hours(h) + minutes(mi) + seconds(s) + fraction - offset;
}

Credentials parse_credentials_document(std::string_view json, std::string_view source,
                                       CredentialsDocumentRules rules) {
    rapidjson::Document document;
    document.Parse(json.data(), json.size());
    if (document.HasParseError() || !document.IsObject())
        throw CredentialsError(std::string(source) + " answered with something that is not a "
                                                     "JSON object");
    if (rules.version_1_required) {
        const rapidjson::Value* version = json_member(document, "Version");
        if (version == nullptr || !version->IsInt() || version->GetInt() != 1)
            throw CredentialsError(std::string(source) +
                                   " answered without \"Version\": 1 (the only version defined)");
    }
    Credentials credentials;
    credentials.access_key_id = text_member(document, "AccessKeyId", true, source);
    credentials.secret_access_key = text_member(document, "SecretAccessKey", true, source);
    credentials.session_token = text_member(document, "Token", false, source);
    if (credentials.session_token.empty())
        credentials.session_token = text_member(document, "SessionToken", false, source);
    credentials.account_id = text_member(document, "AccountId", false, source);
    const std::string expiration =
        text_member(document, "Expiration", rules.expiration_required, source);
    if (!expiration.empty()) {
        credentials.expiration = parse_iso8601(expiration);
        if (!credentials.expiration)
            throw CredentialsError(std::string(source) +
                                   " answered with an Expiration that is "
                                   "not an ISO 8601 time: '" +
                                   expiration + "'");
    }
    if (credentials.access_key_id.empty() || credentials.secret_access_key.empty())
        throw CredentialsError(std::string(source) + " answered with an empty key");
    return credentials;
}

} // namespace dynaq::detail

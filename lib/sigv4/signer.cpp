#include "canonical.hpp"
#include "key_cache.hpp"

#include "sigv4/crypto.hpp"
#include <dynaq/error.hpp>
#include <dynaq/sigv4.hpp>

#include <array>

namespace dynaq {

namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view credential_label = " Credential=";
constexpr std::string_view signed_headers_label = ", SignedHeaders=";
constexpr std::string_view signature_label = ", Signature=";
constexpr std::size_t amz_date_size = 16; // "20150830T123600Z"
constexpr std::size_t hex_hash_size = 2 * detail::sha256_size;

// Reused by every signature on a thread: once grown to the usual request shape, signing
// allocates only the strings it returns.
struct Scratch {
    std::string canonical_request;
    std::string signed_headers;
    std::string string_to_sign;
    detail::HeaderScratch headers;
};

Scratch& thread_scratch() {
    thread_local Scratch scratch;
    return scratch;
}

// Region and service go into the credential scope, where a '/' or a space would change its
// meaning; anything beyond a plain name is a configuration mistake.
void check_scope_part(const char* what, std::string_view value) {
    if (value.empty())
        throw ConfigError(std::string("SignerOptions::") + what + " is empty");
    for (const char c : value) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!plain)
            throw ConfigError(std::string("SignerOptions::") + what + " '" + std::string(value) +
                              "' has a character other than letters, digits, '-', '_', '.'");
    }
}

std::array<char, amz_date_size> format_amz_date(std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    const auto second = floor<seconds>(now);
    const auto day = floor<days>(second);
    const year_month_day date{day};
    const hh_mm_ss time{second - day};
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999)
        throw InvalidArgumentError("cannot sign at a time outside the years 0000-9999");

    std::array<char, amz_date_size> out{};
    auto put = [&out](std::size_t at, long long value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10)
            out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    put(4, static_cast<unsigned>(date.month()), 2);
    put(6, static_cast<unsigned>(date.day()), 2);
    out[8] = 'T';
    put(9, time.hours().count(), 2);
    put(11, time.minutes().count(), 2);
    put(13, time.seconds().count(), 2);
    out[15] = 'Z';
    return out;
}

void check_request(const RequestToSign& request, const Credentials& credentials) {
    if (credentials.access_key_id.empty() || credentials.secret_access_key.empty())
        throw InvalidArgumentError(
            "cannot sign: the credentials have an empty access key id or secret access key");
    if (credentials.session_token.find_first_of("\r\n") != std::string::npos)
        throw InvalidArgumentError("cannot sign: the session token contains CR or LF");
    if (request.method.empty())
        throw InvalidArgumentError("cannot sign: the request has no method");
    for (const char c : request.method) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            throw InvalidArgumentError("cannot sign: the method '" + std::string(request.method) +
                                       "' is not an HTTP token");
    }
    if (!request.path.empty() && request.path.front() != '/')
        throw InvalidArgumentError("cannot sign: the path '" + std::string(request.path) +
                                   "' does not start with '/'");
}

// method, path, query, headers, signed-header list and payload hash, one per line.
void build_canonical_request(Scratch& scratch, const RequestToSign& request,
                             std::span<const HttpHeader> own_headers, std::string_view payload_hash,
                             bool double_encode_path) {
    std::string& canonical = scratch.canonical_request;
    canonical.clear();
    canonical += request.method;
    canonical += '\n';
    detail::append_canonical_path(canonical, request.path.empty() ? "/" : request.path,
                                  double_encode_path);
    canonical += '\n';
    detail::append_canonical_query(canonical, request.query);
    canonical += '\n';
    detail::append_canonical_headers(canonical, scratch.signed_headers, request.headers,
                                     own_headers, scratch.headers);
    canonical += '\n';
    canonical += scratch.signed_headers;
    canonical += '\n';
    canonical += payload_hash;
}

} // namespace

Signer::Signer(SignerOptions options) : options_(std::move(options)) {
    check_scope_part("region", options_.region);
    check_scope_part("service", options_.service);
    scope_suffix_ = '/' + options_.region + '/' + options_.service + "/aws4_request";
    cache_ = std::make_shared<detail::SigningKeyCache>(options_.region, options_.service);
}

SignedHeaders Signer::sign(const RequestToSign& request, const Credentials& credentials,
                           std::chrono::system_clock::time_point now) const {
    SignedHeaders out;
    sign_impl(request, credentials, now, out, nullptr);
    return out;
}

SignedHeaders Signer::sign(const RequestToSign& request, const Credentials& credentials,
                           std::chrono::system_clock::time_point now,
                           SigningDetails& details) const {
    SignedHeaders out;
    sign_impl(request, credentials, now, out, &details);
    return out;
}

void Signer::sign_into(const RequestToSign& request, const Credentials& credentials,
                       std::chrono::system_clock::time_point now, SignedHeaders& out) const {
    sign_impl(request, credentials, now, out, nullptr);
}

void Signer::sign_impl(const RequestToSign& request, const Credentials& credentials,
                       std::chrono::system_clock::time_point now, SignedHeaders& out,
                       SigningDetails* details) const {
    check_request(request, credentials);
    const auto amz_date_text = format_amz_date(now);
    const std::string_view amz_date(amz_date_text.data(), amz_date_text.size());
    const std::string_view date = amz_date.substr(0, 8);

    std::array<char, hex_hash_size> payload_hash_text{};
    detail::write_hex(detail::sha256(request.payload), payload_hash_text.data());
    const std::string_view payload_hash(payload_hash_text.data(), payload_hash_text.size());

    std::array<HttpHeader, 3> own{};
    std::size_t own_count = 0;
    own[own_count++] = {"x-amz-date", amz_date};
    if (!credentials.session_token.empty())
        own[own_count++] = {"x-amz-security-token", credentials.session_token};
    if (options_.sign_content_sha256)
        own[own_count++] = {"x-amz-content-sha256", payload_hash};

    Scratch& scratch = thread_scratch();
    build_canonical_request(scratch, request, std::span(own.data(), own_count), payload_hash,
                            options_.double_encode_path);

    std::string& to_sign = scratch.string_to_sign;
    to_sign.clear();
    to_sign += algorithm;
    to_sign += '\n';
    to_sign += amz_date;
    to_sign += '\n';
    to_sign += date;
    to_sign += scope_suffix_;
    to_sign += '\n';
    detail::append_hex(to_sign, detail::sha256(scratch.canonical_request));

    const detail::Sha256Digest key = cache_->key_for(credentials.secret_access_key, date);

    out.amz_date.assign(amz_date);
    std::string& authorization = out.authorization;
    authorization.clear();
    authorization.reserve(algorithm.size() + credential_label.size() +
                          credentials.access_key_id.size() + 1 + date.size() +
                          scope_suffix_.size() + signed_headers_label.size() +
                          scratch.signed_headers.size() + signature_label.size() + hex_hash_size);
    authorization += algorithm;
    authorization += credential_label;
    authorization += credentials.access_key_id;
    authorization += '/';
    authorization += date;
    authorization += scope_suffix_;
    authorization += signed_headers_label;
    authorization += scratch.signed_headers;
    authorization += signature_label;
    detail::append_hex(authorization, detail::hmac_sha256_repeated_key(key, to_sign));
    out.security_token.assign(credentials.session_token);
    if (options_.sign_content_sha256)
        out.content_sha256.assign(payload_hash);
    else
        out.content_sha256.clear();

    if (details != nullptr) {
        details->canonical_request = scratch.canonical_request;
        details->string_to_sign = to_sign;
        details->signed_headers = scratch.signed_headers;
    }
}

} // namespace dynaq

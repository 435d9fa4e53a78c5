#pragma once
// AWS Signature Version 4, as a pure function of the request, the credentials and the time.
// No I/O, no clock of its own: the caller passes `now`, so signing is deterministic and testable.
#include <dynaq/credentials.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

namespace dynaq {

/// One request header as the signer sees it. Names are matched case-insensitively; values
/// are trimmed and inner runs of spaces collapsed for the canonical request, as SigV4 says.
struct HttpHeader {
    std::string_view name;
    std::string_view value;
};

/// What gets signed. `path` is the raw (unencoded) absolute path; `query` the raw query string
/// without '?', as "a=1&b=x y" (the signer encodes and sorts it). `headers` must include `host`.
struct RequestToSign {
    std::string_view method = "POST";
    std::string_view path = "/";
    std::string_view query;
    std::span<const HttpHeader> headers;
    std::string_view payload;
};

/// The headers the caller adds to the request it sends.
struct SignedHeaders {
    std::string amz_date;          ///< X-Amz-Date, "20150830T123600Z"
    std::string authorization;     ///< Authorization
    std::string security_token;    ///< X-Amz-Security-Token; empty when there is no session token
    std::string content_sha256;    ///< X-Amz-Content-Sha256 (hex), filled when asked for
};

struct SignerOptions {
    std::string region;
    std::string service = "dynamodb";
    /// Adds and signs X-Amz-Content-Sha256 (S3 needs it; DynamoDB does not).
    bool sign_content_sha256 = false;
};

/// Signs requests for one region and service. Caches the derived signing key per
/// (secret, day), so a request costs one payload hash, one canonical-request hash and one HMAC.
/// Thread-safe: `sign` may be called from several threads at once.
class Signer {
public:
    explicit Signer(SignerOptions options);

    [[nodiscard]] SignedHeaders sign(const RequestToSign& request, const Credentials& credentials,
                                     std::chrono::system_clock::time_point now) const;

    [[nodiscard]] const SignerOptions& options() const noexcept { return options_; }

private:
    SignerOptions options_;
    struct KeyCache {
        std::mutex mutex;
        std::string secret_fingerprint; // SHA-256 of the secret, never the secret itself
        std::string date;               // "YYYYMMDD"
        std::array<unsigned char, 32> key{};
    };
    mutable KeyCache cache_;
};

} // namespace dynaq

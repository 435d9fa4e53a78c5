#pragma once
// AWS Signature Version 4, as a pure function of the request, the credentials and the time.
// No I/O, no clock of its own: the caller passes `now`, so signing is deterministic and testable.
#include <dynaq/credentials.hpp>
#include <dynaq/export.hpp>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace dynaq {

/// One request header as the signer sees it. Names are matched case-insensitively; values
/// are trimmed and inner runs of spaces and tabs collapsed for the canonical request, as SigV4
/// says. A name given more than once is signed as one header whose values are joined with ','
/// in the order given.
struct HttpHeader {
    std::string_view name;
    std::string_view value;
};

/// What gets signed.
///
/// `path` and `query` are what goes on the request line (`query` without the '?'). Characters
/// outside RFC 3986's unreserved set may appear raw or percent-encoded in the query: the signer
/// decodes "%XX" and re-encodes every name and value strictly, then sorts the parameters. The
/// path is used as sent, see SignerOptions::double_encode_path.
///
/// `headers` must include `host` and every other header that should be signed (content-type,
/// x-amz-target, ...), but not the ones the signer adds itself: x-amz-date,
/// x-amz-security-token, x-amz-content-sha256 (when SignerOptions asks for it) and
/// authorization. Giving one of those is an InvalidArgumentError.
struct RequestToSign {
    std::string_view method = "POST";
    std::string_view path = "/";
    std::string_view query;
    std::span<const HttpHeader> headers;
    std::string_view payload;
};

/// The headers the caller adds to the request it sends.
struct SignedHeaders {
    std::string amz_date;       ///< X-Amz-Date, "20150830T123600Z"
    std::string authorization;  ///< Authorization
    std::string security_token; ///< X-Amz-Security-Token; empty when there is no session token
    std::string content_sha256; ///< X-Amz-Content-Sha256 (hex), filled when asked for
};

struct SignerOptions {
    std::string region;
    std::string service = "dynamodb";
    /// Adds and signs X-Amz-Content-Sha256 (S3 needs it; DynamoDB does not).
    bool sign_content_sha256 = false;
    /// The rule of every service but S3: the path is normalised (empty, "." and ".." segments
    /// removed) and each segment URI-encoded once more, so a path sent as "/a%20b" is signed as
    /// "/a%2520b" -- the "encode twice" of the SigV4 specification, counting the encoding the
    /// request line already has. Set to false for S3, which signs the path exactly as sent.
    bool double_encode_path = true;
};

/// The intermediate texts of one signature. AWS answers a bad signature with the canonical
/// request and string to sign it expected; compare them with these to find the difference.
struct SigningDetails {
    std::string canonical_request;
    std::string string_to_sign;
    std::string signed_headers; ///< "host;x-amz-date;x-amz-target"
};

namespace detail {
class SigningKeyCache;
} // namespace detail

/// Signs requests for one region and service.
///
/// The signing key derived from (secret, day, region, service) is cached -- keyed by a SHA-256
/// of the secret, never the secret itself -- so a request costs one payload hash, one
/// canonical-request hash and one HMAC. Thread-safe: `sign` may be called from several threads
/// at once. Copies share the key cache (they sign for the same region and service).
class DYNAQ_API Signer {
public:
    /// Throws ConfigError when the region or service is empty or not a plain name
    /// (letters, digits, '-', '_', '.').
    explicit Signer(SignerOptions options);

    // No move operations on purpose: moving copies, so a moved-from Signer still signs. A copy
    // is a few short strings and a reference count, and signers are not moved in hot paths.
    Signer(const Signer&) = default;
    Signer& operator=(const Signer&) = default;
    ~Signer() = default;

    /// Signs `request` at time `now` (truncated to the second).
    /// Throws InvalidArgumentError for a request that cannot be signed: empty method, missing
    /// host, a header the signer owns, CR/LF in a header, empty access key id or secret.
    [[nodiscard]] SignedHeaders sign(const RequestToSign& request, const Credentials& credentials,
                                     std::chrono::system_clock::time_point now) const;

    /// Same, and also reports the canonical request and string to sign.
    [[nodiscard]] SignedHeaders sign(const RequestToSign& request, const Credentials& credentials,
                                     std::chrono::system_clock::time_point now,
                                     SigningDetails& details) const;

    /// Same as the first, into `out`, whose strings keep their capacity: a caller that signs
    /// request after request with one SignedHeaders signs without allocating.
    void sign_into(const RequestToSign& request, const Credentials& credentials,
                   std::chrono::system_clock::time_point now, SignedHeaders& out) const;

    [[nodiscard]] const SignerOptions& options() const noexcept { return options_; }

private:
    void sign_impl(const RequestToSign& request, const Credentials& credentials,
                   std::chrono::system_clock::time_point now, SignedHeaders& out,
                   SigningDetails* details) const;

    SignerOptions options_;
    std::string scope_suffix_; // "/<region>/<service>/aws4_request"
    std::shared_ptr<detail::SigningKeyCache> cache_;
};

} // namespace dynaq

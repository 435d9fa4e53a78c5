#pragma once
// AWS credentials and where they come from.
#include <dynaq/environment.hpp>
#include <dynaq/export.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq {

/// An access key pair, optionally with a session token. Never printed: operator<< and
/// error messages show the access key id only.
struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token; ///< empty unless temporary credentials
    /// When temporary credentials stop working; nullopt for long-lived keys.
    std::optional<std::chrono::system_clock::time_point> expiration;
    /// The AWS account the keys belong to, when the source says (STS, SSO, a container,
    /// credential_process); empty otherwise. Account-based endpoints need it.
    std::string account_id = {};

    friend bool operator==(const Credentials&, const Credentials&) = default;
};

/// "2024-01-02T03:04:05Z": `t` in UTC to the second, the form expirations take in messages,
/// in `dynaq credentials` and in the credential documents (STS, SSO caches).
[[nodiscard]] DYNAQ_API std::string to_iso8601(std::chrono::system_clock::time_point t);

/// Writes "Credentials{access_key_id=AKID..., secret=***, session_token=***|none}", plus
/// ", expiration=2024-01-02T03:04:05Z" for temporary credentials. An empty secret shows as
/// "<empty>" so that the mistake is visible without revealing anything.
DYNAQ_API std::ostream& operator<<(std::ostream& os, const Credentials& c);

/// Source of credentials. The transport awaits `async_get_shared` once per request attempt
/// (cheap for the built-in sources, which resolve once or refresh in the background), so a
/// provider may rotate credentials underneath.
class DYNAQ_API CredentialsProvider {
public:
    virtual ~CredentialsProvider() = default;
    /// Throws ConfigError (CredentialsError for a source that failed) when no credentials can
    /// be had. Providers that fetch over the network block the calling thread while they do.
    [[nodiscard]] virtual Credentials get() const = 0;
    /// The same, shared. The built-in providers hand out the credentials they keep, so signing
    /// a request copies no key; this default, for providers that implement get() only, wraps a
    /// copy.
    [[nodiscard]] virtual std::shared_ptr<const Credentials> get_shared() const {
        return std::make_shared<const Credentials>(get());
    }
    /// What the transport awaits on every attempt, on the calling coroutine's executor. This
    /// default calls get_shared(), which suits sources that only read memory or local files;
    /// the network sources override it so that the event loop never blocks.
    [[nodiscard]] virtual boost::asio::awaitable<std::shared_ptr<const Credentials>>
    async_get_shared() const;
    /// The credentials at once when the provider holds ones it would hand out now without
    /// waiting, fetching or starting a refresh; nullptr otherwise. The transport asks this
    /// first and awaits async_get_shared only on nullptr, so the usual attempt costs no
    /// coroutine. This default always says nullptr.
    [[nodiscard]] virtual std::shared_ptr<const Credentials> try_get_shared() const noexcept {
        return nullptr;
    }
    /// Which source answered, for `dynaq credentials` and messages: "environment",
    /// "profile dev", "imds", ... Never contains a secret.
    [[nodiscard]] virtual std::string source() const { return "custom provider"; }
};

/// Fixed credentials, e.g. from the application's own configuration, or dummy ones for
/// DynamoDB Local.
class DYNAQ_API StaticCredentialsProvider final : public CredentialsProvider {
public:
    /// Throws InvalidArgumentError when the access key id or the secret is empty.
    explicit StaticCredentialsProvider(Credentials credentials);
    [[nodiscard]] Credentials get() const override { return *credentials_; }
    [[nodiscard]] std::shared_ptr<const Credentials> try_get_shared() const noexcept override {
        return credentials_;
    }
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const override {
        return credentials_;
    }
    [[nodiscard]] std::string source() const override { return "static"; }

private:
    std::shared_ptr<const Credentials> credentials_;
};

/// When a RefreshingCredentialsProvider refreshes. The defaults are the AWS SDKs': refresh
/// 5 to 15 minutes before the expiration (a random point, so that a fleet started together
/// does not refresh together), stop using credentials a minute before it (clock skew, and
/// requests signed now still travel), and after a failed refresh retry after 10 s, doubling
/// up to 5 minutes. Each window is capped by the credentials' lifetime (refresh in the last
/// quarter to half of it, stop in its last tenth), so credentials that live seconds, as in
/// tests, refresh every few seconds instead of always.
struct RefreshOptions {
    std::chrono::milliseconds min_window{5 * 60'000};
    std::chrono::milliseconds max_window{15 * 60'000};
    std::chrono::milliseconds expiry_margin{60'000};
    std::chrono::milliseconds retry_base{10'000};
    std::chrono::milliseconds retry_max{5 * 60'000};
    /// The time the expirations are compared with; empty: std::chrono::system_clock::now.
    std::function<std::chrono::system_clock::time_point()> clock;
    /// Seed of the jitter; 0: a random one.
    std::uint64_t jitter_seed = 0;
};

/// Base of the providers whose credentials expire (instance metadata, containers, STS, SSO,
/// credential_process). `fetch` gets new credentials; this class decides when to call it:
///
/// - the first call, and any call after the credentials expired, waits for a fetch;
/// - a call inside the refresh window (see RefreshOptions) gets the current credentials at
///   once and starts a fetch in the background, on the caller's executor;
/// - single flight: however many calls arrive while a fetch runs, there is one fetch, and
///   every caller that has to wait gets its result;
/// - a failed background fetch leaves the current credentials in use while they are valid,
///   and is retried with backoff (the SDKs' static stability); a failed fetch that callers
///   waited for throws its error to each of them.
///
/// `fetch` runs as a coroutine on the executor of the call that started it, so it must own
/// (capture) everything it uses: it may outlive the provider. Thread-safe; waiting callers
/// must run on a strand when the io_context has several threads, as for any Asio object.
class DYNAQ_API RefreshingCredentialsProvider : public CredentialsProvider {
public:
    using Fetch = std::function<boost::asio::awaitable<Credentials>()>;

    /// `source` names the provider in messages ("imds"). `fetch` throws a dynaq::Error (a
    /// CredentialsError, usually) when it cannot get credentials.
    RefreshingCredentialsProvider(std::string source, Fetch fetch, RefreshOptions options = {});
    ~RefreshingCredentialsProvider() override;
    RefreshingCredentialsProvider(const RefreshingCredentialsProvider&) = delete;
    RefreshingCredentialsProvider& operator=(const RefreshingCredentialsProvider&) = delete;

    /// Blocks the calling thread (on an io_context of its own) when a fetch is needed.
    [[nodiscard]] Credentials get() const override;
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const override;
    [[nodiscard]] boost::asio::awaitable<std::shared_ptr<const Credentials>>
    async_get_shared() const override;
    /// While the held credentials are usable and not yet due for a refresh.
    [[nodiscard]] std::shared_ptr<const Credentials> try_get_shared() const noexcept override;
    [[nodiscard]] std::string source() const override;

    /// Fetches started so far, for tests and monitoring.
    [[nodiscard]] std::uint64_t fetches() const noexcept;

    struct State;

private:
    std::shared_ptr<State> state_;
};

/// Base of the providers that look their credentials up once: the first successful `get`
/// resolves and keeps the result, a failed one throws and lets the next call try again (so a
/// credentials file written after start-up is picked up). Thread-safe.
class DYNAQ_API CachingCredentialsProvider : public CredentialsProvider {
public:
    [[nodiscard]] Credentials get() const final;
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const final;
    /// Once resolved.
    [[nodiscard]] std::shared_ptr<const Credentials> try_get_shared() const noexcept final;

protected:
    CachingCredentialsProvider() = default;
    /// Looks the credentials up; throws ConfigError when there are none.
    [[nodiscard]] virtual Credentials resolve() const = 0;

private:
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const Credentials> cached_;
};

/// Where and how to ask EC2 instance metadata (IMDSv2). Short timeouts and one attempt by
/// default, as the SDKs do, so that a machine without IMDS (a laptop) learns so in a second.
struct DYNAQ_API ImdsOptions {
    /// "http://169.254.169.254" (IPv4 mode) or "http://[fd00:ec2::254]" (IPv6 mode).
    std::string endpoint = "http://169.254.169.254";
    std::chrono::milliseconds timeout{1'000}; ///< per request
    int attempts = 1;                         ///< of the whole token-role-credentials sequence
    std::chrono::seconds token_ttl{21'600};   ///< asked for in the token PUT (6 h, the maximum)
    /// Fall back to IMDSv1 (no token) when the token PUT is refused (403, 404, 405), as the
    /// SDKs do; never on a timeout or a network error.
    bool v1_fallback = true;

    /// AWS_EC2_METADATA_SERVICE_ENDPOINT, else the profile's ec2_metadata_service_endpoint,
    /// else the address of AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE /
    /// ec2_metadata_service_endpoint_mode (IPv4, the default, or IPv6);
    /// AWS_METADATA_SERVICE_TIMEOUT (seconds) and AWS_METADATA_SERVICE_NUM_ATTEMPTS;
    /// AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled. Throws ConfigError for a
    /// malformed value, naming its source.
    [[nodiscard]] static ImdsOptions from_env(const Environment& env);
};

/// The instance profile's role credentials from EC2 instance metadata: PUT /latest/api/token,
/// then GET /latest/meta-data/iam/security-credentials/ for the role name and
/// .../security-credentials/<role> for the keys. The token is kept until shortly before it
/// expires and asked for again after a 401.
class DYNAQ_API ImdsCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    explicit ImdsCredentialsProvider(ImdsOptions options = {}, RefreshOptions refresh = {});
};

/// Where to ask an ECS task's or EKS pod's credentials agent.
struct DYNAQ_API ContainerOptions {
    /// "http://169.254.170.2/v2/credentials/..."; https may go anywhere, http only to
    /// loopback, 169.254.170.2, 169.254.170.23 or [fd00:ec2::23] (the SDKs' rule).
    std::string url;
    /// Sent as Authorization; `authorization_token_file`, when set, wins and is read anew on
    /// every fetch (EKS rotates it).
    std::string authorization_token;
    std::string authorization_token_file;
    std::chrono::milliseconds timeout{2'000};
    int attempts = 2;

    /// From AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (under http://169.254.170.2) or
    /// AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE and
    /// AWS_CONTAINER_AUTHORIZATION_TOKEN; nullopt when neither URI variable is set. Throws
    /// ConfigError for a URL outside the allowed hosts.
    [[nodiscard]] static std::optional<ContainerOptions> from_env(const Environment& env);
};

/// ECS task role / EKS Pod Identity credentials: GET the URL, JSON with AccessKeyId,
/// SecretAccessKey, Token, Expiration and (EKS) AccountId.
class DYNAQ_API ContainerCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    /// Throws ConfigError for a URL outside the allowed hosts.
    explicit ContainerCredentialsProvider(ContainerOptions options, RefreshOptions refresh = {});
};

/// Where and how to call AWS STS.
struct DYNAQ_API StsOptions {
    /// Empty: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's endpoint_url (unless
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), else https://sts.<region>.amazonaws.com
    /// (https://sts.amazonaws.com without a region).
    std::string endpoint;
    /// Signs AssumeRole; empty: the configured region, else us-east-1.
    std::string region;
    std::chrono::milliseconds timeout{10'000};

    /// The endpoint and region as described above, for the active profile.
    [[nodiscard]] static StsOptions from_env(const Environment& env);
};

/// What to ask STS for; the fields of AssumeRole and AssumeRoleWithWebIdentity.
struct AssumeRoleRequest {
    std::string role_arn;
    /// Empty: "dynaq-<milliseconds since 1970>", as the SDKs make one up.
    std::string role_session_name;
    std::string external_id; ///< AssumeRole only
    std::optional<int> duration_seconds;
};

/// AssumeRole with the keys of `source` (itself any provider: static keys, instance
/// metadata, another role). The credentials carry the account id of the assumed role's ARN.
class DYNAQ_API AssumeRoleCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    AssumeRoleCredentialsProvider(AssumeRoleRequest request,
                                  std::shared_ptr<const CredentialsProvider> source, StsOptions sts,
                                  RefreshOptions refresh = {});
};

/// AssumeRoleWithWebIdentity (unsigned) with the token read anew from `token_file` at each
/// fetch, as on EKS (IRSA), where the file is rotated.
class DYNAQ_API WebIdentityCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    WebIdentityCredentialsProvider(AssumeRoleRequest request, std::string token_file,
                                   StsOptions sts, RefreshOptions refresh = {});
};

/// The provider for a profile whose credentials come from a role (role_arn): its
/// source_profile chain (any length; a cycle is a ConfigError naming it), credential_source
/// (Environment, Ec2InstanceMetadata, EcsContainer) or web_identity_token_file; external_id,
/// role_session_name, duration_seconds. mfa_serial is a ConfigError (not supported).
/// Null when the profile has no role_arn. `profile` empty: the active profile.
[[nodiscard]] DYNAQ_API std::shared_ptr<const CredentialsProvider>
profile_role_provider(const Environment& env, std::string_view profile = {},
                      RefreshOptions refresh = {});

/// AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN (and AWS_ROLE_SESSION_NAME), as the SDKs
/// read them; null when either is not set.
[[nodiscard]] DYNAQ_API std::shared_ptr<const CredentialsProvider>
environment_web_identity_provider(const Environment& env, RefreshOptions refresh = {});

/// A profile's credential_process: the command and how long it may take.
struct ProcessOptions {
    /// Split into words as the AWS CLI does (POSIX shell quoting, no shell, no expansion).
    std::string command;
    /// Where it came from, for messages: "credential_process of profile 'dev'".
    std::string source = "credential_process";
    /// The program is killed past this; the SDKs set no limit, a hung helper must not hang
    /// every request.
    std::chrono::milliseconds timeout{60'000};
};

/// Runs the command on a thread of its own (never on the event loop) and reads its standard
/// output: JSON with "Version": 1, AccessKeyId, SecretAccessKey, optionally SessionToken,
/// Expiration (without it the keys are kept for good) and AccountId.
class DYNAQ_API ProcessCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    /// Throws ConfigError when the command is empty or its quoting is unbalanced.
    explicit ProcessCredentialsProvider(ProcessOptions options, RefreshOptions refresh = {});
};

/// An IAM Identity Center (SSO) profile: sso_session (with its [sso-session NAME] section's
/// sso_start_url and sso_region) or the legacy sso_start_url and sso_region, plus
/// sso_account_id and sso_role_name.
struct DYNAQ_API SsoOptions {
    std::string profile;      ///< named in "run aws sso login --profile NAME"
    std::string session_name; ///< empty for a legacy profile
    std::string start_url;
    std::string region;
    std::string account_id;
    std::string role_name;
    /// Where `aws sso login` caches its token: ~/.aws/sso/cache.
    std::string cache_directory;
    /// https://portal.sso.<region>.amazonaws.com, or AWS_ENDPOINT_URL_SSO.
    std::string portal_endpoint;
    /// https://oidc.<region>.amazonaws.com, or AWS_ENDPOINT_URL_SSO_OIDC.
    std::string oidc_endpoint;
    std::chrono::milliseconds timeout{10'000};

    /// The SSO settings of the profile (`profile` empty: the active one); nullopt when it has
    /// neither sso_session nor sso_start_url. Throws ConfigError naming the file, profile and
    /// key for a missing setting or [sso-session] section.
    [[nodiscard]] static std::optional<SsoOptions> from_profile(const Environment& env,
                                                                std::string_view profile = {});
};

/// The token cache's file name, as the AWS CLI derives it: the SHA-1 (hex) of the session
/// name, or of the start URL for a legacy profile, plus ".json".
[[nodiscard]] DYNAQ_API std::string sso_cache_file_name(std::string_view session_or_start_url);

/// Role credentials from the SSO portal (GetRoleCredentials) with the cached token. A token
/// about to expire is refreshed through SSO-OIDC CreateToken (sso_session profiles, which
/// have a refresh token) and written back to the cache atomically; an expired login says
/// "run aws sso login --profile NAME".
class DYNAQ_API SsoCredentialsProvider final : public RefreshingCredentialsProvider {
public:
    /// Throws ConfigError when there is no cache directory (no HOME).
    explicit SsoCredentialsProvider(SsoOptions options, RefreshOptions refresh = {});
};

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the optional AWS_SESSION_TOKEN.
/// Only one of the two keys set is a ConfigError rather than "nothing here": half a key pair
/// is a mistake, not an absence.
class DYNAQ_API EnvironmentCredentialsProvider final : public CachingCredentialsProvider {
public:
    explicit EnvironmentCredentialsProvider(Environment env = Environment::process());

    [[nodiscard]] std::string source() const override { return "environment"; }

private:
    [[nodiscard]] Credentials resolve() const override;
    Environment env_;
};

/// aws_access_key_id, aws_secret_access_key and aws_session_token of one profile in the shared
/// credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials; sections "[name]")
/// or, when that file has no keys for the profile, the shared config file (AWS_CONFIG_FILE,
/// default ~/.aws/config; sections "[profile name]", and "[default]"). The three values are
/// always taken together from one file.
class DYNAQ_API ProfileCredentialsProvider final : public CachingCredentialsProvider {
public:
    /// `profile` empty: AWS_PROFILE, or "default" when that is not set.
    explicit ProfileCredentialsProvider(Environment env = Environment::process(),
                                        std::string profile = {});
    [[nodiscard]] std::string source() const override;

private:
    [[nodiscard]] Credentials resolve() const override;
    Environment env_;
    std::string profile_;
};

/// What DefaultCredentialsChain does beyond the SDKs' chain.
struct ChainOptions {
    /// Keys for when no source has any; nullopt (the default): that is a ConfigError naming
    /// every source tried. ClientConfig::from_env gives dummy keys for a loopback endpoint.
    std::optional<Credentials> fallback;
    /// For the sources whose credentials expire.
    RefreshOptions refresh;
};

/// The AWS SDKs' default chain, in botocore's order: the environment variables; the active
/// profile's role (role_arn: profile_role_provider); web identity from
/// AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN; the profile's SSO settings; its static keys
/// in the shared credentials file; its credential_process; its static keys in the config file;
/// the ECS/EKS container agent (AWS_CONTAINER_CREDENTIALS_*); EC2 instance metadata (unless
/// AWS_EC2_METADATA_DISABLED=true). The first
/// source that is configured answers from then on; instance metadata is chosen only once it has
/// answered. Until a source is chosen every call looks again (a credentials file written after
/// start-up is picked up). A malformed shared file, half a key pair or a container URL outside the
/// allowed hosts is reported as such instead of falling through to the next source; when no
/// source has credentials the ConfigError lists each and why it gave nothing.
class DYNAQ_API DefaultCredentialsChain final : public CredentialsProvider {
public:
    explicit DefaultCredentialsChain(Environment env = Environment::process(),
                                     ChainOptions options = {});
    ~DefaultCredentialsChain() override;
    DefaultCredentialsChain(const DefaultCredentialsChain&) = delete;
    DefaultCredentialsChain& operator=(const DefaultCredentialsChain&) = delete;

    /// Blocks the calling thread (on an io_context of its own) while a network source is asked.
    [[nodiscard]] Credentials get() const override;
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const override;
    [[nodiscard]] boost::asio::awaitable<std::shared_ptr<const Credentials>>
    async_get_shared() const override;
    /// The chosen source's answer, once a source is chosen.
    [[nodiscard]] std::shared_ptr<const Credentials> try_get_shared() const noexcept override;
    /// "default chain: <the chosen source>", or "default chain: no source chosen yet".
    [[nodiscard]] std::string source() const override;

    struct State;

private:
    std::shared_ptr<State> state_;
};

} // namespace dynaq

#pragma once
// AWS credentials and where they come from.
#include <dynaq/environment.hpp>

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

/// Writes "Credentials{access_key_id=AKID..., secret=***, session_token=***|none}", plus
/// ", expiration=2024-01-02T03:04:05Z" for temporary credentials. An empty secret shows as
/// "<empty>" so that the mistake is visible without revealing anything.
std::ostream& operator<<(std::ostream& os, const Credentials& c);

/// Source of credentials. The transport awaits `async_get_shared` once per request attempt
/// (cheap for the built-in sources, which resolve once or refresh in the background), so a
/// provider may rotate credentials underneath.
class CredentialsProvider {
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
    /// Which source answered, for `dynaq credentials` and messages: "environment",
    /// "profile dev", "imds", ... Never contains a secret.
    [[nodiscard]] virtual std::string source() const { return "custom provider"; }
};

/// Fixed credentials, e.g. from the application's own configuration, or dummy ones for
/// DynamoDB Local.
class StaticCredentialsProvider final : public CredentialsProvider {
public:
    /// Throws InvalidArgumentError when the access key id or the secret is empty.
    explicit StaticCredentialsProvider(Credentials credentials);
    [[nodiscard]] Credentials get() const override { return *credentials_; }
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
class RefreshingCredentialsProvider : public CredentialsProvider {
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
class CachingCredentialsProvider : public CredentialsProvider {
public:
    [[nodiscard]] Credentials get() const final;
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const final;

protected:
    CachingCredentialsProvider() = default;
    /// Looks the credentials up; throws ConfigError when there are none.
    [[nodiscard]] virtual Credentials resolve() const = 0;

private:
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const Credentials> cached_;
};

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the optional AWS_SESSION_TOKEN.
/// Only one of the two keys set is a ConfigError rather than "nothing here": half a key pair
/// is a mistake, not an absence.
class EnvironmentCredentialsProvider final : public CachingCredentialsProvider {
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
class ProfileCredentialsProvider final : public CachingCredentialsProvider {
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

/// The environment variables, then the profile, as the AWS SDKs do (without the STS, SSO and
/// instance-metadata sources). When neither has credentials the ConfigError lists each source
/// and why it gave nothing; a malformed shared file or half a key pair is reported as such
/// instead of falling through to the next source.
class DefaultCredentialsChain final : public CachingCredentialsProvider {
public:
    explicit DefaultCredentialsChain(Environment env = Environment::process());

private:
    [[nodiscard]] Credentials resolve() const override;
    Environment env_;
};

} // namespace dynaq

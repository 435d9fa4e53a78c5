#pragma once
// AWS credentials and where they come from.
#include <dynaq/environment.hpp>

#include <chrono>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace dynaq {

/// An access key pair, optionally with a session token. Never printed: operator<< and
/// error messages show the access key id only.
struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token; ///< empty unless temporary credentials
    /// When temporary credentials stop working; nullopt for long-lived keys.
    std::optional<std::chrono::system_clock::time_point> expiration;

    friend bool operator==(const Credentials&, const Credentials&) = default;
};

/// Writes "Credentials{access_key_id=AKID..., secret=***, session_token=***|none}", plus
/// ", expiration=2024-01-02T03:04:05Z" for temporary credentials. An empty secret shows as
/// "<empty>" so that the mistake is visible without revealing anything.
std::ostream& operator<<(std::ostream& os, const Credentials& c);

/// Source of credentials. `get` is called once per request attempt (cheap for the built-in
/// sources, which resolve once), so a provider may rotate credentials underneath.
class CredentialsProvider {
public:
    virtual ~CredentialsProvider() = default;
    /// Throws ConfigError when no credentials can be had.
    [[nodiscard]] virtual Credentials get() const = 0;
    /// The same, shared: what the transport asks for on every attempt. The built-in providers
    /// hand out the credentials they keep, so signing a request copies no key; this default,
    /// for providers that implement get() only, wraps a copy.
    [[nodiscard]] virtual std::shared_ptr<const Credentials> get_shared() const {
        return std::make_shared<const Credentials>(get());
    }
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

private:
    std::shared_ptr<const Credentials> credentials_;
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

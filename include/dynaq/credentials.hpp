#pragma once
// AWS credentials and where they come from.
#include <chrono>
#include <iosfwd>
#include <memory>
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

/// Writes "Credentials{access_key_id=AKID..., secret=***, session_token=***|none}".
std::ostream& operator<<(std::ostream& os, const Credentials& c);

/// Source of credentials. `get` is called once per request attempt (cheap for the built-in
/// sources, which resolve once), so a provider may rotate credentials underneath.
class CredentialsProvider {
public:
    virtual ~CredentialsProvider() = default;
    /// Throws ConfigError when no credentials can be had.
    [[nodiscard]] virtual Credentials get() const = 0;
};

} // namespace dynaq

#pragma once
// The sources that need no network: the environment variables and a profile's static keys.
// Shared by their providers and the default chain.
#include <dynaq/credentials.hpp>
#include <dynaq/environment.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

/// A source either has credentials, has none (and says why, for the chain's message), or is
/// broken in a way that must not be papered over by the next source (it throws ConfigError).
struct Lookup {
    std::optional<Credentials> credentials;
    std::string why_not;
};

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
[[nodiscard]] Lookup from_environment(const Environment& env);

/// The static keys of the profile (`profile_name` empty: the active one), from the
/// credentials file, else the config file.
[[nodiscard]] Lookup from_profile(const Environment& env, std::string_view profile_name);

} // namespace dynaq::detail

// Profiles whose credentials come from assuming a role: role_arn with source_profile,
// credential_source or web_identity_token_file, followed to the end of the chain.
#include "shared_profile.hpp"
#include "static_sources.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

namespace dynaq {

namespace {

// Where a profile's settings are, for messages: "profile 'dev' in <config path>".
std::string named(const detail::SharedProfile& profile) {
    return "profile '" + profile.name + "' in " + profile.config.path;
}

std::optional<int> duration_of(const detail::SharedProfile& profile) {
    const std::string* text = profile.find("duration_seconds");
    if (text == nullptr)
        return std::nullopt;
    int seconds = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
    // STS allows 15 minutes to 12 hours.
    if (ec != std::errc() || end != text->data() + text->size() || seconds < 900 ||
        seconds > 43'200)
        throw ConfigError(named(profile) + ": duration_seconds is '" + *text +
                          "'; it must be a whole number of seconds from 900 to 43200");
    return seconds;
}

class RoleChain {
public:
    RoleChain(const Environment& env, RefreshOptions refresh) : env_(env), refresh_(refresh) {}

    // The provider of `name`, which must have role_arn.
    std::shared_ptr<const CredentialsProvider> role(const detail::SharedProfile& profile) {
        visited_.push_back(profile.name);
        if (profile.find("mfa_serial") != nullptr)
            throw ConfigError(named(profile) + " sets mfa_serial: roles that need an MFA code "
                                               "are not supported by dynaq");
        const std::string* source_profile = profile.find("source_profile");
        const std::string* credential_source = profile.find("credential_source");
        const std::string* token_file = profile.find("web_identity_token_file");
        if (source_profile != nullptr && credential_source != nullptr)
            throw ConfigError(named(profile) +
                              " sets both source_profile and credential_source; choose one");
        AssumeRoleRequest request;
        request.role_arn = *profile.find("role_arn");
        if (const std::string* session = profile.find("role_session_name"))
            request.role_session_name = *session;
        request.duration_seconds = duration_of(profile);
        const StsOptions sts = sts_for(profile.name);
        if (token_file != nullptr && source_profile == nullptr && credential_source == nullptr)
            return std::make_shared<WebIdentityCredentialsProvider>(std::move(request), *token_file,
                                                                    sts, refresh_);
        if (const std::string* external = profile.find("external_id"))
            request.external_id = *external;
        std::shared_ptr<const CredentialsProvider> source;
        if (source_profile != nullptr)
            source = from_source_profile(profile, *source_profile);
        else if (credential_source != nullptr)
            source = from_credential_source(profile, *credential_source);
        else
            throw ConfigError(named(profile) +
                              " sets role_arn without source_profile, credential_source or "
                              "web_identity_token_file");
        return std::make_shared<AssumeRoleCredentialsProvider>(std::move(request),
                                                               std::move(source), sts, refresh_);
    }

private:
    // STS settings as seen from `profile` (its region and endpoint_url).
    [[nodiscard]] StsOptions sts_for(const std::string& profile) const {
        const Environment outer = env_;
        const Environment scoped{[outer, profile](std::string_view name) {
            if (name == "AWS_PROFILE")
                return std::optional<std::string>(profile);
            return outer.get ? outer.get(name) : std::nullopt;
        }};
        return StsOptions::from_env(scoped);
    }

    std::shared_ptr<const CredentialsProvider>
    from_source_profile(const detail::SharedProfile& from, const std::string& name) {
        const detail::SharedProfile source = detail::load_shared_profile(env_, name);
        if (source.credentials.state != detail::ProfileFile::State::found &&
            source.config.state != detail::ProfileFile::State::found)
            throw ConfigError(named(from) + ": source_profile '" + name + "' does not exist");
        // A profile naming itself as its source means "my own static keys", as in the CLI.
        const bool self = name == from.name;
        if (!self && std::ranges::find(visited_, name) != visited_.end()) {
            std::string cycle;
            for (const std::string& step : visited_)
                cycle += step + " -> ";
            throw ConfigError("the source_profile settings in " + from.config.path +
                              " form a cycle: " + cycle + name);
        }
        if (self || source.find("role_arn") == nullptr) {
            detail::Lookup keys = detail::from_profile(env_, name);
            if (!keys.credentials)
                throw ConfigError(named(from) + ": source_profile '" + name +
                                  "' has no static keys: " + keys.why_not);
            return std::make_shared<StaticCredentialsProvider>(std::move(*keys.credentials));
        }
        return role(source);
    }

    std::shared_ptr<const CredentialsProvider>
    from_credential_source(const detail::SharedProfile& profile, const std::string& source) const {
        if (source == "Environment")
            return std::make_shared<EnvironmentCredentialsProvider>(env_);
        if (source == "Ec2InstanceMetadata")
            return std::make_shared<ImdsCredentialsProvider>(ImdsOptions::from_env(env_), refresh_);
        if (source == "EcsContainer") {
            auto container = ContainerOptions::from_env(env_);
            if (!container)
                throw ConfigError(named(profile) +
                                  ": credential_source is EcsContainer, but neither "
                                  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                                  "AWS_CONTAINER_CREDENTIALS_FULL_URI is set");
            return std::make_shared<ContainerCredentialsProvider>(std::move(*container), refresh_);
        }
        throw ConfigError(named(profile) + ": credential_source is '" + source +
                          "'; it must be Environment, Ec2InstanceMetadata or EcsContainer");
    }

    const Environment& env_;
    RefreshOptions refresh_;
    std::vector<std::string> visited_;
};

} // namespace

std::shared_ptr<const CredentialsProvider>
profile_role_provider(const Environment& env, std::string_view profile, RefreshOptions refresh) {
    const detail::SharedProfile shared = detail::load_shared_profile(env, profile);
    if (shared.find("role_arn") == nullptr)
        return nullptr;
    RoleChain chain(env, std::move(refresh));
    return chain.role(shared);
}

} // namespace dynaq

#pragma once
// One profile of the AWS shared config and credentials files, as both files see it, with
// enough bookkeeping to say why a setting was not found.
#include "ini.hpp"

#include <dynaq/environment.hpp>

#include <string>
#include <string_view>

namespace dynaq::detail {

/// What one shared file has to say about the profile.
struct ProfileFile {
    enum class State { unlocated, missing, no_section, found };
    State state = State::unlocated;
    std::string path;    ///< the resolved path; when `unlocated`, the default ("~/.aws/config")
    std::string reason;  ///< when `unlocated`: why there is no path ("HOME is not set")
    std::string section; ///< the section looked for, "[profile dev]"
    IniProperties properties; ///< that section's properties, when `found`

    /// The non-empty value of `key` in the section, or null.
    [[nodiscard]] const std::string* find(std::string_view key) const;
    /// Why `key` is not there: "<path>: file not found", "<path>: no [dev] section", ...
    [[nodiscard]] std::string why_no(std::string_view key) const;
};

struct SharedProfile {
    std::string name;
    ProfileFile credentials; ///< AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
    ProfileFile config;      ///< AWS_CONFIG_FILE or ~/.aws/config

    /// `key` from the credentials file, else from the config file; null when neither has it.
    [[nodiscard]] const std::string* find(std::string_view key) const;
    /// "profile 'dev' (<why not in the credentials file>; <why not in the config file>)"
    [[nodiscard]] std::string why_no(std::string_view key) const;
};

/// `profile` when not empty, else AWS_PROFILE, else "default".
[[nodiscard]] std::string active_profile_name(const Environment& env,
                                              std::string_view profile = {});

/// Looks the profile up in both files. A missing file is not an error; a malformed or
/// unreadable one is (ConfigError).
[[nodiscard]] SharedProfile load_shared_profile(const Environment& env,
                                                std::string_view profile = {});

} // namespace dynaq::detail

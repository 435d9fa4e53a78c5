#include "shared_profile.hpp"

namespace dynaq::detail {

namespace {

// Where a shared file lives: the variable if set ('~' expanded as the AWS CLI does), else
// ~/.aws/<name>. Without a home directory only an explicit absolute path works.
void locate(ProfileFile& file, const Environment& env, std::string_view variable,
            std::string_view name) {
    auto home = env.value("HOME");
    if (!home)
        home = env.value("USERPROFILE");
    std::string path = env.value(variable).value_or("~/.aws/" + std::string(name));
    if (path == "~" || path.starts_with("~/")) {
        if (!home) {
            file.path = std::move(path);
            file.reason = "HOME is not set";
            return;
        }
        path = *home + path.substr(1);
    }
    file.path = std::move(path);
    file.state = ProfileFile::State::missing;
}

void merge(IniProperties& into, const IniProperties& from) {
    for (const auto& [key, value] : from)
        into.insert_or_assign(key, value);
}

// "[profile dev]" (any blanks between the words); "[default]" also names the default profile.
bool names_config_profile(std::string_view section, std::string_view profile) {
    constexpr std::string_view prefix = "profile";
    if (!section.starts_with(prefix) || section.size() == prefix.size() ||
        !is_ini_blank(section[prefix.size()]))
        return false;
    return trim_blanks(section.substr(prefix.size())) == profile;
}

void load(ProfileFile& file, bool is_config, std::string_view profile) {
    if (file.state == ProfileFile::State::unlocated)
        return;
    const auto document = load_ini_file(file.path);
    if (!document)
        return; // stays `missing`
    file.state = ProfileFile::State::no_section;
    bool found = false;
    if (!is_config || profile == "default") {
        if (const auto it = document->find(profile); it != document->end()) {
            merge(file.properties, it->second);
            found = true;
        }
    }
    if (is_config) {
        // "[profile default]" is allowed too and, written explicitly, wins over "[default]".
        for (const auto& [section, properties] : *document) {
            if (names_config_profile(section, profile)) {
                merge(file.properties, properties);
                found = true;
            }
        }
    }
    if (found)
        file.state = ProfileFile::State::found;
}

} // namespace

const std::string* ProfileFile::find(std::string_view key) const {
    if (state != State::found)
        return nullptr;
    const auto it = properties.find(key);
    return it == properties.end() || it->second.empty() ? nullptr : &it->second;
}

std::string ProfileFile::why_no(std::string_view key) const {
    switch (state) {
    case State::unlocated:
        return path + ": " + reason;
    case State::missing:
        return path + ": file not found";
    case State::no_section:
        return path + ": no " + section + " section";
    case State::found:
        break;
    }
    return path + ": " + section + " has no " + std::string(key);
}

const std::string* SharedProfile::find(std::string_view key) const {
    const std::string* value = credentials.find(key);
    return value != nullptr ? value : config.find(key);
}

std::string SharedProfile::why_no(std::string_view key) const {
    return "profile '" + name + "' (" + credentials.why_no(key) + "; " + config.why_no(key) + ')';
}

std::string active_profile_name(const Environment& env, std::string_view profile) {
    if (!profile.empty())
        return std::string(profile);
    return env.value("AWS_PROFILE").value_or("default");
}

SharedProfile load_shared_profile(const Environment& env, std::string_view profile) {
    SharedProfile shared;
    shared.name = active_profile_name(env, profile);
    shared.credentials.section = '[' + shared.name + ']';
    shared.config.section =
        shared.name == "default" ? std::string("[default]") : "[profile " + shared.name + ']';
    locate(shared.credentials, env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
    locate(shared.config, env, "AWS_CONFIG_FILE", "config");
    load(shared.credentials, false, shared.name);
    load(shared.config, true, shared.name);
    return shared;
}

} // namespace dynaq::detail

#include "shared_profile.hpp"

#include <dynaq/environment.hpp>
#include <dynaq/error.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <memory>

namespace dynaq {

namespace {

// Attempts beyond this are surely a typo; each one waits out a growing backoff.
constexpr int most_attempts = 100;

int attempts_from(std::string_view text, std::string_view source) {
    int attempts = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), attempts);
    if (ec != std::errc() || end != text.data() + text.size() || attempts < 1 ||
        attempts > most_attempts)
        throw ConfigError(std::string(source) + " is '" + std::string(text) +
                          "'; it must be a whole number from 1 to " +
                          std::to_string(most_attempts));
    return attempts;
}

} // namespace

std::optional<std::string> Environment::value(std::string_view name) const {
    if (!get)
        return std::nullopt;
    auto found = get(name);
    if (found && found->empty())
        return std::nullopt;
    return found;
}

Environment Environment::process() {
    return Environment{[](std::string_view name) -> std::optional<std::string> {
        const std::string variable(name); // getenv wants a terminated string
        const char* found = std::getenv(variable.c_str());
        if (found == nullptr)
            return std::nullopt;
        return std::string(found);
    }};
}

Environment Environment::from_map(std::map<std::string, std::string, std::less<>> variables) {
    // Shared so that copying the Environment (every provider keeps one) does not copy the map.
    auto shared = std::make_shared<const std::map<std::string, std::string, std::less<>>>(
        std::move(variables));
    return Environment{[shared](std::string_view name) -> std::optional<std::string> {
        const auto it = shared->find(name);
        if (it == shared->end())
            return std::nullopt;
        return it->second;
    }};
}

std::string resolve_region(const Environment& env) {
    if (auto region = env.value("AWS_REGION"))
        return std::move(*region);
    if (auto region = env.value("AWS_DEFAULT_REGION"))
        return std::move(*region);
    const detail::SharedProfile profile = detail::load_shared_profile(env);
    if (const std::string* region = profile.find("region"))
        return *region;
    throw ConfigError("no AWS region configured; tried: AWS_REGION (not set), AWS_DEFAULT_REGION "
                      "(not set), " +
                      profile.why_no("region"));
}

std::optional<int> resolve_max_attempts(const Environment& env) {
    if (const auto text = env.value("AWS_MAX_ATTEMPTS"))
        return attempts_from(*text, "AWS_MAX_ATTEMPTS");
    const detail::SharedProfile profile = detail::load_shared_profile(env);
    if (const std::string* text = profile.find("max_attempts"))
        return attempts_from(*text, "max_attempts in profile '" + profile.name + "'");
    return std::nullopt;
}

} // namespace dynaq

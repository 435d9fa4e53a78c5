#include "shared_profile.hpp"
#include "static_sources.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <array>
#include <ostream>
#include <sstream>

namespace dynaq {

namespace asio = boost::asio;

namespace detail {

Lookup from_environment(const Environment& env) {
    auto id = env.value("AWS_ACCESS_KEY_ID");
    auto secret = env.value("AWS_SECRET_ACCESS_KEY");
    if (!id && !secret)
        return {std::nullopt, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"};
    if (!id)
        throw ConfigError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
    if (!secret)
        throw ConfigError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    return {Credentials{std::move(*id), std::move(*secret),
                        env.value("AWS_SESSION_TOKEN").value_or(""), std::nullopt},
            {}};
}

} // namespace detail

namespace {

// Profiles that get their credentials some other way; naming them beats a bare "not found".
constexpr std::array<std::string_view, 5> chain_profile_sources{
    "role_arn", "web_identity_token_file", "credential_process", "sso_session", "sso_start_url"};

std::optional<Credentials> from_profile_file(const detail::ProfileFile& file,
                                             const std::string& profile) {
    const std::string* id = file.find("aws_access_key_id");
    const std::string* secret = file.find("aws_secret_access_key");
    if (id == nullptr && secret == nullptr)
        return std::nullopt;
    if (id == nullptr || secret == nullptr)
        throw ConfigError("profile '" + profile + "' in " + file.path + " has " +
                          (id != nullptr ? "aws_access_key_id but no aws_secret_access_key"
                                         : "aws_secret_access_key but no aws_access_key_id"));
    const std::string* token = file.find("aws_session_token");
    return Credentials{*id, *secret, token != nullptr ? *token : std::string(), std::nullopt};
}

} // namespace

namespace detail {

Lookup from_profile(const Environment& env, std::string_view profile_name) {
    const detail::SharedProfile profile = detail::load_shared_profile(env, profile_name);
    // The key pair and its token come from one file: mixing a long-term key from one file with
    // a session token from the other would only produce a confusing signature error.
    for (const detail::ProfileFile* file : {&profile.credentials, &profile.config}) {
        if (auto credentials = from_profile_file(*file, profile.name))
            return {std::move(credentials), {}};
    }
    std::string why = profile.why_no("aws_access_key_id");
    for (const std::string_view source : chain_profile_sources) {
        if (profile.find(source) != nullptr) {
            why += "; the profile uses ";
            why += source;
            why += ", which only the default chain reads";
            break;
        }
    }
    return {std::nullopt, std::move(why)};
}

} // namespace detail

namespace {

void write_utc(std::ostream& os, std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto second = floor<seconds>(t);
    const auto day = floor<days>(second);
    const year_month_day date{day};
    const hh_mm_ss time{second - day};
    const auto fill = os.fill('0');
    os.width(4);
    os << static_cast<int>(date.year()) << '-';
    os.width(2);
    os << static_cast<unsigned>(date.month()) << '-';
    os.width(2);
    os << static_cast<unsigned>(date.day()) << 'T';
    os.width(2);
    os << time.hours().count() << ':';
    os.width(2);
    os << time.minutes().count() << ':';
    os.width(2);
    os << time.seconds().count() << 'Z';
    os.fill(fill);
}

} // namespace

std::string to_iso8601(std::chrono::system_clock::time_point t) {
    std::ostringstream text;
    write_utc(text, t);
    return text.str();
}

std::ostream& operator<<(std::ostream& os, const Credentials& c) {
    os << "Credentials{access_key_id=" << c.access_key_id
       << ", secret=" << (c.secret_access_key.empty() ? "<empty>" : "***")
       << ", session_token=" << (c.session_token.empty() ? "none" : "***");
    if (c.expiration) {
        os << ", expiration=";
        write_utc(os, *c.expiration);
    }
    return os << '}';
}

asio::awaitable<std::shared_ptr<const Credentials>> CredentialsProvider::async_get_shared() const {
    co_return get_shared();
}

StaticCredentialsProvider::StaticCredentialsProvider(Credentials credentials) {
    if (credentials.access_key_id.empty())
        throw InvalidArgumentError("static credentials have an empty access key id");
    if (credentials.secret_access_key.empty())
        throw InvalidArgumentError("static credentials have an empty secret access key");
    credentials_ = std::make_shared<const Credentials>(std::move(credentials));
}

Credentials CachingCredentialsProvider::get() const {
    return *get_shared();
}

std::shared_ptr<const Credentials> CachingCredentialsProvider::get_shared() const {
    const std::lock_guard lock(mutex_);
    if (!cached_)
        cached_ = std::make_shared<const Credentials>(resolve());
    return cached_;
}

std::shared_ptr<const Credentials> CachingCredentialsProvider::try_get_shared() const noexcept {
    const std::lock_guard lock(mutex_);
    return cached_;
}

EnvironmentCredentialsProvider::EnvironmentCredentialsProvider(Environment env) :
    env_(std::move(env)) {}

Credentials EnvironmentCredentialsProvider::resolve() const {
    detail::Lookup found = detail::from_environment(env_);
    if (!found.credentials)
        throw ConfigError("no AWS credentials in the environment: " + found.why_not);
    return std::move(*found.credentials);
}

ProfileCredentialsProvider::ProfileCredentialsProvider(Environment env, std::string profile) :
    env_(std::move(env)), profile_(std::move(profile)) {}

std::string ProfileCredentialsProvider::source() const {
    return "profile " + detail::active_profile_name(env_, profile_);
}

Credentials ProfileCredentialsProvider::resolve() const {
    detail::Lookup found = detail::from_profile(env_, profile_);
    if (!found.credentials)
        throw ConfigError("no AWS credentials in " + found.why_not);
    return std::move(*found.credentials);
}

} // namespace dynaq

// IAM Identity Center (SSO): the token `aws sso login` cached, refreshed through SSO-OIDC
// CreateToken when it has expired (written back atomically), then the portal's
// GetRoleCredentials.
#include "../sigv4/canonical.hpp"
#include "credentials_document.hpp"
#include "credentials_http.hpp"
#include "json_member.hpp"
#include "shared_profile.hpp"

#include "sigv4/crypto.hpp"
#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <openssl/evp.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace dynaq {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

// The CLI refreshes a token this long before it expires; so do we.
constexpr std::chrono::minutes token_refresh_margin{5};

std::string sha1_hex(std::string_view text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha1(), nullptr) != 1)
        throw CredentialsError("SHA-1 is not available from OpenSSL");
    return detail::to_hex(std::span<const unsigned char>(digest.data(), size));
}

std::string login_hint(const SsoOptions& o) {
    return "run aws sso login --profile " + o.profile;
}

std::string text_of(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = detail::json_member(object, name);
    if (value == nullptr || !value->IsString())
        return {};
    return {value->GetString(), value->GetStringLength()};
}

// Replaces or adds `name`, keeping every other member of the cache as the CLI wrote it.
void set_text(rapidjson::Document& document, const char* name, const std::string& value) {
    auto& allocator = document.GetAllocator();
    rapidjson::Value text(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), allocator);
    document.RemoveMember(name);
    document.AddMember(rapidjson::Value(name, allocator), std::move(text), allocator);
}

// Written to a file next to it, then renamed over it: a reader (another process, the CLI)
// sees the old token or the new one, never half of either.
void write_atomically(const fs::path& path, std::string_view text) {
    const fs::path temporary =
        path.parent_path() / ('.' + path.filename().string() + '.' + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            throw CredentialsError("cannot write the SSO token cache " + temporary.string());
    }
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write);
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw CredentialsError("cannot replace the SSO token cache " + path.string());
    }
}

struct Sso {
    SsoOptions options;
    fs::path cache_file;
    std::shared_ptr<asio::ssl::context> tls;

    [[nodiscard]] rapidjson::Document read_cache() const {
        std::ifstream in(cache_file, std::ios::binary);
        if (!in)
            throw CredentialsError("no SSO login for profile '" + options.profile + "' (" +
                                   cache_file.string() +
                                   " does not exist): " + login_hint(options));
        std::ostringstream text;
        text << in.rdbuf();
        rapidjson::Document document;
        document.Parse(text.str().c_str());
        if (document.HasParseError() || !document.IsObject() ||
            text_of(document, "accessToken").empty())
            throw CredentialsError("the SSO token cache " + cache_file.string() +
                                   " is not a token document: " + login_hint(options));
        return document;
    }

    // CreateToken with the refresh token; false when the cache has none to refresh with.
    asio::awaitable<bool> refresh(rapidjson::Document& cache) const {
        const std::string client_id = text_of(cache, "clientId");
        const std::string client_secret = text_of(cache, "clientSecret");
        const std::string refresh_token = text_of(cache, "refreshToken");
        if (options.session_name.empty() || client_id.empty() || client_secret.empty() ||
            refresh_token.empty())
            co_return false;
        rapidjson::StringBuffer body;
        {
            rapidjson::Writer<rapidjson::StringBuffer> w(body);
            w.StartObject();
            w.Key("clientId");
            w.String(client_id.c_str());
            w.Key("clientSecret");
            w.String(client_secret.c_str());
            w.Key("grantType");
            w.String("refresh_token");
            w.Key("refreshToken");
            w.String(refresh_token.c_str());
            w.EndObject();
        }
        detail::CredentialsHttpRequest request;
        request.method = "POST";
        request.url = options.oidc_endpoint + "/token";
        request.timeout = options.timeout;
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = body.GetString();
        const auto now = std::chrono::system_clock::now();
        const detail::CredentialsHttpResponse answer =
            co_await detail::send_credentials_request(request, tls);
        if (answer.status != 200)
            co_return false;
        rapidjson::Document token;
        token.Parse(answer.body.c_str());
        if (token.HasParseError() || !token.IsObject() || text_of(token, "accessToken").empty())
            co_return false;
        const rapidjson::Value* expires_in = detail::json_member(token, "expiresIn");
        if (expires_in == nullptr || !expires_in->IsInt64())
            co_return false;
        set_text(cache, "accessToken", text_of(token, "accessToken"));
        set_text(cache, "expiresAt",
                 to_iso8601(now + std::chrono::seconds(expires_in->GetInt64())));
        if (const std::string rotated = text_of(token, "refreshToken"); !rotated.empty())
            set_text(cache, "refreshToken", rotated);
        rapidjson::StringBuffer text;
        rapidjson::Writer<rapidjson::StringBuffer> writer(text);
        cache.Accept(writer);
        write_atomically(cache_file, {text.GetString(), text.GetSize()});
        co_return true;
    }

    asio::awaitable<Credentials> fetch() const {
        rapidjson::Document cache = read_cache();
        const auto expires_at = detail::parse_iso8601(text_of(cache, "expiresAt"));
        const auto now = std::chrono::system_clock::now();
        if (!expires_at || now + token_refresh_margin >= *expires_at) {
            bool refreshed = false;
            try {
                refreshed = co_await refresh(cache);
            } catch (const TransportError&) {
                // A token that is still valid is used below; an expired one is reported.
            }
            if (!refreshed && (!expires_at || now >= *expires_at))
                throw CredentialsError("the SSO session of profile '" + options.profile +
                                       "' has expired: " + login_hint(options));
        }
        detail::CredentialsHttpRequest request;
        request.url = options.portal_endpoint + "/federation/credentials?account_id=";
        detail::append_uri_encoded(request.url, options.account_id);
        request.url += "&role_name=";
        detail::append_uri_encoded(request.url, options.role_name);
        request.timeout = options.timeout;
        request.headers.emplace_back("x-amz-sso_bearer_token", text_of(cache, "accessToken"));
        detail::CredentialsHttpResponse answer;
        try {
            answer = co_await detail::send_credentials_request(request, tls);
        } catch (const TransportError& e) {
            throw CredentialsError(std::string("no answer from the SSO portal: ") + e.what());
        }
        if (answer.status == 401 || answer.status == 403)
            throw CredentialsError("the SSO portal refused the token of profile '" +
                                   options.profile + "' (HTTP " + std::to_string(answer.status) +
                                   "): " + login_hint(options));
        if (answer.status != 200)
            throw CredentialsError("the SSO portal " + options.portal_endpoint +
                                   " answered GetRoleCredentials with HTTP " +
                                   std::to_string(answer.status));
        rapidjson::Document document;
        document.Parse(answer.body.c_str());
        const rapidjson::Value* role = detail::json_member(document, "roleCredentials");
        if (role == nullptr || !role->IsObject())
            throw CredentialsError("the SSO portal answered GetRoleCredentials without "
                                   "roleCredentials");
        Credentials c;
        c.access_key_id = text_of(*role, "accessKeyId");
        c.secret_access_key = text_of(*role, "secretAccessKey");
        c.session_token = text_of(*role, "sessionToken");
        c.account_id = options.account_id;
        const rapidjson::Value* expiration = detail::json_member(*role, "expiration");
        if (expiration == nullptr || !expiration->IsInt64() || c.access_key_id.empty() ||
            c.secret_access_key.empty())
            throw CredentialsError("the SSO portal answered GetRoleCredentials without a key "
                                   "pair and an expiration");
        c.expiration = std::chrono::system_clock::time_point(
            std::chrono::milliseconds(expiration->GetInt64()));
        co_return c;
    }
};

std::string required(const detail::SharedProfile& profile, const detail::IniProperties* session,
                     std::string_view key, const std::string& where) {
    if (session != nullptr) {
        if (const auto it = session->find(key); it != session->end() && !it->second.empty())
            return it->second;
    } else if (const std::string* value = profile.find(key)) {
        return *value;
    }
    throw ConfigError(where + " has no " + std::string(key));
}

} // namespace

std::string sso_cache_file_name(std::string_view session_or_start_url) {
    return sha1_hex(session_or_start_url) + ".json";
}

std::optional<SsoOptions> SsoOptions::from_profile(const Environment& env,
                                                   std::string_view profile_name) {
    const detail::SharedProfile profile = detail::load_shared_profile(env, profile_name);
    const std::string* session = profile.find("sso_session");
    if (session == nullptr && profile.find("sso_start_url") == nullptr)
        return std::nullopt;
    SsoOptions options;
    options.profile = profile.name;
    const std::string where = "profile '" + profile.name + "' in " + profile.config.path;
    options.account_id = required(profile, nullptr, "sso_account_id", where);
    options.role_name = required(profile, nullptr, "sso_role_name", where);
    if (session != nullptr) {
        options.session_name = *session;
        const auto document = detail::load_ini_file(profile.config.path);
        const std::string section = "sso-session " + *session;
        const auto found = document ? document->find(section) : decltype(document->end()){};
        if (!document || found == document->end())
            throw ConfigError(where + " names sso_session '" + *session + "', but " +
                              profile.config.path + " has no [" + section + "] section");
        const std::string session_where = "[" + section + "] in " + profile.config.path;
        options.start_url = required(profile, &found->second, "sso_start_url", session_where);
        options.region = required(profile, &found->second, "sso_region", session_where);
    } else {
        options.start_url = required(profile, nullptr, "sso_start_url", where);
        options.region = required(profile, nullptr, "sso_region", where);
    }
    std::string home = env.value("HOME").value_or(env.value("USERPROFILE").value_or(""));
    options.cache_directory = home.empty() ? std::string() : home + "/.aws/sso/cache";
    options.portal_endpoint =
        env.value("AWS_ENDPOINT_URL_SSO")
            .value_or("https://portal.sso." + options.region + ".amazonaws.com");
    options.oidc_endpoint = env.value("AWS_ENDPOINT_URL_SSO_OIDC")
                                .value_or("https://oidc." + options.region + ".amazonaws.com");
    return options;
}

SsoCredentialsProvider::SsoCredentialsProvider(SsoOptions options, RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        "sso profile " + options.profile,
        [sso =
             [&] {
                 if (options.cache_directory.empty())
                     throw ConfigError("the SSO token cache of profile '" + options.profile +
                                       "' cannot be found: HOME is not set");
                 while (options.portal_endpoint.ends_with('/'))
                     options.portal_endpoint.pop_back();
                 while (options.oidc_endpoint.ends_with('/'))
                     options.oidc_endpoint.pop_back();
                 const fs::path file =
                     fs::path(options.cache_directory) /
                     sso_cache_file_name(options.session_name.empty() ? options.start_url
                                                                      : options.session_name);
                 const bool tls = options.portal_endpoint.starts_with("https") ||
                                  options.oidc_endpoint.starts_with("https");
                 return std::make_shared<const Sso>(
                     Sso{options, file, tls ? detail::credentials_tls_context() : nullptr});
             }()] { return sso->fetch(); },
        std::move(refresh)) {}

} // namespace dynaq

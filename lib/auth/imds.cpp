// EC2 instance metadata, version 2: a session token first, then the role, then its keys.
#include "credentials_document.hpp"
#include "credentials_http.hpp"
#include "shared_profile.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <charconv>
#include <optional>

namespace dynaq {

namespace asio = boost::asio;
using detail::CredentialsHttpRequest;
using detail::CredentialsHttpResponse;

namespace {

constexpr std::string_view token_path = "/latest/api/token";
constexpr std::string_view role_path = "/latest/meta-data/iam/security-credentials/";

bool is_true(std::string_view text) {
    return text == "true" || text == "True" || text == "TRUE";
}

template <class Number>
Number number_from(std::string_view text, std::string_view source, Number least) {
    Number n{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < least)
        throw ConfigError(std::string(source) + " is '" + std::string(text) +
                          "'; it must be a number of at least " + std::to_string(least));
    return n;
}

// What one provider keeps between fetches. Fetches never overlap (single flight), so the
// token needs no lock.
struct Imds {
    ImdsOptions options;
    std::optional<std::string> token;
    std::chrono::steady_clock::time_point token_expires{};
    bool v1 = false; ///< the token PUT was refused: this host speaks IMDSv1 only

    [[nodiscard]] std::string where(std::string_view path) const {
        return "instance metadata at " + options.endpoint + std::string(path);
    }

    asio::awaitable<CredentialsHttpResponse> send(std::string_view method, std::string_view path,
                                                  bool with_token) {
        CredentialsHttpRequest request;
        request.method = std::string(method);
        request.url = options.endpoint + std::string(path);
        request.timeout = options.timeout;
        if (request.method == "PUT")
            request.headers.emplace_back("X-aws-ec2-metadata-token-ttl-seconds",
                                         std::to_string(options.token_ttl.count()));
        if (with_token && token)
            request.headers.emplace_back("X-aws-ec2-metadata-token", *token);
        const std::shared_ptr<asio::ssl::context> no_tls; // IMDS is plain http
        co_return co_await detail::send_credentials_request(request, no_tls);
    }

    // A token, or none for IMDSv1.
    asio::awaitable<void> ensure_token() {
        const auto now = std::chrono::steady_clock::now();
        if (v1 || (token && now < token_expires))
            co_return;
        token.reset();
        const CredentialsHttpResponse answer = co_await send("PUT", token_path, false);
        if (answer.status == 200 && !answer.body.empty()) {
            token = answer.body;
            // Renewed a minute early, so that no request carries a token about to expire.
            token_expires =
                now + options.token_ttl -
                std::min<std::chrono::seconds>(std::chrono::seconds(60), options.token_ttl / 10);
            co_return;
        }
        if ((answer.status == 403 || answer.status == 404 || answer.status == 405) &&
            options.v1_fallback) {
            v1 = true;
            co_return;
        }
        throw CredentialsError(where(token_path) + " refused a session token (HTTP " +
                               std::to_string(answer.status) + ")" +
                               (options.v1_fallback ? ""
                                                    : "; IMDSv1 is disabled "
                                                      "(AWS_EC2_METADATA_V1_DISABLED)"));
    }

    // GET with the token, once more with a new token when the old one is refused.
    asio::awaitable<CredentialsHttpResponse> get(std::string_view path) {
        co_await ensure_token();
        CredentialsHttpResponse answer = co_await send("GET", path, true);
        if (answer.status == 401 && !v1) {
            token.reset();
            co_await ensure_token();
            answer = co_await send("GET", path, true);
        }
        co_return answer;
    }

    asio::awaitable<Credentials> fetch_once() {
        const CredentialsHttpResponse roles = co_await get(role_path);
        if (roles.status == 404)
            throw CredentialsError(where(role_path) +
                                   ": this instance has no instance profile (IAM role) attached");
        if (roles.status != 200)
            throw CredentialsError(where(role_path) + " answered HTTP " +
                                   std::to_string(roles.status));
        const std::string role = std::string(
            detail::trim_blanks(std::string_view(roles.body).substr(0, roles.body.find('\n'))));
        if (role.empty() || role.find('/') != std::string::npos)
            throw CredentialsError(where(role_path) + " answered without a role name");
        const std::string path = std::string(role_path) + role;
        const CredentialsHttpResponse keys = co_await get(path);
        if (keys.status == 404)
            throw CredentialsError(where(path) + ": no such role (404)");
        if (keys.status != 200)
            throw CredentialsError(where(path) + " answered HTTP " + std::to_string(keys.status));
        if (keys.body.find("\"Code\"") != std::string::npos &&
            keys.body.find("\"Success\"") == std::string::npos)
            throw CredentialsError(where(path) + " did not answer with Code \"Success\"");
        co_return detail::parse_credentials_document(keys.body, where(path));
    }

    asio::awaitable<Credentials> fetch() {
        for (int attempt = 1;; ++attempt) {
            try {
                co_return co_await fetch_once();
            } catch (const TransportError& e) {
                if (attempt >= options.attempts)
                    throw CredentialsError(std::string("no credentials from instance metadata: ") +
                                           e.what());
            }
            token.reset();
        }
    }
};

} // namespace

ImdsOptions ImdsOptions::from_env(const Environment& env) {
    ImdsOptions options;
    const detail::SharedProfile profile = detail::load_shared_profile(env);
    if (auto endpoint = env.value("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
        options.endpoint = std::move(*endpoint);
    } else if (const std::string* configured = profile.find("ec2_metadata_service_endpoint")) {
        options.endpoint = *configured;
    } else {
        std::string mode = env.value("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").value_or("");
        std::string_view source = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";
        if (mode.empty()) {
            if (const std::string* m = profile.find("ec2_metadata_service_endpoint_mode"))
                mode = *m;
            source = "ec2_metadata_service_endpoint_mode";
        }
        if (mode == "IPv6" || mode == "ipv6")
            options.endpoint = "http://[fd00:ec2::254]";
        else if (!mode.empty() && mode != "IPv4" && mode != "ipv4")
            throw ConfigError(std::string(source) + " is '" + mode + "'; it must be IPv4 or IPv6");
    }
    while (options.endpoint.ends_with('/'))
        options.endpoint.pop_back();
    (void)detail::split_url(options.endpoint, "the instance metadata endpoint");
    if (const auto timeout = env.value("AWS_METADATA_SERVICE_TIMEOUT"))
        options.timeout = std::chrono::milliseconds(
            1000 * number_from<long>(*timeout, "AWS_METADATA_SERVICE_TIMEOUT", 1));
    if (const auto attempts = env.value("AWS_METADATA_SERVICE_NUM_ATTEMPTS"))
        options.attempts = number_from<int>(*attempts, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", 1);
    if (const auto v1_disabled = env.value("AWS_EC2_METADATA_V1_DISABLED"))
        options.v1_fallback = !is_true(*v1_disabled);
    else if (const std::string* configured = profile.find("ec2_metadata_v1_disabled"))
        options.v1_fallback = !is_true(*configured);
    return options;
}

ImdsCredentialsProvider::ImdsCredentialsProvider(ImdsOptions options, RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        "imds",
        [imds = std::make_shared<Imds>(Imds{std::move(options), {}, {}, false})] {
            return imds->fetch();
        },
        std::move(refresh)) {}

} // namespace dynaq

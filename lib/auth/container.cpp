// ECS task roles and EKS Pod Identity: one GET to the agent's URL.
#include "credentials_document.hpp"
#include "credentials_http.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>

#include <array>
#include <fstream>
#include <sstream>

namespace dynaq {

namespace asio = boost::asio;

namespace {

constexpr std::string_view ecs_agent = "http://169.254.170.2";
// The hosts the SDKs allow over plain http, besides loopback: the ECS agent and EKS Pod
// Identity's IPv4 and IPv6 addresses.
constexpr std::array<std::string_view, 3> allowed_http_hosts{"169.254.170.2", "169.254.170.23",
                                                             "fd00:ec2::23"};

void check_url(const std::string& url, std::string_view variable) {
    const auto [base, target] = detail::split_url(url, variable);
    const Endpoint endpoint = Endpoint::parse(base);
    if (endpoint.tls || endpoint.is_loopback())
        return;
    for (const std::string_view host : allowed_http_hosts)
        if (endpoint.host == host)
            return;
    throw ConfigError(std::string(variable) + " points at " + endpoint.host +
                      " over http; only https, loopback, 169.254.170.2, 169.254.170.23 and "
                      "fd00:ec2::23 are allowed");
}

std::string read_token_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw CredentialsError("cannot read the container authorization token file " + path +
                               " (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)");
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
        token.pop_back();
    return token;
}

struct Container {
    ContainerOptions options;
    std::shared_ptr<asio::ssl::context> tls;

    asio::awaitable<Credentials> fetch() const {
        std::string token = options.authorization_token_file.empty()
                                ? options.authorization_token
                                : read_token_file(options.authorization_token_file);
        if (token.find_first_of("\r\n") != std::string::npos)
            throw CredentialsError("the container authorization token has a line break");
        const std::string where =
            "the container credentials endpoint " + options.url.substr(0, options.url.find('?'));
        for (int attempt = 1;; ++attempt) {
            detail::CredentialsHttpRequest request;
            request.url = options.url;
            request.timeout = options.timeout;
            if (!token.empty())
                request.headers.emplace_back("Authorization", token);
            try {
                const detail::CredentialsHttpResponse answer =
                    co_await detail::send_credentials_request(request, tls);
                if (answer.status == 200)
                    co_return detail::parse_credentials_document(answer.body, where);
                if (answer.status < 500 || attempt >= options.attempts)
                    throw CredentialsError(where + " answered HTTP " +
                                           std::to_string(answer.status));
            } catch (const TransportError& e) {
                if (attempt >= options.attempts)
                    throw CredentialsError(std::string("no credentials from the container "
                                                       "endpoint: ") +
                                           e.what());
            }
        }
    }
};

} // namespace

std::optional<ContainerOptions> ContainerOptions::from_env(const Environment& env) {
    ContainerOptions options;
    if (auto relative = env.value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
        // Appended rather than inserted: g++ 12 at -O3 reports a false -Wrestrict for an
        // insert at the front.
        options.url = ecs_agent;
        if (!relative->starts_with('/'))
            options.url += '/';
        options.url += *relative;
        check_url(options.url, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    } else if (auto full = env.value("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
        options.url = std::move(*full);
        check_url(options.url, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    } else {
        return std::nullopt;
    }
    options.authorization_token_file =
        env.value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or("");
    options.authorization_token = env.value("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
    return options;
}

ContainerCredentialsProvider::ContainerCredentialsProvider(ContainerOptions options,
                                                           RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        "container",
        [container =
             [&] {
                 check_url(options.url, "the container credentials URL");
                 auto tls =
                     options.url.starts_with("https") ? detail::credentials_tls_context() : nullptr;
                 return std::make_shared<const Container>(
                     Container{std::move(options), std::move(tls)});
             }()] { return container->fetch(); },
        std::move(refresh)) {}

} // namespace dynaq

// AWS STS: AssumeRole (signed with the source's keys) and AssumeRoleWithWebIdentity
// (unsigned), both POSTed as forms; the XML answers are read with Boost.PropertyTree.
#include "../sigv4/canonical.hpp"
#include "credentials_document.hpp"
#include "credentials_http.hpp"
#include "shared_profile.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/error.hpp>
#include <dynaq/sigv4.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <fstream>
#include <sstream>

namespace dynaq {

namespace asio = boost::asio;
namespace pt = boost::property_tree;

namespace {

constexpr std::string_view form_type = "application/x-www-form-urlencoded; charset=utf-8";

bool is_true(std::string_view text) {
    return text == "true" || text == "True" || text == "TRUE";
}

void add_field(std::string& form, std::string_view name, std::string_view value) {
    if (!form.empty())
        form += '&';
    form += name;
    form += '=';
    detail::append_uri_encoded(form, value);
}

std::string session_name_or_default(const std::string& name) {
    if (!name.empty())
        return name;
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return "dynaq-" +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

std::string form_for(std::string_view action, const AssumeRoleRequest& request) {
    std::string form;
    add_field(form, "Action", action);
    add_field(form, "Version", "2011-06-15");
    add_field(form, "RoleArn", request.role_arn);
    add_field(form, "RoleSessionName", session_name_or_default(request.role_session_name));
    if (request.duration_seconds)
        add_field(form, "DurationSeconds", std::to_string(*request.duration_seconds));
    return form;
}

// "arn:aws:sts::123456789012:assumed-role/name/session" -> "123456789012"
std::string account_of(std::string_view arn) {
    std::size_t at = 0;
    for (int colon = 0; colon < 4; ++colon) {
        at = arn.find(':', at);
        if (at == std::string_view::npos)
            return {};
        ++at;
    }
    const auto end = arn.find(':', at);
    return end == std::string_view::npos ? std::string() : std::string(arn.substr(at, end - at));
}

// The answer of `action` ("AssumeRole"), or a CredentialsError with STS's own code and
// message (they name the role, never a key).
Credentials read_sts_answer(const detail::CredentialsHttpResponse& answer, std::string_view action,
                            const std::string& where) {
    pt::ptree document;
    try {
        std::istringstream in(answer.body);
        pt::read_xml(in, document, pt::xml_parser::trim_whitespace);
    } catch (const pt::xml_parser_error&) {
        throw CredentialsError(where + " answered " + std::string(action) + " (HTTP " +
                               std::to_string(answer.status) +
                               ") with something that is not "
                               "XML");
    }
    if (answer.status != 200) {
        const auto code = document.get_optional<std::string>("ErrorResponse.Error.Code");
        const auto message = document.get_optional<std::string>("ErrorResponse.Error.Message");
        throw CredentialsError(where + ": " + std::string(action) + " failed (HTTP " +
                               std::to_string(answer.status) + ", " + code.value_or("no code") +
                               "): " + message.value_or("no message"));
    }
    const std::string result = std::string(action) + "Response." + std::string(action) + "Result";
    const auto credentials = document.get_child_optional(result + ".Credentials");
    if (!credentials)
        throw CredentialsError(where + " answered " + std::string(action) + " without Credentials");
    Credentials c;
    c.access_key_id = credentials->get("AccessKeyId", "");
    c.secret_access_key = credentials->get("SecretAccessKey", "");
    c.session_token = credentials->get("SessionToken", "");
    const std::string expiration = credentials->get("Expiration", "");
    c.expiration = detail::parse_iso8601(expiration);
    if (c.access_key_id.empty() || c.secret_access_key.empty() || !c.expiration)
        throw CredentialsError(where + " answered " + std::string(action) +
                               " without a key pair and an expiration");
    c.account_id = account_of(document.get(result + ".AssumedRoleUser.Arn", ""));
    return c;
}

struct Sts {
    StsOptions options;
    std::shared_ptr<asio::ssl::context> tls;

    [[nodiscard]] std::string where() const { return "STS at " + options.endpoint; }

    // Signs when `signing` is given.
    asio::awaitable<detail::CredentialsHttpResponse> post(const std::string& form,
                                                          const Credentials* signing) const {
        const auto [base, target] = detail::split_url(options.endpoint, "the STS endpoint");
        detail::CredentialsHttpRequest request;
        request.method = "POST";
        request.url = base + target;
        request.timeout = options.timeout;
        request.headers.emplace_back("Content-Type", std::string(form_type));
        if (signing != nullptr) {
            const std::string host = Endpoint::parse(base).host_header();
            const HttpHeader headers[] = {{"host", host}, {"content-type", form_type}};
            RequestToSign to_sign;
            to_sign.path = target;
            to_sign.headers = headers;
            to_sign.payload = form;
            const Signer signer(SignerOptions{options.region, "sts"});
            const SignedHeaders signature =
                signer.sign(to_sign, *signing, std::chrono::system_clock::now());
            request.headers.emplace_back("X-Amz-Date", signature.amz_date);
            request.headers.emplace_back("Authorization", signature.authorization);
            if (!signature.security_token.empty())
                request.headers.emplace_back("X-Amz-Security-Token", signature.security_token);
        }
        request.body = form;
        try {
            co_return co_await detail::send_credentials_request(request, tls);
        } catch (const TransportError& e) {
            throw CredentialsError("no answer from " + where() + ": " + e.what());
        }
    }
};

std::shared_ptr<const Sts> make_sts(StsOptions options) {
    if (options.region.empty())
        options.region = "us-east-1";
    if (options.endpoint.empty())
        options.endpoint = "https://sts." + options.region + ".amazonaws.com";
    (void)detail::split_url(options.endpoint, "the STS endpoint");
    auto tls = options.endpoint.starts_with("https") ? detail::credentials_tls_context() : nullptr;
    return std::make_shared<const Sts>(Sts{std::move(options), std::move(tls)});
}

std::string read_token_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw CredentialsError("cannot read the web identity token file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = text.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
        token.pop_back();
    if (token.empty())
        throw CredentialsError("the web identity token file " + path + " is empty");
    return token;
}

} // namespace

StsOptions StsOptions::from_env(const Environment& env) {
    StsOptions options;
    const detail::SharedProfile profile = detail::load_shared_profile(env);
    if (!is_true(env.value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").value_or(""))) {
        if (auto url = env.value("AWS_ENDPOINT_URL_STS"))
            options.endpoint = std::move(*url);
        else if (auto any = env.value("AWS_ENDPOINT_URL"))
            options.endpoint = std::move(*any);
        else if (const std::string* configured = profile.find("endpoint_url"))
            options.endpoint = *configured;
    }
    if (auto region = env.value("AWS_REGION"))
        options.region = std::move(*region);
    else if (auto fallback = env.value("AWS_DEFAULT_REGION"))
        options.region = std::move(*fallback);
    else if (const std::string* configured = profile.find("region"))
        options.region = *configured;
    if (options.endpoint.empty() && options.region.empty())
        options.endpoint = "https://sts.amazonaws.com";
    return options;
}

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(
    AssumeRoleRequest request, std::shared_ptr<const CredentialsProvider> source, StsOptions sts,
    RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        "assume role " + request.role_arn,
        // A copy: the source name above reads the request, in an unspecified order.
        [sts = make_sts(std::move(sts)), request,
         source = std::move(source)]() -> asio::awaitable<Credentials> {
            const std::shared_ptr<const Credentials> keys = co_await source->async_get_shared();
            std::string form = form_for("AssumeRole", request);
            if (!request.external_id.empty())
                add_field(form, "ExternalId", request.external_id);
            const detail::CredentialsHttpResponse answer = co_await sts->post(form, keys.get());
            co_return read_sts_answer(answer, "AssumeRole", sts->where());
        },
        std::move(refresh)) {}

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(AssumeRoleRequest request,
                                                               std::string token_file,
                                                               StsOptions sts,
                                                               RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        "web identity " + request.role_arn,
        // A copy: the source name above reads the request, in an unspecified order.
        [sts = make_sts(std::move(sts)), request,
         token_file = std::move(token_file)]() -> asio::awaitable<Credentials> {
            std::string form = form_for("AssumeRoleWithWebIdentity", request);
            add_field(form, "WebIdentityToken", read_token_file(token_file));
            const detail::CredentialsHttpResponse answer = co_await sts->post(form, nullptr);
            co_return read_sts_answer(answer, "AssumeRoleWithWebIdentity", sts->where());
        },
        std::move(refresh)) {}

std::shared_ptr<const CredentialsProvider>
environment_web_identity_provider(const Environment& env, RefreshOptions refresh) {
    auto token_file = env.value("AWS_WEB_IDENTITY_TOKEN_FILE");
    auto role_arn = env.value("AWS_ROLE_ARN");
    if (!token_file || !role_arn)
        return nullptr;
    AssumeRoleRequest request;
    request.role_arn = std::move(*role_arn);
    request.role_session_name = env.value("AWS_ROLE_SESSION_NAME").value_or("");
    return std::make_shared<WebIdentityCredentialsProvider>(
        std::move(request), std::move(*token_file), StsOptions::from_env(env), std::move(refresh));
}

} // namespace dynaq

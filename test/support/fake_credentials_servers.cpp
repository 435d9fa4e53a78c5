#include "fake_credentials_servers.hpp"

#include <dynaq/credentials.hpp>

#include <algorithm>

namespace dynaq::test {

namespace {

using namespace std::chrono_literals;

// A slow or reset fault replaces every answer; malformed JSON only the credentials document.
std::optional<Action> injected(Fault fault) {
    switch (fault) {
    case Fault::none:
    case Fault::malformed_json:
        return std::nullopt;
    case Fault::slow:
        return Action::stall(10s); // far past every client timeout
    case Fault::reset:
        return Action::reset();
    }
    return std::nullopt;
}

Action malformed() {
    return Action::respond(200, R"({"AccessKeyId": "ASIA, "SecretAccessKey)", Crc::omitted);
}

Action text(int status, std::string body) {
    return Action::respond(status, std::move(body), Crc::omitted);
}

// Fresh keys, numbered over the process so that every handout is distinguishable.
IssuedKeys next_keys() {
    static std::atomic<int> issued{0};
    const int n = ++issued;
    return {"ASIAFAKE" + std::to_string(100000 + n), "fake-secret-" + std::to_string(n),
            "fake-session-token-" + std::to_string(n)};
}

std::string document(const IssuedKeys& keys, int lifetime_seconds, std::string_view extra) {
    return std::string(R"({"Code":"Success","Type":"AWS-HMAC","AccessKeyId":")") +
           keys.access_key_id + R"(","SecretAccessKey":")" + keys.secret_access_key +
           R"(","Token":")" + keys.session_token + R"(","Expiration":")" +
           to_iso8601(std::chrono::system_clock::now() + std::chrono::seconds(lifetime_seconds)) +
           '"' + std::string(extra) + '}';
}

} // namespace

FakeImds::FakeImds() : server_([this](const RecordedRequest& r) { return handle(r); }) {}

void FakeImds::set_role(std::string role) {
    const std::lock_guard lock(mutex_);
    role_ = std::move(role);
}

void FakeImds::set_listed_role(std::string role) {
    const std::lock_guard lock(mutex_);
    listed_role_ = std::move(role);
}

IssuedKeys FakeImds::last_keys() const {
    const std::lock_guard lock(mutex_);
    return last_;
}

Action FakeImds::handle(const RecordedRequest& request) {
    if (auto fault_action = injected(fault))
        return *fault_action;
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (request.target == "/latest/api/token") {
        if (request.method != "PUT")
            return text(405, "");
        ++token_puts_;
        switch (token_put.load()) {
        case TokenPut::forbidden:
            return text(403, "");
        case TokenPut::not_found:
            return text(404, "");
        case TokenPut::server_error:
            return text(500, "");
        case TokenPut::ok:
            break;
        }
        const std::string ttl_text = request.header("x-aws-ec2-metadata-token-ttl-seconds");
        int ttl = 0;
        try {
            ttl = std::stoi(ttl_text);
        } catch (...) {
            return text(400, "");
        }
        if (ttl < 1 || ttl > 21'600)
            return text(400, "");
        ttl = std::min(ttl, max_token_ttl_seconds.load());
        const std::string token = "fake-imds-token-" + std::to_string(token_puts_.load());
        tokens_.emplace_back(token, now + std::chrono::seconds(ttl));
        return text(200, token)
            .with_header("X-aws-ec2-metadata-token-ttl-seconds", std::to_string(ttl));
    }
    if (request.method != "GET")
        return text(405, "");
    const std::string token = request.header("x-aws-ec2-metadata-token");
    if (!token.empty() || require_token) {
        const auto valid = std::ranges::any_of(tokens_, [&](const auto& issued) {
            return issued.first == token && now < issued.second;
        });
        if (!valid)
            return text(401, "");
    }
    constexpr std::string_view prefix = "/latest/meta-data/iam/security-credentials/";
    if (!request.target.starts_with(prefix))
        return text(404, "");
    const std::string_view role = std::string_view(request.target).substr(prefix.size());
    if (role.empty())
        return text(200, listed_role_.empty() ? role_ : listed_role_);
    if (role != role_)
        return text(404, "");
    ++credential_fetches_;
    if (fault == Fault::malformed_json)
        return malformed();
    last_ = next_keys();
    return text(
        200, document(last_, lifetime_seconds,
                      R"(,"LastUpdated":")" + to_iso8601(std::chrono::system_clock::now()) + '"'));
}

FakeContainerAgent::FakeContainerAgent(std::string path, std::string token) :
    path_(std::move(path)), token_(std::move(token)),
    server_([this](const RecordedRequest& r) { return handle(r); }) {}

void FakeContainerAgent::set_token(std::string token) {
    const std::lock_guard lock(mutex_);
    token_ = std::move(token);
}

IssuedKeys FakeContainerAgent::last_keys() const {
    const std::lock_guard lock(mutex_);
    return last_;
}

Action FakeContainerAgent::handle(const RecordedRequest& request) {
    if (auto fault_action = injected(fault))
        return *fault_action;
    const std::lock_guard lock(mutex_);
    if (request.method != "GET")
        return text(405, "");
    if (!token_.empty() && request.header("authorization") != token_)
        return text(401, R"({"code":"AccessDeniedException","message":"bad token"})");
    if (request.target != path_)
        return text(404, "");
    ++credential_fetches_;
    if (fault == Fault::malformed_json)
        return malformed();
    last_ = next_keys();
    return text(200, document(last_, lifetime_seconds, R"(,"AccountId":"123456789012")"));
}

} // namespace dynaq::test

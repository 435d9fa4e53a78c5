#include "fake_sso.hpp"

#include <algorithm>

namespace dynaq::test {

namespace {

Action json(int status, std::string body) {
    return Action::respond(status, std::move(body), Crc::omitted)
        .with_header("Content-Type", "application/json");
}

// The value of `"name":"..."` in a small JSON text the client wrote (no escapes in it).
std::string field(const std::string& body, const std::string& name) {
    const std::string key = "\"" + name + "\":\"";
    const auto at = body.find(key);
    if (at == std::string::npos)
        return {};
    const auto end = body.find('"', at + key.size());
    return end == std::string::npos ? std::string()
                                    : body.substr(at + key.size(), end - at - key.size());
}

std::string query_value(const std::string& target, const std::string& name) {
    const auto at = target.find(name + "=");
    if (at == std::string::npos)
        return {};
    const auto start = at + name.size() + 1;
    return target.substr(start, target.find('&', start) - start);
}

} // namespace

FakeSso::FakeSso(std::string account_id, std::string role_name) :
    account_id_(std::move(account_id)), role_name_(std::move(role_name)),
    server_([this](const RecordedRequest& r) { return handle(r); }) {}

std::string FakeSso::issue_token(std::chrono::seconds valid_for) {
    const std::lock_guard lock(mutex_);
    const std::string token = "fake-sso-access-" + std::to_string(tokens_.size() + 1);
    tokens_.emplace_back(token, std::chrono::system_clock::now() + valid_for);
    return token;
}

IssuedKeys FakeSso::last_keys() const {
    const std::lock_guard lock(mutex_);
    return last_;
}

Action FakeSso::handle(const RecordedRequest& request) {
    if (fault == Fault::slow)
        return Action::stall(std::chrono::seconds(10));
    if (fault == Fault::reset)
        return Action::reset();
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::system_clock::now();
    if (request.method == "POST" && request.target == "/token") {
        ++create_tokens_;
        if (field(request.body, "grantType") != "refresh_token" ||
            field(request.body, "clientId") != client_id ||
            field(request.body, "clientSecret") != client_secret ||
            field(request.body, "refreshToken") != refresh_token)
            return json(400, R"({"error":"invalid_grant"})");
        const std::string token = "fake-sso-access-" + std::to_string(tokens_.size() + 1);
        tokens_.emplace_back(token, now + std::chrono::seconds(token_lifetime_seconds.load()));
        refresh_token = "fake-refresh-" + std::to_string(create_tokens_.load() + 1);
        return json(200, R"({"accessToken":")" + token + R"(","tokenType":"Bearer","expiresIn":)" +
                             std::to_string(token_lifetime_seconds.load()) +
                             R"(,"refreshToken":")" + refresh_token + R"("})");
    }
    if (request.method == "GET" && request.target.starts_with("/federation/credentials?")) {
        const std::string token = request.header("x-amz-sso_bearer_token");
        const bool valid = std::ranges::any_of(tokens_, [&](const auto& issued) {
            return issued.first == token && now < issued.second;
        });
        if (!valid)
            return json(401, R"({"message":"Session token not found or invalid"})");
        if (query_value(request.target, "account_id") != account_id_ ||
            query_value(request.target, "role_name") != role_name_)
            return json(403, R"({"message":"No access"})");
        ++role_fetches_;
        if (fault == Fault::malformed_json)
            return json(200, R"({"roleCredentials":{"accessKeyId":)");
        static std::atomic<int> issued{0};
        const int n = ++issued;
        last_ = {"ASIASSO" + std::to_string(100000 + n), "sso-secret-" + std::to_string(n),
                 "sso-session-" + std::to_string(n)};
        const auto expiration = std::chrono::duration_cast<std::chrono::milliseconds>(
            (now + std::chrono::seconds(lifetime_seconds.load())).time_since_epoch());
        return json(200, R"({"roleCredentials":{"accessKeyId":")" + last_.access_key_id +
                             R"(","secretAccessKey":")" + last_.secret_access_key +
                             R"(","sessionToken":")" + last_.session_token + R"(","expiration":)" +
                             std::to_string(expiration.count()) + "}}");
    }
    return json(404, R"({"message":"not found"})");
}

} // namespace dynaq::test

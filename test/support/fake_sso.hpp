#pragma once
// A loopback IAM Identity Center: the SSO-OIDC CreateToken (refresh_token grant) and the
// portal's GetRoleCredentials, as documented. Access tokens expire after
// `token_lifetime_seconds`; role credentials after `lifetime_seconds`; an unknown or expired
// token is a 401, an unknown account or role a 403 (as the portal answers).
#include "fake_credentials_servers.hpp"

namespace dynaq::test {

class FakeSso {
public:
    FakeSso(std::string account_id, std::string role_name);
    FakeSso(const FakeSso&) = delete;
    FakeSso& operator=(const FakeSso&) = delete;

    [[nodiscard]] std::string url() const { return server_.url(); }
    [[nodiscard]] FaultServer& server() { return server_; }

    /// A token `aws sso login` would have cached, valid for `valid_for` (negative: expired).
    std::string issue_token(std::chrono::seconds valid_for);
    /// The client registration whose refresh token CreateToken accepts.
    std::string client_id = "fake-client";
    std::string client_secret = "fake-client-secret";
    std::string refresh_token = "fake-refresh-1";

    std::atomic<int> lifetime_seconds{3'600};
    std::atomic<int> token_lifetime_seconds{28'800};
    std::atomic<Fault> fault{Fault::none};

    [[nodiscard]] int create_tokens() const { return create_tokens_; }
    [[nodiscard]] int role_fetches() const { return role_fetches_; }
    [[nodiscard]] IssuedKeys last_keys() const;

private:
    Action handle(const RecordedRequest& request);

    mutable std::mutex mutex_;
    std::string account_id_;
    std::string role_name_;
    std::vector<std::pair<std::string, std::chrono::system_clock::time_point>> tokens_;
    IssuedKeys last_;
    std::atomic<int> create_tokens_{0};
    std::atomic<int> role_fetches_{0};
    FaultServer server_;
};

} // namespace dynaq::test

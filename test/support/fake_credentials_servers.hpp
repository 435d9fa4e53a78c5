#pragma once
// Loopback stand-ins for the credential services, built on FaultServer: EC2 instance metadata
// (IMDSv2 with token TTLs, 401 without a valid token when tokens are required, 404 for an
// unknown role) and an ECS/EKS container agent (Authorization checked). Each hands out fresh
// keys on every credentials request ("ASIAFAKE<n>"), expiring `lifetime` after issue, so
// refresh can be exercised in seconds. Fault modes make any request slow, reset, or answer
// malformed JSON.
#include "fault_server.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace dynaq::test {

enum class Fault { none, slow, reset, malformed_json };

/// The keys a fake handed out, in order.
struct IssuedKeys {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
};

class FakeImds {
public:
    /// How the token PUT is answered: as IMDSv2 does, or refused (IMDSv1-only hosts answer
    /// 403 or 404), or with a server error.
    enum class TokenPut { ok, forbidden, not_found, server_error };

    FakeImds();
    FakeImds(const FakeImds&) = delete;
    FakeImds& operator=(const FakeImds&) = delete;

    [[nodiscard]] std::string url() const { return server_.url(); }
    [[nodiscard]] FaultServer& server() { return server_; }

    // Settings; change them at any time.
    std::atomic<bool> require_token{true}; ///< IMDSv2 "required": no token, 401
    std::atomic<TokenPut> token_put{TokenPut::ok};
    std::atomic<Fault> fault{Fault::none};
    /// The token TTL actually granted is the smaller of this and the one asked for.
    std::atomic<int> max_token_ttl_seconds{21'600};
    std::atomic<int> lifetime_seconds{3'600};
    void set_role(std::string role);
    /// What the role listing answers; empty (the default): the role itself. Another name
    /// makes the role document 404, as for a role that was detached meanwhile.
    void set_listed_role(std::string role);

    [[nodiscard]] int token_puts() const { return token_puts_; }
    [[nodiscard]] int credential_fetches() const { return credential_fetches_; }
    [[nodiscard]] IssuedKeys last_keys() const;

private:
    Action handle(const RecordedRequest& request);

    mutable std::mutex mutex_;
    std::string role_ = "dynaq-test-role";
    std::string listed_role_;
    std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> tokens_;
    IssuedKeys last_;
    std::atomic<int> token_puts_{0};
    std::atomic<int> credential_fetches_{0};
    FaultServer server_;
};

class FakeContainerAgent {
public:
    /// Answers GET `path` when Authorization equals `token` (any, when `token` is empty).
    explicit FakeContainerAgent(std::string path = "/v2/credentials/dynaq-test",
                                std::string token = {});
    FakeContainerAgent(const FakeContainerAgent&) = delete;
    FakeContainerAgent& operator=(const FakeContainerAgent&) = delete;

    /// "http://127.0.0.1:<port>/<path>"
    [[nodiscard]] std::string url() const { return server_.url() + path_; }
    [[nodiscard]] std::string path() const { return path_; }
    [[nodiscard]] FaultServer& server() { return server_; }

    std::atomic<Fault> fault{Fault::none};
    std::atomic<int> lifetime_seconds{3'600};
    void set_token(std::string token);

    [[nodiscard]] int credential_fetches() const { return credential_fetches_; }
    [[nodiscard]] IssuedKeys last_keys() const;

private:
    Action handle(const RecordedRequest& request);

    mutable std::mutex mutex_;
    std::string path_;
    std::string token_;
    IssuedKeys last_;
    std::atomic<int> credential_fetches_{0};
    FaultServer server_;
};

} // namespace dynaq::test

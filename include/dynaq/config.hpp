#pragma once
// Everything a client needs to know before it sends its first request. A plain struct: set
// what differs from the defaults, leave the rest.
//
//   dynaq::ClientConfig cfg;
//   cfg.region = "eu-west-1";
//   cfg.credentials = std::make_shared<MyProvider>();
//   cfg.timeouts.attempt = std::chrono::seconds(2);
#include <dynaq/credentials.hpp>
#include <dynaq/endpoint.hpp>
#include <dynaq/environment.hpp>
#include <dynaq/export.hpp>
#include <dynaq/retry.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

namespace dynaq {

/// Keep-alive connections, per endpoint.
struct PoolConfig {
    /// Upper bound of open connections. Calls beyond it wait for a connection to come free
    /// (they do not share one: there is no pipelining, so no head-of-line blocking). 64 matches
    /// the in-flight depth the transport is tuned for; raise it with the concurrency.
    std::size_t max_connections = 64;
    /// A connection idle for longer is closed instead of reused. Shorter than the usual 60 s
    /// server-side keep-alive so that we close first and rarely write into a dying connection.
    std::chrono::milliseconds idle_timeout{20'000};
};

struct TimeoutConfig {
    /// TCP connect plus TLS handshake. DynamoDB answers a SYN within milliseconds from any
    /// region; a few seconds means the route is broken and another attempt is better.
    std::chrono::milliseconds connect{3'000};
    /// One attempt: from getting a connection to the last byte of the response. DynamoDB's
    /// single-item latency is milliseconds and a 1 MB page well under a second, so 10 s means
    /// the request is stuck, and a retry on a fresh connection is the better bet.
    std::chrono::milliseconds attempt{10'000};
    /// Idle read: once the request is written, the longest wait for the next byte of the
    /// response (head or body). The clock restarts with every chunk received, so a big page
    /// that keeps streaming is never cut (timeouts.attempt still bounds it); a connection that
    /// has gone silent is given up after this long and the attempt retried (as a timeout:
    /// when retry.retry_possibly_delivered allows). DynamoDB sends its first byte within
    /// milliseconds, even for a 1 MB Scan page; 5 s of silence is well past TCP's first
    /// retransmissions (1 s, then 2 s), so a single lost packet recovers before it fires, while
    /// a stalled connection costs 5 s instead of the full attempt timeout. 0 disables it.
    std::chrono::milliseconds idle{5'000};
    /// The whole call, retries and backoff included. Wide enough for the default retry policy
    /// (10 attempts, backoff ceilings summing to ~25 s), so the policy, not the deadline, ends
    /// a normal failure; it bounds the worst case instead.
    std::chrono::milliseconds call_deadline{60'000};
};

struct TlsConfig {
    /// PEM file of the CAs to trust (it may hold many certificates). Empty: the system's
    /// default trust store. from_env() takes it from AWS_CA_BUNDLE, else the profile's
    /// `ca_bundle`; a value set in code after from_env() wins over both. A file that cannot
    /// be read is a ConfigError when the client is constructed.
    std::string ca_file;
    /// Where `ca_file` came from, named in that ConfigError ("AWS_CA_BUNDLE", "ca_bundle in
    /// profile 'dev'"). from_env() sets it; code that sets `ca_file` itself may leave it
    /// empty ("tls.ca_file").
    std::string ca_file_source;
    /// PEM client certificate chain and its private key, for TLS-intercepting proxies and
    /// gateways that demand mutual TLS. Both or neither; empty: no client certificate.
    std::string cert_file;
    std::string key_file;
    /// Accept any certificate and any host name. For a local test server only: with it, TLS
    /// no longer protects against a man in the middle.
    bool insecure_skip_verify = false;
};

/// An HTTP proxy between the client and DynamoDB. HTTPS endpoints are reached through a
/// CONNECT tunnel (TLS runs end to end with DynamoDB, so the proxy sees no plaintext and the
/// certificate is checked against the DynamoDB host), HTTP endpoints through requests in
/// absolute form. URLs are "http://[user:password@]host[:port]" (port 1080 when absent, as
/// curl does; the scheme may be left out); user and password may be percent-encoded and are
/// sent as Proxy-Authorization: Basic. They are never printed: messages show user:***@host.
/// from_env() reads them as curl does (lowercase wins where both spellings are set).
struct ProxyConfig {
    /// For https endpoints: https_proxy / HTTPS_PROXY. Empty: connect directly.
    std::string https_proxy;
    /// For http endpoints: http_proxy / HTTP_PROXY. Empty: connect directly.
    std::string http_proxy;
    /// Hosts reached directly: no_proxy / NO_PROXY. Comma-separated entries: "*" (every
    /// host), a host name that also matches its subdomains ("example.com" and ".example.com"
    /// both match "db.example.com"), an IP address, a CIDR range ("10.0.0.0/8", "fd00::/8"),
    /// any of these with ":port" to match that port only.
    std::string no_proxy;
};

/// What the transport decided after an attempt.
enum class AttemptDecision { done, retry, fail };

/// Reported to ClientConfig::on_attempt after every attempt. The views are valid during the
/// callback only.
struct AttemptInfo {
    std::string_view operation;  ///< "GetItem"
    int attempt = 0;             ///< 1 for the first attempt
    int http_status = 0;         ///< 0 when no HTTP response was read
    std::error_code error;       ///< set for transport failures
    std::string_view error_code; ///< service error code, e.g. "ThrottlingException"
    std::chrono::nanoseconds latency{0};
    std::size_t bytes_sent = 0;     ///< request header and body
    std::size_t bytes_received = 0; ///< response header and body (as far as read)
    AttemptDecision decision = AttemptDecision::done;
    RetryReason retry_reason = RetryReason::none; ///< why it is (or would have been) retried
    StopReason stop_reason = StopReason::none;    ///< why it is final, for `fail`
    std::chrono::nanoseconds retry_delay{0};      ///< the backoff before the next attempt
};

/// What a command line may say over the environment. Empty members leave the environment's
/// answer in place.
struct ConfigOverrides {
    std::string endpoint; ///< wins over AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL / profile
    std::string region;   ///< wins over AWS_REGION (so the default endpoint follows it)
    std::string profile;  ///< wins over AWS_PROFILE, for the region and the credentials
};

struct DYNAQ_API ClientConfig {
    /// AWS region, e.g. "us-east-1". Required: it is part of every signature.
    std::string region;
    /// A custom endpoint, "https://host[:port]" or "http://host[:port]"; it wins over the
    /// settings below. Empty: the endpoint DynamoDB's rules give for the region and them
    /// (resolved_endpoint()).
    std::string endpoint;
    /// A custom endpoint for DynamoDB Streams (StreamsClient, ChangeStream). Empty: `endpoint`
    /// when that is set (a local emulator serves both services on one port), else the
    /// endpoint the Streams rules give (streams.dynamodb.<region>...). from_env() takes it from
    /// AWS_ENDPOINT_URL_DYNAMODB_STREAMS or `endpoint_url` under `dynamodb_streams` in the
    /// profile's `services` section.
    std::string streams_endpoint;
    /// The FIPS 140 endpoint (dynamodb-fips.<region>...). Not with a custom endpoint.
    bool use_fips_endpoint = false;
    /// The dual-stack (IPv4 and IPv6) endpoint, dynamodb.<region>.api.aws in the aws
    /// partition. Not with a custom endpoint; not in aws-iso and aws-iso-b.
    bool use_dualstack_endpoint = false;
    /// The AWS account the credentials belong to; with it (aws partition, no FIPS) requests
    /// go to the account-ID endpoint https://<account>.ddb.<region>.amazonaws.com.
    /// Empty: unknown.
    std::string account_id;
    AccountIdEndpointMode account_id_endpoint_mode = AccountIdEndpointMode::preferred;
    ProxyConfig proxy;
    /// How long resolved addresses of the endpoint (or proxy) are used before the name is
    /// resolved again. DynamoDB's DNS answers change as it moves load; 60 s follows them
    /// while costing one lookup a minute. New connections take the addresses in turn.
    std::chrono::milliseconds dns_refresh{60'000};
    /// Required. Asked once per attempt, so it may rotate credentials underneath.
    std::shared_ptr<const CredentialsProvider> credentials;
    PoolConfig pool;
    TimeoutConfig timeouts;
    RetryPolicy retry;
    TlsConfig tls;
    std::string user_agent = "dynaq/0.1.0";
    /// Largest response body accepted (a ProtocolError beyond it). DynamoDB's largest
    /// responses (BatchGetItem, 16 MB of items) fit with room for JSON overhead.
    std::size_t max_response_body = 64u * 1024 * 1024;
    /// Called after every attempt, on the thread that ran it. Empty (the default): nothing is
    /// reported and nothing is printed. Must not throw.
    std::function<void(const AttemptInfo&)> on_attempt;

    /// The endpoint requests go to: `endpoint` when set, else what DynamoDB's endpoint rules
    /// give for the region, FIPS, dual-stack and account-ID settings
    /// (resolve_service_endpoint). Throws ConfigError for a combination that does not exist.
    [[nodiscard]] ResolvedEndpoint resolved_endpoint() const;
    /// The same for `service`: for Service::streams, `streams_endpoint`, else `endpoint`, else
    /// the Streams endpoint rules.
    [[nodiscard]] ResolvedEndpoint resolved_endpoint(Service service) const;

    /// Region, endpoint and credentials as the AWS SDKs find them: AWS_REGION /
    /// AWS_DEFAULT_REGION / the profile's region; the configured endpoint
    /// (AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL / the profile's `services` section /
    /// the profile's endpoint_url, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) or else the
    /// FIPS, dual-stack and account-ID settings; the CA bundle and proxies (README,
    /// "Configuration"); and the default credentials chain (environment, the shared files,
    /// SSO, credential_process, a container agent, instance metadata: DefaultCredentialsChain),
    /// resolved at the first request. AWS_MAX_ATTEMPTS or the profile's
    /// `max_attempts` sets `retry.max_attempts`. Throws ConfigError naming every source
    /// tried when there is no region, and naming the setting for a malformed value.
    [[nodiscard]] static ClientConfig from_env();
    [[nodiscard]] static ClientConfig from_env(const Environment& env);

    /// from_env() with `overrides` applied, and allowances for a loopback endpoint (emulators
    /// check neither signatures nor regions): without a configured region it is us-east-1; with
    /// no profile chosen and no credentials found by the whole chain, it signs with the keys
    /// "dummy"/"dummy" (the chain's source() says "fallback keys"); and timeouts.idle is 0 (moto
    /// takes seconds to compute a large Scan page before its first byte). A remote endpoint gets
    /// exactly what the AWS SDKs would use.
    [[nodiscard]] static ClientConfig from_env(const Environment& env,
                                               const ConfigOverrides& overrides);
};

} // namespace dynaq

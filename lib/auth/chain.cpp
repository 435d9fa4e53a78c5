// The default chain: choose the first configured source, then stay with it.
#include "blocking.hpp"
#include "shared_profile.hpp"
#include "static_sources.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

#include <mutex>

namespace dynaq {

namespace asio = boost::asio;

namespace {

// Keys that a source resolved once, named after it.
class ResolvedCredentials final : public CredentialsProvider {
public:
    ResolvedCredentials(Credentials credentials, std::string source) :
        credentials_(std::make_shared<const Credentials>(std::move(credentials))),
        source_(std::move(source)) {}
    [[nodiscard]] Credentials get() const override { return *credentials_; }
    [[nodiscard]] std::shared_ptr<const Credentials> get_shared() const override {
        return credentials_;
    }
    [[nodiscard]] std::shared_ptr<const Credentials> try_get_shared() const noexcept override {
        return credentials_;
    }
    [[nodiscard]] std::string source() const override { return source_; }

private:
    std::shared_ptr<const Credentials> credentials_;
    std::string source_;
};

bool is_true(std::string_view text) {
    return text == "true" || text == "True" || text == "TRUE";
}

} // namespace

struct DefaultCredentialsChain::State {
    Environment env;
    ChainOptions options;

    std::mutex mutex;
    std::shared_ptr<const CredentialsProvider> chosen;   ///< guarded by mutex
    std::shared_ptr<const ImdsCredentialsProvider> imds; ///< created once, guarded by mutex

    [[nodiscard]] std::shared_ptr<const CredentialsProvider> current() {
        const std::lock_guard lock(mutex);
        return chosen;
    }
    // The first caller to choose wins; the others use its choice.
    std::shared_ptr<const CredentialsProvider>
    choose(std::shared_ptr<const CredentialsProvider> provider) {
        const std::lock_guard lock(mutex);
        if (!chosen)
            chosen = std::move(provider);
        return chosen;
    }

    // The sources that are known to apply without asking anything over the network. Appends
    // to `tried` why each of those that do not apply gives nothing.
    std::shared_ptr<const CredentialsProvider> configured(std::string& tried) {
        detail::Lookup environment = detail::from_environment(env);
        if (environment.credentials)
            return std::make_shared<ResolvedCredentials>(std::move(*environment.credentials),
                                                         "environment");
        tried += "environment variables (" + environment.why_not + ")";
        if (auto role = profile_role_provider(env, {}, options.refresh))
            return role;
        if (auto web_identity = environment_web_identity_provider(env, options.refresh))
            return web_identity;
        tried += "; web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set)";
        if (auto sso = SsoOptions::from_profile(env))
            return std::make_shared<SsoCredentialsProvider>(std::move(*sso), options.refresh);
        // botocore's order: the credentials file's keys, then credential_process, then the
        // config file's keys.
        const detail::SharedProfile shared = detail::load_shared_profile(env);
        const std::string* command = shared.find("credential_process");
        if (command != nullptr && shared.credentials.find("aws_access_key_id") == nullptr &&
            shared.credentials.find("aws_secret_access_key") == nullptr) {
            ProcessOptions process;
            process.command = *command;
            process.source = "credential_process of profile '" + shared.name + "'";
            return std::make_shared<ProcessCredentialsProvider>(std::move(process),
                                                                options.refresh);
        }
        detail::Lookup profile = detail::from_profile(env, {});
        if (profile.credentials)
            return std::make_shared<ResolvedCredentials>(
                std::move(*profile.credentials), "profile " + detail::active_profile_name(env));
        tried += "; " + profile.why_not;
        if (auto container = ContainerOptions::from_env(env))
            return std::make_shared<ContainerCredentialsProvider>(std::move(*container),
                                                                  options.refresh);
        tried += "; container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
                 "AWS_CONTAINER_CREDENTIALS_FULL_URI are not set)";
        return nullptr;
    }

    std::shared_ptr<const ImdsCredentialsProvider> instance_metadata() {
        ImdsOptions imds_options = ImdsOptions::from_env(env); // a bad setting throws each time
        const std::lock_guard lock(mutex);
        if (!imds)
            imds =
                std::make_shared<ImdsCredentialsProvider>(std::move(imds_options), options.refresh);
        return imds;
    }
};

DefaultCredentialsChain::DefaultCredentialsChain(Environment env, ChainOptions options) :
    state_(std::make_shared<State>()) {
    state_->env = std::move(env);
    state_->options = std::move(options);
}

DefaultCredentialsChain::~DefaultCredentialsChain() = default;

std::shared_ptr<const Credentials> DefaultCredentialsChain::try_get_shared() const noexcept {
    const auto chosen = state_->current();
    return chosen ? chosen->try_get_shared() : nullptr;
}

asio::awaitable<std::shared_ptr<const Credentials>>
DefaultCredentialsChain::async_get_shared() const {
    const std::shared_ptr<State> state = state_;
    if (const auto chosen = state->current())
        co_return co_await chosen->async_get_shared();
    std::string tried;
    if (auto configured = state->configured(tried)) {
        const auto chosen = state->choose(std::move(configured));
        co_return co_await chosen->async_get_shared();
    }
    if (is_true(state->env.value("AWS_EC2_METADATA_DISABLED").value_or(""))) {
        tried += "; instance metadata (AWS_EC2_METADATA_DISABLED is true)";
    } else {
        const auto imds = state->instance_metadata();
        std::string why_not;
        try {
            auto credentials = co_await imds->async_get_shared();
            state->choose(imds);
            co_return credentials;
        } catch (const CancelledError&) {
            throw;
        } catch (const Error& e) {
            why_not = e.what();
        }
        tried += "; instance metadata (" + why_not + ")";
    }
    if (state->options.fallback) {
        const auto chosen = state->choose(std::make_shared<ResolvedCredentials>(
            *state->options.fallback, "fallback keys (no source has credentials)"));
        co_return chosen->get_shared();
    }
    throw ConfigError("no AWS credentials found; tried: " + tried);
}

std::shared_ptr<const Credentials> DefaultCredentialsChain::get_shared() const {
    return detail::get_blocking(*this);
}

Credentials DefaultCredentialsChain::get() const {
    return *get_shared();
}

std::string DefaultCredentialsChain::source() const {
    const auto chosen = state_->current();
    return "default chain: " + (chosen ? chosen->source() : std::string("no source chosen yet"));
}

} // namespace dynaq

// credentials: which source the default chain chose and what it handed out, without a secret.
#include "command.hpp"
#include "output.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

// The last four characters only: enough to tell keys apart, useless to anyone else.
std::string key_hint(const std::string& access_key_id) {
    if (access_key_id.size() <= 4)
        return "****";
    return "****" + access_key_id.substr(access_key_id.size() - 4);
}

asio::awaitable<int> run_credentials(Context& ctx, const Args&) {
    const dynaq::ClientConfig& config = ctx.client.config();
    const std::shared_ptr<const dynaq::Credentials> keys =
        co_await config.credentials->async_get_shared();
    LineOutput out;
    out.line("source:      " + config.credentials->source());
    out.line("access key:  " + key_hint(keys->access_key_id));
    out.line(std::string("session:     ") + (keys->session_token.empty() ? "no" : "yes"));
    out.line("expires:     " + (keys->expiration ? dynaq::to_iso8601(*keys->expiration) : "never"));
    out.line("account:     " + (keys->account_id.empty() ? "unknown" : keys->account_id));
    out.line("region:      " + config.region);
    out.line("endpoint:    " + config.endpoint);
    out.flush();
    co_return 0;
}

} // namespace

std::vector<Command> credentials_commands() {
    return {
        {{.name = "credentials",
          .summary = "Show which credentials source answered, and for which region and endpoint.",
          .details = "Prints the source (\"default chain: imds\", \"...: fallback keys\" when\n"
                     "nothing was found for a local endpoint), the access key id's last 4\n"
                     "characters, whether there is a session token, the expiry, the account id,\n"
                     "the region and the endpoint. Never a secret or a token.\n"
                     "Example:\n  dynaq credentials --profile dev"},
         run_credentials},
    };
}

} // namespace dynaq_cli

// config: what a command would connect to, as the configuration resolves, without sending a
// request. Secrets never appear: no keys, and a proxy password shows as ***.
#include "command.hpp"
#include "output.hpp"

#include <dynaq/transport.hpp>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

asio::awaitable<int> run_config(Context& ctx, const Args&) {
    const dynaq::Transport& transport = ctx.client.transport();
    const dynaq::ClientConfig& config = transport.config();
    LineOutput out;
    out.line("endpoint: " + transport.endpoint().url());
    out.line("region: " + config.region);
    const std::string proxy = transport.proxy();
    out.line("proxy: " + (proxy.empty() ? std::string("none") : proxy));
    if (transport.endpoint().tls)
        out.line("ca_bundle: " +
                 (config.tls.ca_file.empty()
                      ? std::string("the system's trust store")
                      : config.tls.ca_file + " (from " +
                            (config.tls.ca_file_source.empty() ? std::string("tls.ca_file")
                                                               : config.tls.ca_file_source) +
                            ")"));
    out.flush();
    co_return 0;
}

} // namespace

std::vector<Command> config_commands() {
    return {
        {{.name = "config",
          .summary = "Print the endpoint, region, proxy and CA bundle a command would use.",
          .details = "Nothing is sent. The endpoint follows AWS_ENDPOINT_URL*, the region and the "
                     "FIPS, dual-stack\nand account-ID settings; the proxy HTTPS_PROXY / "
                     "HTTP_PROXY / NO_PROXY. Secrets are never\nprinted (a proxy password shows "
                     "as ***).\nExample:\n  AWS_USE_FIPS_ENDPOINT=true dynaq config --region "
                     "us-west-2"},
         run_config},
    };
}

} // namespace dynaq_cli

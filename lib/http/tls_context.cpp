#include <dynaq/detail/http_tls.hpp>
#include <dynaq/error.hpp>

#include <openssl/ssl.h>

namespace dynaq::detail {

namespace ssl = boost::asio::ssl;

ssl::context make_tls_context(const TlsConfig& config) {
    ssl::context ctx(ssl::context::tls_client);
    // AWS endpoints require TLS 1.2 or later; refusing older versions closes downgrade paths.
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    if (config.insecure_skip_verify) {
        ctx.set_verify_mode(ssl::verify_none);
        return ctx;
    }
    ctx.set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (config.ca_file.empty())
        ctx.set_default_verify_paths(ec);
    else
        ctx.load_verify_file(config.ca_file, ec);
    if (ec) {
        throw ConfigError(config.ca_file.empty()
                              ? "cannot load the system's CA certificates: " + ec.message()
                              : "cannot load CA file '" + config.ca_file + "': " + ec.message());
    }
    return ctx;
}

} // namespace dynaq::detail

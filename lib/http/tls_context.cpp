#include "http/http_tls.hpp"
#include <dynaq/error.hpp>

#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace dynaq::detail {

namespace ssl = boost::asio::ssl;

namespace {

// OpenSSL's words for a missing file are "system lib"; say what the file's problem is first,
// so the message names the file, the setting and the reason a person can act on.
void require_readable(const std::string& path, std::string_view what, std::string_view source) {
    std::ifstream probe(path);
    if (!probe)
        throw ConfigError("cannot read the " + std::string(what) + " '" + path + "' (from " +
                          std::string(source) + "): " + std::strerror(errno));
}

} // namespace

ssl::context make_tls_context(const TlsConfig& config) {
    ssl::context ctx(ssl::context::tls_client);
    // AWS endpoints require TLS 1.2 or later; refusing older versions closes downgrade paths.
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    boost::system::error_code ec;
    if (config.cert_file.empty() != config.key_file.empty())
        throw ConfigError("tls.cert_file and tls.key_file must be set together");
    if (!config.cert_file.empty()) {
        require_readable(config.cert_file, "client certificate", "tls.cert_file");
        require_readable(config.key_file, "client key", "tls.key_file");
        ctx.use_certificate_chain_file(config.cert_file, ec);
        if (ec)
            throw ConfigError("cannot load the client certificate '" + config.cert_file +
                              "' (tls.cert_file): " + ec.message());
        ctx.use_private_key_file(config.key_file, ssl::context::pem, ec);
        if (ec || SSL_CTX_check_private_key(ctx.native_handle()) != 1)
            throw ConfigError(
                "cannot use the client key '" + config.key_file +
                "' (tls.key_file): " + (ec ? ec.message() : "it does not match tls.cert_file"));
    }
    if (config.insecure_skip_verify) {
        ctx.set_verify_mode(ssl::verify_none);
        return ctx;
    }
    ctx.set_verify_mode(ssl::verify_peer);
    if (config.ca_file.empty()) {
        ctx.set_default_verify_paths(ec);
        if (ec)
            throw ConfigError("cannot load the system's CA certificates: " + ec.message());
        return ctx;
    }
    const std::string_view source =
        config.ca_file_source.empty() ? std::string_view("tls.ca_file") : config.ca_file_source;
    require_readable(config.ca_file, "CA bundle", source);
    ctx.load_verify_file(config.ca_file, ec);
    if (ec)
        throw ConfigError("cannot load the CA bundle '" + config.ca_file + "' (from " +
                          std::string(source) + "): " + ec.message() +
                          " (expected PEM certificates)");
    return ctx;
}

} // namespace dynaq::detail

#include <dynaq/detail/crypto.hpp>
#include <dynaq/error.hpp>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstring>

namespace dynaq::detail {

namespace {

// These only fail when OpenSSL itself is unusable: no provider offers SHA-256/HMAC (a broken
// FIPS or provider configuration) or memory ran out. That is an environment problem, hence
// ConfigError, with OpenSSL's own reason attached.
[[noreturn]] void fail(const char* what) {
    char reason[256] = "no reason given";
    if (const unsigned long code = ERR_get_error(); code != 0)
        ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    throw ConfigError(std::string("OpenSSL: ") + what + " failed: " + reason);
}

void check(int rc, const char* what) {
    if (rc != 1)
        fail(what);
}

// Fetched once per process and deliberately never freed: a thread may still hash while static
// destructors run, and OpenSSL releases its method store at exit anyway.
const EVP_MD* sha256_md() {
    static EVP_MD* const md = [] {
        EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (fetched == nullptr)
            fail("EVP_MD_fetch(SHA256)");
        return fetched;
    }();
    return md;
}

EVP_MAC* hmac_mac() {
    static EVP_MAC* const mac = [] {
        EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        if (fetched == nullptr)
            fail("EVP_MAC_fetch(HMAC)");
        return fetched;
    }();
    return mac;
}

struct ThreadDigest {
    EVP_MD_CTX* ctx = nullptr;
    ThreadDigest() = default;
    ThreadDigest(const ThreadDigest&) = delete;
    ThreadDigest& operator=(const ThreadDigest&) = delete;
    ~ThreadDigest() { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* thread_digest() {
    thread_local ThreadDigest digest;
    if (digest.ctx == nullptr) {
        digest.ctx = EVP_MD_CTX_new();
        if (digest.ctx == nullptr)
            fail("EVP_MD_CTX_new");
    }
    return digest.ctx;
}

// The thread's one MAC context. It remembers the last key given to hmac_sha256_repeated_key
// (up to one SHA-256 block, which covers the 32-byte SigV4 signing key) so that the next call
// with that key can pass NULL to EVP_MAC_init, which restores the precomputed inner and outer
// pads instead of hashing them again.
struct ThreadMac {
    static constexpr std::size_t max_remembered_key = 64;
    EVP_MAC_CTX* ctx = nullptr;
    std::array<unsigned char, max_remembered_key> key{};
    std::size_t key_size = 0;
    bool keyed = false;

    ThreadMac() = default;
    ThreadMac(const ThreadMac&) = delete;
    ThreadMac& operator=(const ThreadMac&) = delete;
    ~ThreadMac() {
        EVP_MAC_CTX_free(ctx);
        secure_zero(key);
    }

    [[nodiscard]] bool holds(std::span<const unsigned char> k) const noexcept {
        return keyed && k.size() == key_size && CRYPTO_memcmp(k.data(), key.data(), key_size) == 0;
    }
};

ThreadMac& thread_mac() {
    thread_local ThreadMac mac;
    if (mac.ctx == nullptr) {
        mac.ctx = EVP_MAC_CTX_new(hmac_mac());
        if (mac.ctx == nullptr)
            fail("EVP_MAC_CTX_new");
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end(),
        };
        if (EVP_MAC_CTX_set_params(mac.ctx, params) != 1) {
            EVP_MAC_CTX_free(mac.ctx);
            mac.ctx = nullptr;
            fail("EVP_MAC_CTX_set_params(digest=SHA256)");
        }
    }
    return mac;
}

constexpr char hex_digits[] = "0123456789abcdef";

} // namespace

Sha256Digest sha256(std::string_view data) {
    EVP_MD_CTX* ctx = thread_digest();
    Sha256Digest out;
    unsigned int size = 0;
    check(EVP_DigestInit_ex2(ctx, sha256_md(), nullptr), "EVP_DigestInit_ex2");
    check(EVP_DigestUpdate(ctx, data.data(), data.size()), "EVP_DigestUpdate");
    check(EVP_DigestFinal_ex(ctx, out.data(), &size), "EVP_DigestFinal_ex");
    return out;
}

namespace {

// Keys the thread's MAC context with `key` unless it already holds it (only when `remember`).
EVP_MAC_CTX* keyed_context(std::span<const unsigned char> key, bool remember) {
    ThreadMac& mac = thread_mac();
    if (remember && mac.holds(key)) {
        if (EVP_MAC_init(mac.ctx, nullptr, 0, nullptr) != 1) {
            mac.keyed = false;
            fail("EVP_MAC_init");
        }
        return mac.ctx;
    }
    mac.keyed = false;
    // A NULL key tells EVP_MAC_init to reuse the previous one, so an empty key needs a real
    // (if unread) address.
    static constexpr unsigned char no_key = 0;
    const unsigned char* key_data = key.empty() ? &no_key : key.data();
    check(EVP_MAC_init(mac.ctx, key_data, key.size(), nullptr), "EVP_MAC_init");
    if (remember && key.size() <= mac.key.size()) {
        std::memcpy(mac.key.data(), key.data(), key.size());
        mac.key_size = key.size();
        mac.keyed = true;
    }
    return mac.ctx;
}

Sha256Digest mac_of(EVP_MAC_CTX* ctx, std::string_view data) {
    check(EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()),
          "EVP_MAC_update");
    Sha256Digest out;
    std::size_t size = 0;
    check(EVP_MAC_final(ctx, out.data(), &size, out.size()), "EVP_MAC_final");
    return out;
}

} // namespace

Sha256Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
    return mac_of(keyed_context(key, false), data);
}

Sha256Digest hmac_sha256_repeated_key(std::span<const unsigned char> key, std::string_view data) {
    return mac_of(keyed_context(key, true), data);
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
    return hmac_sha256(std::span<const unsigned char>(
                           reinterpret_cast<const unsigned char*>(key.data()), key.size()),
                       data);
}

void write_hex(std::span<const unsigned char> bytes, char* out) noexcept {
    for (const unsigned char b : bytes) {
        *out++ = hex_digits[b >> 4];
        *out++ = hex_digits[b & 0x0f];
    }
}

void append_hex(std::string& out, std::span<const unsigned char> bytes) {
    const std::size_t at = out.size();
    out.resize(at + 2 * bytes.size());
    write_hex(bytes, out.data() + at);
}

std::string to_hex(std::span<const unsigned char> bytes) {
    std::string out;
    append_hex(out, bytes);
    return out;
}

void secure_zero(std::span<unsigned char> bytes) noexcept {
    OPENSSL_cleanse(bytes.data(), bytes.size());
}

} // namespace dynaq::detail

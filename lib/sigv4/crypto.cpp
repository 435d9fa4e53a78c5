// SHA256_Init and friends are deprecated since OpenSSL 3.0 and are what this file uses (the
// comment above Sha256 says why); the declarations stay, only their warning goes.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "sigv4/crypto.hpp"
#include <dynaq/error.hpp>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstring>
#include <optional>

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

// OpenSSL 3.0's EVP digests allocate a provider context on every init (measured on 3.0.19: one
// allocation per digest, two to five per HMAC), which was most of what signing a request
// allocated. The SHA256_* functions hash into a struct the caller owns: no allocation, and a
// copy of a keyed HMAC state is a struct copy. They are deprecated since 3.0 but present in
// every 3.x; an OpenSSL built without deprecated interfaces, or a build that defines
// DYNAQ_CRYPTO_EVP_ONLY (every digest through the provider, as a FIPS policy may demand), uses
// EVP instead. HMAC (RFC 2104) is the same code over either.
#if defined(OPENSSL_NO_DEPRECATED_3_0) || defined(DYNAQ_CRYPTO_EVP_ONLY)

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

class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new()) {
        if (ctx_ == nullptr)
            fail("EVP_MD_CTX_new");
        check(EVP_DigestInit_ex2(ctx_, sha256_md(), nullptr), "EVP_DigestInit_ex2");
    }
    Sha256(const Sha256& other) : ctx_(EVP_MD_CTX_new()) {
        if (ctx_ == nullptr)
            fail("EVP_MD_CTX_new");
        check(EVP_MD_CTX_copy_ex(ctx_, other.ctx_), "EVP_MD_CTX_copy_ex");
    }
    Sha256& operator=(const Sha256& other) {
        check(EVP_MD_CTX_copy_ex(ctx_, other.ctx_), "EVP_MD_CTX_copy_ex");
        return *this;
    }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    void update(const void* data, std::size_t size) {
        check(EVP_DigestUpdate(ctx_, data, size), "EVP_DigestUpdate");
    }
    void finish(unsigned char* out) {
        unsigned int size = 0;
        check(EVP_DigestFinal_ex(ctx_, out, &size), "EVP_DigestFinal_ex");
    }

private:
    EVP_MD_CTX* ctx_;
};

#else

class Sha256 {
public:
    Sha256() { check(SHA256_Init(&ctx_), "SHA256_Init"); }
    Sha256(const Sha256&) = default;
    Sha256& operator=(const Sha256&) = default;
    ~Sha256() { OPENSSL_cleanse(&ctx_, sizeof ctx_); }
    void update(const void* data, std::size_t size) {
        check(SHA256_Update(&ctx_, data, size), "SHA256_Update");
    }
    void finish(unsigned char* out) { check(SHA256_Final(out, &ctx_), "SHA256_Final"); }

private:
    SHA256_CTX ctx_;
};

#endif

constexpr std::size_t sha256_block = 64;

// The inner and outer hashes with the key's pads already absorbed.
struct HmacState {
    Sha256 inner;
    Sha256 outer;

    explicit HmacState(std::span<const unsigned char> key) {
        std::array<unsigned char, sha256_block> block{};
        if (key.size() > block.size()) {
            Sha256 h;
            h.update(key.data(), key.size());
            h.finish(block.data());
        } else if (!key.empty()) {
            std::memcpy(block.data(), key.data(), key.size());
        }
        std::array<unsigned char, sha256_block> pad;
        for (std::size_t i = 0; i < block.size(); ++i)
            pad[i] = block[i] ^ 0x36;
        inner.update(pad.data(), pad.size());
        for (std::size_t i = 0; i < block.size(); ++i)
            pad[i] = block[i] ^ 0x5c;
        outer.update(pad.data(), pad.size());
        secure_zero(block);
        secure_zero(pad);
    }

    // Consumes the state: a caller that reuses it finishes a copy.
    Sha256Digest finish(std::string_view data) {
        Sha256Digest inner_digest;
        inner.update(data.data(), data.size());
        inner.finish(inner_digest.data());
        Sha256Digest out;
        outer.update(inner_digest.data(), inner_digest.size());
        outer.finish(out.data());
        return out;
    }
};

// The thread's last key given to hmac_sha256_repeated_key (up to one SHA-256 block, which
// covers the 32-byte SigV4 signing key) and its keyed state, so that the next call with that
// key starts from a copy of the state instead of hashing the pads again.
struct RememberedKey {
    std::array<unsigned char, sha256_block> key{};
    std::size_t key_size = 0;
    std::optional<HmacState> state;

    RememberedKey() = default;
    RememberedKey(const RememberedKey&) = delete;
    RememberedKey& operator=(const RememberedKey&) = delete;
    ~RememberedKey() { secure_zero(key); }

    [[nodiscard]] bool holds(std::span<const unsigned char> k) const noexcept {
        return state && k.size() == key_size && CRYPTO_memcmp(k.data(), key.data(), key_size) == 0;
    }
};

constexpr char hex_digits[] = "0123456789abcdef";

} // namespace

Sha256Digest sha256(std::string_view data) {
    Sha256 h;
    h.update(data.data(), data.size());
    Sha256Digest out;
    h.finish(out.data());
    return out;
}

Sha256Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
    return HmacState(key).finish(data);
}

Sha256Digest hmac_sha256_repeated_key(std::span<const unsigned char> key, std::string_view data) {
    thread_local RememberedKey remembered;
    if (!remembered.holds(key)) {
        if (key.size() > remembered.key.size())
            return hmac_sha256(key, data);
        remembered.state.reset();
        remembered.state.emplace(key);
        std::memcpy(remembered.key.data(), key.data(), key.size());
        remembered.key_size = key.size();
    }
    HmacState copy = *remembered.state;
    return copy.finish(data);
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

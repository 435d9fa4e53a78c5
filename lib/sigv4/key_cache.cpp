#include "key_cache.hpp"

#include <algorithm>

namespace dynaq::detail {

namespace {

// "AWS4" + secret is the one place the secret is copied; wipe the copy however we leave.
struct SecretSeed {
    std::string text;
    explicit SecretSeed(std::string_view secret) {
        text.reserve(4 + secret.size());
        text += "AWS4";
        text += secret;
    }
    SecretSeed(const SecretSeed&) = delete;
    SecretSeed& operator=(const SecretSeed&) = delete;
    ~SecretSeed() { secure_zero({reinterpret_cast<unsigned char*>(text.data()), text.size()}); }
};

} // namespace

Sha256Digest derive_signing_key(std::string_view secret, std::string_view date,
                                std::string_view region, std::string_view service) {
    Sha256Digest key;
    {
        const SecretSeed seed(secret);
        key = hmac_sha256(std::string_view(seed.text), date);
    }
    key = hmac_sha256(key, region);
    key = hmac_sha256(key, service);
    return hmac_sha256(key, "aws4_request");
}

SigningKeyCache::SigningKeyCache(std::string region, std::string service) :
    region_(std::move(region)), service_(std::move(service)) {}

SigningKeyCache::~SigningKeyCache() {
    for (Entry& e : entries_)
        secure_zero(e.key);
}

Sha256Digest SigningKeyCache::key_for(std::string_view secret, std::string_view date) {
    const Sha256Digest secret_hash = sha256(secret);
    auto matches = [&](const Entry& e) {
        return e.last_use != 0 && e.secret_hash == secret_hash &&
               std::equal(e.date.begin(), e.date.end(), date.begin(), date.end());
    };
    {
        const std::lock_guard lock(mutex_);
        for (Entry& e : entries_) {
            if (matches(e)) {
                e.last_use = ++use_counter_;
                return e.key;
            }
        }
    }
    // Derive outside the lock: other threads keep signing with their cached keys meanwhile.
    const Sha256Digest key = derive_signing_key(secret, date, region_, service_);
    derivations_.fetch_add(1, std::memory_order_relaxed);

    const std::lock_guard lock(mutex_);
    Entry* victim = &entries_.front();
    for (Entry& e : entries_) {
        if (matches(e)) { // another thread derived the same key meanwhile
            e.last_use = ++use_counter_;
            return e.key;
        }
        if (e.last_use < victim->last_use)
            victim = &e;
    }
    if (date.size() == date_size) { // anything else is not a SigV4 date and is not cached
        victim->secret_hash = secret_hash;
        std::copy(date.begin(), date.end(), victim->date.begin());
        victim->key = key;
        victim->last_use = ++use_counter_;
    }
    return key;
}

} // namespace dynaq::detail

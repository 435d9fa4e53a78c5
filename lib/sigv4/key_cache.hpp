#pragma once
// The SigV4 signing key of the last few (secret, day) pairs, for one region and service.
#include "sigv4/crypto.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace dynaq::detail {

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
[[nodiscard]] Sha256Digest derive_signing_key(std::string_view secret, std::string_view date,
                                              std::string_view region, std::string_view service);

/// Remembers derived keys so that only the first request of a day (or of new credentials) pays
/// the four-HMAC derivation. Entries are found by a SHA-256 of the secret, so the secret itself
/// is never stored. A few entries cover rotation overlapping midnight; the least recently used
/// is replaced. Thread-safe.
class SigningKeyCache {
public:
    SigningKeyCache(std::string region, std::string service);
    SigningKeyCache(const SigningKeyCache&) = delete;
    SigningKeyCache& operator=(const SigningKeyCache&) = delete;
    ~SigningKeyCache();

    /// The signing key for `secret` on `date` ("YYYYMMDD").
    [[nodiscard]] Sha256Digest key_for(std::string_view secret, std::string_view date);

    /// How many keys were derived (cache misses) so far; for tests and diagnostics.
    [[nodiscard]] std::uint64_t derivations() const noexcept {
        return derivations_.load(std::memory_order_relaxed);
    }

    static constexpr std::size_t capacity = 4;

private:
    static constexpr std::size_t date_size = 8;
    struct Entry {
        Sha256Digest secret_hash{};
        std::array<char, date_size> date{};
        Sha256Digest key{};
        std::uint64_t last_use = 0; // 0: empty slot
    };

    std::string region_;
    std::string service_;
    std::mutex mutex_;
    std::array<Entry, capacity> entries_{};
    std::uint64_t use_counter_ = 0;
    std::atomic<std::uint64_t> derivations_{0};
};

} // namespace dynaq::detail

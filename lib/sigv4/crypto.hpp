#pragma once
// SHA-256, HMAC-SHA256 and lowercase hex on OpenSSL 3.
//
// A call costs the hashing itself and no allocation (lib/sigv4/crypto.cpp says how): SigV4
// signs every request attempt, and allocating per call would cost more than hashing a small
// DynamoDB body.
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace dynaq::detail {

inline constexpr std::size_t sha256_size = 32;
using Sha256Digest = std::array<unsigned char, sha256_size>;

/// SHA-256 of `data`.
[[nodiscard]] Sha256Digest sha256(std::string_view data);

/// HMAC-SHA256 of `data` under `key`. Nothing of the key is kept by dynaq after the call, so
/// this is the one for raw secrets.
[[nodiscard]] Sha256Digest hmac_sha256(std::span<const unsigned char> key, std::string_view data);

/// Overload for text keys ("AWS4" + secret in the SigV4 key derivation).
[[nodiscard]] Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

/// HMAC-SHA256 for a key used over and over (the cached SigV4 signing key): the calling thread
/// remembers the key (up to 64 bytes) and, when the next call brings the same one, reuses its
/// precomputed pads instead of rehashing them. Longer keys are not remembered. Only for derived
/// keys: the copy stays in thread-local memory until another key replaces it or the thread ends.
[[nodiscard]] Sha256Digest hmac_sha256_repeated_key(std::span<const unsigned char> key,
                                                    std::string_view data);

/// Writes the lowercase hex form of `bytes` to `out`, which must hold 2 * bytes.size() chars.
void write_hex(std::span<const unsigned char> bytes, char* out) noexcept;

/// Appends the lowercase hex form of `bytes` to `out`.
void append_hex(std::string& out, std::span<const unsigned char> bytes);

/// The lowercase hex form of `bytes`.
[[nodiscard]] std::string to_hex(std::span<const unsigned char> bytes);

/// Overwrites `bytes` with zeros in a way the optimiser cannot drop (OPENSSL_cleanse), for key
/// material that should not outlive its use in freed memory.
void secure_zero(std::span<unsigned char> bytes) noexcept;

} // namespace dynaq::detail

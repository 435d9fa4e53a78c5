#pragma once
// The JSON credential documents of instance metadata, container agents and
// credential_process, which share their field names, and the ISO 8601 times they carry.
#include <dynaq/credentials.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dynaq::detail {

/// "2024-01-02T03:04:05Z", with optional fraction digits and a "Z" or "+hh:mm"/"-hh:mm"
/// zone; nullopt for anything else.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point>
parse_iso8601(std::string_view text);

struct CredentialsDocumentRules {
    bool expiration_required = true; ///< credential_process may leave it out
    bool version_1_required = false; ///< credential_process says "Version": 1
};

/// AccessKeyId, SecretAccessKey, Token (or SessionToken), Expiration, AccountId.
/// Throws CredentialsError naming `source` for anything that is not such a document; the
/// message never quotes the text (it is full of secrets).
[[nodiscard]] Credentials parse_credentials_document(std::string_view json, std::string_view source,
                                                     CredentialsDocumentRules rules = {});

} // namespace dynaq::detail

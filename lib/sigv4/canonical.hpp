#pragma once
// The pieces of a SigV4 canonical request. Each appends to a caller-owned buffer so that the
// signer builds the whole canonical request in one reused per-thread string.
#include <dynaq/sigv4.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq::detail {

/// Appends `text` with every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~)
/// written as "%XX" (uppercase hex), '/' included.
void append_uri_encoded(std::string& out, std::string_view text);

/// Appends the canonical URI of `path` (which must start with '/'). With `double_encode`
/// (every service but S3) the path is normalised and each segment encoded again; without,
/// it is appended as is.
void append_canonical_path(std::string& out, std::string_view path, bool double_encode);

/// Appends the canonical query string of `query` (without '?'): "%XX" escapes decoded, names
/// and values strictly re-encoded, parameters sorted by name then value, a missing '=' read
/// as an empty value.
void append_canonical_query(std::string& out, std::string_view query);

/// Appends `value` without leading and trailing spaces/tabs and with inner runs of them
/// collapsed to one space.
void append_trimmed(std::string& out, std::string_view value);

/// Per-thread working storage of append_canonical_headers, kept between calls so a signature
/// does not allocate once the buffers have grown to the usual header count.
struct HeaderScratch {
    struct Entry {
        std::uint32_t name_offset;
        std::uint32_t name_size;
        std::string_view value;
    };
    std::string names; // every header name, lowercased, back to back
    std::vector<Entry> entries;
};

/// Appends the canonical headers block ("name:value\n" per distinct name, sorted) of
/// `request_headers` plus `own_headers` (the ones the signer adds, names already lowercase),
/// and writes the signed-headers list ("host;x-amz-date") to `signed_headers`.
/// Throws InvalidArgumentError when `request_headers` has no host, repeats one of
/// `own_headers` or authorization, has an empty name, or has CR/LF in a name or value.
void append_canonical_headers(std::string& out, std::string& signed_headers,
                              std::span<const HttpHeader> request_headers,
                              std::span<const HttpHeader> own_headers, HeaderScratch& scratch);

} // namespace dynaq::detail

#include "canonical.hpp"

#include <dynaq/error.hpp>

#include <algorithm>
#include <tuple>

namespace dynaq::detail {

namespace {

constexpr bool is_unreserved(unsigned char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

constexpr bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t';
}

constexpr char to_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void append_encoded_byte(std::string& out, unsigned char c) {
    static constexpr char upper_hex[] = "0123456789ABCDEF";
    if (is_unreserved(c)) {
        out += static_cast<char>(c);
    } else {
        const char escape[3] = {'%', upper_hex[c >> 4], upper_hex[c & 0x0f]};
        out.append(escape, sizeof escape);
    }
}

// Query components arrive raw or already percent-encoded; decoding valid escapes first makes
// both spellings of a parameter sign the same. A '%' not followed by two hex digits is a
// literal percent sign.
void append_query_component(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                c = static_cast<unsigned char>(high * 16 + low);
                i += 2;
            }
        }
        append_encoded_byte(out, c);
    }
}

// A name that could corrupt the canonical request (':' ends the name, controls and spaces are
// not part of an HTTP token) or a value that could add a line to it is refused outright.
void validate_header(const HttpHeader& header) {
    if (header.name.empty())
        throw InvalidArgumentError("a header to sign has an empty name");
    for (const char c : header.name) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == ':')
            throw InvalidArgumentError("header name '" + std::string(header.name) +
                                       "' has a character not allowed in an HTTP header name");
    }
    if (header.value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
        throw InvalidArgumentError("the value of header '" + std::string(header.name) +
                                   "' contains CR, LF or NUL");
}

std::string_view entry_name(const HeaderScratch& scratch, const HeaderScratch::Entry& e) noexcept {
    return {scratch.names.data() + e.name_offset, e.name_size};
}

} // namespace

void append_uri_encoded(std::string& out, std::string_view text) {
    for (const char c : text)
        append_encoded_byte(out, static_cast<unsigned char>(c));
}

void append_canonical_path(std::string& out, std::string_view path, bool double_encode) {
    if (!double_encode) {
        out += path;
        return;
    }
    if (path == "/") { // every DynamoDB request
        out += '/';
        return;
    }
    // RFC 3986 dot-segment removal, plus dropping empty segments as SigV4 asks ("//a" is "/a").
    std::vector<std::string_view> segments;
    bool trailing_slash = false;
    for (std::size_t pos = 1;;) {
        const std::size_t end = path.find('/', pos);
        const std::string_view segment =
            path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (segment == "..") {
            if (!segments.empty())
                segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        if (end == std::string_view::npos) {
            trailing_slash = segment.empty() || segment == "." || segment == "..";
            break;
        }
        pos = end + 1;
    }
    out += '/';
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i != 0)
            out += '/';
        append_uri_encoded(out, segments[i]);
    }
    if (trailing_slash && !segments.empty())
        out += '/';
}

void append_canonical_query(std::string& out, std::string_view query) {
    if (query.empty())
        return;
    struct Parameter {
        std::uint32_t name_offset, name_size, value_offset, value_size;
    };
    std::string encoded;
    std::vector<Parameter> parameters;
    for (std::size_t pos = 0; pos <= query.size();) {
        std::size_t end = query.find('&', pos);
        if (end == std::string_view::npos)
            end = query.size();
        const std::string_view piece = query.substr(pos, end - pos);
        pos = end + 1;
        if (piece.empty())
            continue;
        const std::size_t eq = piece.find('=');
        Parameter p{};
        p.name_offset = static_cast<std::uint32_t>(encoded.size());
        append_query_component(encoded, piece.substr(0, eq));
        p.name_size = static_cast<std::uint32_t>(encoded.size() - p.name_offset);
        p.value_offset = static_cast<std::uint32_t>(encoded.size());
        if (eq != std::string_view::npos)
            append_query_component(encoded, piece.substr(eq + 1));
        p.value_size = static_cast<std::uint32_t>(encoded.size() - p.value_offset);
        parameters.push_back(p);
    }
    const std::string_view text = encoded;
    auto key = [text](const Parameter& p) {
        return std::tuple(text.substr(p.name_offset, p.name_size),
                          text.substr(p.value_offset, p.value_size));
    };
    std::sort(parameters.begin(), parameters.end(),
              [&](const Parameter& a, const Parameter& b) { return key(a) < key(b); });
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (i != 0)
            out += '&';
        const auto [name, value] = key(parameters[i]);
        out += name;
        out += '=';
        out += value;
    }
}

void append_trimmed(std::string& out, std::string_view value) {
    bool first = true;
    for (std::size_t i = 0; i < value.size();) {
        while (i < value.size() && is_blank(value[i]))
            ++i;
        if (i == value.size())
            break;
        std::size_t word_end = i;
        while (word_end < value.size() && !is_blank(value[word_end]))
            ++word_end;
        if (!first)
            out += ' ';
        out.append(value.data() + i, word_end - i);
        first = false;
        i = word_end;
    }
}

void append_canonical_headers(std::string& out, std::string& signed_headers,
                              std::span<const HttpHeader> request_headers,
                              std::span<const HttpHeader> own_headers, HeaderScratch& scratch) {
    scratch.names.clear();
    scratch.entries.clear();
    auto add = [&](std::string_view name, std::string_view value) {
        const auto offset = static_cast<std::uint32_t>(scratch.names.size());
        for (const char c : name)
            scratch.names += to_lower(c);
        scratch.entries.push_back({offset, static_cast<std::uint32_t>(name.size()), value});
        return entry_name(scratch, scratch.entries.back());
    };

    bool has_host = false;
    for (const HttpHeader& header : request_headers) {
        validate_header(header);
        const std::string_view name = add(header.name, header.value);
        has_host = has_host || name == "host";
        const bool owned = name == "authorization" ||
                           std::any_of(own_headers.begin(), own_headers.end(),
                                       [&](const HttpHeader& own) { return own.name == name; });
        if (owned)
            throw InvalidArgumentError("header '" + std::string(header.name) +
                                       "' is set by the signer and must not be passed to it");
    }
    if (!has_host)
        throw InvalidArgumentError("the request to sign has no host header");
    for (const HttpHeader& own : own_headers)
        add(own.name, own.value);

    // Insertion sort: stable, so repeated names keep their values in the order given (SigV4
    // joins them in that order), and it allocates nothing for the handful of headers a request
    // has.
    auto& entries = scratch.entries;
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const HeaderScratch::Entry moving = entries[i];
        const std::string_view moving_name = entry_name(scratch, moving);
        std::size_t j = i;
        for (; j > 0 && moving_name < entry_name(scratch, entries[j - 1]); --j)
            entries[j] = entries[j - 1];
        entries[j] = moving;
    }

    signed_headers.clear();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string_view name = entry_name(scratch, entries[i]);
        if (i == 0 || name != entry_name(scratch, entries[i - 1])) {
            if (i != 0) {
                out += '\n';
                signed_headers += ';';
            }
            out += name;
            out += ':';
            signed_headers += name;
        } else {
            out += ',';
        }
        append_trimmed(out, entries[i].value);
    }
    out += '\n';
}

} // namespace dynaq::detail

// The partition table. A region belongs to a partition by its shape: "cn-north-1" has the
// prefix "cn", "us-gov-west-1" the prefix "us-gov", followed by one word and a number. The
// aws partition also lists the prefixes its regions start with, so a malformed region such as
// "mars" still falls back to it (as in the AWS SDKs) without being claimed by mistake.
#include "partitions.hpp"

#include <algorithm>
#include <array>

namespace dynaq::detail {

namespace {

struct Entry {
    Partition partition;
    /// A region "<prefix>-<word>-<number>" with one of these prefixes is in the partition.
    std::array<std::string_view, 9> prefixes;
    /// Regions named outright (the partition's global pseudo-region).
    std::string_view global_region;
};

constexpr std::array<Entry, 5> table{{
    {{"aws", "amazonaws.com", "api.aws", true, true},
     {"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"},
     "aws-global"},
    {{"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", true, true},
     {"cn"},
     "aws-cn-global"},
    {{"aws-us-gov", "amazonaws.com", "api.aws", true, true}, {"us-gov"}, "aws-us-gov-global"},
    {{"aws-iso", "c2s.ic.gov", "c2s.ic.gov", true, false}, {"us-iso"}, "aws-iso-global"},
    {{"aws-iso-b", "sc2s.sgov.gov", "sc2s.sgov.gov", true, false}, {"us-isob"}, "aws-iso-b-global"},
}};

bool is_word(std::string_view s) {
    return !s.empty() && std::ranges::all_of(s, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

bool is_number(std::string_view s) {
    return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

// "<prefix>-<word>-<number>", the whole region.
bool has_shape(std::string_view region, std::string_view prefix) {
    if (prefix.empty() || !region.starts_with(prefix) || region.size() <= prefix.size() ||
        region[prefix.size()] != '-')
        return false;
    const std::string_view rest = region.substr(prefix.size() + 1);
    const auto dash = rest.find('-');
    return dash != std::string_view::npos && is_word(rest.substr(0, dash)) &&
           is_number(rest.substr(dash + 1));
}

} // namespace

bool is_region_name(std::string_view region) noexcept {
    return !region.empty() && std::ranges::all_of(region, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

const Partition& partition_of(std::string_view region) noexcept {
    for (const Entry& e : table)
        if (region == e.global_region)
            return e.partition;
    for (const Entry& e : table)
        for (const std::string_view prefix : e.prefixes)
            if (has_shape(region, prefix))
                return e.partition;
    return table.front().partition;
}

} // namespace dynaq::detail

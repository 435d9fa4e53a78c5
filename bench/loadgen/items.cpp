#include "items.hpp"

#include "keys.hpp"
#include "options.hpp"

#include <charconv>
#include <stdexcept>

namespace dynaq_bench {

namespace {

// "<prefix><10 digits>": wide enough for 2^33 partitions or items per partition; wider
// numbers (never produced by the option limits) just grow the string.
std::string numbered(char prefix, std::uint64_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    const auto width = static_cast<std::size_t>(end - digits);
    std::string out(1, prefix);
    if (width < 10)
        out.append(10 - width, '0');
    out.append(digits, width);
    return out;
}

} // namespace

ItemLayout::ItemLayout(const BenchConfig& config) :
    ItemLayout(config.records, config.partition_size, config.item_size, config.attributes,
               config.seed) {}

ItemLayout::ItemLayout(std::uint64_t records, std::uint64_t partition_size, std::size_t item_size,
                       std::size_t attributes, std::uint64_t seed) :
    records_(records),
    partition_size_(partition_size) {
    if (records == 0 || partition_size == 0)
        throw std::invalid_argument("item layout: empty key space or partition");
    Rng rng(derive_seed(seed, 0xfeed));
    for (std::size_t i = 0; i < attributes; ++i) {
        // item_size split evenly; the first item_size % attributes fields get one byte more.
        const std::size_t bytes = item_size / attributes + (i < item_size % attributes ? 1 : 0);
        std::string value(bytes, 'a');
        for (char& c : value)
            c = static_cast<char>('a' + rng.below(26));
        names_.push_back("field" + std::to_string(i));
        values_.push_back(std::move(value));
    }
}

std::uint64_t ItemLayout::partitions() const noexcept {
    return (records_ + partition_size_ - 1) / partition_size_;
}

std::string ItemLayout::partition_key(std::uint64_t partition) const {
    return numbered('p', partition);
}

std::string ItemLayout::sort_key(std::uint64_t k) const {
    return numbered('s', k % partition_size_);
}

dynaq::Item ItemLayout::key(std::uint64_t k) const {
    return dynaq::Item{{"pk", partition_key(k / partition_size_)}, {"sk", sort_key(k)}};
}

void ItemLayout::set_key(dynaq::Item& item, std::uint64_t k) const {
    item["pk"] = partition_key(k / partition_size_);
    item["sk"] = sort_key(k);
}

dynaq::Item ItemLayout::item(std::uint64_t k) const {
    dynaq::Item out = key(k);
    for (std::size_t i = 0; i < names_.size(); ++i)
        out.emplace(names_[i], values_[i]);
    return out;
}

} // namespace dynaq_bench

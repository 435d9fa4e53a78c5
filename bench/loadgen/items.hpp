#pragma once
// What the benchmark's items look like, shared by --prepare and the workloads so that reads
// find what was written.
//
// Item k (0 <= k < records) lives in partition k / partition_size:
//   pk = "p" + 10 digits of the partition, sk = "s" + 10 digits of k % partition_size,
//   field0 .. field<attributes-1> = strings that together hold item_size bytes.
// Fixed-width keys keep every request the same size. A query reads one partition, so it finds
// up to partition_size items.
#include <dynaq/value.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dynaq_bench {

struct BenchConfig;

class ItemLayout {
public:
    /// Payload bytes are letters drawn from `seed`, made once: every item carries the same values
    /// (DynamoDB does not compress, so their content does not matter, only their size).
    explicit ItemLayout(const BenchConfig& config);
    ItemLayout(std::uint64_t records, std::uint64_t partition_size, std::size_t item_size,
               std::size_t attributes, std::uint64_t seed);

    [[nodiscard]] std::uint64_t records() const noexcept { return records_; }
    [[nodiscard]] std::uint64_t partitions() const noexcept;

    [[nodiscard]] std::string partition_key(std::uint64_t partition) const;
    [[nodiscard]] std::string sort_key(std::uint64_t k) const;

    /// {pk, sk} of item k.
    [[nodiscard]] dynaq::Item key(std::uint64_t k) const;
    /// Overwrites pk and sk of `item` (a key or a whole item) with item k's, reusing the map.
    void set_key(dynaq::Item& item, std::uint64_t k) const;
    /// The whole item k.
    [[nodiscard]] dynaq::Item item(std::uint64_t k) const;

    /// The non-key attribute names and their values (the same for every item).
    [[nodiscard]] const std::vector<std::string>& field_names() const noexcept { return names_; }
    [[nodiscard]] const std::vector<std::string>& field_values() const noexcept { return values_; }

private:
    std::uint64_t records_;
    std::uint64_t partition_size_;
    std::vector<std::string> names_;
    std::vector<std::string> values_;
};

} // namespace dynaq_bench

#pragma once
// Sans-I/O bookkeeping of batch operations: keys, de-duplication, and splitting into requests
// that DynamoDB accepts. The coroutine layer (lib/table) only sends what these functions built.
#include <dynaq/batch.hpp>
#include <dynaq/model/batch.hpp>
#include <dynaq/value.hpp>

#include <cstddef>
#include <exception>
#include <span>
#include <string>
#include <vector>

namespace dynaq::detail {

/// The key attributes of `item` (1 or 2 names: partition key, then sort key), copied out.
/// Throws InvalidArgumentError naming the attribute when one is missing or is not a valid key
/// value (non-empty S, N or B; see validate_key_value).
[[nodiscard]] Item extract_key(const Item& item, std::span<const std::string> key_names);

/// A canonical text for a key, equal for keys DynamoDB considers equal (numbers compare by
/// value: "1", "1.0" and "10e-1" give the same signature), different otherwise. For maps keyed
/// by primary key; not meant for display (it holds raw bytes, NULs included). Each attribute is
/// its length-prefixed name, a type tag and a length-prefixed value, so neither the types nor
/// the split between names and values can collide.
[[nodiscard]] std::string key_signature(const Item& key);

/// `{pk: "a", sk: 3}`: a key for error messages. Strings are quoted and escaped, numbers shown
/// as written, binary as hex (`0x00ff`); values are cut after 64 bytes (binary after 32).
[[nodiscard]] std::string describe_key(const Item& key);

/// One write ready to be batched: the request, its key's signature and its size.
struct PendingWrite {
    WriteRequest request;
    std::string signature;
    /// What the write adds to the request (item or key size, plus a small per-write overhead).
    std::size_t bytes = 0;
    /// Sent in an attempt whose answer was lost: if it is given up on, it may be applied.
    bool maybe_applied = false;
};

/// Checks and measures one write. Throws InvalidArgumentError when the key is missing or
/// invalid, or when a put's item exceeds max_item_bytes; the message names the key and the
/// size ("item {pk: "a"} is 512000 bytes; DynamoDB's limit is 409600").
[[nodiscard]] PendingWrite prepare_write(WriteRequest request,
                                         std::span<const std::string> key_names);

/// Removes writes whose key occurs again later, so the last write of each key wins; survivors
/// keep their relative order, each at the place of its last occurrence (so a key written again
/// stays after the writes that came between). Returns how many were removed.
std::size_t dedupe_last_wins(std::vector<PendingWrite>& writes);

/// Splits writes into requests of at most `max_count` writes and `max_bytes` bytes, keeping
/// their order. Keys must already be unique. A write larger than `max_bytes` goes alone; no
/// request is empty. Throws InvalidArgumentError when max_count is 0.
[[nodiscard]] std::vector<std::vector<PendingWrite>>
chunk_writes(std::vector<PendingWrite> writes, std::size_t max_count, std::size_t max_bytes);

/// What a request that failed for good says about its writes.
enum class FailureFate {
    unwritten, ///< DynamoDB applied none of them
    unknown,   ///< some or all may be applied
};

/// Unwritten only for an error that shows nothing was applied: InvalidArgumentError (refused
/// before sending) and a 4xx ServiceError that is not throttling (a refusal the transport does
/// not retry, so the only attempt). Everything else is unknown: transport errors and timeouts
/// (the request may have arrived), cancellation, 5xx, malformed answers, and throttling (the
/// transport retried it, and an earlier attempt may have arrived and lost its answer).
[[nodiscard]] FailureFate failure_fate(const std::exception_ptr& error) noexcept;

/// The accounts of one batch write call: each write ends up written, unwritten or unknown.
/// The driver reports every response and failure; nothing here does I/O.
class WriteLedger {
public:
    /// `key_names` must outlive the ledger.
    explicit WriteLedger(std::span<const std::string> key_names) : key_names_(key_names) {}

    /// DynamoDB answered a request of `sent`, handing back `unprocessed`. The writes of `sent`
    /// whose key is among the unprocessed ones are returned (in the order of `sent`), to be
    /// re-sent or left; the others are written. Entries of `unprocessed` for keys that were
    /// not sent are ignored (they cannot be ours). `retried`: the answer came after more than
    /// one attempt, so an earlier attempt may have been applied with its answer lost, and the
    /// writes handed back now may be applied already (they are marked maybe_applied).
    [[nodiscard]] std::vector<PendingWrite>
    acknowledge(std::vector<PendingWrite> sent, const std::vector<WriteRequest>& unprocessed,
                bool retried = false);
    /// A request of `sent` failed for good with `error`: unwritten or unknown by failure_fate,
    /// and unknown for writes marked maybe_applied whatever the error.
    void fail(std::vector<PendingWrite> sent, const std::exception_ptr& error);
    /// Writes given up on without being sent again (never sent, or still unprocessed):
    /// unwritten, or unknown when marked maybe_applied.
    void leave(std::vector<PendingWrite> writes);

    [[nodiscard]] std::size_t written() const noexcept { return outcome_.written_keys.size(); }
    [[nodiscard]] std::size_t unwritten() const noexcept { return outcome_.unwritten.size(); }
    [[nodiscard]] std::size_t unknown() const noexcept { return outcome_.unknown.size(); }
    /// Anything not written?
    [[nodiscard]] bool incomplete() const noexcept {
        return !outcome_.unwritten.empty() || !outcome_.unknown.empty();
    }
    [[nodiscard]] BatchWriteOutcome release() noexcept { return std::move(outcome_); }

private:
    std::span<const std::string> key_names_;
    BatchWriteOutcome outcome_;
};

/// A batch read: each input key fetched once, the result fanned back out to every input row.
struct GetPlan {
    /// The distinct keys, in order of first appearance.
    std::vector<Item> keys;
    /// Their signatures, parallel to `keys`.
    std::vector<std::string> signatures;
    /// For input row i, the index in `keys` of its key.
    std::vector<std::size_t> row_to_key;
    /// Indices into `keys`, at most `max_count` per request, in order.
    std::vector<std::vector<std::size_t>> chunks;
};

/// Extracts, validates and de-duplicates the keys of `rows` and splits them into requests.
/// Throws InvalidArgumentError (naming the row index and attribute) for a missing or invalid key,
/// and when max_count is 0.
[[nodiscard]] GetPlan plan_gets(std::span<const Item> rows, std::span<const std::string> key_names,
                                std::size_t max_count);

} // namespace dynaq::detail

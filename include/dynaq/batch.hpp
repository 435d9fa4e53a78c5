#pragma once
// Batch writes and reads through the Table layer: how they are chunked, sent and retried, and
// the one error that reports what could not be done.
//
// A batch is split into DynamoDB-sized requests (25 writes or 100 keys, at most 16 MB), sent
// with a bounded number in flight. Throttling of a whole request is retried by the transport's
// RetryPolicy; the items or keys DynamoDB hands back as unprocessed are re-sent (only those),
// with exponential backoff and full jitter, up to `max_unprocessed_retries` times. Whatever is
// still not done after that, or belonged to a request that failed for good, is thrown back in
// a BatchIncompleteError that tells written, unwritten and unknown writes apart: nothing is
// dropped silently, and nothing whose answer was lost passes for unwritten.
#include <dynaq/error.hpp>
#include <dynaq/export.hpp>
#include <dynaq/model/batch.hpp>
#include <dynaq/value.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <string>
#include <vector>

namespace dynaq {

struct BatchConfig {
    /// Requests in flight at once for one batch call.
    std::size_t max_in_flight = 8;
    /// Writes per BatchWriteItem (DynamoDB's maximum, 25) and keys per BatchGetItem (100).
    std::size_t max_writes_per_request = 25;
    std::size_t max_keys_per_request = 100;
    /// How many times the unprocessed part of one request is re-sent before giving up.
    int max_unprocessed_retries = 10;
    /// Delay ceiling of the n-th re-send: min(max_delay, base_delay * 2^(n-1)); full jitter
    /// makes the actual delay uniform in [0, ceiling).
    std::chrono::milliseconds base_delay{50};
    std::chrono::milliseconds max_delay{5'000};
    bool jitter = true;
};

/// What became of the writes of a batch call that did not finish. Every write of the call is
/// in exactly one of the three lists (after de-duplication: one write per key). A batch_upsert
/// whose read fails writes nothing: its lists are empty and unprocessed_keys() names the keys
/// not read.
struct BatchWriteOutcome {
    /// Keys of the writes DynamoDB acknowledged: they are applied.
    std::vector<Item> written_keys;
    /// Writes DynamoDB did not apply: never sent (the batch stopped first), still handed back
    /// as UnprocessedItems after every re-send, or in a request refused as a whole with a 4xx
    /// the transport does not retry (ValidationException, AccessDenied, ...).
    std::vector<WriteRequest> unwritten;
    /// Writes that may or may not be applied: their request was sent and the answer was lost
    /// (timeout, connection closed or reset, cancellation in flight, a malformed answer), or
    /// it ended in a 5xx, or in throttling after the transport's retries (an earlier attempt
    /// may have arrived and lost its answer). Writing them again is safe: puts and deletes
    /// are idempotent.
    std::vector<WriteRequest> unknown;
};

/// A batch call finished with work left undone. Writes: see outcome(); reads: every key not
/// in unprocessed_keys() was read.
class DYNAQ_API BatchIncompleteError : public Error {
public:
    BatchIncompleteError(std::string what, BatchWriteOutcome writes,
                         std::vector<Item> unprocessed_keys, std::exception_ptr cause) :
        Error(std::move(what)),
        writes_(std::move(writes)), unprocessed_keys_(std::move(unprocessed_keys)),
        cause_(std::move(cause)) {}

    /// The writes of a batch put, delete or upsert, split by what is known of them.
    [[nodiscard]] const BatchWriteOutcome& outcome() const noexcept { return writes_; }
    [[nodiscard]] const std::vector<Item>& written_keys() const noexcept {
        return writes_.written_keys;
    }
    [[nodiscard]] const std::vector<WriteRequest>& unwritten() const noexcept {
        return writes_.unwritten;
    }
    [[nodiscard]] const std::vector<WriteRequest>& unknown() const noexcept {
        return writes_.unknown;
    }
    /// What to write again to finish the job: unwritten(), then unknown().
    [[nodiscard]] std::vector<WriteRequest> unprocessed_writes() const {
        std::vector<WriteRequest> out = writes_.unwritten;
        out.insert(out.end(), writes_.unknown.begin(), writes_.unknown.end());
        return out;
    }
    /// Keys that were not read (batch gets).
    [[nodiscard]] const std::vector<Item>& unprocessed_keys() const noexcept {
        return unprocessed_keys_;
    }
    /// The error that ended a request for good, or null when the only cause was DynamoDB
    /// leaving items unprocessed after every re-send.
    [[nodiscard]] const std::exception_ptr& cause() const noexcept { return cause_; }

private:
    BatchWriteOutcome writes_;
    std::vector<Item> unprocessed_keys_;
    std::exception_ptr cause_;
};

} // namespace dynaq

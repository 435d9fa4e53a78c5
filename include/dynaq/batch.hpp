#pragma once
// Batch writes and reads through the Table layer: how they are chunked, sent and retried, and
// the one error that reports what could not be done.
//
// A batch is split into DynamoDB-sized requests (25 writes or 100 keys, at most 16 MB), sent
// with a bounded number in flight. Throttling of a whole request is retried by the transport's
// RetryPolicy; the items or keys DynamoDB hands back as unprocessed are re-sent (only those),
// with exponential backoff and full jitter, up to `max_unprocessed_retries` times. Whatever is
// still not done after that, or belonged to a request that failed for good, is thrown back in
// a BatchIncompleteError: nothing is dropped silently.
#include <dynaq/error.hpp>
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

/// A batch call finished with work left undone. Everything not in these lists was done.
class BatchIncompleteError : public Error {
public:
    BatchIncompleteError(std::string what, std::vector<WriteRequest> unprocessed_writes,
                         std::vector<Item> unprocessed_keys, std::exception_ptr cause) :
        Error(std::move(what)),
        unprocessed_writes_(std::move(unprocessed_writes)),
        unprocessed_keys_(std::move(unprocessed_keys)), cause_(std::move(cause)) {}

    /// Puts (whole items) and deletes (keys) that were not written.
    [[nodiscard]] const std::vector<WriteRequest>& unprocessed_writes() const noexcept {
        return unprocessed_writes_;
    }
    /// Keys that were not read (batch gets).
    [[nodiscard]] const std::vector<Item>& unprocessed_keys() const noexcept {
        return unprocessed_keys_;
    }
    /// The error that ended a request for good, or null when the only cause was DynamoDB
    /// leaving items unprocessed after every re-send.
    [[nodiscard]] const std::exception_ptr& cause() const noexcept { return cause_; }

private:
    std::vector<WriteRequest> unprocessed_writes_;
    std::vector<Item> unprocessed_keys_;
    std::exception_ptr cause_;
};

} // namespace dynaq

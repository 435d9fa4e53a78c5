// Which writes of a batch are written, unwritten or unknown: the bookkeeping behind
// BatchIncompleteError, fed by the batch driver.
#include "table/batch_plan.hpp"
#include <dynaq/error.hpp>

#include <unordered_set>
#include <utility>
#include <variant>

namespace dynaq::detail {

namespace {

const Item& target_of(const WriteRequest& w) {
    if (const auto* put = std::get_if<PutRequest>(&w))
        return put->item;
    return std::get<DeleteRequest>(w).key;
}

} // namespace

FailureFate failure_fate(const std::exception_ptr& error) noexcept {
    if (!error)
        return FailureFate::unknown;
    try {
        std::rethrow_exception(error);
    } catch (const InvalidArgumentError&) {
        return FailureFate::unwritten;
    } catch (const ServiceError& e) {
        const bool refused = e.http_status() >= 400 && e.http_status() < 500;
        return refused && !is_throttling_code(e.code()) ? FailureFate::unwritten
                                                        : FailureFate::unknown;
    } catch (...) {
    }
    return FailureFate::unknown;
}

std::vector<PendingWrite> WriteLedger::acknowledge(std::vector<PendingWrite> sent,
                                                   const std::vector<WriteRequest>& unprocessed,
                                                   bool retried) {
    std::unordered_set<std::string> returned;
    returned.reserve(unprocessed.size());
    for (const WriteRequest& w : unprocessed) {
        try {
            returned.insert(key_signature(extract_key(target_of(w), key_names_)));
        } catch (const InvalidArgumentError&) {
            // Not a key of this table, so not one of ours.
        }
    }
    std::vector<PendingWrite> left;
    left.reserve(returned.size());
    for (PendingWrite& w : sent) {
        if (returned.contains(w.signature)) {
            w.maybe_applied = w.maybe_applied || retried;
            left.push_back(std::move(w));
        } else
            outcome_.written_keys.push_back(extract_key(target_of(w.request), key_names_));
    }
    return left;
}

void WriteLedger::fail(std::vector<PendingWrite> sent, const std::exception_ptr& error) {
    const bool refused = failure_fate(error) == FailureFate::unwritten;
    for (PendingWrite& w : sent)
        (refused && !w.maybe_applied ? outcome_.unwritten : outcome_.unknown)
            .push_back(std::move(w.request));
}

void WriteLedger::leave(std::vector<PendingWrite> writes) {
    for (PendingWrite& w : writes)
        (w.maybe_applied ? outcome_.unknown : outcome_.unwritten).push_back(std::move(w.request));
}

} // namespace dynaq::detail

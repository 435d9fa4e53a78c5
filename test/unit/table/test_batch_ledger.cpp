// The accounts of a batch write without a server: every write ends up written, unwritten or
// unknown, and failure_fate decides, for each kind of error, whether a failed request may have
// been applied.
#include "table/batch_plan.hpp"
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <system_error>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

const std::vector<std::string> pk_sk{"pk", "sk"};

PendingWrite put(int i) {
    return prepare_write(PutRequest{Item{{"pk", "p"}, {"sk", i}, {"v", i * 10}}}, pk_sk);
}

PendingWrite del(int i) {
    return prepare_write(DeleteRequest{Item{{"pk", "p"}, {"sk", i}}}, pk_sk);
}

std::vector<PendingWrite> puts(int from, int to) {
    std::vector<PendingWrite> out;
    for (int i = from; i < to; ++i)
        out.push_back(put(i));
    return out;
}

int sk_of(const Item& item) {
    return static_cast<int>(item.at("sk").as_number().to_int64());
}

int sk_of(const WriteRequest& w) {
    if (const auto* p = std::get_if<PutRequest>(&w))
        return sk_of(p->item);
    return sk_of(std::get<DeleteRequest>(w).key);
}

template <class T>
std::set<int> sks(const std::vector<T>& v) {
    std::set<int> out;
    for (const auto& x : v) {
        if constexpr (std::is_same_v<T, PendingWrite>)
            out.insert(sk_of(x.request));
        else
            out.insert(sk_of(x));
    }
    return out;
}

template <class E, class... A>
std::exception_ptr error(A&&... a) {
    return std::make_exception_ptr(E(std::forward<A>(a)...));
}

std::exception_ptr service(int status, const std::string& code) {
    try {
        throw_service_error(code, "injected", status, "req-1");
    } catch (...) {
        return std::current_exception();
    }
}

} // namespace

TEST_CASE("failure_fate: only a refusal that cannot have been applied counts as unwritten") {
    const auto reset = std::make_error_code(std::errc::connection_reset);
    CHECK(failure_fate(error<InvalidArgumentError>("bad")) == FailureFate::unwritten);
    CHECK(failure_fate(service(400, "ValidationException")) == FailureFate::unwritten);
    CHECK(failure_fate(service(400, "AccessDeniedException")) == FailureFate::unwritten);
    CHECK(failure_fate(service(400, "ResourceNotFoundException")) == FailureFate::unwritten);
    CHECK(failure_fate(service(404, "Whatever")) == FailureFate::unwritten);
    // Retried by the transport: an earlier attempt may have arrived and lost its answer.
    CHECK(failure_fate(service(400, "ThrottlingException")) == FailureFate::unknown);
    CHECK(failure_fate(service(400, "ProvisionedThroughputExceededException")) ==
          FailureFate::unknown);
    CHECK(failure_fate(service(400, "RequestLimitExceeded")) == FailureFate::unknown);
    CHECK(failure_fate(service(429, "TooManyRequestsException")) == FailureFate::unknown);
    // DynamoDB may have applied a request it answered with a 5xx.
    CHECK(failure_fate(service(500, "InternalServerError")) == FailureFate::unknown);
    CHECK(failure_fate(service(503, "ServiceUnavailable")) == FailureFate::unknown);
    CHECK(failure_fate(error<TransportError>(reset, "reset")) == FailureFate::unknown);
    CHECK(failure_fate(error<TimeoutError>(reset, "timed out")) == FailureFate::unknown);
    CHECK(failure_fate(error<CancelledError>(reset, "cancelled")) == FailureFate::unknown);
    CHECK(failure_fate(error<ProtocolError>("bad JSON")) == FailureFate::unknown);
    CHECK(failure_fate(error<ConfigError>("no credentials")) == FailureFate::unknown);
    CHECK(failure_fate(error<std::runtime_error>("odd")) == FailureFate::unknown);
    CHECK(failure_fate(std::make_exception_ptr(42)) == FailureFate::unknown);
    CHECK(failure_fate(nullptr) == FailureFate::unknown);
}

TEST_CASE("WriteLedger: a response splits the sent writes into written and handed back") {
    WriteLedger ledger(pk_sk);
    std::vector<WriteRequest> unprocessed{put(3).request, del(7).request};
    auto sent = puts(0, 10);
    sent[7] = del(7);
    const auto left = ledger.acknowledge(std::move(sent), unprocessed);
    CHECK(sks(left) == std::set<int>{3, 7});
    REQUIRE(left.size() == 2);
    CHECK(sk_of(left[0].request) == 3); // in the order sent
    CHECK(std::holds_alternative<DeleteRequest>(left[1].request));
    CHECK(ledger.written() == 8);
    CHECK_FALSE(ledger.incomplete());

    // Entries for keys never sent, and ones that are not keys of this table, are ignored.
    const std::vector<WriteRequest> strange{put(99).request, DeleteRequest{Item{{"other", "x"}}}};
    CHECK(ledger.acknowledge(puts(10, 12), strange).empty());
    CHECK(ledger.written() == 10);

    ledger.leave(std::vector<PendingWrite>(left));
    CHECK(ledger.incomplete());
    const BatchWriteOutcome out = ledger.release();
    CHECK(sks(out.written_keys) == std::set<int>{0, 1, 2, 4, 5, 6, 8, 9, 10, 11});
    CHECK(out.written_keys.front() == Item{{"pk", "p"}, {"sk", 0}}); // keys only
    CHECK(sks(out.unwritten) == std::set<int>{3, 7});
    CHECK(out.unknown.empty());
}

TEST_CASE("WriteLedger: a failed request's writes are unwritten or unknown by its error") {
    WriteLedger ledger(pk_sk);
    ledger.fail(puts(0, 5), service(400, "ValidationException"));
    ledger.fail(puts(5, 8), service(500, "InternalServerError"));
    ledger.fail(puts(8, 9), error<TimeoutError>(std::make_error_code(std::errc::timed_out), "t"));
    CHECK(ledger.unwritten() == 5);
    CHECK(ledger.unknown() == 4);
    CHECK(ledger.written() == 0);
    const BatchWriteOutcome out = ledger.release();
    CHECK(sks(out.unwritten) == std::set<int>{0, 1, 2, 3, 4});
    CHECK(sks(out.unknown) == std::set<int>{5, 6, 7, 8});
    // Whole requests come back, items and all, ready to be sent again.
    CHECK(std::get<PutRequest>(out.unknown.front()).item.at("v") == AttributeValue(50));
}

TEST_CASE("WriteLedger: random histories account for every write exactly once") {
    // Chunks answered with random unprocessed subsets, failing or given up at random: the three
    // lists always partition the input, and only writes acknowledged are written.
    for (unsigned seed = 1; seed <= 200; ++seed) {
        std::mt19937 rng(seed);
        WriteLedger ledger(pk_sk);
        std::set<int> acknowledged;
        int next = 0;
        const int chunks = 1 + static_cast<int>(rng() % 6);
        for (int c = 0; c < chunks; ++c) {
            const int size = 1 + static_cast<int>(rng() % 25);
            std::vector<PendingWrite> pending = puts(next, next + size);
            next += size;
            for (int round = 0; !pending.empty(); ++round) {
                const unsigned what = rng() % 10;
                if (what == 0) {
                    ledger.fail(std::move(pending), service(500, "InternalServerError"));
                    break;
                }
                if (what == 1 || round == 4) {
                    ledger.leave(std::move(pending));
                    break;
                }
                std::vector<WriteRequest> unprocessed;
                for (const auto& w : pending)
                    if (rng() % 3 == 0)
                        unprocessed.push_back(w.request);
                const std::set<int> back = sks(unprocessed);
                for (const auto& w : pending)
                    if (!back.contains(sk_of(w.request)))
                        acknowledged.insert(sk_of(w.request));
                pending = ledger.acknowledge(std::move(pending), unprocessed);
                CHECK(sks(pending) == back);
            }
        }
        const BatchWriteOutcome out = ledger.release();
        INFO("seed " << seed);
        CHECK(sks(out.written_keys) == acknowledged);
        CHECK(out.written_keys.size() + out.unwritten.size() + out.unknown.size() ==
              static_cast<std::size_t>(next));
        std::set<int> all = sks(out.written_keys);
        for (int sk : sks(out.unwritten))
            CHECK(all.insert(sk).second);
        for (int sk : sks(out.unknown))
            CHECK(all.insert(sk).second);
        CHECK(all.size() == static_cast<std::size_t>(next));
    }
}

// The shard-lineage machine with synthetic shard trees: splits, closed and trimmed parents,
// expired iterators, trimmed data, LimitExceeded backoff, restarts from checkpoints, and a
// randomised walk over many trees that checks every record is delivered once, in order,
// and never before its parent shard is finished.
#include "../../../lib/streams/shard_fsm.hpp"

#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <set>

using namespace dynaq;
using dynaq::detail::ListedShard;
using dynaq::detail::ShardFsm;
using dynaq::detail::ShardFsmOptions;
using dynaq::detail::StreamGap;
using namespace std::chrono_literals;

namespace {

const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/label";
const ShardFsm::clock::time_point t0{};

using Request = ShardFsm::IteratorRequest;

Request trim(std::string id) {
    return {std::move(id), ShardIteratorType::trim_horizon, std::nullopt};
}
Request after(std::string id, std::string seq) {
    return {std::move(id), ShardIteratorType::after_sequence_number, std::move(seq)};
}

std::vector<std::string> ids(const std::vector<Request>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs)
        out.push_back(r.shard_id);
    return out;
}

ListedShard closed(std::string id, std::optional<std::string> parent = std::nullopt) {
    return {std::move(id), std::move(parent), true};
}
ListedShard open(std::string id, std::optional<std::string> parent = std::nullopt) {
    return {std::move(id), std::move(parent), false};
}

// Reads a shard once, ending it when `last` is true.
void read_once(ShardFsm& fsm, const std::string& id, std::optional<std::string> seq, bool last,
               ShardFsm::clock::time_point now = t0) {
    const auto reads = fsm.reads_due(now);
    REQUIRE(std::ranges::count(reads, id, &ShardFsm::Read::shard_id) == 1);
    fsm.on_records(id, std::move(seq), last ? std::nullopt : std::optional<std::string>("it"), now);
}

} // namespace

TEST_CASE("shard fsm: a child is opened only after its parent is read to its end",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {});
    fsm.on_listing({closed("s1"), open("s2", "s1")}, t0);
    CHECK(fsm.iterators_needed() == std::vector{trim("s1")});
    CHECK(fsm.iterators_needed().empty()); // asked once only
    fsm.on_iterator("s1", "it-1", t0);
    CHECK(fsm.reads_due(t0) == std::vector<ShardFsm::Read>{{"s1", "it-1"}});
    CHECK(fsm.reads_due(t0).empty()); // in flight
    fsm.on_records("s1", "100000000000000000005", "it-2", t0);
    CHECK(fsm.iterators_needed().empty());
    read_once(fsm, "s1", std::nullopt, true, t0 + 1s);
    CHECK(fsm.iterators_needed() == std::vector{trim("s2")});
    CHECK_FALSE(fsm.wants_listing()); // s2 was listed already
}

TEST_CASE("shard fsm: both children of a split are read at the same time once the parent ends",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {});
    fsm.on_listing({closed("s1"), open("s2", "s1"), open("s3", "s1")}, t0);
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s1"});
    fsm.on_iterator("s1", std::nullopt, t0); // closed and empty: finished at once
    CHECK(fsm.next_due() == ShardFsm::clock::time_point::min()); // its children can go now
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s2", "s3"});
    fsm.on_iterator("s2", "a", t0);
    fsm.on_iterator("s3", "b", t0);
    CHECK(fsm.reads_due(t0).size() == 2);
    CHECK(fsm.open_count() == 2);
}

TEST_CASE("shard fsm: a caught-up shard gives its place to a waiting one, which keeps no one "
          "waiting for ever",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {.max_open_shards = 1});
    fsm.on_listing({open("s1"), open("s2")}, t0);
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s1"});
    fsm.on_iterator("s1", "a", t0);
    read_once(fsm, "s1", "100000000000000000001", false); // records: it keeps its place
    CHECK(fsm.iterators_needed().empty());
    read_once(fsm, "s1", std::nullopt, false, t0 + 1s); // caught up: parked
    CHECK(fsm.open_count() == 0);
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s2"});
    fsm.on_iterator("s2", "b", t0 + 1s);
    read_once(fsm, "s2", std::nullopt, false, t0 + 1s);
    // s1 comes back with its iterator, no GetShardIterator needed.
    CHECK(fsm.iterators_needed().empty());
    CHECK(fsm.open_count() == 1);
    const auto now = fsm.next_due();
    CHECK(fsm.reads_due(now) == std::vector<ShardFsm::Read>{{"s1", "it"}});
}

TEST_CASE("shard fsm: no more shards open than max_open_shards", "[streams][fsm]") {
    ShardFsm fsm(arn, {.max_open_shards = 2});
    fsm.on_listing({open("s1"), open("s2"), open("s3"), closed("s4")}, t0);
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s1", "s2"});
    CHECK(fsm.iterators_needed().empty());
    fsm.on_iterator("s1", "a", t0);
    fsm.on_iterator("s2", std::nullopt, t0); // s2 ended: room for one more
    CHECK(ids(fsm.iterators_needed()) == std::vector<std::string>{"s3"});
    CHECK_THROWS_AS(ShardFsm(arn, {.max_open_shards = 0}), InvalidArgumentError);
}

TEST_CASE("shard fsm: start at latest skips closed shards; shards found later start at their "
          "beginning",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {.start = ShardIteratorType::latest});
    fsm.on_listing({closed("s1"), open("s2", "s1"), open("s3")}, t0);
    const auto first = fsm.iterators_needed();
    REQUIRE(first.size() == 2);
    CHECK(first[0] == Request{"s2", ShardIteratorType::latest, std::nullopt});
    CHECK(first[1] == Request{"s3", ShardIteratorType::latest, std::nullopt});
    fsm.on_iterator("s2", "a", t0);
    fsm.on_iterator("s3", "b", t0);
    read_once(fsm, "s3", "100000000000000000009", true);
    CHECK(fsm.wants_listing()); // s3 ended and no child of it is known
    fsm.on_listing({closed("s1"), open("s2", "s1"), closed("s3"), open("s4", "s3")}, t0);
    CHECK_FALSE(fsm.wants_listing());
    CHECK(fsm.iterators_needed() == std::vector{trim("s4")});
}

TEST_CASE("shard fsm: an expired iterator reopens after the last record delivered",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {});
    fsm.on_listing({open("s1"), open("s2")}, t0);
    (void)fsm.iterators_needed();
    fsm.on_iterator("s1", "a", t0);
    fsm.on_iterator("s2", "b", t0);
    read_once(fsm, "s1", "100000000000000000007", false);
    (void)fsm.reads_due(t0); // s2 in flight
    fsm.on_expired("s2");    // nothing delivered yet: from where it started
    REQUIRE(fsm.reads_due(t0 + 1s).size() == 1);
    fsm.on_expired("s1");
    CHECK(fsm.iterators_needed() == std::vector{after("s1", "100000000000000000007"), trim("s2")});
}

TEST_CASE("shard fsm: trimmed data reopens at TRIM_HORIZON and reports the gap", "[streams][fsm]") {
    ShardFsm fsm(arn, {});
    fsm.on_listing({open("s1")}, t0);
    (void)fsm.iterators_needed();
    fsm.on_iterator("s1", "a", t0);
    read_once(fsm, "s1", "100000000000000000007", false);
    (void)fsm.reads_due(t0 + 1s);
    fsm.on_trimmed("s1");
    CHECK(fsm.take_gaps() == std::vector<StreamGap>{{"s1", "100000000000000000007"}});
    CHECK(fsm.take_gaps().empty());
    CHECK(fsm.iterators_needed() == std::vector{trim("s1")});
    // The checkpoint no longer claims a position the stream cannot resume from.
    CHECK(fsm.checkpoint().shards.empty());
}

TEST_CASE("shard fsm: a parent trimmed away counts as finished", "[streams][fsm]") {
    ShardFsm fsm(arn, {});
    fsm.on_listing({open("s2", "s1")}, t0); // s1 is older than the retention
    CHECK(fsm.iterators_needed() == std::vector{trim("s2")});
}

TEST_CASE("shard fsm: pacing after records, after nothing, and after LimitExceeded",
          "[streams][fsm]") {
    ShardFsm fsm(arn, {.min_poll_interval = 250ms,
                       .idle_delay = 1000ms,
                       .limit_backoff = 500ms,
                       .max_backoff = 1500ms});
    fsm.on_listing({open("s1")}, t0);
    (void)fsm.iterators_needed();
    fsm.on_iterator("s1", "a", t0);
    CHECK(fsm.next_due() == t0);
    read_once(fsm, "s1", "100000000000000000001", false);
    CHECK(fsm.next_due() == t0 + 250ms);
    CHECK(fsm.reads_due(t0 + 249ms).empty());
    read_once(fsm, "s1", std::nullopt, false, t0 + 250ms);
    CHECK(fsm.next_due() == t0 + 1250ms);
    auto now = fsm.next_due();
    for (const auto backoff : {500ms, 1000ms, 1500ms, 1500ms}) {
        REQUIRE(fsm.reads_due(now).size() == 1);
        fsm.on_limit_exceeded("s1", now);
        CHECK(fsm.next_due() == now + backoff);
        now = fsm.next_due();
    }
    read_once(fsm, "s1", "100000000000000000002", false, now);
    now = fsm.next_due();
    REQUIRE(fsm.reads_due(now).size() == 1);
    fsm.on_limit_exceeded("s1", now); // the backoff starts over after a success
    CHECK(fsm.next_due() == now + 500ms);
    CHECK(ShardFsm(arn, {}).next_due() == ShardFsm::clock::time_point::max());
}

TEST_CASE("shard fsm: a restart from a checkpoint resumes each shard where it was",
          "[streams][fsm]") {
    const Checkpoint saved{
        arn, {{"s1", "100000000000000000003", true}, {"s2", "100000000000000000020", false}}};
    ShardFsm fsm(arn, {}, saved);
    fsm.on_listing({closed("s1"), open("s2", "s1"), open("s3", "s1")}, t0);
    CHECK(fsm.iterators_needed() == std::vector{after("s2", "100000000000000000020"), trim("s3")});
    CHECK(fsm.checkpoint() == saved);

    SECTION("ancestors the checkpoint does not name are finished when a descendant is named") {
        ShardFsm later(arn, {}, Checkpoint{arn, {{"s3", "100000000000000000030", false}}});
        later.on_listing({closed("s0"), closed("s1", "s0"), open("s2", "s1"), open("s3", "s1")},
                         t0);
        CHECK(later.iterators_needed() ==
              std::vector{trim("s2"), after("s3", "100000000000000000030")});
    }
    SECTION("a checkpointed shard that is gone before it was finished is a gap") {
        ShardFsm gone(arn, {}, saved);
        gone.on_listing({open("s3", "s1")}, t0);
        CHECK(gone.take_gaps() == std::vector<StreamGap>{{"s2", "100000000000000000020"}});
        CHECK(gone.iterators_needed() == std::vector{trim("s3")});
        // s1 was finished and is no longer listed: forgotten.
        CHECK(gone.checkpoint().shards.empty());
    }
    SECTION("a checkpoint of another stream is refused") {
        CHECK_THROWS_AS(ShardFsm(arn + "x", {}, saved), InvalidArgumentError);
    }
}

namespace {

// A synthetic stream: shards made by random splits, each with its records; the leaves are open.
struct SimShard {
    std::string id;
    std::optional<std::string> parent;
    std::vector<std::string> records;
    bool open = false;
};

std::string shard_name(int i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "s%03d", i);
    return buffer;
}

std::vector<SimShard> random_tree(std::mt19937& rng) {
    std::vector<SimShard> shards;
    std::uint64_t seq = 100'000'000'000'000'000ull;
    const int roots = 1 + static_cast<int>(rng() % 3);
    std::vector<std::size_t> leaves;
    for (int i = 0; i < roots; ++i) {
        shards.push_back({shard_name(static_cast<int>(shards.size())), std::nullopt, {}, true});
        leaves.push_back(shards.size() - 1);
    }
    const int splits = static_cast<int>(rng() % 8);
    for (int i = 0; i < splits; ++i) {
        const std::size_t pick = rng() % leaves.size();
        const std::size_t parent = leaves[pick];
        shards[parent].open = false;
        leaves.erase(leaves.begin() + static_cast<std::ptrdiff_t>(pick));
        const int children = 1 + static_cast<int>(rng() % 2);
        for (int c = 0; c < children; ++c) {
            shards.push_back(
                {shard_name(static_cast<int>(shards.size())), shards[parent].id, {}, true});
            leaves.push_back(shards.size() - 1);
        }
    }
    for (SimShard& s : shards) {
        const int n = static_cast<int>(rng() % 6);
        for (int r = 0; r < n; ++r)
            s.records.push_back(std::to_string(++seq));
    }
    return shards;
}

} // namespace

TEST_CASE("shard fsm: random shard trees with expiries, throttling and restarts deliver every "
          "record once, in order, children after parents",
          "[streams][fsm]") {
    for (unsigned seed = 1; seed <= 300; ++seed) {
        INFO("seed " << seed);
        std::mt19937 rng(seed);
        const auto tree = random_tree(rng);
        std::map<std::string, const SimShard*> by_id;
        std::vector<ListedShard> listing;
        for (const SimShard& s : tree) {
            by_id[s.id] = &s;
            listing.push_back({s.id, s.parent, !s.open});
        }
        const ShardFsmOptions options{.max_open_shards = 1 + rng() % 3};
        auto fsm = std::make_unique<ShardFsm>(arn, options);
        fsm->on_listing(listing, t0);
        // An iterator is "<shard>@<index of the next record>".
        std::map<std::string, std::vector<std::string>> delivered;
        std::set<std::string> ended;
        auto now = t0;
        int steps = 0;
        auto done = [&] {
            for (const SimShard& s : tree)
                if (delivered[s.id].size() != s.records.size() ||
                    (!s.open && !ended.contains(s.id)))
                    return false;
            return true;
        };
        while (!done()) {
            REQUIRE(++steps < 10'000);
            for (const Request& r : fsm->iterators_needed()) {
                const SimShard& s = *by_id.at(r.shard_id);
                // Its parent must be finished: every record of it delivered.
                if (s.parent)
                    REQUIRE(delivered[*s.parent].size() == by_id.at(*s.parent)->records.size());
                std::size_t index = 0;
                if (r.type == ShardIteratorType::after_sequence_number) {
                    const auto at = std::ranges::find(s.records, *r.sequence_number);
                    REQUIRE(at != s.records.end());
                    index = static_cast<std::size_t>(at - s.records.begin()) + 1;
                } else {
                    REQUIRE(r.type == ShardIteratorType::trim_horizon);
                }
                if (!s.open && index == s.records.size() && rng() % 2 == 0) {
                    fsm->on_iterator(r.shard_id, std::nullopt, now);
                    ended.insert(r.shard_id);
                } else {
                    fsm->on_iterator(r.shard_id, r.shard_id + "@" + std::to_string(index), now);
                }
            }
            auto reads = fsm->reads_due(now);
            if (reads.empty()) {
                const auto due = fsm->next_due();
                REQUIRE(due != ShardFsm::clock::time_point::max());
                now = std::max(now, due);
                continue;
            }
            for (const auto& read : reads) {
                const SimShard& s = *by_id.at(read.shard_id);
                const auto at = read.iterator.find('@');
                REQUIRE(read.iterator.substr(0, at) == s.id);
                std::size_t index = std::stoul(read.iterator.substr(at + 1));
                const unsigned event = rng() % 10;
                if (event == 0) {
                    fsm->on_expired(s.id);
                    continue;
                }
                if (event == 1) {
                    fsm->on_limit_exceeded(s.id, now);
                    continue;
                }
                const std::size_t n =
                    std::min<std::size_t>(1 + rng() % 3, s.records.size() - index);
                std::optional<std::string> last;
                for (std::size_t k = 0; k < n; ++k) {
                    // Exactly the next record of the shard: nothing twice, nothing skipped.
                    REQUIRE(delivered[s.id].size() == index + k);
                    delivered[s.id].push_back(s.records[index + k]);
                    last = s.records[index + k];
                }
                index += n;
                const bool end = !s.open && index == s.records.size();
                if (end)
                    ended.insert(s.id);
                fsm->on_records(
                    s.id, last,
                    end ? std::nullopt
                        : std::optional<std::string>(s.id + "@" + std::to_string(index)),
                    now);
            }
            if (rng() % 7 == 0) {
                // A restart: a new machine from the checkpoint, which is after every record
                // delivered, so the restart repeats nothing.
                const Checkpoint c = fsm->checkpoint();
                CHECK(parse_checkpoint(to_json(c)) == c);
                fsm = std::make_unique<ShardFsm>(arn, options, c);
                fsm->on_listing(listing, now);
            }
        }
        for (const SimShard& s : tree)
            CHECK(delivered[s.id] == s.records);
        CHECK(fsm->take_gaps().empty());
    }
}

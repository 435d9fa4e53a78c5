// Query/Scan pagination without a server: the Limit and ExclusiveStartKey of each request, how
// much of each page reaches the caller, and when to stop.
#include "table/page_fsm.hpp"
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

Item key(int n) {
    return Item{{"pk", "p"}, {"sk", n}};
}

int key_number(const Item& k) {
    return static_cast<int>(k.at("sk").as_number().to_int64());
}

// A stand-in for DynamoDB over `size` items numbered 0..size-1: a page reads up to Limit items
// after the start key, returns those passing the filter, and carries a LastEvaluatedKey whenever
// it stopped because of Limit (even on the last item, as DynamoDB does).
struct FakeTable {
    int size = 0;
    std::function<bool(int)> filter = [](int) { return true; };

    struct Page {
        std::vector<int> items;
        std::int64_t scanned = 0;
        std::optional<Item> lek;
    };

    Page read(std::int32_t limit, const std::optional<Item>& start) const {
        Page page;
        int next = start ? key_number(*start) + 1 : 0;
        for (; next < size && page.scanned < limit; ++next) {
            ++page.scanned;
            if (filter(next))
                page.items.push_back(next);
        }
        if (page.scanned == limit)
            page.lek = key(next - 1);
        return page;
    }
};

struct Run {
    std::vector<int> delivered;
    std::vector<std::int32_t> limits; // the Limit of every request, in order
    std::vector<std::optional<int>> starts;
};

// Drives the FSM the way the Table layer's coroutine does.
Run drive(PageFsm& fsm, const FakeTable& table) {
    Run run;
    while (fsm.has_next()) {
        const std::int32_t limit = fsm.next_limit();
        run.limits.push_back(limit);
        run.starts.push_back(fsm.start_key() ? std::optional<int>(key_number(*fsm.start_key()))
                                             : std::nullopt);
        auto page = table.read(limit, fsm.start_key());
        const auto outcome = fsm.on_page(page.items.size(), page.scanned, page.lek);
        CHECK_FALSE(outcome.truncated);
        run.delivered.insert(run.delivered.end(), page.items.begin(),
                             page.items.begin() + static_cast<std::ptrdiff_t>(outcome.deliver));
        REQUIRE(run.limits.size() < 1000); // a runaway loop is a failure, not a hang
    }
    return run;
}

std::vector<int> range(int from, int to) {
    std::vector<int> out;
    for (int i = from; i < to; ++i)
        out.push_back(i);
    return out;
}

} // namespace

TEST_CASE("PageFsm: a fresh read without budgets fetches every page") {
    PageFsm fsm({.page_size = 10});
    CHECK(fsm.has_next());
    CHECK_FALSE(fsm.done());
    CHECK(fsm.next_limit() == 10);
    CHECK_FALSE(fsm.start_key());
    CHECK_FALSE(fsm.last_evaluated_key());

    const auto run = drive(fsm, FakeTable{.size = 25});
    CHECK(run.delivered == range(0, 25));
    CHECK(run.limits == std::vector<std::int32_t>{10, 10, 10});
    CHECK(run.starts == std::vector<std::optional<int>>{std::nullopt, 9, 19});
    CHECK(fsm.done());
    CHECK(fsm.pages() == 3);
    CHECK(fsm.delivered() == 25);
    CHECK(fsm.evaluated() == 25);
    CHECK_FALSE(fsm.last_evaluated_key());
}

TEST_CASE("PageFsm: default page size is the Python library's 1000") {
    PageFsm fsm({});
    CHECK(fsm.next_limit() == default_page_size);
    CHECK(default_page_size == 1000);
}

TEST_CASE("PageFsm: an exact multiple of the page size ends with an empty page") {
    PageFsm fsm({.page_size = 5});
    const auto run = drive(fsm, FakeTable{.size = 10});
    CHECK(run.delivered == range(0, 10));
    CHECK(run.limits == std::vector<std::int32_t>{5, 5, 5});
    CHECK(fsm.pages() == 3);
    CHECK_FALSE(fsm.last_evaluated_key());
}

TEST_CASE("PageFsm: a limit smaller than a page asks for exactly that many") {
    PageFsm fsm({.limit = 3, .page_size = 1000});
    CHECK(fsm.next_limit() == 3);
    const auto run = drive(fsm, FakeTable{.size = 50});
    CHECK(run.delivered == range(0, 3));
    CHECK(run.limits == std::vector<std::int32_t>{3});
    CHECK(fsm.done());
    // The budget ran out mid-table: the key is where to resume.
    REQUIRE(fsm.last_evaluated_key());
    CHECK(*fsm.last_evaluated_key() == key(2));
}

TEST_CASE("PageFsm: the seed's limit=1500 capture becomes 1000 then 500") {
    PageFsm fsm({.limit = 1500});
    const auto run = drive(fsm, FakeTable{.size = 3000});
    CHECK(run.limits == std::vector<std::int32_t>{1000, 500});
    CHECK(run.delivered.size() == 1500);
}

TEST_CASE("PageFsm: a limit spanning filtered pages keeps asking for what is missing") {
    // Only even items pass the filter, so a page of Limit n yields about n/2 records.
    PageFsm fsm({.limit = 7, .page_size = 4});
    FakeTable table{.size = 100, .filter = [](int i) { return i % 2 == 0; }};
    const auto run = drive(fsm, table);
    CHECK(run.delivered == std::vector<int>{0, 2, 4, 6, 8, 10, 12});
    // Reads 0..3 (2 records), 4..7 (4 so far), 8..10 (6 so far), then one at a time: item 11
    // fails the filter, item 12 is the seventh.
    CHECK(run.limits == std::vector<std::int32_t>{4, 4, 3, 1, 1});
    CHECK(fsm.delivered() == 7);
    CHECK(fsm.evaluated() == 13);
    REQUIRE(fsm.last_evaluated_key());
    CHECK(*fsm.last_evaluated_key() == key(12));
}

TEST_CASE("PageFsm: a limit larger than the table stops at the last page") {
    PageFsm fsm({.limit = 100, .page_size = 8});
    const auto run = drive(fsm, FakeTable{.size = 20});
    CHECK(run.delivered == range(0, 20));
    CHECK(fsm.delivered() == 20);
    CHECK_FALSE(fsm.last_evaluated_key());
}

TEST_CASE("PageFsm: max_evaluated bounds the items read, not the records delivered") {
    PageFsm fsm({.page_size = 4, .max_evaluated = 10});
    FakeTable table{.size = 100, .filter = [](int i) { return i % 3 == 0; }};
    const auto run = drive(fsm, table);
    CHECK(run.limits == std::vector<std::int32_t>{4, 4, 2});
    CHECK(run.delivered == std::vector<int>{0, 3, 6, 9});
    CHECK(fsm.evaluated() == 10);
    CHECK(fsm.done());
    REQUIRE(fsm.last_evaluated_key());
    CHECK(*fsm.last_evaluated_key() == key(9));
}

TEST_CASE("PageFsm: with both budgets the tighter one decides each request") {
    SECTION("the record limit runs out first") {
        PageFsm fsm({.limit = 2, .page_size = 10, .max_evaluated = 50});
        const auto run = drive(fsm, FakeTable{.size = 100});
        CHECK(run.limits == std::vector<std::int32_t>{2});
        CHECK(run.delivered == range(0, 2));
    }
    SECTION("the evaluation budget runs out first") {
        PageFsm fsm({.limit = 20, .page_size = 10, .max_evaluated = 15});
        FakeTable table{.size = 100, .filter = [](int i) { return i % 5 == 0; }};
        const auto run = drive(fsm, table);
        CHECK(run.limits == std::vector<std::int32_t>{10, 5});
        CHECK(run.delivered == std::vector<int>{0, 5, 10});
        CHECK(fsm.evaluated() == 15);
        CHECK(fsm.delivered() == 3);
    }
    SECTION("records left decide one request, evaluations left the next") {
        PageFsm fsm({.limit = 5, .page_size = 100, .max_evaluated = 9});
        FakeTable table{.size = 100, .filter = [](int i) { return i < 2 || i > 6; }};
        const auto run = drive(fsm, table);
        // Limit 5 reads 0..4 (2 records); min(3 records, 4 evaluations) reads 5..7 (1 record);
        // min(2 records, 1 evaluation) reads 8.
        CHECK(run.limits == std::vector<std::int32_t>{5, 3, 1});
        CHECK(run.delivered == std::vector<int>{0, 1, 7, 8});
        CHECK(fsm.evaluated() == 9);
        CHECK(fsm.delivered() == 4);
    }
}

TEST_CASE("PageFsm: a zero budget sends no request at all") {
    SECTION("limit 0") {
        PageFsm fsm({.limit = 0});
        CHECK_FALSE(fsm.has_next());
        CHECK(fsm.done());
        CHECK(fsm.next_limit() == 0);
        CHECK_FALSE(fsm.last_evaluated_key());
        CHECK(fsm.pages() == 0);
    }
    SECTION("max_evaluated 0") {
        PageFsm fsm({.max_evaluated = 0});
        CHECK_FALSE(fsm.has_next());
    }
    SECTION("limit 0 while resuming keeps the start key as the resume point") {
        PageFsm fsm({.limit = 0}, key(4));
        CHECK_FALSE(fsm.has_next());
        REQUIRE(fsm.last_evaluated_key());
        CHECK(*fsm.last_evaluated_key() == key(4));
    }
}

TEST_CASE("PageFsm: resuming from a start key continues where the last read stopped") {
    FakeTable table{.size = 30};
    PageFsm first({.limit = 12, .page_size = 5});
    const auto a = drive(first, table);
    REQUIRE(first.last_evaluated_key());

    PageFsm second({.page_size = 5}, first.last_evaluated_key());
    CHECK(second.has_next());
    REQUIRE(second.start_key());
    CHECK(*second.start_key() == key(11));
    CHECK(second.last_evaluated_key() == second.start_key());
    const auto b = drive(second, table);
    CHECK(b.starts.front() == 11);

    auto all = a.delivered;
    all.insert(all.end(), b.delivered.begin(), b.delivered.end());
    CHECK(all == range(0, 30));
}

TEST_CASE("PageFsm: an empty start key counts as none") {
    PageFsm fsm({}, Item{});
    CHECK_FALSE(fsm.start_key());
}

TEST_CASE("PageFsm: a server that ignores Limit gets its page truncated") {
    PageFsm fsm({.limit = 3, .page_size = 10});
    REQUIRE(fsm.next_limit() == 3);
    const auto out = fsm.on_page(5, 5, key(4));
    CHECK(out.deliver == 3);
    CHECK(out.truncated);
    CHECK(fsm.delivered() == 3);
    CHECK(fsm.evaluated() == 5);
    CHECK(fsm.done());
    // The key lies past the two undelivered items; it is still the only resume point there is.
    REQUIRE(fsm.last_evaluated_key());
    CHECK(*fsm.last_evaluated_key() == key(4));
}

TEST_CASE("PageFsm: a page that fits is never truncated") {
    PageFsm fsm({.limit = 3, .page_size = 10});
    const auto out = fsm.on_page(3, 3, key(2));
    CHECK(out.deliver == 3);
    CHECK_FALSE(out.truncated);
}

TEST_CASE("PageFsm: empty pages with a LastEvaluatedKey keep the read going") {
    PageFsm fsm({.limit = 2, .page_size = 10});
    for (int i = 0; i < 3; ++i) {
        const auto out = fsm.on_page(0, 10, key(10 * i + 9));
        CHECK(out.deliver == 0);
        CHECK(fsm.has_next());
        CHECK(fsm.next_limit() == 2);
    }
    REQUIRE(fsm.start_key());
    CHECK(*fsm.start_key() == key(29));
    CHECK(fsm.on_page(2, 2, key(31)).deliver == 2);
    CHECK(fsm.done());
    CHECK(fsm.pages() == 4);
}

TEST_CASE("PageFsm: a page without LastEvaluatedKey ends the read") {
    SECTION("absent key") {
        PageFsm fsm({.limit = 10});
        CHECK(fsm.on_page(4, 4, std::nullopt).deliver == 4);
        CHECK(fsm.done());
        CHECK_FALSE(fsm.last_evaluated_key());
    }
    SECTION("an empty key map is treated the same") {
        PageFsm fsm({});
        fsm.on_page(1, 1, Item{});
        CHECK(fsm.done());
        CHECK_FALSE(fsm.last_evaluated_key());
    }
    SECTION("the last page of a resumed read clears the start key") {
        PageFsm fsm({}, key(3));
        fsm.on_page(1, 1, std::nullopt);
        CHECK_FALSE(fsm.last_evaluated_key());
        CHECK_FALSE(fsm.start_key());
    }
}

TEST_CASE("PageFsm: a page reported after the end changes nothing") {
    PageFsm fsm({.limit = 1});
    fsm.on_page(1, 1, key(0));
    REQUIRE(fsm.done());
    const auto out = fsm.on_page(4, 4, key(5));
    CHECK(out.deliver == 0);
    CHECK_FALSE(out.truncated);
    CHECK(fsm.pages() == 1);
    CHECK(fsm.delivered() == 1);
    CHECK(*fsm.last_evaluated_key() == key(0));
}

TEST_CASE("PageFsm: Select=COUNT pages count like item pages") {
    PageFsm fsm({.limit = 50, .page_size = 20});
    auto out = fsm.on_page(20, 20, key(19));
    CHECK(out.deliver == 20);
    CHECK(fsm.next_limit() == 20);
    out = fsm.on_page(20, 20, key(39));
    CHECK(fsm.next_limit() == 10);
    out = fsm.on_page(10, 10, key(49));
    CHECK(out.deliver == 10);
    CHECK(fsm.delivered() == 50);
    CHECK(fsm.done());
}

TEST_CASE("PageFsm: ScannedCount below Count or negative does not shrink the evaluations") {
    PageFsm fsm({.max_evaluated = 10});
    fsm.on_page(3, -5, key(1));
    CHECK(fsm.evaluated() == 3);
    fsm.on_page(0, -1, key(2));
    CHECK(fsm.evaluated() == 3);
    fsm.on_page(2, 7, key(9));
    CHECK(fsm.evaluated() == 10);
    CHECK(fsm.done());
}

TEST_CASE("PageFsm: evaluations past the budget stop the read without a negative Limit") {
    PageFsm fsm({.page_size = 10, .max_evaluated = 5});
    fsm.on_page(2, 9, key(8)); // the server read more than asked
    CHECK(fsm.done());
    CHECK(fsm.next_limit() == 0);
}

TEST_CASE("PageFsm: the page size caps every request") {
    PageFsm fsm({.limit = 10, .page_size = 1, .max_evaluated = 10});
    const auto run = drive(fsm, FakeTable{.size = 4});
    CHECK(run.limits == std::vector<std::int32_t>{1, 1, 1, 1, 1});
    CHECK(run.delivered == range(0, 4));
}

TEST_CASE("PageFsm: int64 budgets beyond int32 clamp to the page size") {
    constexpr auto big = std::numeric_limits<std::int64_t>::max();
    SECTION("huge limit") {
        PageFsm fsm({.limit = big, .page_size = std::numeric_limits<std::int32_t>::max()});
        CHECK(fsm.next_limit() == std::numeric_limits<std::int32_t>::max());
        fsm.on_page(1000, 1000, key(999));
        CHECK(fsm.next_limit() == std::numeric_limits<std::int32_t>::max());
        CHECK(fsm.delivered() == 1000);
    }
    SECTION("huge evaluation budget") {
        PageFsm fsm({.page_size = 1000, .max_evaluated = big});
        CHECK(fsm.next_limit() == 1000);
        fsm.on_page(0, big, key(1));
        CHECK(fsm.evaluated() == big);
        CHECK(fsm.done());
    }
    SECTION("a limit just above int32 counts down exactly") {
        const std::int64_t limit = std::int64_t{std::numeric_limits<std::int32_t>::max()} + 5;
        PageFsm fsm({.limit = limit, .page_size = std::numeric_limits<std::int32_t>::max()});
        fsm.on_page(static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()),
                    std::numeric_limits<std::int32_t>::max(), key(1));
        CHECK(fsm.next_limit() == 5);
    }
    SECTION("counters saturate instead of overflowing") {
        PageFsm fsm({});
        fsm.on_page(0, big, key(1));
        fsm.on_page(0, big, key(2));
        CHECK(fsm.evaluated() == big);
        CHECK(fsm.has_next());
    }
}

TEST_CASE("PageFsm: invalid budgets are rejected up front") {
    CHECK_THROWS_AS(PageFsm({.limit = -1}), InvalidArgumentError);
    CHECK_THROWS_WITH(PageFsm({.limit = -1}), Catch::Contains("limit") && Catch::Contains("-1"));
    CHECK_THROWS_WITH(PageFsm({.max_evaluated = -3}),
                      Catch::Contains("max_evaluated") && Catch::Contains("-3"));
    CHECK_THROWS_AS(PageFsm({.page_size = 0}), InvalidArgumentError);
    CHECK_THROWS_WITH(PageFsm({.page_size = 0}), Catch::Contains("page_size"));
    CHECK_THROWS_AS(PageFsm({.page_size = -10}), InvalidArgumentError);
    CHECK_NOTHROW(PageFsm({.limit = 0, .page_size = 1, .max_evaluated = 0}));
}

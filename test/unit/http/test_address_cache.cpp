// DNS refresh and round robin without DNS: the cache is given the clock's time and the
// addresses a resolver would have answered.
#include "address_cache.hpp"

#include <catch2/catch.hpp>

#include <set>

using dynaq::detail::AddressCache;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

AddressCache::Addresses list(std::initializer_list<const char*> ips) {
    auto out = std::make_shared<std::vector<tcp::endpoint>>();
    for (const char* ip : ips)
        out->emplace_back(boost::asio::ip::make_address(ip), 443);
    return out;
}

} // namespace

TEST_CASE("address cache: answers are used for the refresh interval, then resolved again") {
    AddressCache cache(60s);
    const AddressCache::clock::time_point t0{};
    CHECK(cache.fresh(t0) == nullptr); // nothing resolved yet
    cache.store(list({"192.0.2.1"}), t0);
    CHECK(cache.fresh(t0 + 59s) != nullptr);
    CHECK(cache.fresh(t0 + 60s) == nullptr); // stale: resolve again
    cache.store(list({"192.0.2.7"}), t0 + 60s);
    REQUIRE(cache.fresh(t0 + 61s) != nullptr);
    CHECK(cache.fresh(t0 + 61s)->front().address().to_string() == "192.0.2.7");
    cache.forget(); // a connect failed
    CHECK(cache.fresh(t0 + 61s) == nullptr);
}

TEST_CASE("address cache: a zero interval resolves for every new connection; pins never expire") {
    AddressCache every(0s);
    every.store(list({"192.0.2.1"}), {});
    CHECK(every.fresh({}) == nullptr);

    AddressCache pinned(1s);
    pinned.pin(list({"127.0.0.1"}));
    CHECK(pinned.fresh(AddressCache::clock::time_point{} + 1000h) != nullptr);
    pinned.forget();
    pinned.store(list({"192.0.2.9"}), {});
    CHECK(pinned.fresh({})->front().address().to_string() == "127.0.0.1");
}

TEST_CASE("address cache: new connections start at each address in turn, the rest as fallbacks") {
    AddressCache cache(60s);
    const auto addresses = list({"192.0.2.1", "192.0.2.2", "192.0.2.3"});
    std::multiset<std::string> firsts;
    for (int i = 0; i < 9; ++i) {
        const auto order = cache.next_order(*addresses);
        REQUIRE(order.size() == 3);
        firsts.insert(order.front().address().to_string());
        // every address is still there, in the resolver's cyclic order
        const auto start = std::find(addresses->begin(), addresses->end(), order.front());
        for (std::size_t k = 0; k < 3; ++k)
            CHECK(order[k] ==
                  (*addresses)[(static_cast<std::size_t>(start - addresses->begin()) + k) % 3]);
    }
    CHECK(firsts.count("192.0.2.1") == 3);
    CHECK(firsts.count("192.0.2.2") == 3);
    CHECK(firsts.count("192.0.2.3") == 3);
    CHECK(cache.next_order(*list({"192.0.2.5"})).size() == 1);
}

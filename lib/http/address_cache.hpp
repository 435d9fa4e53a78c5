#pragma once
// The resolved addresses of one host name, kept for a bounded time, and the turn of each new
// connection among them. Sans-I/O: the caller resolves and passes the clock's time, so the
// refresh and the rotation are unit-tested without DNS.
//
// Thread-safe: one mutex, never held across a suspension.
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace dynaq::detail {

class AddressCache {
public:
    using clock = std::chrono::steady_clock;
    using tcp = boost::asio::ip::tcp;
    using Addresses = std::shared_ptr<const std::vector<tcp::endpoint>>;

    /// `ttl` zero or negative: every new connection resolves afresh.
    explicit AddressCache(clock::duration ttl) : ttl_(ttl) {}

    /// Fixed addresses (an IP literal): never expire, never forgotten.
    void pin(Addresses addresses) {
        std::lock_guard lock(mutex_);
        addresses_ = std::move(addresses);
        pinned_ = true;
    }

    /// The stored addresses while they are younger than the ttl at `now`; null: resolve and
    /// store() the answer.
    [[nodiscard]] Addresses fresh(clock::time_point now) const {
        std::lock_guard lock(mutex_);
        if (addresses_ == nullptr || (!pinned_ && now - stored_at_ >= ttl_))
            return nullptr;
        return addresses_;
    }

    void store(Addresses addresses, clock::time_point now) {
        std::lock_guard lock(mutex_);
        if (pinned_)
            return;
        addresses_ = std::move(addresses);
        stored_at_ = now;
    }

    /// A connect failed: the host may have moved, resolve again next time.
    void forget() noexcept {
        std::lock_guard lock(mutex_);
        if (!pinned_)
            addresses_.reset();
    }

    /// `addresses` in the order a new connection should try them: each call starts one
    /// further along, so connections spread over every address instead of piling onto the
    /// first (the others remain as fallbacks when it does not answer).
    [[nodiscard]] std::vector<tcp::endpoint>
    next_order(const std::vector<tcp::endpoint>& addresses) {
        std::vector<tcp::endpoint> order(addresses);
        if (order.size() > 1) {
            std::size_t first = 0;
            {
                std::lock_guard lock(mutex_);
                first = turn_++ % order.size();
            }
            std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(first),
                        order.end());
        }
        return order;
    }

private:
    clock::duration ttl_;
    mutable std::mutex mutex_;
    Addresses addresses_;
    clock::time_point stored_at_{};
    std::size_t turn_ = 0;
    bool pinned_ = false;
};

} // namespace dynaq::detail

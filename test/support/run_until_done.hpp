#pragma once
// Runs one coroutine on an io_context until the context has nothing left to do, and returns
// its result (or rethrows its exception). A test must leave no coroutine or request behind, so
// work still pending after `bound` is a failure, not a hang.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace dynaq::test {

template <class T>
T run_until_done(boost::asio::io_context& ioc, boost::asio::awaitable<T> work,
                 std::chrono::seconds bound = std::chrono::seconds(20)) {
    using Stored = std::conditional_t<std::is_void_v<T>, bool, T>;
    std::optional<Stored> value;
    std::exception_ptr error;
    bool done = false;
    boost::asio::co_spawn(ioc, std::move(work), [&](std::exception_ptr e, auto&&... v) {
        error = e;
        if constexpr (sizeof...(v) > 0) {
            if (!e)
                value.emplace(std::forward<decltype(v)>(v)...);
        }
        done = true;
    });
    ioc.restart();
    ioc.run_for(bound);
    if (!done || !ioc.stopped())
        throw std::runtime_error("the test's coroutines did not finish within " +
                                 std::to_string(bound.count()) + " s");
    if (error)
        std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>)
        return std::move(*value);
}

} // namespace dynaq::test

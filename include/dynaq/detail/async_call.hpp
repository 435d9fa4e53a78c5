#pragma once
// The one initiation helper behind every `async_*` function (Client, Table, streams): it turns
// an awaitable into an Asio asynchronous operation completing with (error_code, T) for any
// completion token. Kept in the installed tree because Table and QueryStream are templates.
//
// The operation runs as a coroutine spawned on the object's executor; its completion goes to
// the handler's associated executor, and the handler's cancellation slot is the coroutine's,
// so cancelling the slot cancels the call (terminal cancellation, the kind the coroutines
// honour: partial and total requests, which parallel_group sends along with terminal, act as
// terminal too).
#include <dynaq/diagnostics.hpp>
#include <dynaq/export.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/system/error_code.hpp>

#include <concepts>
#include <exception>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

namespace dynaq {

/// The token of an `async_*` call given none: the call returns a deferred operation, which
/// starts when it is awaited (`co_await client.async_get_item(req)` in a coroutine) or given
/// a token (`op(boost::asio::use_future)`), and composes with `|`.
using default_completion_token = boost::asio::deferred_t;

namespace detail {

template <class T>
struct completion_signature_of {
    using type = void(boost::system::error_code, T);
};
template <>
struct completion_signature_of<void> {
    using type = void(boost::system::error_code);
};
/// void(error_code, T), or void(error_code) for T = void.
template <class T>
using completion_signature = typename completion_signature_of<T>::type;

template <class T>
using any_handler = boost::asio::any_completion_handler<completion_signature<T>>;

/// A token for an operation completing with T; Diagnostics is never one (it selects the
/// overload that fills it).
template <class Token, class T>
concept token_for = boost::asio::completion_token_for<Token, completion_signature<T>> &&
    !std::same_as<std::remove_cvref_t<Token>, Diagnostics>;

/// Where a call went, for Diagnostics::operation / endpoint.
struct CallSite {
    std::string operation;
    std::string endpoint;
};

/// Fills `diag` (when not null) from `e` and returns the code; clears it for no error.
DYNAQ_API boost::system::error_code complete_diagnostics(const std::exception_ptr& e,
                                                         Diagnostics* diag, const CallSite* site);

template <class T>
void spawn_call(const boost::asio::any_io_executor& ex, boost::asio::awaitable<T> op,
                Diagnostics* diag, CallSite site, any_handler<T> handler) {
    auto slot = boost::asio::get_associated_cancellation_slot(handler);
    auto handler_ex = boost::asio::get_associated_executor(handler, ex);
    auto done = [diag, site = std::move(site), h = std::move(handler)](std::exception_ptr e,
                                                                       auto... value) mutable {
        const boost::system::error_code ec = complete_diagnostics(e, diag, &site);
        std::move(h)(ec, std::move(value)...);
    };
    boost::asio::co_spawn(ex, std::move(op),
                          boost::asio::bind_cancellation_slot(
                              slot, boost::asio::bind_executor(handler_ex, std::move(done))));
}

/// Keeps the arguments alive in the coroutine frame while `f(args...)` runs.
template <class T, class F, class... Args>
boost::asio::awaitable<T> owning(F f, Args... args) {
    auto op = std::invoke(f, args...);
    co_return co_await std::move(op);
}

/// The one initiation: `start(handler, args...)` begins the operation and calls the handler
/// once; the arguments are decay-copied into the operation (a deferred one keeps them until it
/// is launched), so nothing the caller passed need outlive the call.
template <class T, class Token, class Start, class... Args>
auto async_start(Token&& token, Start start, Args&&... args) {
    return boost::asio::async_initiate<Token, completion_signature<T>>(
        [start = std::move(start)](auto handler, auto&&... a) mutable {
            start(any_handler<T>(std::move(handler)), std::move(a)...);
        },
        token, std::forward<Args>(args)...);
}

/// async_start for an awaitable factory: `f(args...)` returns awaitable<T>, run on `ex`.
template <class T, class Token, class F, class... Args>
auto async_run(const boost::asio::any_io_executor& ex, Diagnostics* diag, CallSite site,
               Token&& token, F f, Args&&... args) {
    return async_start<T>(
        std::forward<Token>(token),
        [ex, diag, site = std::move(site), f = std::move(f)](any_handler<T> handler,
                                                             auto&&... a) mutable {
            spawn_call<T>(ex, owning<T>(f, std::move(a)...), diag, site, std::move(handler));
        },
        std::forward<Args>(args)...);
}

} // namespace detail
} // namespace dynaq

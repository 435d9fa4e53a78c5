#pragma once
// The waiters' protocol, without I/O: which acceptor a poll's answer matches, how many polls
// are left, how long to sleep before the next one, and what the final error says. The
// coroutine driver (waiters.cpp) only calls the Describe* operation, extracts the values at
// the waiter's path and sleeps; the definitions are botocore's dynamodb waiters-2.json.
#include <chrono>
#include <span>
#include <string>
#include <string_view>

namespace dynaq::detail {

/// What a matching acceptor means, as in the SDKs' waiter definitions.
enum class WaiterOutcome { success, failure, retry };

struct WaiterAcceptor {
    /// path: the one value at the path is one of `expected`; path_any: some value is;
    /// path_all: there are values and every one is (botocore's pathAll, and with two expected
    /// values the Kinesis waiter's "every destination DISABLED or ENABLE_FAILED");
    /// error: the call failed with one of the `expected` error codes.
    enum class Matcher { path, path_any, path_all, error };

    WaiterOutcome outcome;
    Matcher matcher;
    std::span<const std::string_view> expected;
};

struct WaiterDefinition {
    std::string_view name;      ///< "TableExists", as the SDKs name it
    std::string_view operation; ///< the operation polled, "DescribeTable"
    std::string_view path;      ///< where the values come from, for messages
    std::chrono::milliseconds delay;
    int max_attempts;
    std::span<const WaiterAcceptor> acceptors;
};

// botocore's botocore/data/dynamodb/2012-08-10/waiters-2.json: delay, maxAttempts, acceptors.
extern const WaiterDefinition table_exists_waiter;
extern const WaiterDefinition table_not_exists_waiter;
extern const WaiterDefinition export_completed_waiter;
extern const WaiterDefinition import_completed_waiter;
extern const WaiterDefinition contributor_insights_enabled_waiter;
extern const WaiterDefinition kinesis_streaming_destination_active_waiter;

/// What one poll saw: the service error code it failed with (empty when it succeeded) and,
/// when it succeeded, the values at the waiter's path (none when the member is absent).
struct WaiterObservation {
    std::string_view error_code;
    std::span<const std::string_view> values;
};

struct WaiterStep {
    enum class Action {
        succeed,          ///< a success acceptor matched: return the answer
        fail,             ///< a failure acceptor matched: WaiterFailedError
        unexpected_error, ///< an error no acceptor names: rethrow it, as the SDKs do
        poll,             ///< sleep `delay`, then poll again
        give_up,          ///< max_attempts polls without an end: TimeoutError
    };
    Action action = Action::poll;
    std::chrono::milliseconds delay{0};
};

class WaiterFsm {
public:
    /// Throws InvalidArgumentError for max_attempts < 1 or a negative delay.
    WaiterFsm(const WaiterDefinition& definition, std::chrono::milliseconds delay,
              int max_attempts);

    /// The first poll is at once; call this with each poll's answer.
    WaiterStep on_poll(const WaiterObservation& seen);

    [[nodiscard]] int attempts() const noexcept { return attempts_; }
    /// "Table.TableStatus = CREATING", "error ResourceNotFoundException", "Table.TableStatus
    /// absent"; empty before the first poll.
    [[nodiscard]] const std::string& last_state() const noexcept { return last_state_; }
    [[nodiscard]] const WaiterDefinition& definition() const noexcept { return *definition_; }

    /// For give_up: names the waiter, the attempts, the delay and the last state.
    [[nodiscard]] std::string timeout_message() const;
    /// For fail: names the waiter and the state that ended it.
    [[nodiscard]] std::string failure_message() const;
    /// For a cancellation between polls.
    [[nodiscard]] std::string cancelled_message() const;

private:
    const WaiterDefinition* definition_;
    std::chrono::milliseconds delay_;
    int max_attempts_;
    int attempts_ = 0;
    std::string last_state_;
};

} // namespace dynaq::detail

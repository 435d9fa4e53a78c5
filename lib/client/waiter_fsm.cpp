// The waiter state machine and the DynamoDB waiter definitions.
#include "waiter_fsm.hpp"

#include <dynaq/error.hpp>

#include <algorithm>
#include <array>

namespace dynaq::detail {

namespace {

using namespace std::chrono_literals;
using M = WaiterAcceptor::Matcher;
using O = WaiterOutcome;

// Every DynamoDB waiter polls every 20 s (waiters-2.json "delay": 20).
constexpr std::chrono::milliseconds sdk_delay = 20s;

constexpr std::array<std::string_view, 1> active{"ACTIVE"};
constexpr std::array<std::string_view, 1> not_found{"ResourceNotFoundException"};
constexpr std::array<std::string_view, 1> completed{"COMPLETED"};
constexpr std::array<std::string_view, 1> failed{"FAILED"};
constexpr std::array<std::string_view, 1> cancelled{"CANCELLED"};
constexpr std::array<std::string_view, 1> enabled{"ENABLED"};
constexpr std::array<std::string_view, 2> destination_down{"DISABLED", "ENABLE_FAILED"};

constexpr std::array table_exists_acceptors{
    WaiterAcceptor{O::success, M::path, active},
    WaiterAcceptor{O::retry, M::error, not_found},
};
constexpr std::array table_not_exists_acceptors{
    WaiterAcceptor{O::success, M::error, not_found},
};
constexpr std::array export_acceptors{
    WaiterAcceptor{O::success, M::path, completed},
    WaiterAcceptor{O::failure, M::path, failed},
};
constexpr std::array import_acceptors{
    WaiterAcceptor{O::success, M::path, completed},
    WaiterAcceptor{O::failure, M::path, failed},
    WaiterAcceptor{O::failure, M::path, cancelled},
};
constexpr std::array insights_acceptors{
    WaiterAcceptor{O::success, M::path, enabled},
    WaiterAcceptor{O::failure, M::path, failed},
};
// botocore's failure acceptor is a JMESPath expression: at least one destination, and every
// one DISABLED or ENABLE_FAILED.
constexpr std::array kinesis_acceptors{
    WaiterAcceptor{O::success, M::path_any, active},
    WaiterAcceptor{O::failure, M::path_all, destination_down},
};

bool expected(const WaiterAcceptor& a, std::string_view value) {
    return std::find(a.expected.begin(), a.expected.end(), value) != a.expected.end();
}

bool matches(const WaiterAcceptor& a, const WaiterObservation& seen) {
    const bool is_error = !seen.error_code.empty();
    const auto is_expected = [&a](std::string_view v) { return expected(a, v); };
    switch (a.matcher) {
    case M::error:
        return is_error && expected(a, seen.error_code);
    case M::path:
        return !is_error && seen.values.size() == 1 && expected(a, seen.values.front());
    case M::path_any:
        return !is_error && std::any_of(seen.values.begin(), seen.values.end(), is_expected);
    case M::path_all:
        return !is_error && !seen.values.empty() &&
               std::all_of(seen.values.begin(), seen.values.end(), is_expected);
    }
    return false;
}

std::string describe(const WaiterDefinition& d, const WaiterObservation& seen) {
    if (!seen.error_code.empty())
        return "error " + std::string(seen.error_code);
    std::string out(d.path);
    if (seen.values.empty())
        return out + " absent";
    out += seen.values.size() == 1 ? " = " : " = [";
    for (std::size_t i = 0; i < seen.values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += seen.values[i];
    }
    if (seen.values.size() > 1)
        out += ']';
    return out;
}

std::string seconds_text(std::chrono::milliseconds d) {
    if (d.count() % 1000 == 0)
        return std::to_string(d.count() / 1000) + " s";
    return std::to_string(d.count()) + " ms";
}

} // namespace

const WaiterDefinition table_exists_waiter{
    "TableExists", "DescribeTable", "Table.TableStatus", sdk_delay, 25, table_exists_acceptors};
const WaiterDefinition table_not_exists_waiter{
    "TableNotExists",          "DescribeTable", "Table.TableStatus", sdk_delay, 25,
    table_not_exists_acceptors};
const WaiterDefinition export_completed_waiter{
    "ExportCompleted", "DescribeExport", "ExportDescription.ExportStatus", sdk_delay, 60,
    export_acceptors};
const WaiterDefinition import_completed_waiter{
    "ImportCompleted", "DescribeImport", "ImportTableDescription.ImportStatus", sdk_delay, 60,
    import_acceptors};
const WaiterDefinition contributor_insights_enabled_waiter{"ContributorInsightsEnabled",
                                                           "DescribeContributorInsights",
                                                           "ContributorInsightsStatus",
                                                           sdk_delay,
                                                           30,
                                                           insights_acceptors};
const WaiterDefinition kinesis_streaming_destination_active_waiter{
    "KinesisStreamingDestinationActive",
    "DescribeKinesisStreamingDestination",
    "KinesisDataStreamDestinations[].DestinationStatus",
    sdk_delay,
    30,
    kinesis_acceptors};

WaiterFsm::WaiterFsm(const WaiterDefinition& definition, std::chrono::milliseconds delay,
                     int max_attempts) :
    definition_(&definition),
    delay_(delay), max_attempts_(max_attempts) {
    if (max_attempts < 1)
        throw InvalidArgumentError("waiter " + std::string(definition.name) +
                                   ": max_attempts must be at least 1, not " +
                                   std::to_string(max_attempts));
    if (delay.count() < 0)
        throw InvalidArgumentError("waiter " + std::string(definition.name) +
                                   ": the delay must not be negative");
}

WaiterStep WaiterFsm::on_poll(const WaiterObservation& seen) {
    ++attempts_;
    last_state_ = describe(*definition_, seen);
    // The first acceptor that matches decides; a matching retry acceptor only says that an
    // error is expected (TableExists: the table is not there yet).
    bool expected_error = false;
    for (const WaiterAcceptor& a : definition_->acceptors) {
        if (!matches(a, seen))
            continue;
        if (a.outcome == WaiterOutcome::success)
            return {WaiterStep::Action::succeed};
        if (a.outcome == WaiterOutcome::failure)
            return {WaiterStep::Action::fail};
        expected_error = true;
        break;
    }
    if (!seen.error_code.empty() && !expected_error)
        return {WaiterStep::Action::unexpected_error};
    if (attempts_ >= max_attempts_)
        return {WaiterStep::Action::give_up};
    return {WaiterStep::Action::poll, delay_};
}

std::string WaiterFsm::timeout_message() const {
    return "waiter " + std::string(definition_->name) + " gave up after " +
           std::to_string(attempts_) + (attempts_ == 1 ? " poll" : " polls") + " of " +
           std::string(definition_->operation) + ", " + seconds_text(delay_) +
           " apart; last state: " + last_state_;
}

std::string WaiterFsm::failure_message() const {
    return "waiter " + std::string(definition_->name) + " reached a failure state after " +
           std::to_string(attempts_) + (attempts_ == 1 ? " poll" : " polls") + ": " + last_state_;
}

std::string WaiterFsm::cancelled_message() const {
    return "waiter " + std::string(definition_->name) + " cancelled after " +
           std::to_string(attempts_) + (attempts_ == 1 ? " poll" : " polls") +
           "; last state: " + (last_state_.empty() ? std::string("none") : last_state_);
}

} // namespace dynaq::detail

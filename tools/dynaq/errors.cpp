#include "errors.hpp"

#include "args.hpp"

#include <dynaq/batch.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace dynaq_cli {

namespace {

// Messages from elsewhere may span lines (a server's message, a nested cause): keep one.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r')
            c = ' ';
    return text;
}

std::string table_label(std::string_view table) {
    return table.empty() ? std::string("table") : "table \"" + std::string(table) + '"';
}

Failure service_failure(const dynaq::ServiceError& e, std::string_view table) {
    using namespace dynaq;
    const std::string detail =
        " (" + e.code() + (e.message().empty() ? "" : ": " + e.message()) + ')';
    if (dynamic_cast<const ResourceNotFoundError*>(&e))
        return {exit_code::table_not_found, table_label(table) + " not found" + detail};
    if (dynamic_cast<const ConditionalCheckFailedError*>(&e))
        return {exit_code::condition_failed, "condition not met" + detail};
    if (dynamic_cast<const ResourceInUseError*>(&e))
        return {exit_code::table_in_use, table_label(table) + " is in use" + detail};
    if (is_throttling_code(e.code()))
        return {exit_code::throttled, "throttled beyond retries" + detail};
    if (dynamic_cast<const ValidationError*>(&e))
        return {exit_code::usage, "invalid request" + detail};
    if (dynamic_cast<const UnrecognizedClientError*>(&e) ||
        dynamic_cast<const AccessDeniedError*>(&e))
        return {exit_code::config, "credentials rejected" + detail};
    return {exit_code::failure, e.what()};
}

Failure batch_failure(const dynaq::BatchIncompleteError& e, std::string_view table) {
    if (e.cause()) {
        Failure cause = describe_failure(e.cause(), table);
        cause.message = e.what();
        return cause;
    }
    return {exit_code::throttled, e.what()};
}

} // namespace

Failure describe_failure(const std::exception_ptr& error, std::string_view table) {
    Failure f;
    try {
        std::rethrow_exception(error);
    } catch (const UsageError& e) {
        f = {exit_code::usage, e.what()};
    } catch (const InputError& e) {
        f = {exit_code::bad_input, e.what()};
    } catch (const dynaq::BatchIncompleteError& e) {
        f = batch_failure(e, table);
    } catch (const dynaq::ServiceError& e) {
        f = service_failure(e, table);
    } catch (const dynaq::InvalidArgumentError& e) {
        f = {exit_code::usage, e.what()};
    } catch (const dynaq::ConfigError& e) {
        f = {exit_code::config, e.what()};
    } catch (const dynaq::CancelledError&) {
        f = {exit_code::interrupted, "interrupted"};
    } catch (const dynaq::TransportError& e) {
        f = {exit_code::network, e.what()};
    } catch (const boost::system::system_error& e) {
        if (e.code() == boost::asio::error::operation_aborted)
            f = {exit_code::interrupted, "interrupted"};
        else
            f = {exit_code::failure, e.what()};
    } catch (const std::exception& e) {
        f = {exit_code::failure, e.what()};
    } catch (...) {
        f = {exit_code::failure, "unknown error"};
    }
    f.message = one_line(std::move(f.message));
    return f;
}

std::string exit_code_help() {
    return "Exit codes:\n"
           "  0    success\n"
           "  1    other errors\n"
           "  2    bad option, argument or request (also invalid expressions and values)\n"
           "  3    get: no item with that key\n"
           "  4    table not found\n"
           "  5    condition not met (--condition)\n"
           "  6    throttled beyond retries; items left unwritten\n"
           "  7    configuration: region, credentials, access denied\n"
           "  8    import: malformed input (the message names the line)\n"
           "  9    network: connection failed or timed out\n"
           "  10   table already exists or is being created/deleted\n"
           "  130  interrupted (Ctrl-C)\n";
}

} // namespace dynaq_cli

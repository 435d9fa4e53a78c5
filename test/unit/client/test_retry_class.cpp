// Every row's retry column reaches the transport: against a server whose every 2xx body is
// garbled, an idempotent operation is sent max_attempts times and a non-idempotent one once.
// The rows come from detail/operation_list.hpp and the requests from the checklist's fixtures,
// so a row added without its retry class honoured fails here.
#include "fault_client.hpp"
#include "fault_server.hpp"
#include "fixtures_admin.hpp"
#include "fixtures_backup.hpp"
#include "fixtures_core.hpp"
#include "fixtures_export_import.hpp"
#include "fixtures_global_tables.hpp"
#include "fixtures_insights_kinesis.hpp"
#include "fixtures_partiql.hpp"
#include "run_until_done.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

constexpr int max_attempts = 3;

// How many times `Request` went on the wire before the call gave up on the garbled body. A
// response without members reads no body (DynamoDB sends TagResource's empty), so a garbled
// one is no failure and is never sent again, whatever the retry class.
template <class Request, class Call>
std::size_t attempts_of(asio::io_context& ioc, Client& client, test::FaultServer& server,
                        Call call) {
    using Response = typename detail::operation_traits<Request>::response_type;
    const std::size_t before = server.request_count();
    const auto request = dynaq_test::fixture<Request>::get().request;
    auto work = [&]() -> asio::awaitable<void> {
        try {
            (void)co_await call(client, request);
            CHECK(std::is_empty_v<Response>);
        } catch (const ProtocolError&) {
            CHECK_FALSE(std::is_empty_v<Response>);
        }
    };
    test::run_until_done(ioc, work());
    const auto sent = server.requests();
    std::size_t count = 0;
    for (std::size_t i = before; i < sent.size(); ++i)
        if (sent[i].operation() == detail::operation_traits<Request>::name)
            ++count;
    CHECK(count == sent.size() - before);
    return count;
}

} // namespace

TEST_CASE("every operation's retry class decides whether a garbled 2xx is sent again") {
    test::FaultServer server(
        [](const test::RecordedRequest&) { return test::Action::ok(R"({"Items": [{"pk": )"); });
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, max_attempts));
    std::size_t idempotent = 0;
    std::size_t not_idempotent = 0;
    std::size_t bodiless = 0;

#define DYNAQ_CHECK_RETRY_CLASS(method, Name, retry, ...)                                          \
    {                                                                                              \
        INFO("operation " #Name);                                                                  \
        const std::size_t sent = attempts_of<Name##Request>(                                       \
            ioc, client, server, [](Client& c, const Name##Request& r) { return c.method(r); });   \
        if (std::is_empty_v<Name##Response>) {                                                     \
            CHECK(sent == 1);                                                                      \
            ++bodiless;                                                                            \
        } else if (Idempotency::retry == Idempotency::idempotent) {                                \
            CHECK(sent == max_attempts);                                                           \
            ++idempotent;                                                                          \
        } else {                                                                                   \
            CHECK(sent == 1);                                                                      \
            ++not_idempotent;                                                                      \
        }                                                                                          \
    }
    DYNAQ_OPERATIONS(DYNAQ_CHECK_RETRY_CLASS)
#undef DYNAQ_CHECK_RETRY_CLASS

    // Both classes are exercised (UpdateItem and CreateTable are not idempotent, GetItem is);
    // only the responses without members (TagResource, UntagResource) cannot tell them apart.
    CHECK(idempotent + not_idempotent + bodiless == 57);
    CHECK(not_idempotent >= 10);
    CHECK(idempotent >= 30);
    CHECK(bodiless <= 2);
}

// Paginators: the token machine alone, then every paginated operation's traits through
// Paginator against test/support's FaultServer (the token of page 1 goes out under the right
// wire name in request 2, the page size in request 1), a repeated token, and a failed page
// asked for again. (No co_await inside a CHECK: Catch repeats its expression in dead code,
// and g++ 12 runs a co_await found there.)
#include "fault_client.hpp"
#include "fault_server.hpp"
#include "fixtures_admin.hpp"
#include "fixtures_backup.hpp"
#include "fixtures_core.hpp"
#include "fixtures_export_import.hpp"
#include "fixtures_insights_kinesis.hpp"
#include "fixtures_partiql.hpp"
#include "run_until_done.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>
#include <dynaq/paginator.hpp>

#include <boost/asio/io_context.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <type_traits>

using namespace dynaq;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

std::string member_json(const std::string& body, std::string_view member) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    REQUIRE_FALSE(doc.HasParseError());
    const rapidjson::Value name(rapidjson::StringRef(member.data(), member.size()));
    if (!doc.HasMember(name))
        return "(absent)";
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> w(out);
    doc[name].Accept(w);
    return out.GetString();
}

template <class Request>
constexpr bool key_token = std::is_same_v<
    std::remove_cvref_t<decltype(std::declval<Request&>().*paginator_traits<Request>::input_token)>,
    std::optional<Item>>;

// The output token's wire name: the input's, with ExclusiveStart -> LastEvaluated.
std::string output_token_name(std::string_view input) {
    if (input.starts_with("ExclusiveStart"))
        return "LastEvaluated" + std::string(input.substr(14));
    return std::string(input);
}

// Three pages: the first two carry tokens t1, t2, the last none.
template <class Request>
void check_paginates() {
    using traits = paginator_traits<Request>;
    INFO("operation " << traits::name);
    const std::string out_name = output_token_name(traits::input_token_name);
    const auto token = [](int n) {
        // Long enough for every token's validation (backup ARNs 37 characters, ListImports'
        // NextToken 112), of characters a table name may have.
        const std::string t = "token-" + std::to_string(n) + "-" + std::string(120, 'x');
        "token-" + std::to_string(n) + "-abcdefghijklmnopqrstuvwxyz0123456789";
        return key_token<Request> ? R"({"pk":{"S":")" + t + R"("}})" : '"' + t + '"';
    };
    test::FaultServer server([&](const test::RecordedRequest& r) {
        if (r.index < 2)
            return test::Action::ok("{\"" + out_name + "\":" + token(int(r.index) + 1) + "}");
        return test::Action::ok("{}");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    Request request = dynaq_test::fixture<Request>::get().request;
    request.*traits::input_token = std::nullopt;
    PaginatorOptions options;
    if constexpr (!std::is_null_pointer_v<decltype(traits::page_size)>)
        options.page_size = 7;
    auto pages = paginate(client, request, options);
    const auto pages_seen = test::run_until_done(ioc, [&]() -> asio::awaitable<int> {
        int n = 0;
        while (auto page = co_await pages.next()) {
            ++n;
            CHECK(((*page).*traits::output_token).has_value() == (n < 3));
        }
        const auto after = co_await pages.next(); // stays done, sends nothing
        CHECK_FALSE(after);
        co_return n;
    }());
    CHECK(pages_seen == 3);
    CHECK(pages.pages() == 3);
    CHECK(pages.done());
    const auto sent = server.requests();
    REQUIRE(sent.size() == 3);
    CHECK(sent[0].operation() == traits::name);
    CHECK(member_json(sent[0].body, traits::input_token_name) == "(absent)");
    CHECK(member_json(sent[1].body, traits::input_token_name) == token(1));
    CHECK(member_json(sent[2].body, traits::input_token_name) == token(2));
    if constexpr (!std::is_null_pointer_v<decltype(traits::page_size)>) {
        CHECK((pages.request().*traits::page_size) == 7);
    }
}

} // namespace

TEST_CASE("page token fsm: no token ends it, a new token continues, a repeated one throws") {
    detail::PageTokenFsm fsm("ListTables", "ExclusiveStartTableName");
    CHECK_FALSE(fsm.done());
    CHECK(fsm.on_page(true, false));
    CHECK(fsm.on_page(true, false));
    CHECK_FALSE(fsm.done());
    CHECK_FALSE(fsm.on_page(false, false));
    CHECK(fsm.done());
    CHECK(fsm.pages() == 3);

    detail::PageTokenFsm once("Scan", "ExclusiveStartKey");
    CHECK_FALSE(once.on_page(false, false));
    CHECK(once.done());
    CHECK(once.pages() == 1);

    detail::PageTokenFsm loop("ListExports", "NextToken");
    CHECK(loop.on_page(true, false));
    try {
        (void)loop.on_page(true, true);
        FAIL("a repeated token was followed");
    } catch (const ProtocolError& e) {
        CHECK(std::string(e.what()) ==
              "ListExports: page 2 came back with the NextToken token its request was sent with");
    }
    CHECK(loop.done());
}

TEST_CASE("paginator traits: each operation's token members and page size") {
    using Q = paginator_traits<QueryRequest>;
    STATIC_REQUIRE(Q::input_token == &QueryRequest::exclusive_start_key);
    STATIC_REQUIRE(Q::output_token == &QueryResponse::last_evaluated_key);
    STATIC_REQUIRE(Q::page_size == &QueryRequest::limit);
    STATIC_REQUIRE(paginator_traits<ListImportsRequest>::page_size ==
                   &ListImportsRequest::page_size);
    STATIC_REQUIRE(paginator_traits<ListExportsRequest>::page_size ==
                   &ListExportsRequest::max_results);
    STATIC_REQUIRE(
        std::is_null_pointer_v<
            std::remove_const_t<decltype(paginator_traits<ListTagsOfResourceRequest>::page_size)>>);
    STATIC_REQUIRE(paginator_traits<ListBackupsRequest>::output_token ==
                   &ListBackupsResponse::last_evaluated_backup_arn);
    STATIC_REQUIRE_FALSE(Paginated<GetItemRequest>);
    STATIC_REQUIRE_FALSE(Paginated<ListGlobalTablesRequest>);
}

TEST_CASE("paginator: every paginated operation follows its token on the wire") {
#define DYNAQ_CHECK_PAGINATES(Name, ...) check_paginates<Name##Request>();
    DYNAQ_PAGINATED_OPERATIONS(DYNAQ_CHECK_PAGINATES)
#undef DYNAQ_CHECK_PAGINATES
}

TEST_CASE("paginator: a repeated token is a ProtocolError, then the paginator is done") {
    test::FaultServer server([](const test::RecordedRequest&) {
        return test::Action::ok(R"({"TableNames": ["a"], "LastEvaluatedTableName": "tbl-a"})");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto pages = paginate(client, ListTablesRequest{});
    test::run_until_done(ioc, [&]() -> asio::awaitable<void> {
        auto first = co_await pages.next();
        REQUIRE(first);
        CHECK(first->last_evaluated_table_name == "tbl-a");
        bool refused = false;
        try {
            (void)co_await pages.next();
        } catch (const ProtocolError&) {
            refused = true;
        }
        CHECK(refused);
        const auto after = co_await pages.next();
        CHECK_FALSE(after);
    }());
    CHECK(server.request_count() == 2);
}

TEST_CASE("paginator: a page that failed is asked for again with the same token") {
    test::FaultServer server([](const test::RecordedRequest& r) {
        if (r.index == 0)
            return test::Action::ok(R"({"TableNames": ["a"], "LastEvaluatedTableName": "tbl-a"})");
        if (r.index == 1)
            return test::Action::error(500, "InternalServerError");
        return test::Action::ok(R"({"TableNames": ["b"]})");
    });
    asio::io_context ioc;
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto pages = paginate(client, ListTablesRequest{});
    test::run_until_done(ioc, [&]() -> asio::awaitable<void> {
        const auto first = co_await pages.next();
        CHECK(first);
        bool failed = false;
        try {
            (void)co_await pages.next();
        } catch (const ServiceError&) {
            failed = true;
        }
        CHECK(failed);
        CHECK_FALSE(pages.done());
        auto last = co_await pages.next();
        REQUIRE(last);
        CHECK(last->table_names == std::vector<std::string>{"b"});
        const auto after = co_await pages.next();
        CHECK_FALSE(after);
    }());
    const auto sent = server.requests();
    REQUIRE(sent.size() == 3);
    CHECK(member_json(sent[1].body, "ExclusiveStartTableName") == "\"tbl-a\"");
    CHECK(member_json(sent[2].body, "ExclusiveStartTableName") == "\"tbl-a\"");
}

TEST_CASE("paginator: a page size for an operation without one is InvalidArgumentError") {
    asio::io_context ioc;
    test::FaultServer server([](const test::RecordedRequest&) { return test::Action::ok(); });
    Client client(ioc.get_executor(), test::fault_client_config(server, 1));
    auto request = ListTagsOfResourceRequest{.resource_arn = "arn:aws:dynamodb:x"};
    CHECK_THROWS_AS(paginate(client, request, {.page_size = 5}), InvalidArgumentError);
    CHECK(server.request_count() == 0);
}

// The null server's answers to Query and Scan requests that page: what dynaq-bench's query
// workload and the Table-layer scan benchmark rely on. No sockets: the Responder alone.
#include "canned_bodies.hpp"
#include "responder.hpp"

#include "http/http_crc32.hpp"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace dynaq::bench;

namespace {

struct Page {
    int status = 0;
    std::vector<std::string> sort_keys;
    std::string last_evaluated_sk; ///< empty: none
};

Page answer(Responder& responder, Operation operation, const std::string& body) {
    std::string scratch;
    const Reply reply = responder.respond(operation, body, scratch);
    CHECK(reply.crc32 == dynaq::detail::crc32(reply.body));
    Page page;
    page.status = reply.status;
    rapidjson::Document doc;
    doc.Parse(reply.body.data(), reply.body.size());
    REQUIRE_FALSE(doc.HasParseError());
    if (reply.status != 200)
        return page;
    for (const auto& item : doc["Items"].GetArray()) {
        CHECK(std::string(item["pk"]["S"].GetString()) == "pk#bench");
        page.sort_keys.emplace_back(item["sk"]["S"].GetString());
    }
    CHECK(doc["Count"].GetUint() == page.sort_keys.size());
    if (doc.HasMember("LastEvaluatedKey"))
        page.last_evaluated_sk = doc["LastEvaluatedKey"]["sk"]["S"].GetString();
    return page;
}

std::string request(const std::string& members) {
    return R"({"TableName":"bench")" + (members.empty() ? "" : "," + members) + "}";
}

std::string resume_after(const std::string& sk) {
    return R"("ExclusiveStartKey":{"pk":{"S":"pk#bench"},"sk":{"S":")" + sk + R"("}})";
}

// Follows LastEvaluatedKey from the first page; every sort key seen, in order.
std::vector<std::string> all_pages(Responder& responder, Operation operation,
                                   const std::string& members, int& pages) {
    std::vector<std::string> seen;
    std::string resume;
    pages = 0;
    do {
        std::string body = members;
        if (!resume.empty())
            body += (body.empty() ? "" : ",") + resume_after(resume);
        const Page page = answer(responder, operation, request(body));
        REQUIRE(page.status == 200);
        seen.insert(seen.end(), page.sort_keys.begin(), page.sort_keys.end());
        resume = page.last_evaluated_sk;
        REQUIRE(++pages < 10'000);
    } while (!resume.empty());
    return seen;
}

} // namespace

TEST_CASE("null server: a plain Query gets the canned page of every item") {
    const CannedBodies canned(200, 30);
    Responder responder(canned);
    const Page page = answer(responder, Operation::query, request(""));
    CHECK(page.sort_keys.size() == 30);
    CHECK(page.sort_keys.front() == "sk#00000000");
    CHECK(page.sort_keys.back() == "sk#00000029");
    CHECK(page.last_evaluated_sk.empty());
}

TEST_CASE("null server: Query with Limit pages through the partition") {
    const CannedBodies canned(200, 25);
    Responder responder(canned);
    const Page first = answer(responder, Operation::query, request(R"("Limit":10)"));
    CHECK(first.sort_keys.size() == 10);
    CHECK(first.last_evaluated_sk == "sk#00000009");
    int pages = 0;
    const auto seen = all_pages(responder, Operation::query, R"("Limit":10)", pages);
    CHECK(pages == 3);
    REQUIRE(seen.size() == 25);
    for (std::size_t i = 0; i < seen.size(); ++i)
        CHECK(seen[i] ==
              "sk#" + std::string(8 - std::to_string(i).size(), '0') + std::to_string(i));
    // A Limit of at least the partition is one page without a resume point.
    CHECK(answer(responder, Operation::query, request(R"("Limit":25)")).last_evaluated_sk.empty());
}

TEST_CASE("null server: a paged Scan returns every item once, also by segments") {
    const CannedBodies canned(100, 40, 1'003);
    Responder responder(canned);
    int pages = 0;
    const auto whole = all_pages(responder, Operation::scan, "", pages);
    CHECK(whole.size() == 1'003);
    CHECK(pages == 26); // 25 full pages of 40 and one of 3
    CHECK(std::set<std::string>(whole.begin(), whole.end()).size() == 1'003);

    for (const int segments : {1, 3, 7}) {
        std::set<std::string> union_of_segments;
        std::size_t total = 0;
        for (int s = 0; s < segments; ++s) {
            const auto part = all_pages(responder, Operation::scan,
                                        R"("Segment":)" + std::to_string(s) +
                                            R"(,"TotalSegments":)" + std::to_string(segments),
                                        pages);
            total += part.size();
            union_of_segments.insert(part.begin(), part.end());
        }
        CHECK(total == 1'003);
        CHECK(union_of_segments.size() == 1'003);
    }
}

TEST_CASE("null server: without --scan-items a Scan answers as Query") {
    const CannedBodies canned(100, 12);
    Responder responder(canned);
    CHECK(answer(responder, Operation::scan, request("")).sort_keys.size() == 12);
    int pages = 0;
    CHECK(all_pages(responder, Operation::scan, R"("Limit":5)", pages).size() == 12);
    CHECK(pages == 3);
}

TEST_CASE("null server: malformed paging requests are ValidationExceptions") {
    const CannedBodies canned(100, 10, 100);
    Responder responder(canned);
    for (const std::string& members :
         {std::string(R"("Limit":0)"), std::string(R"("Limit":"5")"), std::string(R"("Segment":0)"),
          std::string(R"("Segment":3,"TotalSegments":3)"),
          std::string(R"("Segment":0,"TotalSegments":0)"), resume_after("nope"),
          resume_after("sk#12x")}) {
        INFO(members);
        CHECK(answer(responder, Operation::scan, request(members)).status == 400);
    }
}

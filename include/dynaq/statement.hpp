#pragma once
// PartiQL statements as a stream of items, like Query and Scan: each page is one
// ExecuteStatement, and NextToken is followed until DynamoDB has no more.
//
//   auto users = dynaq::execute_statement_stream(
//       client, R"(SELECT * FROM "users" WHERE pk = ?)", {"user#1"});
//   while (auto user = co_await users.next()) { ... }
//
// Values go in `parameters`, one per `?`, and are sent as parameters: never spliced into the
// statement text. A statement DynamoDB rejects is a ValidationError with DynamoDB's message.
#include <dynaq/client.hpp>
#include <dynaq/export.hpp>
#include <dynaq/item_stream.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dynaq {

struct StatementOptions {
    std::optional<bool> consistent_read{};
    /// Items DynamoDB evaluates per page (ExecuteStatement's Limit); absent: up to 1 MB.
    std::optional<std::int32_t> page_limit{};
};

/// The Client must outlive the stream. Nothing is sent until the first page is asked for; the
/// request is validated now (InvalidArgumentError).
[[nodiscard]] DYNAQ_API ItemStream execute_statement_stream(
    Client& client, std::string statement, std::vector<AttributeValue> parameters = {},
    StatementOptions options = {});

} // namespace dynaq

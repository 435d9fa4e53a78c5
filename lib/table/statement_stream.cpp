// execute_statement_stream: ExecuteStatement page after page, as an ItemStream's page source.
#include "client/operation_codec.hpp"
#include <dynaq/statement.hpp>

#include <utility>

namespace dynaq {
namespace {

class StatementPager final : public detail::PageSource {
public:
    StatementPager(Client& client, ExecuteStatementRequest request) :
        client_(client), request_(std::move(request)) {}

    [[nodiscard]] boost::asio::any_io_executor executor() const override {
        return client_.get_executor();
    }

    boost::asio::awaitable<std::optional<std::vector<Item>>> next_page() override {
        if (done_)
            co_return std::nullopt;
        ExecuteStatementResponse page = co_await client_.execute_statement(request_);
        ++pages_;
        last_evaluated_key_ = std::move(page.last_evaluated_key);
        // Without a NextToken the result is complete (a page may be empty while one follows).
        if (page.next_token)
            request_.next_token = std::move(page.next_token);
        else
            done_ = true;
        co_return std::move(page.items);
    }

    [[nodiscard]] const std::optional<Item>& last_evaluated_key() const noexcept override {
        return last_evaluated_key_;
    }
    /// ExecuteStatement does not report what it evaluated.
    [[nodiscard]] std::int64_t scanned_count() const noexcept override { return 0; }
    [[nodiscard]] std::size_t pages() const noexcept override { return pages_; }

private:
    Client& client_;
    ExecuteStatementRequest request_;
    std::optional<Item> last_evaluated_key_;
    std::size_t pages_ = 0;
    bool done_ = false;
};

} // namespace

ItemStream execute_statement_stream(Client& client, std::string statement,
                                    std::vector<AttributeValue> parameters,
                                    StatementOptions options) {
    ExecuteStatementRequest request{.statement = std::move(statement),
                                    .parameters = std::move(parameters),
                                    .consistent_read = options.consistent_read,
                                    .limit = options.page_limit};
    detail::validate_request(request); // bad input fails here, not at the first next()
    return ItemStream(std::make_unique<StatementPager>(client, std::move(request)));
}

} // namespace dynaq

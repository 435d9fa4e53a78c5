// execute_statement_stream: ExecuteStatement page after page, as an ItemStream's page source.
#include "client/operation_codec.hpp"
#include <dynaq/paginator.hpp>
#include <dynaq/statement.hpp>

#include <utility>

namespace dynaq {
namespace {

// The ItemStream face of the generic Paginator: it follows NextToken (a page may be empty
// while one follows) and refuses a repeated token.
class StatementPager final : public detail::PageSource {
public:
    StatementPager(Client& client, ExecuteStatementRequest request) :
        client_(client), pages_(client, std::move(request)) {}

    [[nodiscard]] boost::asio::any_io_executor executor() const override {
        return client_.get_executor();
    }

    boost::asio::awaitable<std::optional<std::vector<Item>>> next_page() override {
        auto page = co_await pages_.next();
        if (!page)
            co_return std::nullopt;
        last_evaluated_key_ = std::move(page->last_evaluated_key);
        co_return std::move(page->items);
    }

    [[nodiscard]] const std::optional<Item>& last_evaluated_key() const noexcept override {
        return last_evaluated_key_;
    }
    /// ExecuteStatement does not report what it evaluated.
    [[nodiscard]] std::int64_t scanned_count() const noexcept override { return 0; }
    [[nodiscard]] std::size_t pages() const noexcept override { return pages_.pages(); }

private:
    Client& client_;
    Paginator<ExecuteStatementRequest> pages_;
    std::optional<Item> last_evaluated_key_;
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

#include "command.hpp"

namespace dynaq_cli {

Progress& Context::start_progress(std::string what) {
    progress = std::make_unique<Progress>(std::move(what), interactive);
    return *progress;
}

boost::asio::awaitable<dynaq::TableSchema> describe_schema(dynaq::Client& client,
                                                           std::string table) {
    dynaq::DescribeTableRequest request;
    request.table_name = std::move(table);
    const dynaq::DescribeTableResponse described = co_await client.describe_table(request);
    co_return dynaq::schema_from_description(described.table);
}

boost::asio::awaitable<void> write_stream(dynaq::ItemStream& stream, LineOutput& out,
                                          Progress& progress, dynaq::PlainJsonOptions options) {
    for (;;) {
        const std::optional<std::vector<dynaq::Item>> page = co_await stream.next_page();
        if (!page)
            break;
        for (const dynaq::Item& item : *page)
            out.item(item, options);
        progress.add(static_cast<std::int64_t>(page->size()));
    }
    out.flush();
}

dynaq::PlainJsonOptions json_options(const Args& args) {
    return {.binary_attributes = args.all("--binary")};
}

} // namespace dynaq_cli

// ItemStream: pulls pages from its source and hands them out item by item or page by page.
#include <dynaq/item_stream.hpp>

namespace dynaq {

boost::asio::awaitable<std::optional<std::vector<Item>>> ItemStream::next_page() {
    if (next_ < buffer_.size()) {
        std::vector<Item> rest(std::make_move_iterator(buffer_.begin() + std::ptrdiff_t(next_)),
                               std::make_move_iterator(buffer_.end()));
        buffer_.clear();
        next_ = 0;
        delivered_ += std::int64_t(rest.size());
        co_return rest;
    }
    for (;;) {
        auto page = co_await source_->next_page();
        if (!page)
            co_return std::nullopt;
        if (!page->empty()) { // a filter can empty a page while more follow
            delivered_ += std::int64_t(page->size());
            co_return page;
        }
    }
}

boost::asio::awaitable<std::optional<Item>> ItemStream::next() {
    while (next_ >= buffer_.size()) {
        auto page = co_await source_->next_page();
        if (!page)
            co_return std::nullopt;
        buffer_ = std::move(*page);
        next_ = 0;
    }
    ++delivered_;
    co_return std::move(buffer_[next_++]);
}

boost::asio::awaitable<std::vector<Item>> ItemStream::collect() {
    std::vector<Item> all;
    for (;;) {
        auto page = co_await next_page();
        if (!page)
            co_return all;
        if (all.empty())
            all = std::move(*page);
        else
            all.insert(all.end(), std::make_move_iterator(page->begin()),
                       std::make_move_iterator(page->end()));
    }
}

} // namespace dynaq

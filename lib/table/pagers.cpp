// Page sources: a sequential Query/Scan pager, and a parallel scan whose segments run as
// coroutines of their own and hand their pages over a channel.
#include "read_plans.hpp"

#include "table/batch_plan.hpp"
#include <dynaq/error.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <variant>

namespace dynaq::detail {

namespace asio = boost::asio;

namespace {

template <class Request>
asio::awaitable<QueryResponse> fetch(Client& client, const Request& request) {
    if constexpr (std::is_same_v<Request, QueryRequest>)
        co_return co_await client.query(request);
    else
        co_return co_await client.scan(request);
}

// One Query or Scan, page after page.
template <class Request>
class SequentialPager final : public PageSource {
public:
    SequentialPager(Client& client, Request request, PageLimits limits,
                    std::vector<std::string> position_keys) :
        client_(client),
        request_(std::move(request)), fsm_(limits, request_.exclusive_start_key),
        position_keys_(std::move(position_keys)) {}

    [[nodiscard]] asio::any_io_executor executor() const override { return client_.get_executor(); }

    asio::awaitable<std::optional<std::vector<Item>>> next_page() override {
        if (!fsm_.has_next())
            co_return std::nullopt;
        request_.limit = fsm_.next_limit();
        request_.exclusive_start_key = fsm_.start_key();
        QueryResponse page = co_await fetch(client_, request_);
        scanned_ += page.scanned_count;
        const std::size_t count =
            page.items.empty() ? std::size_t(page.count) : page.items.size(); // Select=COUNT
        const PageOutcome outcome =
            fsm_.on_page(count, page.scanned_count, std::move(page.last_evaluated_key));
        if (outcome.truncated)
            truncate(page.items, outcome.deliver);
        co_return std::move(page.items);
    }

    const std::optional<Item>& last_evaluated_key() const noexcept override {
        return resume_ ? resume_ : fsm_.last_evaluated_key();
    }
    std::int64_t scanned_count() const noexcept override { return scanned_; }
    std::size_t pages() const noexcept override { return fsm_.pages(); }

private:
    // The server returned more than was asked for: resume after the last item handed out,
    // whose key attributes are the position (when the projection kept them).
    void truncate(std::vector<Item>& items, std::size_t deliver) {
        items.resize(deliver);
        resume_.reset();
        if (items.empty())
            return;
        try {
            resume_ = extract_key(items.back(), position_keys_);
        } catch (const InvalidArgumentError&) {
            resume_.reset(); // not resumable: the projection dropped a key attribute
        }
    }

    Client& client_;
    Request request_;
    PageFsm fsm_;
    std::vector<std::string> position_keys_;
    std::optional<Item> resume_;
    std::int64_t scanned_ = 0;
};

// A segment's message to the consumer: a page, or the end of the segment (with its error).
struct SegmentMessage {
    std::vector<Item> items{};
    std::int64_t scanned = 0;
    bool segment_done = false;
    std::exception_ptr error{};
};

using SegmentChannel =
    asio::experimental::concurrent_channel<void(boost::system::error_code, SegmentMessage)>;

struct ParallelScanShared {
    ParallelScanShared(asio::any_io_executor ex, std::size_t segments) :
        strand(asio::make_strand(ex)), channel(strand, segments), signals(segments) {}

    asio::strand<asio::any_io_executor> strand;
    SegmentChannel channel;
    std::vector<asio::cancellation_signal> signals; // touched on the strand only
};

asio::awaitable<void> scan_segment(Client& client, ScanRequest request, PageLimits limits,
                                   std::shared_ptr<ParallelScanShared> shared) {
    SegmentMessage done{.segment_done = true};
    try {
        PageFsm fsm(limits);
        while (fsm.has_next()) {
            request.limit = fsm.next_limit();
            request.exclusive_start_key = fsm.start_key();
            ScanResponse page = co_await client.scan(request);
            const PageOutcome outcome = fsm.on_page(page.items.size(), page.scanned_count,
                                                    std::move(page.last_evaluated_key));
            page.items.resize(outcome.deliver);
            SegmentMessage message{.items = std::move(page.items), .scanned = page.scanned_count};
            co_await shared->channel.async_send(boost::system::error_code{}, std::move(message),
                                                asio::use_awaitable);
        }
    } catch (...) {
        done.error = std::current_exception();
    }
    boost::system::error_code ignored; // the consumer may be gone: nobody to tell
    co_await shared->channel.async_send(boost::system::error_code{}, std::move(done),
                                        asio::redirect_error(asio::use_awaitable, ignored));
}

class ParallelScan final : public PageSource {
public:
    ParallelScan(Client& client, ScanPlan plan) :
        client_(client), plan_(std::move(plan)),
        shared_(std::make_shared<ParallelScanShared>(client.get_executor(),
                                                     std::size_t(plan_.segments))),
        live_(plan_.segments) {
        PageFsm check(plan_.limits); // validates the limits now, before any request
    }

    ~ParallelScan() override {
        if (!started_ || live_ == 0)
            return;
        // Stop the segments still running: cancel their requests and close the channel, on
        // the strand they run on.
        asio::post(shared_->strand, [shared = shared_] {
            for (auto& s : shared->signals)
                s.emit(asio::cancellation_type::terminal);
            shared->channel.close();
        });
    }

    [[nodiscard]] asio::any_io_executor executor() const override { return client_.get_executor(); }

    asio::awaitable<std::optional<std::vector<Item>>> next_page() override {
        start();
        while (live_ > 0) {
            if (plan_.limits.limit && delivered_ >= *plan_.limits.limit) {
                co_return std::nullopt;
            }
            SegmentMessage m = co_await shared_->channel.async_receive(asio::use_awaitable);
            if (m.segment_done) {
                --live_;
                if (m.error)
                    std::rethrow_exception(m.error); // the destructor stops the others
                continue;
            }
            ++pages_;
            scanned_ += m.scanned;
            if (plan_.limits.limit) {
                const auto room = std::size_t(*plan_.limits.limit - delivered_);
                if (m.items.size() > room)
                    m.items.resize(room);
            }
            delivered_ += std::int64_t(m.items.size());
            co_return std::move(m.items);
        }
        co_return std::nullopt;
    }

    const std::optional<Item>& last_evaluated_key() const noexcept override { return none_; }
    std::int64_t scanned_count() const noexcept override { return scanned_; }
    std::size_t pages() const noexcept override { return pages_; }

private:
    void start() {
        if (started_)
            return;
        started_ = true;
        for (std::int32_t segment = 0; segment < plan_.segments; ++segment) {
            ScanRequest request = plan_.request;
            request.segment = segment;
            request.total_segments = plan_.segments;
            asio::co_spawn(shared_->strand,
                           scan_segment(client_, std::move(request), plan_.limits, shared_),
                           asio::bind_cancellation_slot(
                               shared_->signals[std::size_t(segment)].slot(), asio::detached));
        }
    }

    Client& client_;
    ScanPlan plan_;
    std::shared_ptr<ParallelScanShared> shared_;
    std::int32_t live_;
    bool started_ = false;
    std::int64_t delivered_ = 0;
    std::int64_t scanned_ = 0;
    std::size_t pages_ = 0;
    std::optional<Item> none_;
};

} // namespace

std::unique_ptr<PageSource> make_pager(Client& client, QueryPlan plan) {
    return std::make_unique<SequentialPager<QueryRequest>>(
        client, std::move(plan.request), plan.limits, std::move(plan.position_keys));
}

std::unique_ptr<PageSource> make_pager(Client& client, ScanPlan plan) {
    if (plan.segments > 1)
        return std::make_unique<ParallelScan>(client, std::move(plan));
    return std::make_unique<SequentialPager<ScanRequest>>(
        client, std::move(plan.request), plan.limits, std::move(plan.position_keys));
}

ItemStream TableCore::query(const QueryOptions& options) {
    return ItemStream(make_pager(*client_, plan_query(*this, options)));
}

ItemStream TableCore::scan(const ScanOptions& options) {
    return ItemStream(make_pager(*client_, plan_scan(*this, options)));
}

namespace {

template <class Request>
asio::awaitable<std::int64_t> count_pages(Client& client, const Request& base, PageLimits limits) {
    Request request = base;
    request.select = Select::count;
    request.projection_expression.reset();
    PageFsm fsm(limits, request.exclusive_start_key);
    std::int64_t total = 0;
    while (fsm.has_next()) {
        request.limit = fsm.next_limit();
        request.exclusive_start_key = fsm.start_key();
        QueryResponse page = co_await fetch(client, request);
        total += std::int64_t(fsm.on_page(std::size_t(page.count), page.scanned_count,
                                          std::move(page.last_evaluated_key))
                                  .deliver);
    }
    co_return total;
}

} // namespace

// Select=COUNT takes no projection. It is left out before rendering: dropping only the rendered
// ProjectionExpression would leave its attribute names behind, unused, which DynamoDB rejects.
auto TableCore::count(const QueryOptions& options) -> awaitable<std::int64_t> {
    QueryOptions counted = options;
    counted.projection.reset();
    const QueryPlan plan = plan_query(*this, counted);
    co_return co_await count_pages(*client_, plan.request, plan.limits);
}

auto TableCore::count(const ScanOptions& options) -> awaitable<std::int64_t> {
    ScanOptions counted = options;
    counted.projection.reset();
    const ScanPlan plan = plan_scan(*this, counted);
    if (plan.segments > 1)
        throw InvalidArgumentError("count: segments > 1 is not supported; count sequentially");
    co_return co_await count_pages(*client_, plan.request, plan.limits);
}

} // namespace dynaq::detail

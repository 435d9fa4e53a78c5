#include "client/operation_codec.hpp"
#include <dynaq/client.hpp>
#include <dynaq/paginator.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace dynaq {

namespace {

// Request bodies are encoded into strings recycled across calls, so a client in steady state
// encodes without allocating. A call keeps its buffer across suspension points, so a
// thread_local would not do: another coroutine on the same thread could take it.
class BodyBuffers {
public:
    class Lease {
    public:
        // Shares ownership: a call may outlive the Client that started it.
        explicit Lease(std::shared_ptr<BodyBuffers> owner) :
            owner_(std::move(owner)), buffer_(owner_->take()) {}
        ~Lease() { owner_->give_back(std::move(buffer_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        std::string& get() noexcept { return buffer_; }

    private:
        std::shared_ptr<BodyBuffers> owner_;
        std::string buffer_;
    };

private:
    // Buffers that grew past this are dropped rather than kept, so one huge batch does not pin
    // its memory for the client's lifetime.
    static constexpr std::size_t max_kept_capacity = 256 * 1024;
    static constexpr std::size_t max_kept_buffers = 256;

    std::string take() {
        std::lock_guard lock(mutex_);
        if (free_.empty())
            return {};
        std::string s = std::move(free_.back());
        free_.pop_back();
        return s;
    }
    void give_back(std::string s) noexcept {
        if (s.capacity() > max_kept_capacity)
            return;
        s.clear();
        std::lock_guard lock(mutex_);
        if (free_.size() < max_kept_buffers)
            free_.push_back(std::move(s));
    }

    std::mutex mutex_;
    std::vector<std::string> free_;
};

} // namespace

struct Client::Impl {
    Impl(executor_type ex, ClientConfig config) : executor(ex), transport(ex, std::move(config)) {}

    template <detail::Operation Request>
    awaitable<typename detail::operation_traits<Request>::response_type>
    execute(const Request& request) {
        BodyBuffers::Lease body(buffers);
        detail::encode(request, body.get()); // throws before anything is sent
        constexpr std::string_view name = detail::operation_traits<Request>::name;
        typename detail::operation_traits<Request>::response_type out;
        // Decoded inside the retry loop, so a garbled 2xx of a read is retried.
        auto decode = [&out](Response& reply) {
            out = {};
            detail::decode_body(std::move(reply.body), out);
        };
        const CallOptions options{detail::operation_traits<Request>::idempotent, decode};
        (void)co_await transport.call(name, body.get(), options);
        co_return out;
    }

    // The async_ forms own their request: it lives in this coroutine's frame.
    template <class Request>
    awaitable<typename detail::operation_traits<Request>::response_type>
    execute_owned(Request request) {
        co_return co_await execute(request);
    }

    detail::CallSite site(std::string_view operation) const {
        const Endpoint& e = transport.endpoint();
        std::string url = e.tls ? "https://" : "http://";
        url += e.is_ipv6_literal() ? "[" + e.host + "]" : e.host;
        url += ':';
        url += std::to_string(e.port);
        return {std::string(operation), std::move(url)};
    }

    executor_type executor;
    Transport transport;
    std::shared_ptr<BodyBuffers> buffers = std::make_shared<BodyBuffers>();
};

Client::Client(executor_type executor, ClientConfig config) :
    impl_(std::make_unique<Impl>(executor, std::move(config))) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

#define DYNAQ_CLIENT_OPERATION(method, Name, ...)                                                  \
    Client::awaitable<Name##Response> Client::method(const Name##Request& request) {               \
        return impl_->execute(request);                                                            \
    }
DYNAQ_OPERATIONS(DYNAQ_CLIENT_OPERATION)
#undef DYNAQ_CLIENT_OPERATION

#define DYNAQ_CLIENT_START(method, Name, ...)                                                      \
    void Client::start_##method(detail::any_handler<Name##Response> handler,                       \
                                Name##Request request, Diagnostics* diag) {                        \
        detail::spawn_call(impl_->executor, impl_->execute_owned(std::move(request)), diag,        \
                           impl_->site(#Name), std::move(handler));                                \
    }
DYNAQ_OPERATIONS(DYNAQ_CLIENT_START)
#undef DYNAQ_CLIENT_START

void Client::start_list_all_tables(detail::any_handler<std::vector<std::string>> handler, int,
                                   Diagnostics* diag) {
    detail::spawn_call(impl_->executor, list_all_tables(), diag, impl_->site("ListTables"),
                       std::move(handler));
}

Client::awaitable<std::vector<std::string>> Client::list_all_tables() {
    std::vector<std::string> names;
    Paginator<ListTablesRequest> pages(*this, ListTablesRequest{});
    while (auto page = co_await pages.next())
        names.insert(names.end(), std::make_move_iterator(page->table_names.begin()),
                     std::make_move_iterator(page->table_names.end()));
    co_return names;
}

Client::awaitable<Response> Client::call(std::string_view operation, std::string_view json_body) {
    return impl_->transport.call(operation, json_body);
}

void Client::start_call(detail::any_handler<Response> handler, RawCall call, Diagnostics* diag) {
    // The strings live in this coroutine's frame for the whole call.
    auto run = [](Transport& transport, RawCall c) -> awaitable<Response> {
        co_return co_await transport.call(c.operation, c.body);
    };
    auto site = impl_->site(call.operation);
    detail::spawn_call(impl_->executor, run(impl_->transport, std::move(call)), diag,
                       std::move(site), std::move(handler));
}

Client::executor_type Client::get_executor() const noexcept {
    return impl_->executor;
}
const ClientConfig& Client::config() const noexcept {
    return impl_->transport.config();
}
const Transport& Client::transport() const noexcept {
    return impl_->transport;
}

} // namespace dynaq

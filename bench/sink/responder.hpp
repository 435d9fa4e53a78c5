#pragma once
// Chooses the answer to one DynamoDB request. Most answers are canned (see canned_bodies.hpp);
// the few that must echo the request -- GetItem and UpdateItem ALL_NEW carry the requested
// Key, BatchGetItem one item per requested key, a Query or Scan that pages the page it asks
// for, the table calls the requested name -- parse
// the body with RapidJSON into memory pools owned here and reset per request, so answering
// allocates nothing once the pools and the output string have grown.
//
// One Responder per server thread: it is not thread-safe, and needs no lock because a thread
// answers one request at a time.
#include "canned_bodies.hpp"
#include "operation.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dynaq::bench {

struct Reply {
    int status = 200;
    std::string_view body; ///< valid while the CannedBodies and the scratch string live
    std::uint32_t crc32 = 0;
};

class Responder {
public:
    explicit Responder(const CannedBodies& canned);
    ~Responder();
    Responder(const Responder&) = delete;
    Responder& operator=(const Responder&) = delete;

    /// The answer to `operation` with the request body `body`. Echoing answers are built in
    /// `scratch`, which must outlive the sending of the reply.
    [[nodiscard]] Reply respond(Operation operation, std::string_view body, std::string& scratch);

    [[nodiscard]] const CannedBodies& canned_bodies() const noexcept { return canned_; }

private:
    struct Json; // RapidJSON state: kept out of this header

    [[nodiscard]] Reply canned(const CannedBody& body, int status = 200) const noexcept;
    [[nodiscard]] Reply built(const std::string& body) const noexcept;
    [[nodiscard]] Reply item_reply(std::string_view member, std::string& out);
    [[nodiscard]] Reply batch_get_reply(std::string& out);
    [[nodiscard]] Reply page_reply(std::size_t first, std::size_t end, std::string& out);
    [[nodiscard]] Reply scan_reply(std::string& out);
    [[nodiscard]] Reply table_reply(bool create, std::string& out);
    /// `{` key members `,` filler `}` appended to `out`; `key` must be an object.
    template <class Value>
    void append_item(const Value& key, std::string& out);
    /// `value` as JSON text appended to `out`.
    template <class Value>
    void append_json(const Value& value, std::string& out);

    const CannedBodies& canned_;
    std::unique_ptr<Json> json_;
};

} // namespace dynaq::bench

#pragma once
// A response body and the arrays of the Items decoded from it, in as few allocations as the
// sizes allow: the page object, its reference count and the first arrays share one block, and
// larger pages add chunks. Nothing on a page is freed before the page: an Item that outgrows
// its array moves to the heap, and its old slot is simply left. The decoder allocates while
// it alone holds the page; after that the page is only read, from any thread.
#include <dynaq/value.hpp>

#include <atomic>
#include <cstddef>
#include <string>

namespace dynaq::detail {

class Page {
public:
    /// A page holding `text`; with `for_items`, with room in its own block for the arrays
    /// that a body of this size usually decodes into.
    [[nodiscard]] static PageRef make(std::string&& text, bool for_items);

    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;

    [[nodiscard]] std::string& text() noexcept { return text_; }
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

    /// `bytes` of memory aligned for any Attribute, living as long as the page.
    [[nodiscard]] void* allocate(std::size_t bytes);

    [[nodiscard]] long use_count() const noexcept { return refs_.load(std::memory_order_acquire); }

private:
    friend void page_add_ref(Page* page) noexcept;
    friend void page_release(Page* page) noexcept;
    struct Chunk;

    Page(std::string&& text, std::byte* first, std::size_t first_size) noexcept;
    ~Page();

    std::atomic<long> refs_{1};
    std::string text_;
    std::byte* cursor_;
    std::byte* end_;
    Chunk* chunks_ = nullptr;
    std::size_t next_chunk_size_;
};

} // namespace dynaq::detail

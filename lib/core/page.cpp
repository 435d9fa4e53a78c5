#include "page.hpp"

#include <algorithm>
#include <new>

namespace dynaq::detail {

namespace {

constexpr std::size_t alignment = alignof(std::max_align_t);

constexpr std::size_t round_up(std::size_t n) noexcept {
    return (n + alignment - 1) / alignment * alignment;
}

// An attribute takes 80 bytes decoded and often 20-40 in the JSON: arrays need a few times the
// text. The first room (in the page's own block) covers a typical single item whole; a page of
// many items continues in chunks, whose untouched tails cost address space, not memory.
constexpr std::size_t first_room(std::size_t text_size) noexcept {
    return round_up(std::clamp<std::size_t>(3 * text_size, 512, 64 * 1024));
}
constexpr std::size_t first_chunk(std::size_t text_size) noexcept {
    return round_up(std::clamp<std::size_t>(3 * text_size, 16 * 1024, 16 * 1024 * 1024));
}
constexpr std::size_t largest_chunk = 64 * 1024 * 1024;

} // namespace

struct Page::Chunk {
    Chunk* next;
};

PageRef Page::make(std::string&& text, bool for_items) {
    const std::size_t head = round_up(sizeof(Page));
    const std::size_t room = for_items ? first_room(text.size()) : 0;
    auto* block = static_cast<std::byte*>(::operator new(head + room));
    return PageRef(new (block) Page(std::move(text), block + head, room));
}

Page::Page(std::string&& text, std::byte* first, std::size_t first_size) noexcept :
    text_(std::move(text)), cursor_(first), end_(first + first_size),
    next_chunk_size_(first_chunk(text_.size())) {}

Page::~Page() {
    while (chunks_ != nullptr)
        ::operator delete(std::exchange(chunks_, chunks_->next));
}

void* Page::allocate(std::size_t bytes) {
    bytes = round_up(bytes);
    if (static_cast<std::size_t>(end_ - cursor_) < bytes) {
        const std::size_t head = round_up(sizeof(Chunk));
        const std::size_t size = std::max(bytes, next_chunk_size_);
        auto* block = static_cast<std::byte*>(::operator new(head + size));
        chunks_ = new (block) Chunk{chunks_};
        cursor_ = block + head;
        end_ = cursor_ + size;
        next_chunk_size_ = std::min(2 * next_chunk_size_, largest_chunk);
    }
    return std::exchange(cursor_, cursor_ + bytes);
}

void page_add_ref(Page* page) noexcept {
    page->refs_.fetch_add(1, std::memory_order_relaxed);
}

void page_release(Page* page) noexcept {
    if (page->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        page->~Page();
        ::operator delete(static_cast<void*>(page));
    }
}

} // namespace dynaq::detail

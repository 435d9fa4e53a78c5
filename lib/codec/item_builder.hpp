#pragma once
// How the decoder makes Items and Lists whose text borrows from a response body: the values
// are built in scratch arrays, then relocated (never moved, which would copy borrowed text)
// into a container of exactly the right size that holds the body alive.
#include "../core/page.hpp"

#include <dynaq/value.hpp>

#include <cstddef>
#include <memory>
#include <vector>

namespace dynaq::detail {

class ItemBuilder {
public:
    /// Relocates [first, last) into a new Item whose array is on the page `storage` refers
    /// to, and which shares it. The range is left moved-from.
    static Item item_from(Attribute* first, Attribute* last, const SharedText& storage) {
        Item out;
        const auto n = static_cast<std::size_t>(last - first);
        if (n != 0) {
            out.data_ = static_cast<Attribute*>(storage.get()->allocate(n * sizeof(Attribute)));
            for (; first != last; ++first, ++out.size_)
                std::construct_at(out.data_ + out.size_, relocate, std::move(*first));
        }
        out.storage_ = storage;
        return out;
    }
    static List list_from(AttributeValue* first, AttributeValue* last, const SharedText& storage) {
        List out;
        relocate_into(out.values_, first, last);
        out.storage_ = storage;
        return out;
    }

private:
    template <class T>
    static void relocate_into(std::vector<T>& out, T* first, T* last) {
        out.reserve(static_cast<std::size_t>(last - first));
        for (; first != last; ++first)
            out.emplace_back(relocate, std::move(*first));
    }
};

/// push_back for scratch arrays of borrowed values: grows by relocation.
template <class T, class Allocator, class... Args>
T& relocating_emplace_back(std::vector<T, Allocator>& v, Args&&... args) {
    if (v.size() == v.capacity()) {
        std::vector<T, Allocator> bigger(v.get_allocator());
        bigger.reserve(v.empty() ? 16 : v.size() * 2);
        for (T& x : v)
            bigger.emplace_back(relocate, std::move(x));
        v = std::move(bigger);
    }
    return v.emplace_back(std::forward<Args>(args)...);
}

} // namespace dynaq::detail

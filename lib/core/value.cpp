#include <dynaq/value.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <ostream>
#include <stdexcept>

namespace dynaq {

std::string_view to_string(Type t) noexcept {
    switch (t) {
    case Type::S:
        return "S";
    case Type::N:
        return "N";
    case Type::B:
        return "B";
    case Type::SS:
        return "SS";
    case Type::NS:
        return "NS";
    case Type::BS:
        return "BS";
    case Type::M:
        return "M";
    case Type::L:
        return "L";
    case Type::Null:
        return "NULL";
    case Type::Bool:
        return "BOOL";
    }
    return "?"; // only reachable through a cast of an out-of-range integer
}

std::ostream& operator<<(std::ostream& os, Type t) {
    return os << to_string(t);
}

void AttributeValue::throw_mismatch(Type wanted) const {
    std::string msg = "expected ";
    msg += to_string(wanted);
    msg += ", got ";
    msg += to_string(type());
    throw TypeMismatchError(msg);
}

void Text::assign_owned(std::string_view s) {
    if (s.size() <= max_inline) {
        std::memcpy(inline_, s.data(), s.size());
        inline_[s.size()] = '\0';
        tag_ = static_cast<unsigned char>(s.size());
        return;
    }
    char* p = new char[s.size() + 1];
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    ext_ = {p, s.size()};
    tag_ = heap_tag;
}

void Text::take(Text& other, bool keep_borrow) noexcept {
    if (other.tag_ <= max_inline) {
        std::memcpy(inline_, other.inline_, other.tag_ + 1u);
        tag_ = other.tag_;
    } else if (other.tag_ == heap_tag || keep_borrow) {
        ext_ = other.ext_;
        tag_ = other.tag_;
    } else {
        // Out of memory here ends the program, as it would in most containers' moves.
        assign_owned(other.view());
    }
    other.tag_ = 0;
    other.inline_[0] = '\0';
}

std::ostream& operator<<(std::ostream& os, const Text& t) {
    return os << t.view();
}

AttributeValue::AttributeValue(detail::Relocate, AttributeValue&& other) noexcept {
    switch (other.type()) {
    case Type::S:
        v_.emplace<Text>(detail::relocate, std::move(std::get<Text>(other.v_)));
        break;
    case Type::N:
        v_.emplace<Number>(detail::relocate, std::move(std::get<Number>(other.v_)));
        break;
    case Type::B:
        v_.emplace<Binary>(detail::relocate, std::move(std::get<Binary>(other.v_)));
        break;
    default:
        // Sets own their members; maps and lists carry their storage with them.
        v_ = std::move(other.v_);
        break;
    }
}

Item::Item(const Item& other) {
    if (other.size_ == 0)
        return;
    reallocate(other.size_);
    // Copies own their text: the copy holds no page. A constructor that throws runs no
    // destructor, so what was copied before a throw is released here.
    try {
        for (const Attribute& a : other) {
            std::construct_at(data_ + size_, a);
            ++size_;
        }
    } catch (...) {
        destroy();
        throw;
    }
}

void Item::destroy() noexcept {
    std::destroy(data_, data_ + size_);
    if (capacity_ != 0)
        std::allocator<Attribute>().deallocate(data_, capacity_);
    data_ = nullptr;
    size_ = 0;
    capacity_ = 0;
}

void Item::reallocate(std::size_t capacity) {
    if (capacity > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("an item of more than 2^32 attributes");
    Attribute* bigger = std::allocator<Attribute>().allocate(capacity);
    // By relocation, so that attributes decoded from a body keep borrowing from it.
    for (std::uint32_t i = 0; i < size_; ++i) {
        std::construct_at(bigger + i, detail::relocate, std::move(data_[i]));
        std::destroy_at(data_ + i);
    }
    if (capacity_ != 0)
        std::allocator<Attribute>().deallocate(data_, capacity_);
    data_ = bigger;
    capacity_ = static_cast<std::uint32_t>(capacity);
}

Item::iterator Item::append(std::string_view name, AttributeValue&& value) {
    // Before growing: `name` may be one of this item's own names.
    Text owned_name(name);
    // A page's array (capacity 0) is full by definition: the first append moves it out.
    if (size_ >= capacity_)
        reallocate(size_ == 0 ? 4 : std::size_t{size_} * 2);
    std::construct_at(data_ + size_, std::move(owned_name), std::move(value));
    return data_ + size_++;
}

Item::iterator Item::erase(const_iterator pos) {
    const auto index = static_cast<std::size_t>(pos - data_);
    // Shifted by relocation (not move assignment) so that borrowed text stays borrowed.
    for (std::size_t i = index; i + 1 < size_; ++i) {
        std::destroy_at(data_ + i);
        std::construct_at(data_ + i, detail::relocate, std::move(data_[i + 1]));
    }
    std::destroy_at(data_ + --size_);
    return data_ + index;
}

AttributeValue& Item::at(std::string_view name) {
    if (auto it = find(name); it != end())
        return it->second;
    throw std::out_of_range("no attribute \"" + std::string(name) + "\" in the item");
}

const AttributeValue& Item::at(std::string_view name) const {
    if (auto it = find(name); it != end())
        return it->second;
    throw std::out_of_range("no attribute \"" + std::string(name) + "\" in the item");
}

bool operator==(const Item& a, const Item& b) {
    if (a.size() != b.size())
        return false;
    // Names are unique on both sides, so "every attribute of a is in b, equal" is enough.
    for (const Attribute& x : a) {
        const auto it = b.find(x.first);
        if (it == b.end() || !(it->second == x.second))
            return false;
    }
    return true;
}

std::vector<const Attribute*> sorted_by_name(const Item& item) {
    std::vector<const Attribute*> out;
    out.reserve(item.size());
    for (const Attribute& a : item)
        out.push_back(&a);
    std::sort(out.begin(), out.end(),
              [](const Attribute* a, const Attribute* b) { return a->first < b->first; });
    return out;
}

void List::reserve(std::size_t n) {
    if (n <= values_.capacity())
        return;
    std::vector<AttributeValue> bigger;
    bigger.reserve(n);
    for (AttributeValue& v : values_)
        bigger.emplace_back(detail::relocate, std::move(v));
    values_ = std::move(bigger);
}

void List::grow() {
    reserve(values_.empty() ? 4 : values_.size() * 2);
}

} // namespace dynaq

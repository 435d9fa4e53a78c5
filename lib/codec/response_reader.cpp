// JsonDocument: one pass of RapidJSON's SAX reader over the body, parsed in place. Members that
// carry items go straight into Items whose names and values point into the body; the rest goes
// into a small DOM of rapidjson Values for the per-operation decoders.
#include "../core/page.hpp"
#include "checks.hpp"
#include "item_builder.hpp"
#include "path.hpp"

#include "codec/base64.hpp"
#include "codec/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory_resource>
#include <stdexcept>

namespace dynaq::detail {

namespace {

bool is_json_whitespace(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The four hex digits at p[i..i+4) as a number, or -1.
long hex4(const unsigned char* p, std::size_t i, std::size_t n) noexcept {
    if (i + 4 > n)
        return -1;
    long v = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
        const unsigned char c = p[k];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

struct TextError {
    std::size_t offset = no_error;
    const char* what = nullptr;
};

// What rapidjson's own encoding validation would check, in one fast pass before parsing (its
// per-character validation halves the parse speed): raw bytes must be UTF-8, and a \u escape
// of a UTF-16 surrogate must be half of a pair, which rapidjson does not check for a lone
// low surrogate and would decode into invalid UTF-8. Everything else about escapes and
// structure is left to the parser: skipping the escaped character is enough to never
// misread "\\u" as an escape.
TextError check_json_text(std::string_view body) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(body.data());
    const std::size_t n = body.size();
    std::size_t i = 0;
    while ((i = skip_ascii<true>(p, i, n)) < n) {
        if (p[i] >= 0x80) {
            const std::size_t len = utf8_sequence(p + i, n - i);
            if (len == 0)
                return {i, "invalid UTF-8"};
            i += len;
            continue;
        }
        if (i + 1 >= n || p[i + 1] != 'u') {
            i += 2;
            continue;
        }
        const long unit = hex4(p, i + 2, n);
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return {i, "unpaired UTF-16 surrogate escape"};
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const bool paired = i + 7 < n && p[i + 6] == '\\' && p[i + 7] == 'u';
            const long low = paired ? hex4(p, i + 8, n) : -1;
            if (low < 0xDC00 || low > 0xDFFF)
                return {i, "unpaired UTF-16 surrogate escape"};
            i += 12;
            continue;
        }
        i += 6;
    }
    return {};
}

// The DOM of DynamoDB's JSON (in situ, so strings are not copied) takes a little less room
// than the text: one chunk of the text's size usually holds all of it. When the items are
// decoded apart from it, what is left is a few counters.
std::size_t pool_chunk_size(std::size_t text_size, bool items_apart) {
    constexpr std::size_t smallest = 1024;
    constexpr std::size_t largest = 4 * 1024 * 1024;
    return items_apart ? smallest : std::clamp(text_size, 4 * smallest, largest);
}

std::optional<Type> type_of_key(std::string_view key) noexcept {
    if (key.size() == 1) {
        switch (key[0]) {
        case 'S':
            return Type::S;
        case 'N':
            return Type::N;
        case 'B':
            return Type::B;
        case 'M':
            return Type::M;
        case 'L':
            return Type::L;
        default:
            return std::nullopt;
        }
    }
    if (key == "SS")
        return Type::SS;
    if (key == "NS")
        return Type::NS;
    if (key == "BS")
        return Type::BS;
    if (key == "BOOL")
        return Type::Bool;
    if (key == "NULL")
        return Type::Null;
    return std::nullopt;
}

// What a value of type `t` must be, for the message when it is something else.
const char* expected_for(Type t) noexcept {
    switch (t) {
    case Type::S:
    case Type::N:
    case Type::B:
        return "expected a string";
    case Type::M:
        return "expected an object of attributes";
    case Type::Bool:
        return "BOOL must be true or false";
    case Type::Null:
        return "NULL must be true";
    default:
        return "expected an array";
    }
}

// Names of one item's attributes: pairwise for the usual few (no allocation), sorted beyond.
constexpr std::size_t pairwise_names = 16;

using Pool = rapidjson::MemoryPoolAllocator<>;

class Handler {
public:
    Handler(const SharedText& storage, std::span<JsonDocument::Decoded> decoded, JsonValue& root,
            std::unique_ptr<Pool>& pool, std::size_t chunk) :
        storage_(storage),
        decoded_(decoded), root_(root), pool_(pool), chunk_(chunk) {}

    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    [[nodiscard]] bool done() const noexcept { return mode_ == Mode::finished; }

    bool Null() {
        if (mode_ == Mode::dom)
            return dom_value(JsonValue());
        if (mode_ == Mode::member) {
            mode_ = Mode::top; // JSON null reads as absent, as find_member does
            return true;
        }
        return scalar_in_items(Event::null, {}, false);
    }
    bool Bool(bool b) {
        if (mode_ == Mode::dom)
            return dom_value(JsonValue(b));
        return scalar_in_items(Event::boolean, {}, b);
    }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
        if (mode_ == Mode::dom)
            return dom_number({s, n});
        return scalar_in_items(Event::number, {s, n}, false);
    }
    bool String(const char* s, rapidjson::SizeType n, bool) {
        if (mode_ == Mode::dom)
            return dom_value(JsonValue(rapidjson::StringRef(s, n)));
        return scalar_in_items(Event::string, {s, n}, false);
    }
    // Only RawNumber is called: numbers are parsed as strings.
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(std::int64_t) { return false; }
    bool Uint64(std::uint64_t) { return false; }
    bool Double(double) { return false; }

    bool StartObject() {
        switch (mode_) {
        case Mode::before_root:
            mode_ = Mode::top;
            return true;
        case Mode::dom:
            return dom_push(rapidjson::kObjectType);
        case Mode::member:
            return start_member(true);
        case Mode::items:
            return start_in_items(true);
        default:
            return fail("unexpected object");
        }
    }
    bool StartArray() {
        switch (mode_) {
        case Mode::before_root:
            return fail_root();
        case Mode::dom:
            return dom_push(rapidjson::kArrayType);
        case Mode::member:
            return start_member(false);
        case Mode::items:
            return start_in_items(false);
        default:
            return fail("unexpected array");
        }
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        const std::string_view key(s, n);
        switch (mode_) {
        case Mode::top:
            return top_key(key);
        case Mode::dom:
            dom_.back().key = JsonValue(rapidjson::StringRef(s, n));
            return true;
        case Mode::items:
            return key_in_items(key);
        default:
            return fail("unexpected key");
        }
    }
    bool EndObject(rapidjson::SizeType) {
        if (mode_ == Mode::top) {
            mode_ = Mode::finished;
            return true;
        }
        if (mode_ == Mode::dom)
            return dom_end();
        return end_in_items();
    }
    bool EndArray(rapidjson::SizeType) {
        if (mode_ == Mode::dom)
            return dom_end();
        return end_in_items();
    }

private:
    enum class Mode : std::uint8_t {
        before_root, // nothing read yet
        top,         // in the root object, between members
        member,      // after the key of an item member, before its value
        items,       // inside an item member's value
        dom,         // inside another member's value
        finished,
    };
    enum class Event : std::uint8_t { null, boolean, number, string };

    // ---- the root object --------------------------------------------------------------

    bool fail_root() { return fail("JSON document is not an object"); }

    bool top_key(std::string_view key) {
        for (JsonDocument::Decoded& d : decoded_) {
            if (d.member.name != key)
                continue;
            if (d.present)
                return fail("duplicate member " + quoted_excerpt(key));
            member_ = &d;
            mode_ = Mode::member;
            return true;
        }
        if (!pool_)
            pool_ = std::make_unique<Pool>(chunk_);
        dom_key_ = JsonValue(
            rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
        mode_ = Mode::dom;
        return true;
    }

    // ---- members that are not items: a DOM ---------------------------------------------

    struct DomFrame {
        JsonValue value;
        JsonValue key; // of the member being read, in an object
    };

    // The parser recurses once per level (faster than its iterative mode), so every level
    // is bounded here: DynamoDB's other members nest a few levels deep.
    bool dom_push(rapidjson::Type type) {
        if (dom_.size() >= max_dom_depth)
            return fail("values nested too deeply");
        dom_.push_back({JsonValue(type), JsonValue()});
        return true;
    }

    // Outside items a JSON number is a count, a size, capacity units or a time, so it is kept
    // as a number: that keeps {"S":1} and {"N":5} in these members apart from strings, as
    // DynamoDB's own parser does. (Items' numbers, the exact ones, are {"N":"text"}.)
    bool dom_number(std::string_view text) {
        const char* first = text.data();
        const char* last = first + text.size();
        std::int64_t i = 0;
        if (const auto [end, ec] = std::from_chars(first, last, i);
            ec == std::errc() && end == last)
            return dom_value(JsonValue(i));
        double d = 0;
        if (const auto [end, ec] = std::from_chars(first, last, d);
            ec == std::errc() && end == last && std::isfinite(d))
            return dom_value(JsonValue(d));
        return fail("number " + quoted_excerpt(text) + " is out of range");
    }

    bool dom_value(JsonValue&& v) {
        if (dom_.empty()) {
            root_.AddMember(dom_key_, v, *pool_);
            mode_ = Mode::top;
        } else if (DomFrame& parent = dom_.back(); parent.value.IsObject()) {
            parent.value.AddMember(parent.key, v, *pool_);
        } else {
            parent.value.PushBack(v, *pool_);
        }
        return true;
    }

    bool dom_end() {
        JsonValue v(std::move(dom_.back().value));
        dom_.pop_back();
        return dom_value(std::move(v));
    }

    // ---- item members -------------------------------------------------------------------

    enum class Kind : std::uint8_t {
        items,  // the array of items of an `items` member (or of one table)
        tables, // the object of an `items_by_table` member
        item,   // an object of attributes
        value,  // {"S": ...}
        list,   // the array of an L
        set,    // the array of an SS, NS or BS
    };
    // Where a value frame's value goes: attributes_[index].second or elements_[index].
    enum class Slot : std::uint8_t { attribute, element };

    struct Frame {
        Kind kind;
        Slot slot = Slot::attribute;
        bool typed = false;  // value: its type key was read
        bool filled = false; // value: its value was read
        Type type = Type::Null;
        std::uint32_t index = 0;           // value: the slot; item, list: where its scratch starts
        std::vector<Item>* into = nullptr; // items: where the items go
    };

    // On the handler's own stack: a value nests at most max_nesting_levels deep, and each level
    // takes at most two frames (the value and its map or list), so this never allocates.
    class FrameStack {
    public:
        [[nodiscard]] std::size_t size() const noexcept { return size_; }
        [[nodiscard]] static constexpr std::size_t capacity() noexcept { return max_frames; }
        [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
        void push_back(const Frame& f) noexcept { frames_[size_++] = f; }
        void pop_back() noexcept { --size_; }
        [[nodiscard]] Frame& back() noexcept { return frames_[size_ - 1]; }
        [[nodiscard]] const Frame& operator[](std::size_t i) const noexcept { return frames_[i]; }
        [[nodiscard]] Frame& operator[](std::size_t i) noexcept { return frames_[i]; }

    private:
        static constexpr std::size_t max_frames = 2 * max_nesting_levels + 4;
        std::array<Frame, max_frames> frames_{};
        std::size_t size_ = 0;
    };

    bool start_member(bool object) {
        const ItemShape shape = member_->member.shape;
        member_->present = true;
        mode_ = Mode::items;
        if (shape == ItemShape::items && !object)
            return push({.kind = Kind::items, .into = &member_->items});
        if (shape == ItemShape::items_by_table && object)
            return push({.kind = Kind::tables});
        if (shape == ItemShape::item && object)
            return push_item();
        return fail(shape == ItemShape::items ? "expected an array"
                                              : "expected an object of attributes");
    }

    bool push(Frame f) {
        if (frames_.size() == frames_.capacity())
            return fail("values nested too deeply");
        frames_.push_back(f);
        return true;
    }
    bool push_item() {
        return push({.kind = Kind::item, .index = static_cast<std::uint32_t>(attributes_.size())});
    }

    AttributeValue& slot(const Frame& f) noexcept {
        return f.slot == Slot::attribute ? attributes_[f.index].second : elements_[f.index];
    }

    bool start_in_items(bool object) {
        Frame& f = frames_.back();
        switch (f.kind) {
        case Kind::items:
            if (!object)
                return fail("expected an object of attributes");
            return push_item();
        case Kind::item:
            // The value of the attribute whose name was just read.
            if (!object)
                return fail("expected an AttributeValue object");
            return push_value(Slot::attribute, attributes_.size() - 1);
        case Kind::list:
            if (!object)
                return fail("expected an AttributeValue object");
            relocating_emplace_back(elements_);
            return push_value(Slot::element, elements_.size() - 1);
        case Kind::value:
            return start_in_value(f, object);
        case Kind::tables:
            if (object)
                return fail("expected an array");
            return push({.kind = Kind::items, .into = table_});
        case Kind::set:
            return fail("expected a string");
        }
        return false;
    }

    bool push_value(Slot s, std::size_t index) {
        if (++value_depth_ > max_nesting_levels)
            return fail(too_deep);
        return push({.kind = Kind::value, .slot = s, .index = static_cast<std::uint32_t>(index)});
    }

    bool start_in_value(Frame& f, bool object) {
        if (!f.typed)
            return fail("expected an AttributeValue object");
        if (f.filled)
            return fail("AttributeValue has more than one type key");
        AttributeValue::Variant& v = slot(f).variant();
        switch (f.type) {
        case Type::M:
            if (object)
                return push_item();
            break;
        case Type::L:
            if (!object)
                return push(
                    {.kind = Kind::list, .index = static_cast<std::uint32_t>(elements_.size())});
            break;
        case Type::SS:
        case Type::NS:
        case Type::BS:
            if (object)
                break;
            if (f.type == Type::SS)
                v.emplace<StringSet>();
            else if (f.type == Type::NS)
                v.emplace<NumberSet>();
            else
                v.emplace<BinarySet>();
            return push({.kind = Kind::set, .type = f.type});
        default:
            break;
        }
        return fail(expected_for(f.type));
    }

    bool key_in_items(std::string_view key) {
        Frame& f = frames_.back();
        switch (f.kind) {
        case Kind::item:
            // An item's own attribute names must be non-empty; names inside an M may be.
            if (key.empty() && value_depth_ == 0)
                return fail(empty_name);
            relocating_emplace_back(attributes_, borrow, key);
            return true;
        case Kind::value: {
            if (f.typed)
                return fail("AttributeValue has more than one type key");
            const auto t = type_of_key(key);
            if (!t)
                return fail("unknown AttributeValue type " + quoted_excerpt(key));
            f.typed = true;
            f.type = *t;
            return true;
        }
        case Kind::tables:
            table_name_ = key;
            table_ = &member_->by_table[std::string(key)];
            return true;
        default:
            return fail("unexpected key");
        }
    }

    bool scalar_in_items(Event e, std::string_view text, bool b) {
        if (mode_ == Mode::member) {
            member_->present = true;
            return fail(member_->member.shape == ItemShape::items
                            ? "expected an array"
                            : "expected an object of attributes");
        }
        if (mode_ != Mode::items)
            return fail_root();
        Frame& f = frames_.back();
        if (f.kind == Kind::set)
            return set_member(f, e, text);
        if (f.kind != Kind::value)
            return fail(f.kind == Kind::item || f.kind == Kind::list
                            ? "expected an AttributeValue object"
                            : "expected an object of attributes");
        if (!f.typed)
            return fail("expected an AttributeValue object");
        if (f.filled)
            return fail("AttributeValue has more than one type key");
        AttributeValue::Variant& v = slot(f).variant();
        const bool is_string = e == Event::string;
        switch (f.type) {
        case Type::S:
            if (!is_string)
                break;
            v.emplace<Text>(borrow, text);
            return filled(f);
        case Type::N:
            if (!is_string)
                break;
            try {
                v.emplace<Number>(borrow, text);
            } catch (const InvalidArgumentError& err) {
                return fail(err.what());
            }
            return filled(f);
        case Type::B: {
            if (!is_string)
                break;
            // In place: the bytes are never longer than their base64 text.
            char* p = const_cast<char*>(text.data()); // NOLINT: the body is ours, parsed in situ
            const auto size = base64_decode_in_place(p, text.size());
            if (!size)
                return fail("invalid base64");
            v.emplace<Binary>(borrow, std::string_view(p, *size));
            return filled(f);
        }
        case Type::Bool:
            if (e != Event::boolean)
                break;
            v.emplace<bool>(b);
            return filled(f);
        case Type::Null:
            if (e != Event::boolean || !b)
                break;
            return filled(f); // slots start as NULL
        default:
            break;
        }
        return fail(expected_for(f.type));
    }

    bool filled(Frame& f) {
        f.filled = true;
        return true;
    }

    // Sets own their members (they carry no storage), so these are copies.
    bool set_member(Frame& f, Event e, std::string_view text) {
        if (e != Event::string)
            return fail("expected a string");
        AttributeValue::Variant& v = slot(frames_[frames_.size() - 2]).variant();
        if (f.type == Type::SS) {
            std::get<StringSet>(v).values.emplace_back(text);
        } else if (f.type == Type::NS) {
            try {
                std::get<NumberSet>(v).values.emplace_back(text);
            } catch (const InvalidArgumentError& err) {
                return fail(err.what());
            }
        } else {
            char* p = const_cast<char*>(text.data()); // NOLINT: the body is ours, parsed in situ
            const auto size = base64_decode_in_place(p, text.size());
            if (!size)
                return fail("invalid base64");
            std::get<BinarySet>(v).values.emplace_back(std::string_view(p, *size));
        }
        return true;
    }

    bool end_in_items() {
        Frame f = frames_.back();
        switch (f.kind) {
        case Kind::item:
            return end_item(f);
        case Kind::value:
            if (!f.typed)
                return fail("AttributeValue has no type key");
            frames_.pop_back();
            --value_depth_;
            return true;
        case Kind::list: {
            List list = ItemBuilder::list_from(elements_.data() + f.index,
                                               elements_.data() + elements_.size(), storage_);
            elements_.erase(elements_.begin() + f.index, elements_.end());
            frames_.pop_back();
            slot(frames_.back()).variant().emplace<List>(std::move(list));
            return filled(frames_.back());
        }
        case Kind::set: {
            frames_.pop_back();
            // The frame of the set's value stays on the stack, so the error names the set.
            const AttributeValue::Variant& v = slot(frames_.back()).variant();
            const Path unnamed("");
            try {
                if (f.type == Type::SS)
                    check_set(std::get<StringSet>(v), unnamed);
                else if (f.type == Type::NS)
                    check_set(std::get<NumberSet>(v), unnamed);
                else
                    check_set(std::get<BinarySet>(v), unnamed);
            } catch (const InvalidArgumentError& e) {
                return fail(e.what());
            }
            return filled(frames_.back());
        }
        case Kind::items:
        case Kind::tables:
            frames_.pop_back();
            if (frames_.empty())
                mode_ = Mode::top;
            return true;
        }
        return false;
    }

    bool end_item(const Frame& f) {
        Attribute* first = attributes_.data() + f.index;
        Attribute* last = attributes_.data() + attributes_.size();
        if (const Attribute* dup = duplicate(first, last))
            return fail("duplicate attribute " + quoted_excerpt(dup->first));
        Item item = ItemBuilder::item_from(first, last, storage_);
        attributes_.erase(attributes_.begin() + f.index, attributes_.end());
        frames_.pop_back();
        if (frames_.empty()) { // the `item` member itself
            member_->item = std::move(item);
            mode_ = Mode::top;
            return true;
        }
        Frame& parent = frames_.back();
        if (parent.kind == Kind::items) {
            parent.into->push_back(std::move(item));
            return true;
        }
        slot(parent).variant().emplace<Item>(std::move(item));
        return filled(parent);
    }

    const Attribute* duplicate(const Attribute* first, const Attribute* last) {
        const auto n = static_cast<std::size_t>(last - first);
        if (n <= pairwise_names) {
            // Each name's length and first eight bytes as two words, so that the pairs are
            // told apart without a call to memcmp (which showed at 5% of a Query decode).
            std::array<std::uint64_t, pairwise_names> heads{};
            std::array<std::size_t, pairwise_names> sizes{};
            for (std::size_t i = 0; i < n; ++i) {
                const std::string_view name = first[i].first.view();
                sizes[i] = name.size();
                std::memcpy(&heads[i], name.data(), std::min<std::size_t>(name.size(), 8));
            }
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = a + 1; b < n; ++b)
                    if (heads[a] == heads[b] && sizes[a] == sizes[b] &&
                        (sizes[a] <= 8 || first[a].first == first[b].first))
                        return first + b;
            return nullptr;
        }
        names_.clear();
        for (const Attribute* a = first; a != last; ++a)
            names_.push_back(a);
        std::sort(names_.begin(), names_.end(),
                  [](const Attribute* a, const Attribute* b) { return a->first < b->first; });
        const auto it = std::adjacent_find(
            names_.begin(), names_.end(),
            [](const Attribute* a, const Attribute* b) { return a->first == b->first; });
        return it == names_.end() ? nullptr : *it;
    }

    // "Items[3].tags[1]": the member, then each frame's position.
    std::string path() const {
        std::string out;
        if (member_ != nullptr)
            out = member_->member.name;
        for (std::size_t i = 0; i < frames_.size(); ++i) {
            const Frame& f = frames_[i];
            const Frame* child = i + 1 < frames_.size() ? &frames_[i + 1] : nullptr;
            switch (f.kind) {
            case Kind::items:
                out += '[' + std::to_string(f.into->size()) + ']';
                break;
            case Kind::tables:
                out += '.';
                out += table_name_;
                break;
            case Kind::item:
                if (child != nullptr && child->kind == Kind::value) {
                    out += '.';
                    out += attributes_[child->index].first.view();
                } else if (attributes_.size() > f.index) {
                    out += '.';
                    out += attributes_.back().first.view();
                }
                break;
            case Kind::list: {
                const std::size_t at = child != nullptr && child->kind == Kind::value
                                           ? child->index - f.index
                                           : elements_.size() - f.index;
                out += '[' + std::to_string(at) + ']';
                break;
            }
            case Kind::value:
            case Kind::set:
                break;
            }
        }
        return out;
    }

    bool fail(std::string_view problem) {
        error_ = path();
        if (!error_.empty())
            error_ += ": ";
        error_ += problem;
        return false;
    }

    const SharedText& storage_;
    std::span<JsonDocument::Decoded> decoded_;
    JsonValue& root_;
    std::unique_ptr<Pool>& pool_;
    std::size_t chunk_;

    Mode mode_ = Mode::before_root;
    JsonDocument::Decoded* member_ = nullptr;
    FrameStack frames_;
    int value_depth_ = 0;
    // Scratch of the items and lists being read, innermost last: in a buffer of the
    // handler's (on the stack) until the widest item outgrows it.
    alignas(std::max_align_t) std::byte scratch_buffer_[6 * 1024];
    std::pmr::monotonic_buffer_resource scratch_{scratch_buffer_, sizeof scratch_buffer_};
    std::pmr::vector<Attribute> attributes_{&scratch_};
    std::pmr::vector<AttributeValue> elements_{&scratch_};
    std::vector<const Attribute*> names_; // for the duplicate check of big items
    std::vector<Item>* table_ = nullptr;
    std::string_view table_name_;

    std::vector<DomFrame> dom_;
    JsonValue dom_key_;
    std::string error_;
};

using ReaderStack = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using Reader = rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, ReaderStack>;

// Not kParseIterativeFlag: the recursive parser is faster, and the handler refuses any level
// past its bounds (items: FrameStack; other members: dom_push), which ends the recursion.
constexpr unsigned parse_flags = rapidjson::kParseInsituFlag |
                                 rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseStopWhenDoneFlag;

std::string padded_copy(std::string_view body) {
    std::string text;
    text.reserve(body.size() + json_parse_padding);
    text.append(body);
    return text;
}

} // namespace

JsonDocument::JsonDocument(std::string_view body) : JsonDocument(padded_copy(body)) {}

JsonDocument::JsonDocument(std::string&& body) : JsonDocument(std::move(body), {}) {}

JsonDocument::JsonDocument(std::string&& body, std::span<const ItemMember> item_members) :
    page_(Page::make(std::move(body), !item_members.empty())) {
    parse(item_members);
}

JsonDocument::JsonDocument(JsonDocument&&) noexcept = default;
JsonDocument& JsonDocument::operator=(JsonDocument&&) noexcept = default;
JsonDocument::~JsonDocument() = default;

void JsonDocument::parse(std::span<const ItemMember> item_members) {
    std::string& text = page_.get()->text();
    // The padding also keeps the text out of the string's small buffer, which would move with
    // the string and leave the DOM's pointers behind.
    if (text.capacity() < text.size() + json_parse_padding)
        text.reserve(text.size() + json_parse_padding);
    if (const TextError e = check_json_text(text); e.what)
        throw ProtocolError("malformed JSON at offset " + std::to_string(e.offset) + ": " + e.what);
    if (item_members.size() > decoded_.size())
        throw std::logic_error("JsonDocument: too many item members");
    for (const ItemMember& m : item_members)
        decoded_[decoded_count_++].member = m;

    const SharedText storage = page_;
    Handler handler(storage, std::span(decoded_.data(), decoded_count_), root_, pool_,
                    pool_chunk_size(text.size(), !item_members.empty()));
    rapidjson::InsituStringStream stream(text.data());
    // The reader's own stack (a few bytes per nesting level) starts in a buffer here, so a
    // small answer costs it no allocation; deeper nesting spills into the heap.
    alignas(std::max_align_t) char reader_stack[1024];
    ReaderStack stack_allocator(reader_stack, sizeof reader_stack, sizeof reader_stack);
    Reader reader(&stack_allocator, sizeof reader_stack / 2);
    // Stop-when-done plus the whitespace check below, rather than rapidjson's own
    // end-of-input check: that one stops at the first NUL byte and would accept
    // `{}\0garbage`.
    const rapidjson::ParseResult result = reader.Parse<parse_flags>(stream, handler);
    if (!result) {
        if (!handler.error().empty())
            throw ProtocolError(handler.error());
        throw ProtocolError("malformed JSON at offset " + std::to_string(result.Offset()) + ": " +
                            rapidjson::GetParseError_En(result.Code()));
    }
    for (std::size_t i = stream.Tell(); i < text.size(); ++i)
        if (!is_json_whitespace(text[i]))
            throw ProtocolError("malformed JSON at offset " + std::to_string(i) +
                                ": unexpected data after the document");
    if (!handler.done())
        throw ProtocolError("JSON document is not an object");
}

JsonDocument::Decoded* JsonDocument::decoded(std::string_view name) {
    for (std::size_t i = 0; i < decoded_count_; ++i)
        if (decoded_[i].member.name == name)
            return &decoded_[i];
    return nullptr;
}

std::optional<Item> JsonDocument::take_item(std::string_view name) {
    Decoded* d = decoded(name);
    return d ? std::move(d->item) : std::nullopt;
}

std::vector<Item> JsonDocument::take_items(std::string_view name) {
    Decoded* d = decoded(name);
    return d ? std::move(d->items) : std::vector<Item>{};
}

std::map<std::string, std::vector<Item>> JsonDocument::take_items_by_table(std::string_view name) {
    Decoded* d = decoded(name);
    return d ? std::move(d->by_table) : std::map<std::string, std::vector<Item>>{};
}

} // namespace dynaq::detail

// The placeholder namespace: allocation of #n / :v names, value de-duplication, rollback.
#include "internal.hpp"

namespace dynaq {

namespace {

// Values are de-duplicated by an exact, unambiguous encoding (type tag, length-prefixed text),
// not by AttributeValue's equality: "1" and "1.0" keep their own placeholders, so what is sent is
// always exactly what the caller wrote.
void append_sized(std::string& out, std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
}

std::string_view text_of(std::string_view s) {
    return s;
}
std::string_view text_of(const Number& n) {
    return n.text();
}
std::string_view text_of(const Binary& b) {
    return b.bytes();
}

void encode(std::string& out, const AttributeValue& v);

struct Encoder {
    std::string& out;

    void operator()(const Text& s) const { append_sized(out, s); }
    void operator()(const Number& n) const { append_sized(out, n.text()); }
    void operator()(const Binary& b) const { append_sized(out, b.bytes()); }
    template <class T>
    void operator()(const SetOf<T>& set) const {
        append_sized(out, std::to_string(set.size()));
        for (const T& member : set)
            append_sized(out, text_of(member));
    }
    void operator()(const Map& map) const {
        append_sized(out, std::to_string(map.size()));
        // Sorted, so that equal maps share one placeholder.
        for (const Attribute* a : sorted_by_name(map)) {
            append_sized(out, a->first);
            encode(out, a->second);
        }
    }
    void operator()(const List& list) const {
        append_sized(out, std::to_string(list.size()));
        for (const AttributeValue& element : list)
            encode(out, element);
    }
    void operator()(Null) const {}
    void operator()(bool b) const { out += b ? '1' : '0'; }
};

void encode(std::string& out, const AttributeValue& v) {
    out += static_cast<char>('a' + static_cast<int>(v.type()));
    std::visit(Encoder{out}, v.variant());
}

// The placeholder of `key`, or a new one (`prefix` + count) remembered in `order`.
template <class Ids>
auto find_or_allocate(Ids& ids, std::vector<typename Ids::iterator>& order, std::string_view key,
                      std::string_view prefix) {
    struct Found {
        typename Ids::iterator it;
        bool added;
    };
    auto it = ids.lower_bound(key);
    if (it != ids.end() && it->first == key)
        return Found{it, false};
    // Reserve first so that the entry is always in the order list that rollback() walks.
    order.reserve(order.size() + 1);
    it = ids.emplace_hint(it, std::string(key), std::string(prefix) + std::to_string(ids.size()));
    order.push_back(it);
    return Found{it, true};
}

// Forgets the placeholders allocated after the first `keep`, newest first.
template <class Ids, class Published>
void undo(Ids& ids, std::vector<typename Ids::iterator>& order, std::size_t keep,
          Published& published) noexcept {
    for (; order.size() > keep; order.pop_back()) {
        published.erase(order.back()->second);
        ids.erase(order.back());
    }
}

} // namespace

const std::string& Placeholders::name(std::string_view attribute) {
    if (attribute.empty())
        throw InvalidArgumentError("empty attribute name");
    auto [it, added] = find_or_allocate(name_ids_, name_order_, attribute, "#n");
    if (added)
        attributes_.names.emplace(it->second, attribute);
    return it->second;
}

const std::string& Placeholders::value(const AttributeValue& v) {
    std::string key;
    encode(key, v);
    auto [it, added] = find_or_allocate(value_ids_, value_order_, key, ":v");
    if (added)
        attributes_.values.emplace(it->second, v);
    return it->second;
}

void Placeholders::append_path(std::string& out, const Path& path) {
    for (const Path::Element& e : path.elements()) {
        if (const auto* n = std::get_if<std::string>(&e)) {
            if (&e != &path.elements().front())
                out += '.';
            out += name(*n);
        } else {
            out += '[';
            out += std::to_string(std::get<std::size_t>(e));
            out += ']';
        }
    }
}

const AttributeValue& Placeholders::data(const NamedValue& v) const {
    auto it = data_.find(v.name());
    if (it == data_.end())
        throw InvalidArgumentError("no value named \"" + v.name() + "\" in the expression data");
    return it->second;
}

const AttributeValue& Placeholders::resolve(const ValueOperand& v) const {
    if (const AttributeValue* literal = v.literal())
        return *literal;
    return data(std::get<NamedValue>(v.variant()));
}

void Placeholders::rollback(Mark mark) noexcept {
    undo(name_ids_, name_order_, mark.names, attributes_.names);
    undo(value_ids_, value_order_, mark.values, attributes_.values);
}

ExpressionAttributes Placeholders::release() {
    ExpressionAttributes out = std::move(attributes_);
    attributes_ = {};
    name_ids_.clear();
    value_ids_.clear();
    name_order_.clear();
    value_order_.clear();
    return out;
}

RenderedExpressions render_expressions(const Expressions& expressions, Item data) {
    Placeholders ph(std::move(data));
    RenderedExpressions out;
    if (expressions.key_condition)
        out.key_condition = ph.render(*expressions.key_condition);
    if (expressions.filter)
        out.filter = ph.render(*expressions.filter);
    if (expressions.condition)
        out.condition = ph.render(*expressions.condition);
    if (expressions.update)
        out.update = ph.render(*expressions.update);
    if (expressions.projection)
        out.projection = ph.render(*expressions.projection);
    ExpressionAttributes attributes = ph.release();
    out.names = std::move(attributes.names);
    out.values = std::move(attributes.values);
    return out;
}

} // namespace dynaq

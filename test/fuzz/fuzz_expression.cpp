// libFuzzer target for the expression layer: document paths and raw templates parsed from
// arbitrary text, and conditions, updates and projections built from them by the input's
// bytes, rendered together. Anything the user could pass either renders or throws
// InvalidArgumentError; what renders has exactly the placeholders it uses (DynamoDB rejects
// both unused and undefined ones), renders the same twice, and a path whose names are plain
// reads back from its own text.
#include <dynaq/error.hpp>
#include <dynaq/expression.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Names the broken invariant before the abort that libFuzzer reports.
void require_at(bool ok, const char* what, int line) {
    if (!ok) {
        std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, line, what);
        std::abort();
    }
}
#define require(...) require_at((__VA_ARGS__), #__VA_ARGS__, __LINE__)

// Reads the input front to back; past the end it yields zeros.
class Bytes {
public:
    explicit Bytes(std::string_view s) : s_(s) {}
    unsigned next() { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_++]) : 0u; }
    // A field up to the next newline.
    std::string_view field() {
        const std::size_t start = std::min(pos_, s_.size());
        std::size_t end = s_.find('\n', start);
        if (end == std::string_view::npos)
            end = s_.size();
        pos_ = end + 1;
        return s_.substr(start, end - start);
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// The placeholders ("#n3", ":v0") that occur in `text`.
void collect(std::string_view text, char sigil, std::set<std::string>& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != sigil)
            continue;
        std::size_t j = i + 1;
        while (j < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
            ++j;
        out.emplace(text.substr(i, j - i));
        i = j - 1;
    }
}

bool plain_names(const dynaq::Path& p) {
    for (const auto& e : p.elements())
        if (const auto* name = std::get_if<std::string>(&e))
            if (name->find_first_of(".[]") != std::string::npos)
                return false;
    return true;
}

dynaq::AttributeValue value_from(Bytes& in) {
    switch (in.next() % 5) {
    case 0:
        return dynaq::AttributeValue(std::string(in.field()));
    case 1:
        return dynaq::AttributeValue(static_cast<int>(in.next()) - 100);
    case 2:
        return dynaq::AttributeValue(dynaq::List{in.next() % 2 == 0, "x"});
    case 3:
        return dynaq::AttributeValue(dynaq::StringSet{"a", std::string(in.field())});
    default:
        return dynaq::AttributeValue(dynaq::Null{});
    }
}

dynaq::Condition leaf(Bytes& in, const std::vector<dynaq::Path>& paths) {
    const dynaq::Path& p = paths[in.next() % paths.size()];
    switch (in.next() % 8) {
    case 0:
        return p == value_from(in);
    case 1:
        return p < paths[in.next() % paths.size()];
    case 2:
        return p.between(value_from(in), value_from(in));
    case 3:
        return p.in({value_from(in), value_from(in), p});
    case 4:
        return p.exists();
    case 5:
        return p.begins_with(value_from(in));
    case 6:
        return dynaq::size(p) >= static_cast<int>(in.next());
    default:
        return p.contains(dynaq::named(std::string(in.field())));
    }
}

dynaq::Condition tree(Bytes& in, const std::vector<dynaq::Path>& paths, int depth) {
    const unsigned shape = depth > 6 ? 0 : in.next() % 4;
    switch (shape) {
    case 1:
        return tree(in, paths, depth + 1) && tree(in, paths, depth + 1);
    case 2:
        return tree(in, paths, depth + 1) || tree(in, paths, depth + 1);
    case 3:
        return !tree(in, paths, depth + 1);
    default:
        return leaf(in, paths);
    }
}

dynaq::RenderedExpressions render(Bytes in, const std::vector<dynaq::Path>& paths,
                                  const std::optional<dynaq::RawExpression>& raw,
                                  const dynaq::Item& data) {
    dynaq::Expressions e;
    e.condition = raw && in.next() % 2 ? dynaq::Condition(*raw) : tree(in, paths, 0);
    if (in.next() % 2)
        e.filter = tree(in, paths, 0);
    dynaq::Update update;
    for (unsigned n = in.next() % 4; n > 0; --n) {
        const dynaq::Path& target = paths[in.next() % paths.size()];
        switch (in.next() % 4) {
        case 0:
            update.set(target, value_from(in));
            break;
        case 1:
            update.set(target, dynaq::if_not_exists(target, value_from(in)) + 1);
            break;
        case 2:
            update.remove(target);
            break;
        default:
            update.add(target, value_from(in));
        }
    }
    if (!update.empty())
        e.update = update;
    dynaq::Projection projection;
    for (unsigned n = in.next() % 3; n > 0; --n)
        projection.add(paths[in.next() % paths.size()]);
    if (!projection.empty())
        e.projection = projection;
    return dynaq::render_expressions(e, data);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in(std::string_view(reinterpret_cast<const char*>(data), size));
    std::vector<dynaq::Path> paths;
    for (int i = 0; i < 3; ++i) {
        const std::string_view text = in.field();
        try {
            dynaq::Path p(text);
            require(!p.elements().empty());
            if (plain_names(p))
                require(dynaq::Path(p.to_string()).elements() == p.elements());
            paths.push_back(std::move(p));
        } catch (const dynaq::InvalidArgumentError&) {
        }
    }
    if (paths.empty())
        paths.emplace_back("a.b[1]");
    std::optional<dynaq::RawExpression> raw;
    try {
        raw.emplace(in.field());
    } catch (const dynaq::InvalidArgumentError&) {
    }
    dynaq::Item values{{std::string(in.field()), value_from(in)}, {"x", 1}};

    dynaq::RenderedExpressions out;
    try {
        out = render(in, paths, raw, values);
    } catch (const dynaq::InvalidArgumentError&) {
        return 0;
    }
    // The same input renders the same text and placeholders.
    const dynaq::RenderedExpressions again = render(in, paths, raw, values);
    require(again.condition == out.condition && again.filter == out.filter &&
            again.update == out.update && again.projection == out.projection &&
            again.names == out.names && again.values == out.values);
    // Exactly the placeholders used are defined.
    std::set<std::string> names, values_used;
    for (const std::string* text :
         {&out.key_condition, &out.filter, &out.condition, &out.update, &out.projection}) {
        collect(*text, '#', names);
        collect(*text, ':', values_used);
    }
    require(names.size() == out.names.size());
    for (const auto& [placeholder, name] : out.names)
        require(names.count(placeholder) == 1 && !name.empty());
    require(values_used.size() == out.values.size());
    for (const auto& [placeholder, value] : out.values)
        require(values_used.count(std::string(placeholder)) == 1);
    return 0;
}

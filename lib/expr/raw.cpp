// Raw templates in the Python library's syntax: `{path}` and `{name__value}` slots in free text.
#include "internal.hpp"

#include <cctype>
#include <utility>

namespace dynaq {

namespace {

constexpr std::string_view value_suffix = "__value";

[[noreturn]] void bad_template(std::string_view text, std::string_view why) {
    throw InvalidArgumentError("invalid raw expression \"" + std::string(text) +
                               "\": " + std::string(why));
}

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    return s;
}

bool ends_with_word_in(std::string_view s) {
    if (s.size() < 2)
        return false;
    const std::string_view tail = s.substr(s.size() - 2);
    const bool in = (tail[0] == 'I' || tail[0] == 'i') && (tail[1] == 'N' || tail[1] == 'n');
    if (!in || s.size() == 2)
        return in;
    const auto before = static_cast<unsigned char>(s[s.size() - 3]);
    return !std::isalnum(before) && before != '_';
}

// True when the slot text[open..close] is the whole list of `IN ( ... )`.
bool is_whole_in_list(std::string_view text, std::size_t open, std::size_t close) {
    const std::string_view before = trim_right(text.substr(0, open));
    const std::string_view after = trim_left(text.substr(close + 1));
    return !before.empty() && before.back() == '(' &&
           ends_with_word_in(trim_right(before.substr(0, before.size() - 1))) && !after.empty() &&
           after.front() == ')';
}

detail::RawPiece parse_slot(std::string_view text, std::size_t open, std::size_t close) {
    const std::string_view slot = text.substr(open + 1, close - open - 1);
    if (slot.empty())
        bad_template(text, "empty {} slot");
    if (slot.size() > value_suffix.size() && slot.ends_with(value_suffix)) {
        NamedValue value(std::string(slot.substr(0, slot.size() - value_suffix.size())));
        if (is_whole_in_list(text, open, close))
            return detail::ExpandedValue{std::move(value)};
        return value;
    }
    return Path(slot);
}

} // namespace

RawExpression::RawExpression(std::string_view text) {
    auto parsed = std::make_shared<detail::RawTemplate>();
    parsed->text = std::string(text);
    std::string literal;
    bool has_content = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {
            const std::size_t close = text.find_first_of("{}", i + 1);
            if (close == std::string_view::npos || text[close] != '}')
                bad_template(text, "'{' without a matching '}'");
            if (!literal.empty())
                parsed->pieces.emplace_back(std::exchange(literal, {}));
            parsed->pieces.push_back(parse_slot(text, i, close));
            // A placeholder is `#` or `:` and then [A-Za-z0-9_]: a name character right after
            // the slot would become part of it ("{a}b" -> "#n0b", a name never defined).
            if (close + 1 < text.size()) {
                const auto next = static_cast<unsigned char>(text[close + 1]);
                if (std::isalnum(next) || next == '_')
                    bad_template(text, "a slot must not be followed directly by a letter, digit "
                                       "or '_' (it would run into the placeholder): put a space "
                                       "or an operator after it");
            }
            has_content = true;
            i = close;
        } else if (c == '}') {
            bad_template(text, "'}' without a matching '{'");
        } else if (c == '#' || c == ':') {
            bad_template(text, "write names as {name} and values as {name__value}: '#' and ':' "
                               "are reserved for generated placeholders");
        } else {
            has_content = has_content || !std::isspace(static_cast<unsigned char>(c));
            literal += c;
        }
    }
    if (!has_content)
        bad_template(text, "it is empty");
    if (!literal.empty())
        parsed->pieces.emplace_back(std::move(literal));
    template_ = std::move(parsed);
}

const std::string& RawExpression::text() const noexcept {
    return template_->text;
}

std::string Placeholders::render(const RawExpression& expression) {
    return guarded([&] {
        std::string out;
        for (const detail::RawPiece& piece : expression.template_->pieces) {
            std::visit(
                [&](const auto& p) {
                    using T = std::remove_cvref_t<decltype(p)>;
                    if constexpr (std::is_same_v<T, std::string>) {
                        out += p;
                    } else if constexpr (std::is_same_v<T, Path>) {
                        append_path(out, p);
                    } else if constexpr (std::is_same_v<T, NamedValue>) {
                        out += value(data(p));
                    } else {
                        std::size_t count = 0;
                        detail::append_expanded(*this, out, data(p.value), count);
                        detail::check_candidate_count(count);
                    }
                },
                piece);
        }
        return out;
    });
}

} // namespace dynaq

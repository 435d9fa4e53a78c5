// Document paths and named values: parsing and validation, no rendering.
#include <dynaq/expression.hpp>

#include <algorithm>
#include <charconv>

namespace dynaq {

namespace {

[[noreturn]] void bad_path(std::string_view text, std::string_view why) {
    throw InvalidArgumentError("invalid document path \"" + std::string(text) +
                               "\": " + std::string(why));
}

std::size_t parse_index(std::string_view text, std::string_view digits) {
    std::size_t index = 0;
    const char* end = digits.data() + digits.size();
    auto [ptr, ec] = std::from_chars(digits.data(), end, index);
    if (digits.empty() || ec != std::errc() || ptr != end)
        bad_path(text, "a list index must be a non-negative decimal integer");
    return index;
}

} // namespace

Path::Path(std::string_view text) {
    if (text.empty())
        throw InvalidArgumentError("empty document path");
    std::size_t i = 0;
    for (;;) {
        std::size_t end = std::min(text.find_first_of(".[]", i), text.size());
        if (end == i)
            bad_path(text, i == 0 ? "it must start with an attribute name" : "empty name");
        elements_.emplace_back(std::string(text.substr(i, end - i)));
        i = end;
        while (i < text.size() && text[i] == '[') {
            const std::size_t close = text.find(']', i + 1);
            if (close == std::string_view::npos)
                bad_path(text, "unclosed '['");
            elements_.emplace_back(parse_index(text, text.substr(i + 1, close - i - 1)));
            i = close + 1;
        }
        if (i == text.size())
            return;
        if (text[i] == ']')
            bad_path(text, "unmatched ']'");
        if (text[i] != '.')
            bad_path(text, "expected '.' or '[' after ']'");
        ++i;
        if (i == text.size())
            bad_path(text, "empty name");
    }
}

Path::Path(Verbatim, std::string name) {
    if (name.empty())
        throw InvalidArgumentError("empty attribute name in document path");
    elements_.emplace_back(std::move(name));
}

Path path(std::string name) {
    return Path(Path::Verbatim{}, std::move(name));
}

Path Path::operator[](std::string_view name) const {
    if (name.empty())
        throw InvalidArgumentError("empty member name after document path " + to_string());
    Path extended = *this;
    extended.elements_.emplace_back(std::string(name));
    return extended;
}

Path Path::with_index(std::size_t index) const {
    Path extended = *this;
    extended.elements_.emplace_back(index);
    return extended;
}

std::string Path::to_string() const {
    std::string out;
    for (const Element& e : elements_) {
        if (const auto* name = std::get_if<std::string>(&e)) {
            if (!out.empty())
                out += '.';
            out += *name;
        } else {
            out += '[';
            out += std::to_string(std::get<std::size_t>(e));
            out += ']';
        }
    }
    return out;
}

bool Path::overlaps(const Path& other) const noexcept {
    const std::size_t common = std::min(elements_.size(), other.elements_.size());
    return std::equal(elements_.begin(), elements_.begin() + static_cast<std::ptrdiff_t>(common),
                      other.elements_.begin());
}

NamedValue::NamedValue(std::string name) : name_(std::move(name)) {
    if (name_.empty())
        throw InvalidArgumentError("a named value needs a non-empty name");
}

} // namespace dynaq

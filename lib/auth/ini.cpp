#include "ini.hpp"

#include <dynaq/error.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dynaq::detail {

namespace {

// A comment inside a line must follow whitespace, so values such as "a#b" keep their '#'.
std::string_view strip_inline_comment(std::string_view s) noexcept {
    for (std::size_t i = 1; i < s.size(); ++i) {
        if ((s[i] == '#' || s[i] == ';') && is_ini_blank(s[i - 1]))
            return s.substr(0, i);
    }
    return s;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

class Parser {
public:
    Parser(std::string_view text, std::string_view source) : text_(text), source_(source) {}

    IniDocument run() {
        constexpr std::string_view bom = "\xEF\xBB\xBF";
        if (text_.substr(0, bom.size()) == bom)
            text_.remove_prefix(bom.size());
        for (std::size_t pos = 0; pos < text_.size();) {
            std::size_t end = text_.find('\n', pos);
            if (end == std::string_view::npos)
                end = text_.size();
            std::string_view line = text_.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            ++line_number_;
            parse_line(line);
            pos = end + 1;
        }
        return std::move(document_);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw ConfigError(std::string(source_) + ':' + std::to_string(line_number_) + ": " + what);
    }

    void parse_line(std::string_view line) {
        std::size_t indent = 0;
        while (indent < line.size() && is_ini_blank(line[indent]))
            ++indent;
        const std::string_view content = line.substr(indent);
        if (content.empty() || content.front() == '#' || content.front() == ';')
            return;
        if (property_ != nullptr && indent > property_indent_) {
            const std::string_view more = trim_blanks(strip_inline_comment(content));
            if (!property_->empty())
                *property_ += '\n';
            *property_ += more;
            return;
        }
        if (content.front() == '[')
            parse_section(content);
        else
            parse_property(content, indent);
    }

    void parse_section(std::string_view content) {
        const std::size_t close = content.find(']');
        if (close == std::string_view::npos)
            fail("section header has no closing ']'");
        const std::string_view rest = trim_blanks(content.substr(close + 1));
        if (!rest.empty() && rest.front() != '#' && rest.front() != ';')
            fail("unexpected text after the section header");
        const std::string_view name = trim_blanks(content.substr(1, close - 1));
        if (name.empty())
            fail("empty section name");
        section_ = &document_[std::string(name)];
        property_ = nullptr;
    }

    void parse_property(std::string_view content, std::size_t indent) {
        const std::size_t eq = content.find('=');
        // The line itself is not quoted: in a credentials file it may well hold a secret.
        if (eq == std::string_view::npos)
            fail("expected 'key = value', a [section] or a comment");
        if (section_ == nullptr)
            fail("property before any [section]");
        const std::string_view key = trim_blanks(content.substr(0, eq));
        if (key.empty())
            fail("property without a key before '='");
        std::string& value = (*section_)[lowercase(key)];
        value = trim_blanks(strip_inline_comment(content.substr(eq + 1)));
        property_ = &value;
        property_indent_ = indent;
    }

    std::string_view text_;
    std::string_view source_;
    std::size_t line_number_ = 0;
    IniDocument document_;
    IniProperties* section_ = nullptr;
    std::string* property_ = nullptr; // the property a deeper-indented line would continue
    std::size_t property_indent_ = 0;
};

} // namespace

std::string_view trim_blanks(std::string_view text) noexcept {
    while (!text.empty() && is_ini_blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_ini_blank(text.back()))
        text.remove_suffix(1);
    return text;
}

IniDocument parse_ini(std::string_view text, std::string_view source) {
    return Parser(text, source).run();
}

std::optional<IniDocument> load_ini_file(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        return std::nullopt;
    if (ec)
        throw ConfigError("cannot read " + path + ": " + ec.message());
    if (status.type() != std::filesystem::file_type::regular)
        throw ConfigError("cannot read " + path + ": not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError("cannot read " + path + ": " +
                          std::error_code(errno, std::generic_category()).message());
    std::ostringstream contents;
    contents << in.rdbuf();
    if (in.bad())
        throw ConfigError("cannot read " + path + ": read error");
    return parse_ini(contents.str(), path);
}

} // namespace dynaq::detail

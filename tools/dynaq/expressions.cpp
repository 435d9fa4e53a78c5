#include "expressions.hpp"

#include "codec/base64.hpp"
#include <dynaq/plain_json.hpp>

#include <cctype>

namespace dynaq_cli {

namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

[[noreturn]] void bad_argument(std::string_view option, const std::string& why) {
    throw dynaq::InvalidArgumentError(std::string(option) + ": " + why);
}

// "PATH=JSON" split at the first '='.
std::pair<std::string, dynaq::AttributeValue> assignment(std::string_view text,
                                                         std::string_view option) {
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        bad_argument(option, "expected PATH=JSON, got \"" + std::string(text) + '"');
    return {std::string(text.substr(0, eq)), json_argument(text.substr(eq + 1), option)};
}

} // namespace

dynaq::RawExpression cli_expression(std::string_view text, std::string_view option) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {
            // Copied as it is, up to the closing brace: the library parses what is inside.
            const std::size_t close = text.find('}', i);
            const std::size_t end = close == std::string_view::npos ? text.size() : close + 1;
            out.append(text.substr(i, end - i));
            i = end - 1;
        } else if (c == ':' && i + 1 < text.size() && is_name_char(text[i + 1])) {
            std::size_t end = i + 1;
            while (end < text.size() && is_name_char(text[end]))
                ++end;
            out += '{';
            out.append(text.substr(i + 1, end - i - 1));
            out += "__value}";
            i = end - 1;
        } else if (c == '#') {
            bad_argument(option, "write attribute names as {name} (e.g. {status} = :s), not #name");
        } else {
            out += c;
        }
    }
    try {
        return dynaq::RawExpression(out);
    } catch (const dynaq::InvalidArgumentError& e) {
        bad_argument(option, e.what());
    }
}

dynaq::AttributeValue json_argument(std::string_view text, std::string_view option) {
    try {
        return dynaq::value_from_plain_json(text);
    } catch (const dynaq::InvalidArgumentError& e) {
        bad_argument(option, std::string(e.what()) + " (values are JSON: strings need quotes)");
    }
}

dynaq::Item json_object_argument(std::string_view text, std::string_view option) {
    try {
        return dynaq::item_from_plain_json(text);
    } catch (const dynaq::InvalidArgumentError& e) {
        bad_argument(option, e.what());
    }
}

dynaq::Item cli_values(const std::optional<std::string>& json) {
    dynaq::Item values;
    if (!json)
        return values;
    for (auto& [name, value] : json_object_argument(*json, "--values"))
        values.insert_or_assign(name.starts_with(':') ? name.substr(1) : name.view(),
                                std::move(value));
    return values;
}

dynaq::AttributeValue typed_key_value(std::string_view text, dynaq::ScalarAttributeType type,
                                      std::string_view option) {
    if (type == dynaq::ScalarAttributeType::s)
        return std::string(text);
    if (type == dynaq::ScalarAttributeType::b) {
        if (auto bytes = dynaq::detail::base64_decode(text))
            return dynaq::Binary(std::move(*bytes));
        bad_argument(option, "the key is binary: give it as base64");
    }
    try {
        return dynaq::Number(text);
    } catch (const dynaq::InvalidArgumentError& e) {
        bad_argument(option, e.what());
    }
}

dynaq::Update build_update(const UpdateActions& actions) {
    dynaq::Update update;
    for (const std::string& a : actions.set) {
        auto [path, value] = assignment(a, "--set");
        update.set(path, std::move(value));
    }
    for (const std::string& path : actions.remove)
        update.remove(path);
    for (const std::string& a : actions.add) {
        auto [path, value] = assignment(a, "--add");
        update.add(path, std::move(value));
    }
    for (const std::string& a : actions.del) {
        auto [path, value] = assignment(a, "--delete");
        update.delete_from_set(path, std::move(value));
    }
    return update;
}

dynaq::Projection parse_projection(std::string_view list) {
    dynaq::Projection projection;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view one = list.substr(0, comma);
        if (!one.empty())
            projection.add(dynaq::Path(one));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    if (projection.empty())
        throw dynaq::InvalidArgumentError("--projection: no attribute named");
    return projection;
}

} // namespace dynaq_cli

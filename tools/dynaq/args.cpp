#include "args.hpp"

#include <algorithm>
#include <charconv>

namespace dynaq_cli {

namespace {

const OptionSpec* find_option(const CommandSpec& spec, std::string_view name) {
    for (const auto* list : {&spec.options, &common_options()})
        for (const OptionSpec& o : *list)
            if (o.name == name)
                return &o;
    return nullptr;
}

std::string usage_line(const CommandSpec& spec) {
    std::string line = "usage: dynaq " + spec.name;
    for (const std::string& p : spec.positionals)
        line += ' ' + p;
    if (!spec.optional_positional.empty())
        line += " [" + spec.optional_positional + ']';
    if (!spec.options.empty())
        line += " [options]";
    return line;
}

void append_options(std::string& out, const std::vector<OptionSpec>& options) {
    for (const OptionSpec& o : options) {
        std::string left = "  " + o.name;
        if (!o.value.empty())
            left += ' ' + o.value;
        if (left.size() < 30)
            left.resize(30, ' ');
        else
            left += "\n" + std::string(30, ' ');
        out += left + o.help;
        if (o.repeatable)
            out += " (repeatable)";
        out += '\n';
    }
}

} // namespace

const std::vector<OptionSpec>& common_options() {
    static const std::vector<OptionSpec> options{
        {"--endpoint", "URL", "DynamoDB endpoint (default: AWS_ENDPOINT_URL_DYNAMODB, ...)"},
        {"--region", "REGION", "AWS region (default: AWS_REGION, the profile's region)"},
        {"--profile", "NAME", "profile of ~/.aws/config and ~/.aws/credentials"},
        {"--deadline", "SECONDS", "give up a request after SECONDS, retries included (default 60)"},
        {"--attempt-timeout", "SECONDS",
         "give up one attempt of a request after SECONDS and retry it (default 10)"},
        {"--help", "", "show this help"},
    };
    return options;
}

bool Args::has(std::string_view option) const {
    return values_.find(option) != values_.end();
}

std::optional<std::string> Args::get(std::string_view option) const {
    const auto it = values_.find(option);
    if (it == values_.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::all(std::string_view option) const {
    const auto it = values_.find(option);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::int64_t> Args::integer(std::string_view option, std::int64_t min,
                                          std::int64_t max) const {
    const auto text = get(option);
    if (!text)
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
        throw UsageError(std::string(option) + " needs a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max) + ", not \"" + *text + '"');
    return value;
}

Args parse_args(const CommandSpec& spec, std::span<const std::string> words) {
    Args args;
    bool options_done = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (options_done || word == "-" || !word.starts_with("-")) {
            args.positionals_.push_back(word);
            continue;
        }
        if (word == "--") {
            options_done = true;
            continue;
        }
        const std::size_t eq = word.find('=');
        const std::string name = word.substr(0, eq);
        const OptionSpec* option = find_option(spec, name);
        if (option == nullptr)
            throw UsageError("unknown option " + name + " for " + spec.name);
        auto& values = args.values_[name];
        if (!values.empty() && !option->repeatable)
            throw UsageError(name + " given twice");
        if (option->value.empty()) {
            if (eq != std::string::npos)
                throw UsageError(name + " takes no value");
            values.emplace_back();
            continue;
        }
        if (eq != std::string::npos) {
            values.push_back(word.substr(eq + 1));
        } else if (i + 1 < words.size()) {
            values.push_back(words[++i]);
        } else {
            throw UsageError(name + " needs a value (" + option->value + ")");
        }
    }
    if (args.has("--help"))
        return args;
    const std::size_t required = spec.positionals.size();
    const std::size_t allowed = required + (spec.optional_positional.empty() ? 0 : 1);
    const std::size_t given = args.positionals_.size();
    if (given < required)
        throw UsageError("missing " + spec.positionals[given] + " (" + usage_line(spec) + ")");
    if (given > allowed)
        throw UsageError("unexpected argument \"" + args.positionals_[allowed] + "\" (" +
                         usage_line(spec) + ")");
    return args;
}

std::string help_text(const CommandSpec& spec) {
    std::string out = usage_line(spec) + "\n\n" + spec.summary + "\n";
    if (!spec.options.empty()) {
        out += "\nOptions:\n";
        append_options(out, spec.options);
    }
    out += "\nConnection:\n";
    append_options(out, common_options());
    if (!spec.details.empty())
        out += "\n" + spec.details + (spec.details.ends_with('\n') ? "" : "\n");
    return out;
}

} // namespace dynaq_cli

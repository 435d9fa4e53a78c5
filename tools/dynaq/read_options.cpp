#include "read_options.hpp"

#include "expressions.hpp"

#include <array>
#include <string_view>

namespace dynaq_cli {

namespace {

struct SortOption {
    std::string_view name;
    dynaq::Op op;
};
constexpr std::array<SortOption, 6> single_sort_options{{
    {"--sk-eq", dynaq::Op::eq},
    {"--sk-lt", dynaq::Op::lt},
    {"--sk-le", dynaq::Op::le},
    {"--sk-gt", dynaq::Op::gt},
    {"--sk-ge", dynaq::Op::ge},
    {"--sk-begins-with", dynaq::Op::begins_with},
}};

// The key definitions of the table or of the index being read.
std::pair<dynaq::KeyDefinition, std::optional<dynaq::KeyDefinition>>
keys_of(const dynaq::TableSchema& schema, const std::optional<std::string>& index) {
    if (!index)
        return {schema.partition_key, schema.sort_key};
    const dynaq::SecondaryIndex* found = schema.find_index(*index);
    if (found == nullptr)
        throw dynaq::InvalidArgumentError("table \"" + schema.table_name + "\" has no index \"" +
                                          *index + '"');
    return {found->partition_key, found->sort_key};
}

// A --sk-between bound: the JSON element, typed like the other key values.
dynaq::AttributeValue between_bound(const dynaq::AttributeValue& v,
                                    dynaq::ScalarAttributeType type) {
    if (const dynaq::Text* s = v.get_if<dynaq::Text>())
        return typed_key_value(*s, type, "--sk-between");
    if (v.is_number() && type == dynaq::ScalarAttributeType::n)
        return v;
    throw dynaq::InvalidArgumentError("--sk-between: bounds must be strings or numbers");
}

std::optional<dynaq::SortKeyMatch> sort_key_match(const Args& args,
                                                  const std::optional<dynaq::KeyDefinition>& sk) {
    std::optional<dynaq::SortKeyMatch> match;
    auto claim = [&](std::string_view option) {
        if (match)
            throw UsageError("give at most one sort key condition (" + std::string(option) + ')');
        if (!sk)
            throw UsageError(std::string(option) + ": the table or index has no sort key");
    };
    for (const SortOption& o : single_sort_options) {
        if (const auto text = args.get(o.name)) {
            claim(o.name);
            match = dynaq::SortKeyMatch{o.op, typed_key_value(*text, sk->type, o.name)};
        }
    }
    if (const auto text = args.get("--sk-between")) {
        claim("--sk-between");
        const dynaq::AttributeValue bounds = json_argument(*text, "--sk-between");
        const dynaq::List* list = bounds.get_if<dynaq::List>();
        if (list == nullptr || list->size() != 2)
            throw dynaq::InvalidArgumentError("--sk-between needs a JSON array [LOW, HIGH]");
        match = dynaq::SortKeyMatch::between(between_bound((*list)[0], sk->type),
                                             between_bound((*list)[1], sk->type));
    }
    return match;
}

// What query and scan share; `Options` is QueryOptions or ScanOptions.
template <class Options>
void read_common(const Args& args, Options& options) {
    options.index = args.get("--index");
    if (const auto filter = args.get("--filter"))
        options.filter = dynaq::Condition(cli_expression(*filter, "--filter"));
    options.data = cli_values(args.get("--values"));
    if (const auto projection = args.get("--projection"))
        options.projection = parse_projection(*projection);
    options.consistent_read = args.has("--consistent");
    options.limit = args.integer("--limit", 1, INT64_MAX);
    if (const auto size = args.integer("--page-size", 1, 1'000'000))
        options.page_size = static_cast<std::int32_t>(*size);
}

} // namespace

std::vector<OptionSpec> filter_options() {
    return {
        {"--index", "NAME", "read a secondary index"},
        {"--filter", "EXPR", "filter expression, e.g. 'age >= :min AND {status} = :s'"},
        {"--values", "JSON", "values of the expressions, e.g. '{\"min\": 30, \"s\": \"on\"}'"},
        {"--projection", "A,B.C", "only these attributes"},
        {"--consistent", "", "strongly consistent read"},
        {"--limit", "N", "stop after N items"},
        {"--page-size", "N", "items DynamoDB evaluates per request (default 1000)"},
    };
}

std::vector<OptionSpec> key_condition_options() {
    return {
        {"--pk", "VALUE", "partition key value (typed by the key: text, number or base64)"},
        {"--sk-eq", "VALUE", "sort key = VALUE"},
        {"--sk-lt", "VALUE", "sort key < VALUE"},
        {"--sk-le", "VALUE", "sort key <= VALUE"},
        {"--sk-gt", "VALUE", "sort key > VALUE"},
        {"--sk-ge", "VALUE", "sort key >= VALUE"},
        {"--sk-begins-with", "PREFIX", "sort key starts with PREFIX"},
        {"--sk-between", "[LOW,HIGH]", "LOW <= sort key <= HIGH (a JSON array)"},
    };
}

dynaq::QueryOptions query_options(const Args& args, const dynaq::TableSchema& schema) {
    dynaq::QueryOptions options;
    read_common(args, options);
    const auto pk_text = args.get("--pk");
    if (!pk_text)
        throw UsageError("query needs --pk VALUE");
    const auto [pk, sk] = keys_of(schema, options.index);
    options.partition_key = typed_key_value(*pk_text, pk.type, "--pk");
    options.sort_key_match = sort_key_match(args, sk);
    options.scan_index_forward = !args.has("--reverse");
    return options;
}

dynaq::ScanOptions scan_options(const Args& args) {
    dynaq::ScanOptions options;
    read_common(args, options);
    if (const auto segments = args.integer("--segments", 1, 1'000'000))
        options.segments = static_cast<std::int32_t>(*segments);
    return options;
}

} // namespace dynaq_cli

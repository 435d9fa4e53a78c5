#pragma once
// Expressions and values as they are written on dynaq's command line.
//
// Expressions (--filter, --condition, --update-expression) use the library's raw templates with
// one shorthand: `:name` stands for the value `name` of --values, so
//     --filter 'age >= :min AND {status} = :s' --values '{"min": 30, "s": "active"}'
// works as in the AWS CLI, and `{path}` quotes an attribute name or path (reserved words like
// status, names with odd characters). ExpressionAttributeNames/Values are generated; `#` is not
// used on dynaq's command line.
#include <dynaq/expression.hpp>
#include <dynaq/model/common.hpp>
#include <dynaq/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq_cli {

/// The library template for a command-line expression (`:x` -> `{x__value}`). Throws
/// dynaq::InvalidArgumentError naming `option` for a '#' or a malformed template.
[[nodiscard]] dynaq::RawExpression cli_expression(std::string_view text, std::string_view option);

/// --values: a plain JSON object; a leading ':' on a name is dropped. Empty without text.
[[nodiscard]] dynaq::Item cli_values(const std::optional<std::string>& json);

/// A plain JSON argument; errors name the option.
[[nodiscard]] dynaq::AttributeValue json_argument(std::string_view text, std::string_view option);
[[nodiscard]] dynaq::Item json_object_argument(std::string_view text, std::string_view option);

/// A key value typed by the key's declared type: S as it is, N checked as a number, B from
/// base64. Lets `--pk user#1` and `--pk 42` work without JSON quoting.
[[nodiscard]] dynaq::AttributeValue
typed_key_value(std::string_view text, dynaq::ScalarAttributeType type, std::string_view option);

/// The update actions of `update`: each SET/ADD/DELETE is "PATH=JSON", each REMOVE a PATH.
struct UpdateActions {
    std::vector<std::string> set{};
    std::vector<std::string> remove{};
    std::vector<std::string> add{};
    std::vector<std::string> del{};
};
/// Throws dynaq::InvalidArgumentError naming the bad action.
[[nodiscard]] dynaq::Update build_update(const UpdateActions& actions);

/// "a,b.c,d[0]" -> Projection.
[[nodiscard]] dynaq::Projection parse_projection(std::string_view list);

} // namespace dynaq_cli

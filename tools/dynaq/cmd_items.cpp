// get, put, update, delete: one item each, through the Client (no DescribeTable needed).
#include "command.hpp"
#include "errors.hpp"
#include "expressions.hpp"
#include "output.hpp"

#include <iostream>
#include <iterator>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

const OptionSpec key_option{"--key", "JSON", "the item's key, e.g. '{\"pk\":\"a\",\"sk\":1}'"};
const OptionSpec condition_option{"--condition", "EXPR",
                                  "write only if it holds, e.g. 'attribute_not_exists(pk)'"};
const OptionSpec values_option{"--values", "JSON", "values of :name in expressions"};
const OptionSpec binary_option{"--binary", "ATTR",
                               "top-level attribute whose strings are base64 binary", true};
const OptionSpec return_old_option{"--return-old", "", "print the item as it was before"};

const std::string expression_help =
    "Expressions: {path} names an attribute (needed for reserved words such as {status});\n"
    ":name is the value \"name\" of --values. Example:\n"
    "  --condition 'attribute_not_exists(pk) OR {version} < :v' --values '{\"v\": 3}'";

dynaq::Item key_of(const Args& args) {
    const auto key = args.get("--key");
    if (!key)
        throw UsageError("--key JSON is required");
    return json_object_argument(*key, "--key");
}

// --condition rendered through the request's placeholder context.
std::optional<std::string> render_condition(const Args& args, dynaq::Placeholders& ph) {
    const auto condition = args.get("--condition");
    if (!condition)
        return std::nullopt;
    return ph.render(dynaq::Condition(cli_expression(*condition, "--condition")));
}

// What put, update and delete share: the --condition rendered through `ph` (after any other
// expression of the request), the names and values of them all, and --return-old.
template <class Request>
void finish_write(Request& request, dynaq::Placeholders& ph, const Args& args) {
    request.condition_expression = render_condition(args, ph);
    auto [names, values] = ph.release();
    request.expression_attribute_names = std::move(names);
    request.expression_attribute_values = std::move(values);
    if (args.has("--return-old"))
        request.return_values = dynaq::ReturnValues::all_old;
}

// Prints the returned item, if any.
void print_item(const std::optional<dynaq::Item>& item, const Args& args) {
    if (!item)
        return;
    LineOutput out;
    out.item(*item, json_options(args));
    out.flush();
}

std::string read_item_text(const std::string& argument) {
    if (argument != "-")
        return argument;
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
}

asio::awaitable<int> run_get(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    dynaq::GetItemRequest request{.table_name = ctx.table, .key = key_of(args)};
    if (const auto projection = args.get("--projection")) {
        dynaq::Placeholders ph;
        request.projection_expression = ph.render(parse_projection(*projection));
        request.expression_attribute_names = ph.release().names;
    }
    if (args.has("--consistent"))
        request.consistent_read = true;
    const dynaq::GetItemResponse got = co_await ctx.client.get_item(request);
    if (!got.item)
        co_return exit_code::item_not_found;
    print_item(got.item, args);
    co_return 0;
}

asio::awaitable<int> run_put(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    dynaq::PutItemRequest request{.table_name = ctx.table};
    try {
        request.item =
            dynaq::item_from_plain_json(read_item_text(args.positionals()[1]), json_options(args));
    } catch (const dynaq::InvalidArgumentError& e) {
        throw dynaq::InvalidArgumentError(std::string("ITEM: ") + e.what());
    }
    dynaq::Placeholders ph(cli_values(args.get("--values")));
    finish_write(request, ph, args);
    const dynaq::PutItemResponse put = co_await ctx.client.put_item(request);
    print_item(put.attributes, args);
    co_return 0;
}

asio::awaitable<int> run_update(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    dynaq::UpdateItemRequest request{.table_name = ctx.table, .key = key_of(args)};
    const UpdateActions actions{.set = args.all("--set"),
                                .remove = args.all("--remove"),
                                .add = args.all("--add"),
                                .del = args.all("--delete")};
    const bool has_actions = !actions.set.empty() || !actions.remove.empty() ||
                             !actions.add.empty() || !actions.del.empty();
    const auto raw = args.get("--update-expression");
    if (has_actions == raw.has_value())
        throw UsageError("give either --set/--remove/--add/--delete or --update-expression");
    dynaq::Placeholders ph(cli_values(args.get("--values")));
    request.update_expression = raw ? ph.render(cli_expression(*raw, "--update-expression"))
                                    : ph.render(build_update(actions));
    finish_write(request, ph, args);
    request.return_values = dynaq::ReturnValues::all_new;
    const dynaq::UpdateItemResponse updated = co_await ctx.client.update_item(request);
    print_item(updated.attributes, args);
    co_return 0;
}

asio::awaitable<int> run_delete(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    dynaq::DeleteItemRequest request{.table_name = ctx.table, .key = key_of(args)};
    dynaq::Placeholders ph(cli_values(args.get("--values")));
    finish_write(request, ph, args);
    const dynaq::DeleteItemResponse deleted = co_await ctx.client.delete_item(request);
    print_item(deleted.attributes, args);
    co_return 0;
}

} // namespace

std::vector<Command> item_commands() {
    return {
        {{.name = "get",
          .summary = "Print the item with --key as one JSON line (exit code 3 if there is none).",
          .positionals = {"TABLE"},
          .options = {key_option,
                      {"--consistent", "", "strongly consistent read"},
                      {"--projection", "A,B.C", "only these attributes"},
                      binary_option},
          .details = "Example:\n  dynaq get users --key '{\"pk\":\"acme\",\"sk\":\"user#1\"}'"},
         run_get},
        {{.name = "put",
          .summary = "Write ITEM (plain JSON; - reads it from stdin), replacing any item with its "
                     "key.",
          .positionals = {"TABLE", "ITEM"},
          .options = {condition_option, values_option, binary_option, return_old_option},
          .details = "Example:\n"
                     "  dynaq put users '{\"pk\":\"acme\",\"sk\":\"user#1\",\"age\":42,"
                     "\"tags\":{\"$SS\":[\"a\"]}}' \\\n"
                     "      --condition 'attribute_not_exists(pk)'\n" +
                     expression_help},
         run_put},
        {{.name = "update",
          .summary = "Change attributes of the item with --key; prints the item afterwards.",
          .positionals = {"TABLE"},
          .options = {key_option,
                      {"--set", "PATH=JSON", "set an attribute", true},
                      {"--remove", "PATH", "remove an attribute", true},
                      {"--add", "PATH=JSON", "add to a number or a set", true},
                      {"--delete", "PATH=JSON", "remove elements from a set", true},
                      {"--update-expression", "EXPR",
                       "instead of the above, e.g. 'SET {n} = {n} + :one'"},
                      condition_option,
                      values_option,
                      binary_option},
          .details = "Examples:\n"
                     "  dynaq update users --key '{\"pk\":\"acme\",\"sk\":\"user#1\"}' \\\n"
                     "      --set 'name=\"Ada\"' --add visits=1 --remove tmp\n"
                     "  dynaq update users --key '{\"pk\":\"a\",\"sk\":\"b\"}' "
                     "--update-expression 'SET {n} = {n} + :one' --values '{\"one\":1}'\n" +
                     expression_help},
         run_update},
        {{.name = "delete",
          .summary = "Delete the item with --key.",
          .positionals = {"TABLE"},
          .options = {key_option, condition_option, values_option, binary_option,
                      return_old_option},
          .details = "Example:\n"
                     "  dynaq delete users --key '{\"pk\":\"acme\",\"sk\":\"user#1\"}' "
                     "--condition '{age} > :min' --values '{\"min\":18}'"},
         run_delete},
    };
}

} // namespace dynaq_cli

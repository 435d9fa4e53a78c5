// sql: one PartiQL statement, its items printed as JSON Lines (every page, NextToken followed).
#include "command.hpp"

#include <dynaq/statement.hpp>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

asio::awaitable<int> run_sql(Context& ctx, const Args& args) {
    // Each --param is one plain JSON value, for one `?` in order; they travel as parameters.
    std::vector<dynaq::AttributeValue> parameters;
    for (const std::string& json : args.all("--param"))
        parameters.push_back(dynaq::value_from_plain_json(json));
    dynaq::StatementOptions options;
    if (args.has("--consistent"))
        options.consistent_read = true;
    auto stream = dynaq::execute_statement_stream(ctx.client, args.positionals()[0],
                                                  std::move(parameters), options);
    LineOutput out(args.get("--output").value_or(""));
    Progress& progress = ctx.start_progress("read");
    co_await write_stream(stream, out, progress, json_options(args));
    co_return 0;
}

} // namespace

std::vector<Command> sql_commands() {
    return {
        {{.name = "sql",
          .summary = "Run a PartiQL statement; print the items it returns.",
          .positionals = {"STATEMENT"},
          .options = {{"--param", "JSON", "the value of the next ?, as plain JSON", true},
                      {"--consistent", "", "strongly consistent read"},
                      {"--output", "FILE", "write to FILE instead of stdout"},
                      {"--binary", "ATTR",
                       "print this top-level attribute's binary as plain base64", true}},
          .details = "Items are printed one JSON object per line. Values are sent as parameters,\n"
                     "never spliced into the statement.\nExamples:\n"
                     "  dynaq sql 'SELECT * FROM \"users\" WHERE pk = ?' --param '\"user#1\"'\n"
                     "  dynaq sql 'UPDATE \"users\" SET age = ? WHERE pk = ?' --param 37 "
                     "--param '\"ada\"'"},
         run_sql},
    };
}

} // namespace dynaq_cli

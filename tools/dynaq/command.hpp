#pragma once
// What a subcommand is: its declaration (options, help) and the coroutine that runs it, given
// the connected Client and the shared run state.
#include "args.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <dynaq/client.hpp>
#include <dynaq/item_stream.hpp>
#include <dynaq/plain_json.hpp>
#include <dynaq/table_schema.hpp>

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>
#include <vector>

namespace dynaq_cli {

/// What a running subcommand shares with main: the client, the table it works on (named in
/// error messages), and the count of a long run (reported after Ctrl-C or an error).
struct Context {
    dynaq::Client& client;
    /// Whether stderr is a terminal: progress lines and summaries only then.
    bool interactive = false;
    std::string table{};
    std::unique_ptr<Progress> progress{};

    /// Starts counting items `what` ("written", "exported"); shown if interactive.
    Progress& start_progress(std::string what);
};

using Runner = boost::asio::awaitable<int> (*)(Context& context, const Args& args);

struct Command {
    CommandSpec spec;
    Runner run;
};

/// The schema of an existing table, from DescribeTable (ResourceNotFoundError if none).
boost::asio::awaitable<dynaq::TableSchema> describe_schema(dynaq::Client& client,
                                                           std::string table);

/// Writes every item of `stream` to `out` as JSON lines, counting them in `progress`; page by
/// page, so output starts with the first page and memory holds one page.
boost::asio::awaitable<void> write_stream(dynaq::ItemStream& stream, LineOutput& out,
                                          Progress& progress, dynaq::PlainJsonOptions options);

/// --binary ATTR values as plain JSON options.
[[nodiscard]] dynaq::PlainJsonOptions json_options(const Args& args);

// One list per group of subcommands (cmd_*.cpp).
[[nodiscard]] std::vector<Command> table_commands();       // tables describe create delete-table
[[nodiscard]] std::vector<Command> item_commands();        // get put update delete
[[nodiscard]] std::vector<Command> read_commands();        // query scan count
[[nodiscard]] std::vector<Command> sql_commands();         // sql
[[nodiscard]] std::vector<Command> transfer_commands();    // import export
[[nodiscard]] std::vector<Command> config_commands();      // config
[[nodiscard]] std::vector<Command> credentials_commands(); // credentials
[[nodiscard]] std::vector<Command> watch_commands();       // watch

} // namespace dynaq_cli

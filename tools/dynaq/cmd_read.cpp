// query, scan, count: the Table layer's streams (paging, parallel segments, Select=COUNT).
#include "command.hpp"
#include "read_options.hpp"

#include <dynaq/table.hpp>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

const OptionSpec segments_option{"--segments", "N", "parallel scan with N segments"};
const OptionSpec reverse_option{"--reverse", "", "descending sort key order"};
const OptionSpec output_option{"--output", "FILE", "write to FILE instead of stdout"};
const OptionSpec binary_option{"--binary", "ATTR",
                               "print this top-level attribute's binary as plain base64", true};

const std::string read_help =
    "Items are printed one JSON object per line. Expressions: {path} names an attribute,\n"
    ":name is the value \"name\" of --values.";

std::vector<OptionSpec> joined(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

enum class Read { query, scan, count };

// The three read the table DescribeTable reports, through the Table layer.
asio::awaitable<int> run_read(Context& ctx, const Args& args, Read read) {
    ctx.table = args.positionals()[0];
    const dynaq::TableSchema schema = co_await describe_schema(ctx.client, ctx.table);
    dynaq::Table<dynaq::Item> table(ctx.client, schema);
    const bool by_partition = read == Read::query || args.has("--pk");
    if (read == Read::count) {
        // Select=COUNT: one partition (a Query) with --pk, else the whole table (a Scan).
        std::int64_t count = 0;
        if (by_partition) {
            const dynaq::QueryOptions options = query_options(args, schema);
            count = co_await table.count(options);
        } else {
            const dynaq::ScanOptions options = scan_options(args);
            count = co_await table.count(options);
        }
        LineOutput out;
        out.line(std::to_string(count));
        out.flush();
        co_return 0;
    }
    auto stream =
        by_partition ? table.query(query_options(args, schema)) : table.scan(scan_options(args));
    LineOutput out(args.get("--output").value_or(""));
    Progress& progress = ctx.start_progress("read");
    co_await write_stream(stream.items(), out, progress, json_options(args));
    co_return 0;
}

asio::awaitable<int> run_query(Context& ctx, const Args& args) {
    return run_read(ctx, args, Read::query);
}
asio::awaitable<int> run_scan(Context& ctx, const Args& args) {
    return run_read(ctx, args, Read::scan);
}
asio::awaitable<int> run_count(Context& ctx, const Args& args) {
    return run_read(ctx, args, Read::count);
}

} // namespace

std::vector<Command> read_commands() {
    return {
        {{.name = "query",
          .summary = "Print the items of one partition (of the table or an index).",
          .positionals = {"TABLE"},
          .options = joined(joined(key_condition_options(), filter_options()),
                            {reverse_option, output_option, binary_option}),
          .details = "Examples:\n"
                     "  dynaq query users --pk acme --sk-begins-with user# --limit 10\n"
                     "  dynaq query events --pk dev1 --sk-between '[100,200]' --reverse\n"
                     "  dynaq query users --index by_email --pk ada@example.com\n" +
                     read_help},
         run_query},
        {{.name = "scan",
          .summary = "Print every item of the table (or an index), optionally filtered.",
          .positionals = {"TABLE"},
          .options = joined(filter_options(), {segments_option, output_option, binary_option}),
          .details = "Examples:\n"
                     "  dynaq scan users --filter 'age >= :min' --values '{\"min\":30}' | jq .pk\n"
                     "  dynaq scan users --segments 8 --limit 1000\n" +
                     read_help},
         run_scan},
        {{.name = "count",
          .summary = "Print how many items match (Select=COUNT: items are not transferred).",
          .positionals = {"TABLE"},
          .options = joined(key_condition_options(), filter_options()),
          .details = "With --pk it counts one partition (a Query), otherwise the whole table (a "
                     "Scan).\nExamples:\n"
                     "  dynaq count users\n"
                     "  dynaq count users --pk acme --filter 'age < :n' --values '{\"n\":18}'"},
         run_count},
    };
}

} // namespace dynaq_cli

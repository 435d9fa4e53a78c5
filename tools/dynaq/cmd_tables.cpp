// tables, describe, create, delete-table.
#include "command.hpp"
#include "output.hpp"
#include "table_spec.hpp"

#include <dynaq/names.hpp>
#include <dynaq/table.hpp>

#include <fstream>
#include <sstream>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

const OptionSpec no_wait{"--no-wait", "", "return at once instead of waiting for the change"};

void check_table_name(const std::string& name) {
    if (!dynaq::is_valid_table_name(name))
        throw dynaq::InvalidArgumentError("invalid table name \"" + name +
                                          "\": 3 to 255 characters of a-z A-Z 0-9 _ - .");
}

// Polls DescribeTable until the table is ACTIVE or gone, through the Table layer's waiter.
asio::awaitable<void> wait_for(dynaq::Client& client, const dynaq::TableDescription& described,
                               bool until_active) {
    dynaq::TableConfig config;
    config.wait_delay = std::chrono::milliseconds(500);
    dynaq::Table<dynaq::Item> table(client, dynaq::schema_from_description(described),
                                    std::move(config));
    if (until_active)
        co_await table.wait_until_exists();
    else
        co_await table.wait_until_not_exists();
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw dynaq::InvalidArgumentError("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

asio::awaitable<int> run_tables(Context& ctx, const Args&) {
    const std::vector<std::string> names = co_await ctx.client.list_all_tables();
    LineOutput out;
    for (const std::string& name : names)
        out.line(name);
    out.flush();
    co_return 0;
}

asio::awaitable<int> run_describe(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    check_table_name(ctx.table);
    // DescribeTable's own JSON, as the AWS CLI prints it, so existing jq filters keep working.
    const std::string body = R"({"TableName":")" + ctx.table + R"("})";
    const dynaq::Response response = co_await ctx.client.call("DescribeTable", body);
    LineOutput out;
    out.line(response.body);
    out.flush();
    co_return 0;
}

asio::awaitable<int> run_create(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    check_table_name(ctx.table);
    dynaq::TableDescription created;
    if (const auto file = args.get("--from-file")) {
        if (args.has("--pk") || args.has("--sk") || args.has("--gsi") || args.has("--lsi"))
            throw UsageError("--from-file describes the keys: leave out --pk/--sk/--gsi/--lsi");
        const std::string body = create_table_body(read_file(*file), ctx.table);
        (void)co_await ctx.client.call("CreateTable", body);
        if (args.has("--no-wait"))
            co_return 0;
        dynaq::DescribeTableRequest describe{.table_name = ctx.table};
        created = (co_await ctx.client.describe_table(describe)).table;
    } else {
        TableFlags flags{.table = ctx.table,
                         .pk = args.get("--pk"),
                         .sk = args.get("--sk"),
                         .gsis = args.all("--gsi"),
                         .lsis = args.all("--lsi"),
                         .rcu = args.integer("--rcu", 1, INT64_MAX),
                         .wcu = args.integer("--wcu", 1, INT64_MAX)};
        const dynaq::CreateTableRequest request =
            dynaq::create_table_request(schema_from_flags(flags));
        created = (co_await ctx.client.create_table(request)).table_description;
        if (args.has("--no-wait"))
            co_return 0;
    }
    co_await wait_for(ctx.client, created, true);
    co_return 0;
}

asio::awaitable<int> run_delete_table(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    check_table_name(ctx.table);
    const dynaq::DeleteTableRequest request{.table_name = ctx.table};
    const dynaq::DeleteTableResponse deleted = co_await ctx.client.delete_table(request);
    if (!args.has("--no-wait"))
        co_await wait_for(ctx.client, deleted.table_description, false);
    co_return 0;
}

} // namespace

std::vector<Command> table_commands() {
    return {
        {{.name = "tables",
          .summary = "List the tables, one name per line.",
          .details = "Example:\n  dynaq tables --endpoint http://localhost:8000"},
         run_tables},
        {{.name = "describe",
          .summary = "Print DescribeTable's JSON for TABLE (as `aws dynamodb describe-table`).",
          .positionals = {"TABLE"},
          .details = "Example:\n  dynaq describe users | jq .Table.ItemCount"},
         run_describe},
        {{.name = "create",
          .summary = "Create TABLE and wait until it is ACTIVE.",
          .positionals = {"TABLE"},
          .options = {{"--pk", "NAME[:TYPE]", "partition key; TYPE is S (default), N or B"},
                      {"--sk", "NAME[:TYPE]", "sort key"},
                      {"--gsi", "NAME=PK[:T][,SK[:T]]", "global secondary index (projects ALL)",
                       true},
                      {"--lsi", "NAME=SK[:T]", "local secondary index (projects ALL)", true},
                      {"--rcu", "N", "provisioned read capacity (with --wcu)"},
                      {"--wcu", "N", "provisioned write capacity (default: pay per request)"},
                      {"--from-file", "FILE",
                       "CreateTable JSON (aws dynamodb create-table --cli-input-json format)"},
                      no_wait},
          .details = "Examples:\n"
                     "  dynaq create users --pk pk --sk sk --gsi by_email=email\n"
                     "  dynaq create events --pk device:S --sk at:N --rcu 5 --wcu 5\n"
                     "  dynaq create orders --from-file orders-table.json"},
         run_create},
        {{.name = "delete-table",
          .summary = "Delete TABLE and wait until it is gone.",
          .positionals = {"TABLE"},
          .options = {no_wait}},
         run_delete_table},
    };
}

} // namespace dynaq_cli

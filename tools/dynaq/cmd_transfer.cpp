// import and export: bulk writes through Table::batch_put (batched, concurrent, unprocessed
// items re-sent) and bulk reads through a parallel scan.
#include "command.hpp"
#include "errors.hpp"
#include "read_options.hpp"
#include "readers.hpp"
#include "resume.hpp"
#include "signals.hpp"

#include <dynaq/table.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

constexpr std::int64_t default_concurrency = 8;
constexpr std::int32_t default_export_segments = 4;

// The import's key check, with the line number: the Table layer would reject the whole chunk
// without saying which line was wrong.
void check_keys(const dynaq::Item& item, const dynaq::TableSchema& schema, std::int64_t line) {
    auto check = [&](const dynaq::KeyDefinition& key) {
        const auto it = item.find(key.name);
        if (it == item.end())
            throw InputError("line " + std::to_string(line) + ": key attribute \"" + key.name +
                             "\" is missing");
        const dynaq::Type wanted = key.type == dynaq::ScalarAttributeType::s   ? dynaq::Type::S
                                   : key.type == dynaq::ScalarAttributeType::n ? dynaq::Type::N
                                                                               : dynaq::Type::B;
        try {
            if (it->second.type() != wanted)
                throw dynaq::InvalidArgumentError("must be " + std::string(to_string(wanted)) +
                                                  ", not " +
                                                  std::string(to_string(it->second.type())));
            dynaq::validate_key_value(it->second, key.name);
        } catch (const dynaq::InvalidArgumentError& e) {
            throw InputError("line " + std::to_string(line) + ": key attribute \"" + key.name +
                             "\": " + e.what());
        }
    };
    check(schema.partition_key);
    if (schema.sort_key)
        check(*schema.sort_key);
}

// Ctrl-C while a read of stdin waits (Asio's handler does not restart it) ends the read like
// the end of the input: that must stop the import, not write a chunk cut short as complete.
void check_stdin(const std::istream& in) {
    if (&in != &std::cin || !std::ferror(stdin))
        return;
    if (errno == EINTR)
        throw dynaq::CancelledError(std::make_error_code(std::errc::interrupted),
                                    "reading stdin was interrupted");
    throw InputError(std::string("reading stdin failed: ") + std::strerror(errno));
}

std::optional<ResumePoint> read_resume(const Args& args, const std::string& table) {
    const std::optional<std::string> path = args.get("--resume");
    if (!path)
        return std::nullopt;
    std::ifstream file(*path, std::ios::binary);
    if (!file)
        throw UsageError("cannot read the resume file " + *path);
    std::ostringstream text;
    text << file.rdbuf();
    ResumePoint point = parse_resume(text.str());
    if (point.table != table)
        throw UsageError("the resume file " + *path + " is for table \"" + point.table +
                         "\", not \"" + table + '"');
    return point;
}

// After a batch gave up: counts the input never sent, saves the resume point and replaces the
// batch's message by the whole import's account and the command that finishes the job.
[[noreturn]] void give_up(const dynaq::BatchIncompleteError& e, ImportLedger& ledger,
                          ItemReader& reader, const std::optional<ResumePoint>& resume,
                          const Args& args, const std::string& table, const std::string& path) {
    std::string counting;
    try {
        while (reader.next())
            if (!resume || resume->wanted(reader.line()))
                ledger.not_sent();
    } catch (const InputError& bad) {
        counting = "; counting stopped at a malformed line (" + std::string(bad.what()) + ")";
    }
    const std::string resume_path =
        args.get("--resume-file").value_or(args.get("--resume").value_or(table + ".dynaq-resume"));
    std::string saved;
    {
        std::ofstream out(resume_path, std::ios::binary | std::ios::trunc);
        out << format_resume(resume_after(ledger, table, resume));
        out.close();
        saved = out ? "; resume with: dynaq import " + shell_quoted(table) + ' ' +
                          shell_quoted(path) + " --resume " + shell_quoted(resume_path) +
                          (path == "-" ? " < (the same input)" : "")
                    : "; the resume file " + resume_path + " could not be written";
    }
    // The batch's own counts are superseded by the import's; its cause is kept.
    std::string cause = " (still unprocessed after every re-send)";
    if (e.cause()) {
        try {
            std::rethrow_exception(e.cause());
        } catch (const std::exception& error) {
            cause = " (" + std::string(error.what()) + ')';
        } catch (...) {
        }
    }
    throw dynaq::BatchIncompleteError("import incomplete: " + std::to_string(ledger.written()) +
                                          " lines written, " + std::to_string(ledger.unwritten()) +
                                          " unwritten, " + std::to_string(ledger.unknown()) +
                                          " unknown (sent, answer lost)" + counting + saved + cause,
                                      e.outcome(), {}, e.cause());
}

asio::awaitable<int> run_import(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    const std::string path = args.positionals().size() > 1 ? args.positionals()[1] : "-";
    const InputFormat format = input_format(args.get("--format"), path);
    const std::int64_t concurrency =
        args.integer("--concurrency", 1, 256).value_or(default_concurrency);
    const std::optional<ResumePoint> resume = read_resume(args, ctx.table);
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file)
            throw dynaq::InvalidArgumentError("cannot read " + path);
    }
    std::istream& in = path == "-" ? std::cin : file;
    auto reader = make_reader(format, in, json_options(args));

    const dynaq::TableSchema schema = co_await describe_schema(ctx.client, ctx.table);
    dynaq::TableConfig config;
    config.batch.max_in_flight = static_cast<std::size_t>(concurrency);
    const std::size_t chunk_size =
        config.batch.max_in_flight * config.batch.max_writes_per_request * 4;
    dynaq::Table<dynaq::Item> table(ctx.client, schema, std::move(config));
    Progress& progress = ctx.start_progress("written");
    std::vector<std::string> key_names{schema.partition_key.name};
    if (schema.sort_key)
        key_names.push_back(schema.sort_key->name);
    ImportLedger ledger(key_names);

    // A malformed line stops the import with every line before it written and none after it:
    // the lines read before it in its chunk are written first.
    std::vector<dynaq::Item> chunk;
    chunk.reserve(chunk_size);
    std::exception_ptr bad_input;
    while (!bad_input) {
        chunk.clear();
        try {
            while (chunk.size() < chunk_size) {
                std::optional<dynaq::Item> item = reader->next();
                if (!item) {
                    check_stdin(in);
                    break;
                }
                if (resume && !resume->wanted(reader->line()))
                    continue;
                check_keys(*item, schema, reader->line());
                ledger.add(reader->line(), *item);
                chunk.push_back(std::move(*item));
            }
        } catch (const InputError&) {
            bad_input = std::current_exception();
        }
        if (chunk.empty())
            break;
        // Cancellation stops what is awaited; reading the input awaits nothing, so a Ctrl-C
        // that ended a read (as the end of the input, when the writer died with us) shows here.
        if (InterruptWatch::requested())
            throw dynaq::CancelledError(std::make_error_code(std::errc::operation_canceled),
                                        "interrupted");
        const std::int64_t before = ledger.written();
        try {
            co_await table.batch_put(chunk);
        } catch (const dynaq::BatchIncompleteError& e) {
            ledger.chunk_incomplete(e);
            progress.add(ledger.written() - before);
            give_up(e, ledger, *reader, resume, args, ctx.table, path);
        }
        ledger.chunk_written();
        progress.add(ledger.written() - before);
    }
    if (bad_input)
        std::rethrow_exception(bad_input);
    co_return 0;
}

asio::awaitable<int> run_export(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    const dynaq::TableSchema schema = co_await describe_schema(ctx.client, ctx.table);
    dynaq::ScanOptions options = scan_options(args);
    if (!args.has("--segments"))
        options.segments = default_export_segments;
    dynaq::Table<dynaq::Item> table(ctx.client, schema);
    auto stream = table.scan(options);
    LineOutput out(args.get("--output").value_or(""));
    Progress& progress = ctx.start_progress("exported");
    co_await write_stream(stream.items(), out, progress, json_options(args));
    co_return 0;
}

} // namespace

std::vector<Command> transfer_commands() {
    return {
        {{.name = "import",
          .summary = "Write the items of FILE (JSON Lines or CSV; stdin without FILE or with -).",
          .positionals = {"TABLE"},
          .optional_positional = "FILE",
          .options = {{"--format", "jsonl|csv",
                       "input format (default: csv for *.csv, else jsonl)"},
                      {"--concurrency", "N", "BatchWriteItem requests in flight (default 8)"},
                      {"--binary", "ATTR",
                       "JSON Lines: this top-level attribute's strings are base64 binary", true},
                      {"--resume", "RESUME",
                       "write only the lines RESUME (saved by an import that gave up) lists"},
                      {"--resume-file", "PATH",
                       "where to save the resume point if the import gives up (default: the "
                       "--resume file, else TABLE.dynaq-resume)"}},
          .details =
              "JSON Lines: one plain JSON object per line; sets as {\"$SS\":[...]}, "
              "{\"$NS\":[...]},\n{\"$BS\":[...]}, binary as {\"$B\":\"<base64>\"}.\n"
              "CSV: a header row of attribute names, typed by a suffix: age:N, ok:BOOL, "
              "photo:B (base64),\ntags:JSON (any plain JSON value), name or name:S for strings. "
              "An empty cell leaves the\nattribute out; \"\" is the empty string.\n"
              "Items go out in BatchWriteItem requests of 25, unprocessed items are re-sent; "
              "a malformed\nline stops the import (exit code 8) naming the line, after the "
              "items before it were written.\nWhen retries run out, the last line counts the "
              "input lines written, unwritten and unknown\n(sent, answer lost), saves the lines "
              "not known to be written in a resume file and prints\nthe command that writes "
              "just those: the same import with --resume (same input, same FILE).\n"
              "Examples:\n"
              "  dynaq import users users.jsonl\n"
              "  gunzip -c users.csv.gz | dynaq import users --format csv --concurrency 16"},
         run_import},
        {{.name = "export",
          .summary = "Write every item of TABLE as JSON Lines (stdout or --output FILE).",
          .positionals = {"TABLE"},
          .options = {{"--output", "FILE", "write to FILE instead of stdout"},
                      {"--segments", "N", "parallel scan segments (default 4)"},
                      {"--consistent", "", "strongly consistent reads"},
                      {"--page-size", "N", "items per Scan request (default 1000)"},
                      {"--binary", "ATTR", "write this attribute's binary as plain base64", true}},
          .details = "The output reads back with import (numbers exact, sets and binary tagged).\n"
                     "Example:\n  dynaq export users --segments 8 | gzip > users.jsonl.gz"},
         run_export},
    };
}

} // namespace dynaq_cli

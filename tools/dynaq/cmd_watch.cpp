// watch: a table's changes from its DynamoDB stream, one JSON line each, until interrupted,
// with the position saved as a checkpoint file (after every batch printed, and on exit).
#include "command.hpp"

#include <dynaq/change_stream.hpp>
#include <dynaq/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace dynaq_cli {

namespace asio = boost::asio;

namespace {

struct WatchFormat {
    bool dynamodb_json = false;
    dynaq::PlainJsonOptions plain;

    [[nodiscard]] std::string item(const dynaq::Item& item) const {
        return dynamodb_json ? dynaq::to_json(item) : dynaq::to_plain_json(item, plain);
    }
};

std::string json_string(std::string_view text) {
    return dynaq::to_plain_json(dynaq::AttributeValue(std::string(text)));
}

// "2024-01-01T00:00:00.500Z"
std::string iso_time(dynaq::Timestamp t) {
    const auto ms = t.time_since_epoch().count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms % 1000));
    return buffer;
}

std::string record_line(const dynaq::ChangeRecord& c, const WatchFormat& format) {
    const dynaq::StreamRecord& r = c.record;
    std::string line = "{\"event\":" + json_string(dynaq::to_string(r.event_name));
    line += ",\"keys\":" + format.item(r.keys);
    if (r.new_image)
        line += ",\"new_image\":" + format.item(*r.new_image);
    if (r.old_image)
        line += ",\"old_image\":" + format.item(*r.old_image);
    line += ",\"sequence_number\":" + json_string(r.sequence_number);
    line += ",\"shard_id\":" + json_string(c.shard_id);
    if (r.approximate_creation_date_time)
        line += ",\"approximate_creation_time\":" +
                json_string(iso_time(*r.approximate_creation_date_time));
    if (r.user_identity)
        line +=
            ",\"user_identity\":{\"principal_id\":" + json_string(r.user_identity->principal_id) +
            ",\"type\":" + json_string(r.user_identity->type) + "}";
    return line + "}";
}

asio::awaitable<int> run_watch(Context& ctx, const Args& args) {
    ctx.table = args.positionals()[0];
    const std::string from = args.get("--from").value_or("trim-horizon");
    dynaq::ChangeStreamOptions options;
    std::string checkpoint_path = args.get("--checkpoint").value_or("");
    if (from == "trim-horizon") {
        options.start = dynaq::ShardIteratorType::trim_horizon;
    } else if (from == "latest") {
        options.start = dynaq::ShardIteratorType::latest;
    } else {
        if (!std::filesystem::exists(from))
            throw UsageError("--from is trim-horizon, latest or a checkpoint file; there is no "
                             "file " +
                             from);
        options.from = dynaq::FileCheckpointStore(from).read();
        if (checkpoint_path.empty())
            checkpoint_path = from;
    }
    if (checkpoint_path.empty())
        checkpoint_path = ctx.table + ".checkpoint";
    if (const auto delay = args.integer("--idle-delay-ms", 1, 60'000))
        options.idle_delay = std::chrono::milliseconds(*delay);
    dynaq::FileCheckpointStore store(checkpoint_path);
    WatchFormat format;
    const std::string output_format = args.get("--format").value_or("plain");
    if (output_format != "plain" && output_format != "dynamodb")
        throw UsageError("--format is plain or dynamodb, not " + output_format);
    format.dynamodb_json = output_format == "dynamodb";
    format.plain = json_options(args);

    dynaq::ChangeStream stream(ctx.client, ctx.table, std::move(options));
    LineOutput out;
    Progress& progress = ctx.start_progress("read");
    auto save = [&] {
        if (!stream.stream_arn().empty())
            store.write(stream.checkpoint());
    };
    try {
        for (;;) {
            const dynaq::ChangeBatch batch = co_await stream.next();
            for (const dynaq::ChangeGap& gap : batch.gaps)
                std::fprintf(stderr,
                             "dynaq: records of shard %s after %s were trimmed before they were "
                             "read\n",
                             gap.shard_id.c_str(),
                             gap.after_sequence_number.empty() ? "its start"
                                                               : gap.after_sequence_number.c_str());
            for (const dynaq::ChangeRecord& r : batch.records)
                out.line(record_line(r, format));
            out.flush();
            progress.add(batch.records.size());
            // Printed first, saved second: a crash in between prints them again (at-least-once).
            save();
            if (stream.ended())
                co_return 0;
        }
    } catch (...) {
        out.flush();
        save();
        throw;
    }
}

} // namespace

std::vector<Command> watch_commands() {
    return {
        {{.name = "watch",
          .summary = "Print a table's changes (its DynamoDB stream) as they happen.",
          .positionals = {"TABLE"},
          .options = {{"--from", "POSITION",
                       "trim-horizon (default: all the stream keeps, up to 24 h), latest, or a "
                       "checkpoint file to resume from"},
                      {"--checkpoint", "FILE",
                       "where the position is saved (default: the --from file, else "
                       "TABLE.checkpoint)"},
                      {"--format", "plain|dynamodb",
                       "items as plain JSON (default) or DynamoDB JSON"},
                      {"--idle-delay-ms", "N", "poll an idle shard every N ms (default 1000)"},
                      {"--binary", "ATTR",
                       "print this top-level attribute's binary as plain base64", true}},
          .details =
              "One line per change: {\"event\": INSERT|MODIFY|REMOVE, \"keys\", \"new_image\", "
              "\"old_image\",\n\"sequence_number\", \"shard_id\", \"approximate_creation_time\"}. "
              "Runs until interrupted\n(Ctrl-C) or the stream is disabled and read to its end. "
              "The checkpoint is saved after\nevery batch printed and on exit; a restart with "
              "--from FILE continues after it (changes\nprinted after the last save are printed "
              "again). The table needs a stream\n(StreamSpecification). Examples:\n"
              "  dynaq watch orders --from latest\n"
              "  dynaq watch orders --from orders.checkpoint | jq -c .keys"},
         run_watch},
    };
}

} // namespace dynaq_cli

// dynaq: DynamoDB from the terminal with plain JSON items (README, "Command-line tool").
#include "args.hpp"
#include "command.hpp"
#include "errors.hpp"
#include "run.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace dynaq_cli;

std::vector<Command> all_commands() {
    std::vector<Command> all;
    for (auto group : {table_commands, item_commands, read_commands, sql_commands,
                       transfer_commands, watch_commands, config_commands, credentials_commands})
        for (Command& c : group())
            all.push_back(std::move(c));
    return all;
}

std::string general_help(const std::vector<Command>& commands) {
    std::string out = "usage: dynaq COMMAND [ARGS] [options]\n\n"
                      "DynamoDB from the terminal, with items as plain JSON, one per line.\n\n"
                      "Commands:\n";
    for (const Command& c : commands) {
        std::string name = "  " + c.spec.name;
        name.resize(16, ' ');
        out += name + c.spec.summary + '\n';
    }
    out += "\n`dynaq COMMAND --help` describes a command. Every command takes --endpoint URL,\n"
           "--region REGION, --profile NAME, --deadline SECONDS (per request, retries\n"
           "included; default 60) and --attempt-timeout SECONDS (per attempt; default 10);\n"
           "otherwise region, endpoint and credentials come\n"
           "from the environment and ~/.aws as for the AWS CLI (a localhost endpoint needs none).\n"
           "\nPlain JSON: strings, numbers (exact), true/false, null, arrays and objects as\n"
           "usual; sets as {\"$SS\":[...]}, {\"$NS\":[...]}, {\"$BS\":[...]}; binary as "
           "{\"$B\":\"<base64>\"}.\n\n";
    return out + exit_code_help();
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> words(argv + 1, argv + argc);
    const std::vector<Command> commands = all_commands();
    // Connection options may come before the command: `dynaq --endpoint URL tables`.
    std::vector<std::string> rest;
    const Command* command = nullptr;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (command != nullptr || (w.starts_with("-") && w != "-")) {
            rest.push_back(w);
            const bool takes_value = w == "--endpoint" || w == "--region" || w == "--profile" ||
                                     w == "--deadline" || w == "--attempt-timeout";
            if (command == nullptr && takes_value && i + 1 < words.size())
                rest.push_back(words[++i]);
            continue;
        }
        for (const Command& c : commands)
            if (c.spec.name == w)
                command = &c;
        if (command == nullptr) {
            std::fprintf(stderr, "dynaq: unknown command \"%s\" (see dynaq --help)\n", w.c_str());
            return exit_code::usage;
        }
    }
    if (command == nullptr) {
        const bool asked = !rest.empty() && (rest[0] == "--help" || rest[0] == "-h");
        std::fputs(general_help(commands).c_str(), asked ? stdout : stderr);
        return asked ? exit_code::ok : exit_code::usage;
    }
    try {
        const Args args = parse_args(command->spec, rest);
        if (args.has("--help")) {
            std::fputs((help_text(command->spec) + '\n' + exit_code_help()).c_str(), stdout);
            return exit_code::ok;
        }
        return run_command(*command, args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "dynaq: %s\n", e.what());
        return exit_code::usage;
    }
}

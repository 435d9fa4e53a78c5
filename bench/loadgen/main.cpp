// dynaq-bench: the load generator. Parses the command line, builds one Client, checks (and
// creates, fills) the table, runs the workload and prints the summary. See --help.
#include "client_config.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "setup.hpp"

#include <dynaq/client.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/io_context.hpp>

#include <iostream>
#include <variant>

int main(int argc, char** argv) {
    using namespace dynaq_bench;
    const auto parsed = parse_options(argc, argv);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) {
        (exit->status == 0 ? std::cout : std::cerr) << exit->text;
        return exit->status;
    }
    const BenchConfig& config = std::get<BenchConfig>(parsed);
    const bool progress = config.progress && stderr_is_terminal();
    try {
        const dynaq::ClientConfig client_config = make_client_config(config);
        boost::asio::io_context io(static_cast<int>(config.threads));
        dynaq::Client client(io.get_executor(), client_config);
        const std::string endpoint = client.transport().endpoint().url();

        run_setup(io, client, config, progress);
        const RunResult result = run_workload(io, client, config);

        std::cout << (config.json ? json_report(config, result, endpoint)
                                  : text_report(config, result, endpoint));
        const OpStats total = result.stats.total();
        return total.ok == 0 && total.errors > 0 ? 1 : 0;
    } catch (const SetupError& e) {
        std::cerr << "dynaq-bench: " << e.what() << '\n';
    } catch (const dynaq::ConfigError& e) {
        std::cerr << "dynaq-bench: configuration: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "dynaq-bench: " << e.what() << '\n';
    }
    return 1;
}

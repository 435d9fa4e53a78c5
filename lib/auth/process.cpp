// credential_process: a helper program prints the keys as JSON.
#include "credentials_document.hpp"
#include "process_runner.hpp"

#include <dynaq/credentials.hpp>
#include <dynaq/error.hpp>

namespace dynaq {

namespace asio = boost::asio;

ProcessCredentialsProvider::ProcessCredentialsProvider(ProcessOptions options,
                                                       RefreshOptions refresh) :
    RefreshingCredentialsProvider(
        options.source,
        [argv = detail::split_command_line(options.command, options.source),
         options]() -> asio::awaitable<Credentials> {
            const detail::ProcessResult result =
                co_await detail::run_process(argv, options.timeout);
            // The output is not quoted: it may hold half a secret.
            if (result.exit_status != 0)
                throw CredentialsError(options.source + " (" + argv.front() +
                                       ") exited with status " +
                                       std::to_string(result.exit_status));
            co_return detail::parse_credentials_document(
                result.output, options.source + " (" + argv.front() + ")",
                {.expiration_required = false, .version_1_required = true});
        },
        std::move(refresh)) {}

} // namespace dynaq

#pragma once
// What the styles_* examples share: the command line of example_args.hpp, and a fresh table
// (pk, sk strings) created before the style's own code runs and deleted after it.
//
//   dynaq-styles-<style> [--endpoint URL] [--region REGION] [--table NAME]
//
// `body(io, client, table)` is plain code: each example drives the io_context its own way.
#include "example_args.hpp"

#include <dynaq/client.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace dynaq_examples {

/// Throws when `ok` is false: an example checks what it gets.
inline void expect(bool ok, std::string_view what) {
    if (!ok)
        throw std::runtime_error("unexpected: " + std::string(what));
}

template <class Body>
int styles_main(int argc, char** argv, std::string_view program, Body body) {
    const auto parsed = parse_args(argc, argv, "dynaq_styles");
    if (const int* status = std::get_if<int>(&parsed))
        return *status;
    const auto& args = std::get<Args>(parsed);
    try {
        boost::asio::io_context io;
        dynaq::Client client(io.get_executor(), client_config(args));
        // Named, not a braced temporary: g++ 12 at -O3 reports the temporary's default members
        // as maybe-uninitialized when it is copied into the Table (a false positive).
        dynaq::TableSchema schema;
        schema.table_name = args.table;
        dynaq::Table<dynaq::Item> table(client, schema);
        auto setup = [&]() -> boost::asio::awaitable<void> {
            co_await table.create_table();
            co_await table.wait_until_exists();
        };
        run_with_client_loop(io, setup());
        std::exception_ptr failure;
        try {
            body(io, client, args.table);
        } catch (...) {
            failure = std::current_exception();
        }
        auto teardown = [&]() -> boost::asio::awaitable<void> { co_await table.delete_table(); };
        run_with_client_loop(io, teardown());
        if (failure)
            std::rethrow_exception(failure);
        std::cout << "OK\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << '\n';
        return 1;
    }
}

} // namespace dynaq_examples

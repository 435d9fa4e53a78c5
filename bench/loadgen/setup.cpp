#include "setup.hpp"

#include "items.hpp"

#include <dynaq/batch.hpp>
#include <dynaq/error.hpp>
#include <dynaq/table.hpp>

#include <boost/asio/co_spawn.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

namespace dynaq_bench {

namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

std::string missing_table(const std::string& table) {
    return "table " + table + " does not exist; create it with --create-table or --prepare";
}

// The benchmark's schema: hash key pk (S) and range key sk (S), on demand. A range key lets
// the query workload read pages of one partition; hash-only tables cannot serve it.
dynaq::TableSchema bench_schema(const BenchConfig& config) {
    return dynaq::TableSchema{.table_name = config.table};
}

dynaq::TableConfig bench_table_config(const BenchConfig& config) {
    dynaq::TableConfig table;
    // --prepare: as many BatchWriteItem calls in flight as the run will have requests.
    table.batch.max_in_flight = std::clamp<std::size_t>(config.concurrency, 1, 64);
    // dynalite and moto create tables at once, AWS in seconds: poll often, for up to 10 min.
    table.wait_delay = std::chrono::milliseconds(250);
    table.wait_attempts = 2400;
    return table;
}

asio::awaitable<std::optional<dynaq::TableDescription>> describe(dynaq::Client& client,
                                                                 const std::string& table) {
    const dynaq::DescribeTableRequest request{.table_name = table};
    std::optional<dynaq::TableDescription> found;
    bool missing = false;
    try {
        auto response = co_await client.describe_table(request);
        found = std::move(response.table);
    } catch (const dynaq::ResourceNotFoundError&) {
        missing = true;
    }
    if (missing)
        co_return std::nullopt;
    co_return found;
}

std::string render_key_schema(const dynaq::TableDescription& table) {
    std::string out;
    for (const auto& key : table.key_schema) {
        if (!out.empty())
            out += ", ";
        out += key.attribute_name + " " + std::string(dynaq::to_string(key.key_type));
    }
    return out;
}

// An existing table must have the keys the workloads write. Some DynamoDB-compatible servers
// describe tables sparsely; no key schema at all is taken on trust.
void check_key_schema(const dynaq::TableDescription& table, const std::string& name) {
    if (table.key_schema.empty())
        return;
    const auto type_of = [&](const std::string& attribute) {
        for (const auto& def : table.attribute_definitions)
            if (def.attribute_name == attribute)
                return def.attribute_type;
        return dynaq::ScalarAttributeType::s; // not described: assume it matches
    };
    const bool ok = table.key_schema.size() == 2 && table.key_schema[0].attribute_name == "pk" &&
                    table.key_schema[0].key_type == dynaq::KeyType::hash &&
                    table.key_schema[1].attribute_name == "sk" &&
                    table.key_schema[1].key_type == dynaq::KeyType::range &&
                    type_of("pk") == dynaq::ScalarAttributeType::s &&
                    type_of("sk") == dynaq::ScalarAttributeType::s;
    if (!ok)
        throw SetupError("table " + name + " has the key schema (" + render_key_schema(table) +
                         "); dynaq-bench needs hash key pk (S) and range key sk (S): name "
                         "another --table and add --create-table");
}

// Writes items 0 .. records-1 through the Table layer's batch_put (25 per BatchWriteItem,
// unprocessed items re-sent), a window at a time so memory stays bounded.
asio::awaitable<void> load(dynaq::Table<dynaq::Item>& table, const BenchConfig& config,
                           bool progress) {
    const ItemLayout layout(config);
    const std::uint64_t window = 25 * bench_table_config(config).batch.max_in_flight * 4;
    const auto started = clock::now();
    std::vector<dynaq::Item> items;
    for (std::uint64_t first = 0; first < config.records; first += window) {
        const std::uint64_t last = std::min(config.records, first + window);
        items.clear();
        for (std::uint64_t k = first; k < last; ++k)
            items.push_back(layout.item(k));
        co_await table.batch_put(items);
        if (progress)
            std::fprintf(stderr, "\rprepare: %llu/%llu items",
                         static_cast<unsigned long long>(last),
                         static_cast<unsigned long long>(config.records));
    }
    const std::chrono::duration<double> took = clock::now() - started;
    std::fprintf(stderr, "%sdynaq-bench: prepared %llu items in %.1f s\n", progress ? "\r" : "",
                 static_cast<unsigned long long>(config.records), took.count());
}

asio::awaitable<void> setup(dynaq::Client& client, dynaq::Client& probe, const BenchConfig& config,
                            bool progress) {
    const auto found = co_await describe(probe, config.table);
    dynaq::Table<dynaq::Item> table(client, bench_schema(config), bench_table_config(config));
    if (!found) {
        if (!config.create_table)
            throw SetupError(missing_table(config.table));
        co_await table.create_table();
        co_await table.wait_until_exists();
        std::fprintf(stderr, "dynaq-bench: created table %s (pk S hash, sk S range, on demand)\n",
                     config.table.c_str());
    } else {
        check_key_schema(*found, config.table);
        if (found->table_status && *found->table_status != dynaq::TableStatus::active)
            co_await table.wait_until_exists();
    }
    if (config.prepare)
        co_await load(table, config, progress);
}

} // namespace

void run_setup(boost::asio::io_context& io, dynaq::Client& client, const BenchConfig& config,
               bool progress) {
    dynaq::ClientConfig probe_config = client.config();
    probe_config.retry.max_attempts = std::min(3, config.max_attempts);
    dynaq::Client probe(io.get_executor(), probe_config);
    std::exception_ptr failure;
    asio::co_spawn(io, setup(client, probe, config, progress),
                   [&failure](std::exception_ptr e) { failure = std::move(e); });
    io.run();
    io.restart();
    if (failure)
        throw SetupError(
            describe_setup_failure(failure, config, client.transport().endpoint().url()));
}

std::string describe_setup_failure(const std::exception_ptr& error, const BenchConfig& config,
                                   const std::string& endpoint_url) {
    try {
        std::rethrow_exception(error);
    } catch (const SetupError& e) {
        return e.what();
    } catch (const dynaq::ResourceNotFoundError&) {
        return missing_table(config.table);
    } catch (const dynaq::UnrecognizedClientError& e) {
        return endpoint_url + " rejected the credentials (" + e.code() + "): " + e.message();
    } catch (const dynaq::AccessDeniedError& e) {
        return endpoint_url + " denied access (" + e.code() + "): " + e.message();
    } catch (const dynaq::BatchIncompleteError& e) {
        return "prepare: " + std::to_string(e.unprocessed_writes().size()) +
               " items could not be written: " + e.what();
    } catch (const dynaq::TimeoutError& e) {
        return "no answer from " + endpoint_url + ": " + e.what();
    } catch (const dynaq::TransportError& e) {
        // what() repeats the operation and URL; the system error is the news.
        return "cannot reach " + endpoint_url + ": " +
               (e.code() ? e.code().message() : std::string(e.what()));
    } catch (const dynaq::ServiceError& e) {
        return "setup failed: " + e.code() + ": " + e.message();
    } catch (const dynaq::ConfigError& e) {
        return e.what(); // e.g. no credentials: it names every source it tried
    } catch (const std::exception& e) {
        return std::string("setup failed: ") + e.what();
    } catch (...) {
        return "setup failed: unknown exception";
    }
}

} // namespace dynaq_bench

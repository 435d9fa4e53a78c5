#pragma once
// What the table unit tests share: a Client aimed at a FaultServer with fast retries
// (fault_client.hpp), a fixed clock, and a table named "tbl" with the default pk/sk keys.
#include "fault_client.hpp"
#include "fault_server.hpp"

#include <dynaq/client.hpp>
#include <dynaq/table.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace dynaq::test {

inline const std::string table_name = "tbl";
/// What fixed_now() gives as a timestamp attribute.
inline const std::string now_text = "2024-01-02T03:04:05.000000";

inline std::chrono::system_clock::time_point fixed_now() {
    using namespace std::chrono;
    return sys_days{2024y / January / 2} + 3h + 4min + 5s;
}

/// Fast backoff and polling, and the fixed clock.
inline TableConfig fast_table_config(std::size_t max_in_flight) {
    using namespace std::chrono_literals;
    TableConfig c;
    c.batch.max_in_flight = max_in_flight;
    c.batch.base_delay = 1ms;
    c.batch.max_delay = 2ms;
    c.wait_delay = 1ms;
    c.clock = fixed_now;
    return c;
}

inline TableSchema schema() {
    TableSchema s;
    s.table_name = table_name;
    return s;
}

} // namespace dynaq::test

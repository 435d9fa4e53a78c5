#pragma once
// What the table unit tests share: a Client aimed at a FaultServer with fast retries, a fixed
// clock, and a table named "tbl" with the default pk/sk keys.
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

/// `max_attempts` 1 makes every request on the wire one the Table asked for.
inline ClientConfig fault_client_config(const FaultServer& server, int max_attempts) {
    using namespace std::chrono_literals;
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint = server.url();
    cfg.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}});
    cfg.retry.max_attempts = max_attempts;
    cfg.retry.base_delay = 1ms;
    cfg.retry.max_delay = 2ms;
    // The tests inject many failures into one client: the quota would turn later ones into
    // failures without retries and blur what is being tested.
    cfg.retry.quota.enabled = false;
    cfg.timeouts.connect = 5s;
    cfg.timeouts.attempt = 5s;
    cfg.timeouts.call_deadline = 15s;
    return cfg;
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

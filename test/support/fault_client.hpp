#pragma once
// A ClientConfig aimed at a FaultServer, with fast retries: what the unit tests that drive a
// Client against the fault server share.
#include "fault_server.hpp"

#include <dynaq/config.hpp>
#include <dynaq/credentials.hpp>

#include <chrono>
#include <memory>

namespace dynaq::test {

/// `max_attempts` 1 makes every request on the wire one the code under test asked for.
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

} // namespace dynaq::test

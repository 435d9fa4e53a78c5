// Linked (whole) into every integration binary: stops the run before the first test case
// when tools/test's variables are missing or wrong. Without this, a binary whose tests all
// happen to skip the server helpers would pass while testing nothing. Listing tests
// (--list-tests) does not start a run, so it still works without a server.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "server.hpp"

#include <catch2/catch.hpp>

namespace {

struct integration_env_guard : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;

    void testRunStarting(const Catch::TestRunInfo& info) override {
        // Each helper throws with a message naming the variable; Catch2 prints it and the
        // binary exits non-zero.
        (void)dynaq::test::test_endpoint();
        (void)dynaq::test::server_kind();
        TestEventListenerBase::testRunStarting(info);
    }
};

} // namespace

CATCH_REGISTER_LISTENER(integration_env_guard)

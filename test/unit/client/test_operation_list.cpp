// The checklist derived from detail/operation_list.hpp: for every row, the Client method
// exists, operation_traits name it, and its fixture proves encoding, validation and decoding.
// A row without any of these fails here (a missing fixture or method does not even build).
#include "codec_support.hpp"
#include "fixtures_admin.hpp"
#include "fixtures_backup.hpp"
#include "fixtures_core.hpp"
#include "fixtures_export_import.hpp"
#include "fixtures_global_tables.hpp"
#include "fixtures_insights_kinesis.hpp"
#include "fixtures_partiql.hpp"
#include "fixtures_streams.hpp"

#include <dynaq/client.hpp>
#include <dynaq/streams_client.hpp>

#include <set>
#include <string>
#include <type_traits>

using namespace dynaq;

namespace {

std::string snake_case(std::string_view pascal) {
    std::string out;
    for (const char c : pascal) {
        if (c >= 'A' && c <= 'Z') {
            if (!out.empty())
                out += '_';
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

bool starts_with_any(std::string_view name, std::initializer_list<std::string_view> prefixes) {
    for (const auto p : prefixes)
        if (name.starts_with(p))
            return true;
    return false;
}

template <class Request>
void check_operation(std::set<std::string, std::less<>>& seen) {
    using traits = detail::operation_traits<Request>;
    using Response = typename traits::response_type;
    const auto sample = dynaq_test::fixture<Request>::get();
    INFO("operation " << traits::name);

    CHECK(seen.insert(std::string(traits::name)).second);
    CHECK(traits::method == snake_case(traits::name));
    // Reads, describes and lists change nothing, so they must be retry-safe.
    if (traits::item_access == ItemAccess::read ||
        starts_with_any(traits::name, {"Get", "Describe", "List"}))
        CHECK(traits::idempotent);
    // Whatever creates something is not: a second copy creates a second one (or fails).
    if (starts_with_any(traits::name, {"Create", "Restore", "Export", "Import"}))
        CHECK_FALSE(traits::idempotent);

    dynaq_test::require_encodes_to(sample.request, sample.request_json);

    if (sample.invalid) {
        try {
            dynaq_test::encode(*sample.invalid);
            FAIL("the invalid request was encoded");
        } catch (const InvalidArgumentError& e) {
            CHECK(std::string_view(e.what()).starts_with(std::string(traits::name) + ": "));
        }
    } else {
        CHECK(std::is_empty_v<Request>); // only a request without members has nothing to check
    }

    CHECK(dynaq_test::decode<Response>(sample.response_json) == sample.response);
    Response body_decoded;
    detail::decode_body(std::string(sample.response_json), body_decoded);
    CHECK(body_decoded == sample.response);
}

// The actions of the DynamoDB API reference, service version 2012-08-10.
const std::set<std::string, std::less<>> api_reference = {
    "BatchExecuteStatement",
    "BatchGetItem",
    "BatchWriteItem",
    "CreateBackup",
    "CreateGlobalTable",
    "CreateTable",
    "DeleteBackup",
    "DeleteItem",
    "DeleteResourcePolicy",
    "DeleteTable",
    "DescribeBackup",
    "DescribeContinuousBackups",
    "DescribeContributorInsights",
    "DescribeEndpoints",
    "DescribeExport",
    "DescribeGlobalTable",
    "DescribeGlobalTableSettings",
    "DescribeImport",
    "DescribeKinesisStreamingDestination",
    "DescribeLimits",
    "DescribeTable",
    "DescribeTableReplicaAutoScaling",
    "DescribeTimeToLive",
    "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination",
    "ExecuteStatement",
    "ExecuteTransaction",
    "ExportTableToPointInTime",
    "GetItem",
    "GetResourcePolicy",
    "ImportTable",
    "ListBackups",
    "ListContributorInsights",
    "ListExports",
    "ListGlobalTables",
    "ListImports",
    "ListTables",
    "ListTagsOfResource",
    "PutItem",
    "PutResourcePolicy",
    "Query",
    "RestoreTableFromBackup",
    "RestoreTableToPointInTime",
    "Scan",
    "TagResource",
    "TransactGetItems",
    "TransactWriteItems",
    "UntagResource",
    "UpdateContinuousBackups",
    "UpdateContributorInsights",
    "UpdateGlobalTable",
    "UpdateGlobalTableSettings",
    "UpdateItem",
    "UpdateKinesisStreamingDestination",
    "UpdateTable",
    "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive",
};

// The actions of the DynamoDB Streams API reference, service version 2012-08-10.
const std::set<std::string, std::less<>> streams_api_reference = {
    "DescribeStream",
    "GetRecords",
    "GetShardIterator",
    "ListStreams",
};

} // namespace

#define DYNAQ_CHECK_CLIENT_METHOD(method, Name, ...)                                               \
    static_assert(std::is_same_v<decltype(&Client::method), Client::awaitable<Name##Response> (    \
                                                                Client::*)(const Name##Request&)>, \
                  "Client::" #method " is missing or has the wrong type");
DYNAQ_OPERATIONS(DYNAQ_CHECK_CLIENT_METHOD)
#undef DYNAQ_CHECK_CLIENT_METHOD

TEST_CASE("operation list: every operation has a method, a name, a retry class, an encoder, a "
          "validator and a decoder",
          "[client][operations]") {
    std::set<std::string, std::less<>> seen;
#define DYNAQ_CHECK_OPERATION(method, Name, ...) check_operation<Name##Request>(seen);
    DYNAQ_OPERATIONS(DYNAQ_CHECK_OPERATION)
#undef DYNAQ_CHECK_OPERATION

    // Each action of the API reference is in the list, exactly once (check_operation catches a
    // name listed twice), and nothing else is.
    CHECK(seen == api_reference);
    CHECK(api_reference.size() == 57);
}

#define DYNAQ_CHECK_STREAMS_METHOD(method, Name, ...)                                              \
    static_assert(std::is_same_v<decltype(&StreamsClient::method),                                 \
                                 StreamsClient::awaitable<Name##Response> (StreamsClient::*)(      \
                                     const Name##Request&)>,                                       \
                  "StreamsClient::" #method " is missing or has the wrong type");                  \
    static_assert(detail::operation_traits<Name##Request>::service == Service::streams);
DYNAQ_STREAMS_OPERATIONS(DYNAQ_CHECK_STREAMS_METHOD)
#undef DYNAQ_CHECK_STREAMS_METHOD
static_assert(detail::operation_traits<GetItemRequest>::service == Service::dynamodb);

TEST_CASE("operation list: every Streams operation has a StreamsClient method, a name, an "
          "encoder, a validator and a decoder",
          "[client][operations][streams]") {
    std::set<std::string, std::less<>> seen;
#define DYNAQ_CHECK_OPERATION(method, Name, ...) check_operation<Name##Request>(seen);
    DYNAQ_STREAMS_OPERATIONS(DYNAQ_CHECK_OPERATION)
#undef DYNAQ_CHECK_OPERATION
    CHECK(seen == streams_api_reference);
}

TEST_CASE("operation list: responses without members take any body, as servers differ there",
          "[client][operations]") {
    // DynamoDB sends nothing for TagResource, dynalite the JSON string "", moto {}.
    for (const char* body : {"", "\"\"", "{}"}) {
        TagResourceResponse tagged;
        detail::decode_body(std::string(body), tagged);
        UntagResourceResponse untagged;
        detail::decode_body(std::string(body), untagged);
        CHECK(tagged == TagResourceResponse{});
    }
}

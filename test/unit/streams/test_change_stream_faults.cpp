// ChangeStream against a scripted stream behind the FaultServer: the three Streams errors moto
// cannot produce (ExpiredIterator, TrimmedDataAccess, LimitExceeded) and how the stream
// recovers from each. Every record is checked to arrive once and in order; no assertion
// depends on timing (the delays are short only so the tests are quick).
#include "deadline_scale.hpp"
#include "fault_server.hpp"
#include "run_until_done.hpp"

#include <dynaq/change_stream.hpp>
#include <dynaq/error.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/label-1";

// 21 digits, as short as Streams sequence numbers get; equal lengths compare as numbers.
std::string seq(int n) {
    const std::string digits = std::to_string(n);
    return "1" + std::string(20 - digits.size(), '0') + digits;
}

// Shard "shardId-00000000000000000001-aaaaaaaa" (closed, records 1..5) and its child
// "...0002-bbbbbbbb" (open, records 6..8). Iterators are "<shard>@<index>". Errors can be
// injected into chosen GetRecords calls (1-based, counted over the server's life).
class FakeStream {
public:
    static inline const std::string parent = "shardId-00000000000000000001-aaaaaaaa";
    static inline const std::string child = "shardId-00000000000000000002-bbbbbbbb";

    FakeStream() {
        for (int i = 1; i <= 5; ++i)
            records_[parent].push_back(i);
        for (int i = 6; i <= 8; ++i)
            records_[child].push_back(i);
    }

    void inject(int get_records_call, std::string code, int trim_parent_to = -1) {
        std::lock_guard lock(mutex_);
        faults_[get_records_call] = {std::move(code), trim_parent_to};
    }
    void no_streams() {
        std::lock_guard lock(mutex_);
        no_streams_ = true;
    }
    std::vector<std::string> iterator_requests() const {
        std::lock_guard lock(mutex_);
        return iterator_requests_;
    }

    Action handle(const RecordedRequest& r) {
        std::lock_guard lock(mutex_);
        rapidjson::Document body;
        body.Parse(r.body.c_str());
        const std::string op = r.operation();
        if (r.header("X-Amz-Target").rfind("DynamoDBStreams_20120810.", 0) != 0)
            return Action::error(400, "UnknownOperationException", "not a Streams call");
        if (op == "ListStreams") {
            if (no_streams_)
                return Action::ok(R"({"Streams": []})");
            return Action::ok(R"({"Streams": [{"StreamArn": ")" + arn +
                              R"(", "TableName": "orders", "StreamLabel": "label-1"}]})");
        }
        if (op == "DescribeStream")
            return Action::ok(R"({"StreamDescription": {"StreamArn": ")" + arn +
                              R"(", "StreamStatus": "ENABLED", "Shards": [{"ShardId": ")" + parent +
                              R"(", "SequenceNumberRange": {"StartingSequenceNumber": ")" + seq(1) +
                              R"(", "EndingSequenceNumber": ")" + seq(5) + R"("}}, {"ShardId": ")" +
                              child + R"(", "ParentShardId": ")" + parent +
                              R"(", "SequenceNumberRange": {"StartingSequenceNumber": ")" + seq(6) +
                              R"("}}]}})");
        if (op == "GetShardIterator") {
            const std::string shard = body["ShardId"].GetString();
            const std::string type = body["ShardIteratorType"].GetString();
            std::string logged = shard + " " + type;
            std::size_t index = trim_horizon_[shard];
            if (type == "AFTER_SEQUENCE_NUMBER") {
                const std::string after = body["SequenceNumber"].GetString();
                logged += " " + after;
                const auto& rs = records_[shard];
                index = 0;
                while (index < rs.size() && seq(rs[index]) <= after)
                    ++index;
                if (index < trim_horizon_[shard])
                    return Action::error(400, "TrimmedDataAccessException", "trimmed");
            }
            iterator_requests_.push_back(logged);
            return Action::ok(R"({"ShardIterator": ")" + shard + "@" + std::to_string(index) +
                              R"("})");
        }
        if (op == "GetRecords") {
            ++get_records_calls_;
            const std::string it = body["ShardIterator"].GetString();
            const std::string shard = it.substr(0, it.find('@'));
            const std::size_t index = std::stoul(it.substr(it.find('@') + 1));
            if (const auto f = faults_.find(get_records_calls_); f != faults_.end()) {
                if (f->second.trim_to >= 0)
                    trim_horizon_[parent] = static_cast<std::size_t>(f->second.trim_to);
                return Action::error(400, f->second.code, "injected");
            }
            if (index < trim_horizon_[shard])
                return Action::error(400, "TrimmedDataAccessException", "trimmed");
            const auto& rs = records_[shard];
            std::string out = R"({"Records": [)";
            std::size_t end = std::min(rs.size(), index + 2);
            for (std::size_t i = index; i < end; ++i) {
                if (i != index)
                    out += ',';
                out += R"({"eventID": "e)" + std::to_string(rs[i]) +
                       R"(", "eventName": "MODIFY", "dynamodb": {"Keys": {"pk": {"S": "k"}},
                       "NewImage": {"pk": {"S": "k"}, "n": {"N": ")" +
                       std::to_string(rs[i]) + R"("}}, "SequenceNumber": ")" + seq(rs[i]) +
                       R"("}})";
            }
            out += "]";
            if (shard == child || end < rs.size())
                out += R"(, "NextShardIterator": ")" + shard + "@" + std::to_string(end) + "\"";
            out += "}";
            return Action::ok(out);
        }
        return Action::error(400, "UnknownOperationException", op);
    }

private:
    struct Fault {
        std::string code;
        int trim_to = -1;
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::vector<int>> records_;
    std::map<std::string, std::size_t> trim_horizon_;
    std::map<int, Fault> faults_;
    std::vector<std::string> iterator_requests_;
    int get_records_calls_ = 0;
    bool no_streams_ = false;
};

ClientConfig config_for(const FaultServer& server) {
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint = server.url();
    cfg.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}});
    cfg.retry.max_attempts = 2;
    cfg.retry.base_delay = 1ms;
    cfg.retry.max_delay = 2ms;
    return cfg;
}

ChangeStreamOptions fast(TrimmedPolicy policy = TrimmedPolicy::report_gap) {
    ChangeStreamOptions o;
    o.idle_delay = 5ms;
    o.min_poll_interval = 1ms;
    o.limit_backoff = 2ms;
    o.on_trimmed = policy;
    return o;
}

// The record numbers ("n") read until `want` records arrived, with the gaps reported.
struct Collected {
    std::vector<int> numbers;
    std::vector<ChangeGap> gaps;
};

asio::awaitable<Collected> collect(ChangeStream& stream, std::size_t want) {
    Collected out;
    for (int calls = 0; out.numbers.size() < want; ++calls) {
        if (calls > 200)
            throw std::runtime_error("the stream stopped delivering");
        ChangeBatch batch = co_await stream.next();
        for (const ChangeRecord& r : batch.records)
            out.numbers.push_back(
                static_cast<int>(r.record.new_image->at("n").as_number().to_int64()));
        out.gaps.insert(out.gaps.end(), batch.gaps.begin(), batch.gaps.end());
    }
    co_return out;
}

} // namespace

TEST_CASE("change stream faults: an expired iterator is refreshed after the last record, and "
          "LimitExceeded is waited out",
          "[streams][faults]") {
    FakeStream fake;
    fake.inject(2, "ExpiredIteratorException");
    fake.inject(3, "LimitExceededException");
    fake.inject(5, "LimitExceededException");
    FaultServer server([&](const RecordedRequest& r) { return fake.handle(r); });
    asio::io_context io;
    ChangeStream stream(io.get_executor(), config_for(server), "orders", fast());
    const Collected got = run_until_done(io, collect(stream, 8), scaled(20s));
    CHECK(got.numbers == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8});
    CHECK(got.gaps.empty());
    const auto opened = fake.iterator_requests();
    REQUIRE(opened.size() == 3);
    CHECK(opened[0] == FakeStream::parent + " TRIM_HORIZON");
    CHECK(opened[1] == FakeStream::parent + " AFTER_SEQUENCE_NUMBER " + seq(2));
    CHECK(opened[2] == FakeStream::child + " TRIM_HORIZON"); // only after the parent ended
    const Checkpoint c = stream.checkpoint();
    CHECK(c.stream_arn == arn);
    REQUIRE(c.shards.size() == 2);
    CHECK(c.shards[0] == ShardCheckpoint{FakeStream::parent, seq(5), true});
    CHECK(c.shards[1] == ShardCheckpoint{FakeStream::child, seq(8), false});
}

TEST_CASE("change stream faults: trimmed data is skipped with a reported gap",
          "[streams][faults]") {
    FakeStream fake;
    // The second read finds records 1..3 past the retention.
    fake.inject(2, "TrimmedDataAccessException", 3);
    FaultServer server([&](const RecordedRequest& r) { return fake.handle(r); });
    asio::io_context io;
    ChangeStream stream(io.get_executor(), config_for(server), "orders", fast());
    const Collected got = run_until_done(io, collect(stream, 7), scaled(20s));
    CHECK(got.numbers == std::vector<int>{1, 2, 4, 5, 6, 7, 8});
    CHECK(got.gaps == std::vector<ChangeGap>{{FakeStream::parent, seq(2)}});
}

TEST_CASE("change stream faults: with TrimmedPolicy::fail, trimmed data is an error and the "
          "checkpoint stays before it",
          "[streams][faults]") {
    FakeStream fake;
    fake.inject(2, "TrimmedDataAccessException", 3);
    FaultServer server([&](const RecordedRequest& r) { return fake.handle(r); });
    asio::io_context io;
    ChangeStream stream(io.get_executor(), config_for(server), "orders", fast(TrimmedPolicy::fail));
    const Collected first = run_until_done(io, collect(stream, 2), scaled(20s));
    CHECK(first.numbers == std::vector<int>{1, 2});
    CHECK_THROWS_AS(run_until_done(io, collect(stream, 1), scaled(20s)), TrimmedDataAccessError);
    const Checkpoint c = stream.checkpoint();
    REQUIRE(c.shards.size() == 1);
    CHECK(c.shards[0] == ShardCheckpoint{FakeStream::parent, seq(2), false});
}

TEST_CASE("change stream faults: a restart from a checkpoint repeats nothing",
          "[streams][faults]") {
    FakeStream fake;
    FaultServer server([&](const RecordedRequest& r) { return fake.handle(r); });
    asio::io_context io;
    Checkpoint saved;
    {
        ChangeStream stream(io.get_executor(), config_for(server), "orders", fast());
        CHECK(run_until_done(io, collect(stream, 4), scaled(20s)).numbers ==
              std::vector<int>{1, 2, 3, 4});
        saved = stream.checkpoint();
    }
    ChangeStreamOptions resume = fast();
    resume.from = saved;
    ChangeStream again(io.get_executor(), config_for(server), "orders", resume);
    CHECK(run_until_done(io, collect(again, 4), scaled(20s)).numbers ==
          std::vector<int>{5, 6, 7, 8});
}

TEST_CASE("change stream faults: a table without a stream, and bad options", "[streams][faults]") {
    FakeStream fake;
    fake.no_streams();
    FaultServer server([&](const RecordedRequest& r) { return fake.handle(r); });
    asio::io_context io;
    ChangeStream stream(io.get_executor(), config_for(server), "orders", fast());
    CHECK_THROWS_AS(run_until_done(io, collect(stream, 1), scaled(20s)), ResourceNotFoundError);
    ChangeStreamOptions bad = fast();
    bad.limit = 0;
    CHECK_THROWS_AS(ChangeStream(io.get_executor(), config_for(server), "orders", bad),
                    InvalidArgumentError);
    bad = fast();
    bad.start = ShardIteratorType::at_sequence_number;
    CHECK_THROWS_AS(ChangeStream(io.get_executor(), config_for(server), "orders", bad),
                    InvalidArgumentError);
}

// Checkpoints as text, and the file store: atomic replace, a missing file, a corrupt one.
#include <dynaq/checkpoint.hpp>
#include <dynaq/error.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

using namespace dynaq;

namespace {

struct TempDir {
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "dynaq-ckpt-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

const Checkpoint sample{
    "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/label",
    {{"shardId-1", "100000000000000000001", true}, {"shardId-2", "100000000000000000042", false}}};

} // namespace

TEST_CASE("checkpoint: JSON round trip, and what is not a checkpoint", "[streams][checkpoint]") {
    CHECK(parse_checkpoint(to_json(sample)) == sample);
    CHECK(parse_checkpoint(to_json(Checkpoint{})) == Checkpoint{});
    CHECK_THROWS_AS(parse_checkpoint("{}"), ProtocolError);
    CHECK_THROWS_AS(parse_checkpoint("not json"), ProtocolError);
    CHECK_THROWS_AS(parse_checkpoint(R"({"stream_arn": "a", "shards": [{"shard_id": ""}]})"),
                    ProtocolError);
    CHECK_THROWS_WITH(parse_checkpoint(R"({"stream_arn": "a", "shards": [{"shard_id": "x"},
                                           {"shard_id": "x"}]})"),
                      Catch::Contains("listed twice"));
}

TEST_CASE("checkpoint: the file store saves atomically and loads what it saved",
          "[streams][checkpoint]") {
    TempDir dir;
    const std::string path = (dir.path / "c.json").string();
    FileCheckpointStore store(path);
    CHECK_FALSE(store.read().has_value()); // no file yet: the first run
    store.write(sample);
    CHECK(store.read() == sample);
    Checkpoint later = sample;
    later.shards[1].sequence_number = "100000000000000000043";
    store.write(later);
    CHECK(FileCheckpointStore(path).read() == later);
    // Nothing is left beside it.
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path),
                        std::filesystem::directory_iterator()) == 1);

    std::ofstream(path) << "{\"stream_arn\": 1}";
    CHECK_THROWS_WITH(store.read(), Catch::Contains(path));
    CHECK_THROWS_AS(
        FileCheckpointStore((dir.path / "no-such-dir" / "c.json").string()).write(sample),
        std::system_error);
    CHECK_THROWS_AS(FileCheckpointStore(""), InvalidArgumentError);
}

// Checkpoints as JSON, and the file store's atomic replace.
#include "codec/json.hpp"
#include <dynaq/checkpoint.hpp>
#include <dynaq/error.hpp>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace dynaq {

namespace {

[[noreturn]] void bad_checkpoint(std::string_view why) {
    throw ProtocolError("checkpoint: " + std::string(why));
}

[[noreturn]] void file_error(const std::string& what, const std::string& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path);
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            file_error("cannot write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void fsync_directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return; // the rename happened; only its durability across a power cut is weaker
    (void)::fsync(fd);
    ::close(fd);
}

} // namespace

std::string to_json(const Checkpoint& c) {
    std::string out;
    detail::StringSink sink{&out};
    detail::StackJsonWriter writer(sink);
    detail::JsonWriter& w = writer.get();
    w.StartObject();
    detail::write_key(w, "stream_arn");
    detail::write_string(w, c.stream_arn);
    detail::write_key(w, "shards");
    w.StartArray();
    for (const ShardCheckpoint& s : c.shards) {
        w.StartObject();
        detail::write_key(w, "shard_id");
        detail::write_string(w, s.shard_id);
        detail::write_key(w, "sequence_number");
        detail::write_string(w, s.sequence_number);
        detail::write_key(w, "finished");
        w.Bool(s.finished);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return out;
}

Checkpoint parse_checkpoint(std::string_view json) {
    const detail::JsonDocument doc{std::string(json)};
    const detail::JsonValue& root = detail::expect_object(doc.root(), "checkpoint");
    Checkpoint c;
    c.stream_arn = std::string(detail::require_string(root, "stream_arn", ""));
    const detail::JsonValue& shards =
        detail::expect_array(detail::require_member(root, "shards", ""), "shards");
    std::size_t i = 0;
    for (const auto& s : shards.GetArray()) {
        const std::string where = "shards[" + std::to_string(i++) + "]";
        detail::expect_object(s, where);
        ShardCheckpoint shard;
        shard.shard_id = std::string(detail::require_string(s, "shard_id", where));
        shard.sequence_number =
            std::string(detail::optional_string(s, "sequence_number", where).value_or(""));
        shard.finished = detail::optional_bool(s, "finished", where).value_or(false);
        if (shard.shard_id.empty())
            bad_checkpoint(where + ".shard_id is empty");
        c.shards.push_back(std::move(shard));
    }
    std::ranges::sort(c.shards, {}, &ShardCheckpoint::shard_id);
    if (std::ranges::adjacent_find(c.shards, {}, &ShardCheckpoint::shard_id) != c.shards.end())
        bad_checkpoint("a shard is listed twice");
    return c;
}

FileCheckpointStore::FileCheckpointStore(std::string path) : path_(std::move(path)) {
    if (path_.empty())
        throw InvalidArgumentError("FileCheckpointStore: the path is empty");
}

boost::asio::awaitable<std::optional<Checkpoint>> FileCheckpointStore::load() {
    co_return read();
}

boost::asio::awaitable<void> FileCheckpointStore::save(const Checkpoint& checkpoint) {
    write(checkpoint);
    co_return;
}

std::optional<Checkpoint> FileCheckpointStore::read() const {
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
        if (errno == ENOENT)
            return std::nullopt;
        file_error("cannot open", path_);
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return parse_checkpoint(text.str());
    } catch (const ProtocolError& e) {
        throw ProtocolError(path_ + ": " + e.what());
    }
}

void FileCheckpointStore::write(const Checkpoint& checkpoint) const {
    const std::string text = to_json(checkpoint) + "\n";
    const std::string temp = path_ + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        file_error("cannot create", temp);
    try {
        write_all(fd, text, temp);
        if (::fsync(fd) != 0)
            file_error("cannot fsync", temp);
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    if (::close(fd) != 0)
        file_error("cannot close", temp);
    if (::rename(temp.c_str(), path_.c_str()) != 0)
        file_error("cannot rename " + temp + " to", path_);
    fsync_directory_of(path_);
}

} // namespace dynaq

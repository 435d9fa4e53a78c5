#include "output.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

namespace dynaq_cli {

namespace {
constexpr std::size_t flush_at = 64 * 1024;
}

LineOutput::LineOutput(const std::string& path) :
    file_(stdout), owned_(false), line_buffered_(false), path_(path) {
    if (!path.empty() && path != "-") {
        file_ = std::fopen(path.c_str(), "wb");
        if (file_ == nullptr)
            throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
        owned_ = true;
    } else {
        path_ = "stdout";
        line_buffered_ = ::isatty(STDOUT_FILENO) == 1;
    }
    buffer_.reserve(flush_at + 4096);
}

LineOutput::~LineOutput() {
    // Best effort on the way out after an error or Ctrl-C: whatever was counted as written
    // should be in the output. flush() reports write errors on the normal path.
    if (!buffer_.empty())
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    if (owned_)
        std::fclose(file_);
    else
        std::fflush(file_);
}

void LineOutput::item(const dynaq::Item& item, const dynaq::PlainJsonOptions& options) {
    dynaq::append_plain_json(buffer_, item, options);
    buffer_ += '\n';
    maybe_flush();
}

void LineOutput::line(std::string_view text) {
    buffer_.append(text);
    buffer_ += '\n';
    maybe_flush();
}

void LineOutput::maybe_flush() {
    if (line_buffered_ || buffer_.size() >= flush_at)
        flush();
}

void LineOutput::flush() {
    const std::size_t size = buffer_.size();
    const std::size_t written = size == 0 ? 0 : std::fwrite(buffer_.data(), 1, size, file_);
    buffer_.clear();
    if (written != size || std::fflush(file_) != 0)
        throw std::runtime_error("writing " + path_ + ": " + std::strerror(errno));
}

} // namespace dynaq_cli

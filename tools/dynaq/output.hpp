#pragma once
// Where items go: one JSON object per line on stdout or in a file (--output), buffered, so a
// scan of millions of items pipes into jq at full speed. A terminal gets each line at once.
#include <dynaq/plain_json.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace dynaq_cli {

class LineOutput {
public:
    /// stdout for an empty path or "-"; otherwise the file, created or truncated. Throws
    /// std::runtime_error naming the file when it cannot be opened.
    explicit LineOutput(const std::string& path = {});
    ~LineOutput();
    LineOutput(const LineOutput&) = delete;
    LineOutput& operator=(const LineOutput&) = delete;

    void item(const dynaq::Item& item, const dynaq::PlainJsonOptions& options);
    void line(std::string_view text);
    /// Writes out what is buffered; throws std::runtime_error on a write error (disk full).
    void flush();

private:
    void maybe_flush();

    std::FILE* file_;
    bool owned_;
    bool line_buffered_;
    std::string path_;
    std::string buffer_;
};

} // namespace dynaq_cli

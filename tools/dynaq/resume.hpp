#pragma once
// Where an import that gave up left off. The import counts every input line as written,
// unwritten or unknown (sent, answer lost) from what the batch reports, and saves the lines
// not known to be written in a small resume file; `import --resume FILE` reads the same input
// again and writes only those lines.
#include <dynaq/batch.hpp>
#include <dynaq/value.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dynaq_cli {

/// The input lines an import is to write: those listed, and every line from `from` on.
struct ResumePoint {
    std::string table;
    std::vector<std::int64_t> lines; ///< ascending
    std::optional<std::int64_t> from;

    [[nodiscard]] bool wanted(std::int64_t line) const;
};

/// The file's text: a comment, then "table", "lines" and "from" lines.
[[nodiscard]] std::string format_resume(const ResumePoint& point);
/// Throws UsageError naming what is wrong.
[[nodiscard]] ResumePoint parse_resume(std::string_view text);

/// The fate of every input line of an import, a chunk (one Table::batch_put) at a time.
class ImportLedger {
public:
    explicit ImportLedger(std::span<const std::string> key_names) : key_names_(key_names) {}

    /// A line of the chunk about to be written.
    void add(std::int64_t line, const dynaq::Item& item);
    /// The chunk was written in full.
    void chunk_written();
    /// The chunk's batch gave up: each line takes the fate of its key.
    void chunk_incomplete(const dynaq::BatchIncompleteError& e);
    /// A line that was never sent (read after the import gave up, after every chunk).
    void not_sent();

    [[nodiscard]] std::int64_t written() const noexcept { return written_; }
    [[nodiscard]] std::int64_t unwritten() const noexcept { return unwritten_; }
    [[nodiscard]] std::int64_t unknown() const noexcept { return unknown_; }
    /// The lines to write again: for each key not known written, the last line that wrote it
    /// in its chunk (earlier ones were superseded by it), ascending.
    [[nodiscard]] std::vector<std::int64_t> left_lines() const;
    /// The last line added to a chunk so far (0 before any).
    [[nodiscard]] std::int64_t last_line() const noexcept { return last_line_; }

private:
    struct ChunkLine {
        std::int64_t line;
        std::string signature;
    };
    std::span<const std::string> key_names_;
    std::vector<ChunkLine> chunk_;
    std::vector<std::int64_t> left_;
    std::int64_t written_ = 0;
    std::int64_t unwritten_ = 0;
    std::int64_t unknown_ = 0;
    std::int64_t last_line_ = 0;
};

/// The resume point after an import gave up: what `ledger` left, then what `previous` (the
/// --resume file the import ran with, if any) wanted after the lines the import reached.
[[nodiscard]] ResumePoint resume_after(const ImportLedger& ledger, std::string table,
                                       const std::optional<ResumePoint>& previous);

/// `word`, quoted for a POSIX shell when it needs to be.
[[nodiscard]] std::string shell_quoted(std::string_view word);

} // namespace dynaq_cli

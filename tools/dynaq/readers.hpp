#pragma once
// Items read from import input, one at a time so memory stays bounded however large the file.
//
// JSON Lines: one plain JSON object per line (plain_json.hpp); blank lines are skipped.
// CSV (RFC 4180): a header row names the attributes; a column is typed by a suffix on its
// name: `age:N`, `active:BOOL`, `photo:B` (base64), `tags:JSON` (any plain JSON value, e.g.
// {"$SS":["a"]}), `name:S` or no suffix for strings. An empty unquoted cell leaves the
// attribute out; a quoted empty cell ("") is the empty string.
//
// Malformed input throws InputError("line N: ..."), N counted from 1 in the input.
#include <dynaq/plain_json.hpp>

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynaq_cli {

class ItemReader {
public:
    virtual ~ItemReader() = default;
    /// The next item, or nullopt at the end of the input.
    virtual std::optional<dynaq::Item> next() = 0;
    /// The input line the last item came from (where it starts), for messages.
    [[nodiscard]] virtual std::int64_t line() const noexcept = 0;
};

enum class InputFormat { jsonl, csv };

/// "jsonl" or "csv"; without a name, from the file's extension (".csv", else JSON Lines).
[[nodiscard]] InputFormat input_format(const std::optional<std::string>& name,
                                       std::string_view path);

/// A reader over `in`, which must outlive it.
[[nodiscard]] std::unique_ptr<ItemReader> make_reader(InputFormat format, std::istream& in,
                                                      dynaq::PlainJsonOptions options);

/// One CSV record: its fields, whether each was quoted, and the line it starts on.
struct CsvRecord {
    std::vector<std::string> fields{};
    std::vector<bool> quoted{};
    std::int64_t line = 0;
};

/// RFC 4180 records: ',' separated, "..." quoting with "" for a quote, line breaks (LF or
/// CRLF) inside quotes kept. A UTF-8 byte order mark at the start is skipped.
class CsvParser {
public:
    explicit CsvParser(std::istream& in) : in_(in) {}
    /// The next record, or nullopt at the end; InputError on a stray or unterminated quote.
    std::optional<CsvRecord> next();

private:
    std::istream& in_;
    std::int64_t line_ = 1;
    bool started_ = false;
};

} // namespace dynaq_cli

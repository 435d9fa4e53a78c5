#include "resume.hpp"

#include "args.hpp"

#include "table/batch_plan.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>
#include <unordered_set>

namespace dynaq_cli {

namespace {

constexpr std::string_view header = "# dynaq import resume point: the input lines not known "
                                    "to be written (dynaq import TABLE FILE --resume THIS)";

std::int64_t line_number(std::string_view word) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (ec != std::errc() || end != word.data() + word.size() || n < 1)
        throw UsageError("resume file: \"" + std::string(word) + "\" is not a line number");
    return n;
}

const dynaq::Item& target_of(const dynaq::WriteRequest& w) {
    if (const auto* put = std::get_if<dynaq::PutRequest>(&w))
        return put->item;
    return std::get<dynaq::DeleteRequest>(w).key;
}

} // namespace

bool ResumePoint::wanted(std::int64_t line) const {
    return (from && line >= *from) || std::binary_search(lines.begin(), lines.end(), line);
}

std::string format_resume(const ResumePoint& point) {
    std::string out(header);
    out += "\ntable " + point.table + "\nlines";
    for (std::int64_t line : point.lines)
        out += ' ' + std::to_string(line);
    out += '\n';
    if (point.from)
        out += "from " + std::to_string(*point.from) + '\n';
    return out;
}

ResumePoint parse_resume(std::string_view text) {
    ResumePoint point;
    bool seen_table = false;
    std::istringstream in{std::string(text)};
    std::string row;
    while (std::getline(in, row)) {
        if (row.empty() || row[0] == '#')
            continue;
        std::istringstream words(row);
        std::string keyword;
        words >> keyword;
        std::string word;
        if (keyword == "table") {
            std::getline(words >> std::ws, point.table);
            seen_table = true;
        } else if (keyword == "lines") {
            while (words >> word)
                point.lines.push_back(line_number(word));
        } else if (keyword == "from" && words >> word) {
            point.from = line_number(word);
        } else {
            throw UsageError("resume file: unexpected line \"" + row + '"');
        }
    }
    if (!seen_table)
        throw UsageError("resume file: no \"table\" line; is it a dynaq resume file?");
    std::sort(point.lines.begin(), point.lines.end());
    return point;
}

void ImportLedger::add(std::int64_t line, const dynaq::Item& item) {
    chunk_.push_back(
        {line, dynaq::detail::key_signature(dynaq::detail::extract_key(item, key_names_))});
    last_line_ = line;
}

void ImportLedger::chunk_written() {
    written_ += static_cast<std::int64_t>(chunk_.size());
    chunk_.clear();
}

void ImportLedger::chunk_incomplete(const dynaq::BatchIncompleteError& e) {
    enum class Fate { written, unwritten, unknown };
    std::unordered_map<std::string, Fate> fate;
    auto note = [&](const dynaq::Item& target, Fate f) {
        fate[dynaq::detail::key_signature(dynaq::detail::extract_key(target, key_names_))] = f;
    };
    for (const auto& key : e.written_keys())
        note(key, Fate::written);
    for (const auto& w : e.unwritten())
        note(target_of(w), Fate::unwritten);
    for (const auto& w : e.unknown())
        note(target_of(w), Fate::unknown);
    std::unordered_set<std::string_view> later; // keys met again further on in the chunk
    for (auto it = chunk_.rbegin(); it != chunk_.rend(); ++it) {
        const auto f = fate.find(it->signature);
        // A key the batch does not mention was not sent: it cannot have been written.
        const Fate line_fate = f == fate.end() ? Fate::unwritten : f->second;
        (line_fate == Fate::written     ? written_
         : line_fate == Fate::unwritten ? unwritten_
                                        : unknown_) += 1;
        if (line_fate != Fate::written && later.insert(it->signature).second)
            left_.push_back(it->line);
    }
    chunk_.clear();
    std::sort(left_.begin(), left_.end());
}

void ImportLedger::not_sent() {
    ++unwritten_;
}

std::vector<std::int64_t> ImportLedger::left_lines() const {
    return left_;
}

ResumePoint resume_after(const ImportLedger& ledger, std::string table,
                         const std::optional<ResumePoint>& previous) {
    ResumePoint point;
    point.table = std::move(table);
    point.lines = ledger.left_lines();
    const std::int64_t next = ledger.last_line() + 1;
    if (!previous) {
        point.from = next;
        return point;
    }
    // Lines the import did not reach keep the previous file's verdict.
    for (std::int64_t line : previous->lines)
        if (line >= next)
            point.lines.push_back(line);
    if (previous->from)
        point.from = std::max(*previous->from, next);
    std::sort(point.lines.begin(), point.lines.end());
    return point;
}

std::string shell_quoted(std::string_view word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
    });
    if (plain)
        return std::string(word);
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + '\'';
}

} // namespace dynaq_cli

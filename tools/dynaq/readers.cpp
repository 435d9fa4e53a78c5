#include "readers.hpp"

#include "errors.hpp"

#include "codec/base64.hpp"

#include <algorithm>
#include <cctype>

namespace dynaq_cli {

namespace {

[[noreturn]] void bad_line(std::int64_t line, const std::string& what) {
    throw InputError("line " + std::to_string(line) + ": " + what);
}

class JsonLinesReader : public ItemReader {
public:
    JsonLinesReader(std::istream& in, dynaq::PlainJsonOptions options) :
        in_(in), options_(std::move(options)) {}

    std::optional<dynaq::Item> next() override {
        while (std::getline(in_, text_)) {
            ++line_;
            if (std::all_of(text_.begin(), text_.end(),
                            [](unsigned char c) { return std::isspace(c) != 0; }))
                continue;
            try {
                return dynaq::item_from_plain_json(text_, options_);
            } catch (const dynaq::InvalidArgumentError& e) {
                bad_line(line_, e.what());
            }
        }
        if (in_.bad())
            bad_line(line_ + 1, "read error");
        return std::nullopt;
    }

    [[nodiscard]] std::int64_t line() const noexcept override { return line_; }

private:
    std::istream& in_;
    dynaq::PlainJsonOptions options_;
    std::string text_;
    std::int64_t line_ = 0;
};

enum class ColumnType { s, n, b, boolean, json };

struct Column {
    std::string name;
    ColumnType type = ColumnType::s;
};

Column parse_header_cell(const std::string& cell, std::int64_t line) {
    const std::size_t colon = cell.rfind(':');
    Column column{cell, ColumnType::s};
    if (colon != std::string::npos) {
        const std::string suffix = cell.substr(colon + 1);
        column.name = cell.substr(0, colon);
        if (suffix == "S")
            column.type = ColumnType::s;
        else if (suffix == "N")
            column.type = ColumnType::n;
        else if (suffix == "B")
            column.type = ColumnType::b;
        else if (suffix == "BOOL")
            column.type = ColumnType::boolean;
        else if (suffix == "JSON")
            column.type = ColumnType::json;
        else
            bad_line(line, "column \"" + cell + "\": unknown type " + suffix +
                               " (use S, N, B, BOOL or JSON)");
    }
    if (column.name.empty())
        bad_line(line, "empty column name in the header");
    return column;
}

dynaq::AttributeValue cell_value(const Column& column, std::string cell) {
    switch (column.type) {
    case ColumnType::s:
        return cell;
    case ColumnType::n:
        return dynaq::Number(cell);
    case ColumnType::b:
        if (auto bytes = dynaq::detail::base64_decode(cell))
            return dynaq::Binary(std::move(*bytes));
        throw dynaq::InvalidArgumentError("invalid base64");
    case ColumnType::boolean:
        if (cell == "true" || cell == "TRUE" || cell == "True")
            return true;
        if (cell == "false" || cell == "FALSE" || cell == "False")
            return false;
        throw dynaq::InvalidArgumentError("expected true or false, got \"" + cell + '"');
    case ColumnType::json:
        return dynaq::value_from_plain_json(cell);
    }
    return cell;
}

class CsvReader : public ItemReader {
public:
    explicit CsvReader(std::istream& in) : parser_(in) {}

    std::optional<dynaq::Item> next() override {
        if (columns_.empty())
            read_header();
        for (;;) {
            auto record = parser_.next();
            if (!record)
                return std::nullopt;
            if (record->fields.size() == 1 && record->fields[0].empty() && !record->quoted[0])
                continue; // a blank line
            line_ = record->line;
            return item(std::move(*record));
        }
    }

    [[nodiscard]] std::int64_t line() const noexcept override { return line_; }

private:
    void read_header() {
        auto header = parser_.next();
        if (!header)
            bad_line(1, "no header row (CSV input starts with the attribute names)");
        for (const std::string& cell : header->fields) {
            Column column = parse_header_cell(cell, header->line);
            for (const Column& c : columns_)
                if (c.name == column.name)
                    bad_line(header->line, "column \"" + column.name + "\" appears twice");
            columns_.push_back(std::move(column));
        }
    }

    dynaq::Item item(CsvRecord record) {
        if (record.fields.size() != columns_.size())
            bad_line(record.line, "expected " + std::to_string(columns_.size()) +
                                      " fields as in the header, got " +
                                      std::to_string(record.fields.size()));
        dynaq::Item item;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            if (record.fields[i].empty() && !record.quoted[i])
                continue;
            try {
                item.emplace(columns_[i].name,
                             cell_value(columns_[i], std::move(record.fields[i])));
            } catch (const dynaq::InvalidArgumentError& e) {
                bad_line(record.line, "column \"" + columns_[i].name + "\": " + e.what());
            }
        }
        try {
            dynaq::validate(item);
        } catch (const dynaq::InvalidArgumentError& e) {
            bad_line(record.line, e.what());
        }
        return item;
    }

    CsvParser parser_;
    std::vector<Column> columns_;
    std::int64_t line_ = 0;
};

} // namespace

InputFormat input_format(const std::optional<std::string>& name, std::string_view path) {
    if (name) {
        if (*name == "jsonl" || *name == "json")
            return InputFormat::jsonl;
        if (*name == "csv")
            return InputFormat::csv;
        throw dynaq::InvalidArgumentError("--format must be jsonl or csv, not \"" + *name + '"');
    }
    return path.ends_with(".csv") || path.ends_with(".CSV") ? InputFormat::csv : InputFormat::jsonl;
}

std::unique_ptr<ItemReader> make_reader(InputFormat format, std::istream& in,
                                        dynaq::PlainJsonOptions options) {
    if (format == InputFormat::csv)
        return std::make_unique<CsvReader>(in);
    return std::make_unique<JsonLinesReader>(in, std::move(options));
}

std::optional<CsvRecord> CsvParser::next() {
    if (!started_) {
        started_ = true;
        if (in_.peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (std::string_view(bom, static_cast<std::size_t>(in_.gcount())) != "\xEF\xBB\xBF")
                bad_line(1, "invalid UTF-8 at the start");
        }
    }
    if (in_.peek() == std::char_traits<char>::eof())
        return std::nullopt;
    CsvRecord record;
    record.line = line_;
    std::string field;
    bool quoted = false;
    auto end_field = [&] {
        record.fields.push_back(std::move(field));
        record.quoted.push_back(quoted);
        field.clear();
        quoted = false;
    };
    bool in_quotes = false;
    for (;;) {
        const int c = in_.get();
        if (c == std::char_traits<char>::eof()) {
            if (in_quotes)
                bad_line(record.line, "unterminated quoted field");
            end_field();
            return record;
        }
        if (in_quotes) {
            if (c == '"') {
                if (in_.peek() == '"') {
                    in_.get();
                    field += '"';
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n')
                    ++line_;
                field += static_cast<char>(c);
            }
            continue;
        }
        if (c == ',') {
            end_field();
        } else if (c == '\n' || (c == '\r' && in_.peek() == '\n')) {
            if (c == '\r')
                in_.get();
            ++line_;
            end_field();
            return record;
        } else if (c == '"') {
            if (!field.empty() || quoted)
                bad_line(line_, "stray quote in an unquoted field");
            in_quotes = true;
            quoted = true;
        } else {
            if (quoted)
                bad_line(line_, "text after a closing quote");
            field += static_cast<char>(c);
        }
    }
}

} // namespace dynaq_cli

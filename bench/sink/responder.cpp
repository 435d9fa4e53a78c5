#include "responder.hpp"

#include "http/http_crc32.hpp"
#include <dynaq/names.hpp>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <utility>

namespace dynaq::bench {

namespace {

using Pool = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool>;
using Value = rapidjson::GenericValue<rapidjson::UTF8<>, Pool>;

// Request bodies of single-item calls are a few hundred bytes; their DOM fits here, and
// larger ones (a BatchGetItem of 100 keys) spill into chunks the pool frees on the next reset.
constexpr std::size_t value_pool_size = 32 * 1024;
constexpr std::size_t stack_pool_size = 8 * 1024;

/// RapidJSON output stream appending to whichever string the current reply is built in.
struct StringOut {
    using Ch = char;
    std::string* out = nullptr;
    void Put(char c) { out->push_back(c); }
    void Flush() {}
};

// DynamoDB rejects any other table name with a ValidationException, and so do we, which also
// means a name never needs JSON escaping.
bool plain_table_name(std::string_view name) noexcept {
    return dynaq::is_valid_table_name(name);
}

const Value* member(const Value& object, const char* name) noexcept {
    if (!object.IsObject())
        return nullptr;
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string_view table_name_of(const Value& root) noexcept {
    const Value* name = member(root, "TableName");
    if (name == nullptr || !name->IsString())
        return {};
    const std::string_view text(name->GetString(), name->GetStringLength());
    return plain_table_name(text) ? text : std::string_view{};
}

// The pk/sk schema DescribeTable reports (and CreateTable when the request has none).
constexpr std::string_view default_key_schema =
    R"([{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}])";
constexpr std::string_view default_attribute_definitions =
    R"([{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}])";

bool asks_for_part(std::string_view body) noexcept {
    for (const std::string_view word : {"\"Limit\"", "\"ExclusiveStartKey\"", "\"Segment\""})
        if (body.find(word) != std::string_view::npos)
            return true;
    return false;
}

// The item number in a page item's key, {"pk":{"S":"pk#bench"},"sk":{"S":"sk#00000042"}}.
std::optional<std::size_t> page_index(const Value& key) noexcept {
    const Value* sk = member(key, "sk");
    const Value* text = sk != nullptr ? member(*sk, "S") : nullptr;
    if (text == nullptr || !text->IsString())
        return std::nullopt;
    const std::string_view digits(text->GetString(), text->GetStringLength());
    if (!digits.starts_with("sk#"))
        return std::nullopt;
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(digits.data() + 3, digits.data() + digits.size(), index);
    if (ec != std::errc{} || end != digits.data() + digits.size())
        return std::nullopt;
    return index;
}

} // namespace

struct Responder::Json {
    alignas(std::max_align_t) char value_buffer[value_pool_size];
    alignas(std::max_align_t) char stack_buffer[stack_pool_size];
    Pool values{value_buffer, sizeof value_buffer};
    Pool stack{stack_buffer, sizeof stack_buffer};
    Document doc{&values, 1024, &stack};
    StringOut out;
    // Kept across requests and Reset() per use: a Writer allocates its nesting stack on first
    // use, so a fresh one per reply would allocate every time.
    rapidjson::Writer<StringOut> writer{out};

    /// Parses `body`; false when it is not a JSON object.
    bool parse(std::string_view body) {
        // The previous request's DOM is garbage now; dropping it also frees any spilled chunks.
        values.Clear();
        stack.Clear();
        doc.Parse(body.data(), body.size());
        return !doc.HasParseError() && doc.IsObject();
    }
};

Responder::Responder(const CannedBodies& canned) : canned_(canned), json_(new Json) {}
Responder::~Responder() = default;

Reply Responder::canned(const CannedBody& body, int status) const noexcept {
    return Reply{status, body.text, body.crc32};
}

Reply Responder::built(const std::string& body) const noexcept {
    return Reply{200, body, detail::crc32(body)};
}

template <class V>
void Responder::append_json(const V& value, std::string& out) {
    json_->out.out = &out;
    json_->writer.Reset(json_->out);
    value.Accept(json_->writer);
}

template <class V>
void Responder::append_item(const V& key, std::string& out) {
    append_json(key, out); // {"pk":{"S":"a"}}
    out.pop_back();        // reopen it for the filler
    if (out.back() != '{')
        out += ',';
    out += canned_.filler;
    out += '}';
}

Reply Responder::respond(Operation operation, std::string_view body, std::string& scratch) {
    switch (operation) {
    case Operation::put_item:
    case Operation::delete_item:
        return canned(canned_.empty);
    case Operation::update_item:
        // Only ALL_NEW needs the request parsed; a body without the word cannot ask for it.
        if (body.find("ALL_NEW") == std::string_view::npos)
            return canned(canned_.empty);
        break;
    case Operation::query:
    case Operation::scan:
        // Only a request that pages (Limit, a resume point, a segment) needs parsing.
        if (!asks_for_part(body) && (operation == Operation::query || canned_.scan_items == 0))
            return canned(canned_.page);
        break;
    case Operation::batch_write_item:
        return canned(canned_.batch_write);
    case Operation::list_tables:
        return canned(canned_.list_tables);
    case Operation::unknown:
        return canned(canned_.unknown_operation, 400);
    case Operation::get_item:
    case Operation::batch_get_item:
    case Operation::describe_table:
    case Operation::create_table:
        break;
    }
    // The rest echo part of the request.
    if (!json_->parse(body))
        return canned(canned_.malformed_request, 400);
    scratch.clear();
    switch (operation) {
    case Operation::get_item:
        return item_reply("Item", scratch);
    case Operation::update_item:
        return item_reply("Attributes", scratch);
    case Operation::batch_get_item:
        return batch_get_reply(scratch);
    case Operation::query:
        return page_reply(0, canned_.query_items, scratch);
    case Operation::scan:
        return scan_reply(scratch);
    case Operation::create_table:
        return table_reply(true, scratch);
    default:
        return table_reply(false, scratch);
    }
}

// {"Item":{<the requested Key's attributes>,<filler>}}
Reply Responder::item_reply(std::string_view member_name, std::string& out) {
    const Value* key = member(json_->doc, "Key");
    if (key == nullptr || !key->IsObject())
        return canned(canned_.validation_error, 400);
    out += "{\"";
    out += member_name;
    out += "\":";
    append_item(*key, out);
    out += '}';
    return built(out);
}

// {"Responses":{"<table>":[one item per requested key]},"UnprocessedKeys":{}}
Reply Responder::batch_get_reply(std::string& out) {
    const Value* tables = member(json_->doc, "RequestItems");
    if (tables == nullptr || !tables->IsObject() || tables->MemberCount() == 0)
        return canned(canned_.validation_error, 400);
    out += R"({"Responses":{)";
    bool first_table = true;
    for (const auto& table : tables->GetObject()) {
        const std::string_view name(table.name.GetString(), table.name.GetStringLength());
        const Value* keys = member(table.value, "Keys");
        if (!plain_table_name(name) || keys == nullptr || !keys->IsArray() || keys->Empty())
            return canned(canned_.validation_error, 400);
        if (!std::exchange(first_table, false))
            out += ',';
        out += '"';
        out += name;
        out += "\":[";
        bool first_item = true;
        for (const auto& key : keys->GetArray()) {
            if (!key.IsObject())
                return canned(canned_.validation_error, 400);
            if (!std::exchange(first_item, false))
                out += ',';
            append_item(key, out);
        }
        out += ']';
    }
    out += R"(},"UnprocessedKeys":{}})";
    return built(out);
}

// One page of items [first, end): from after ExclusiveStartKey's sk, at most Limit and at
// most query_items of them, with LastEvaluatedKey when items are left.
Reply Responder::page_reply(std::size_t first, std::size_t end, std::string& out) {
    std::size_t start = first;
    if (const Value* resume = member(json_->doc, "ExclusiveStartKey")) {
        const auto after = page_index(*resume);
        if (!after)
            return canned(canned_.validation_error, 400);
        start = std::clamp(*after + 1, first, end);
    }
    std::size_t count = std::min(canned_.query_items, end - start);
    if (const Value* limit = member(json_->doc, "Limit")) {
        if (!limit->IsUint() || limit->GetUint() == 0)
            return canned(canned_.validation_error, 400);
        count = std::min<std::size_t>(count, limit->GetUint());
    }
    append_page(out, start, count, canned_.page_filler, start + count < end);
    return built(out);
}

// A paged Scan: segment s of n goes through its own share of the scan_items items.
Reply Responder::scan_reply(std::string& out) {
    const std::size_t total = canned_.scan_items != 0 ? canned_.scan_items : canned_.query_items;
    const Value* segment = member(json_->doc, "Segment");
    const Value* segments = member(json_->doc, "TotalSegments");
    if ((segment == nullptr) != (segments == nullptr))
        return canned(canned_.validation_error, 400);
    if (segment == nullptr)
        return page_reply(0, total, out);
    if (!segment->IsUint() || !segments->IsUint() || segments->GetUint() == 0 ||
        segment->GetUint() >= segments->GetUint())
        return canned(canned_.validation_error, 400);
    const std::size_t n = segments->GetUint();
    const std::size_t s = segment->GetUint();
    return page_reply(total * s / n, total * (s + 1) / n, out);
}

// DescribeTable: {"Table":{...ACTIVE}}; CreateTable: {"TableDescription":{...CREATING}}, with
// the request's own key schema when it has one.
Reply Responder::table_reply(bool create, std::string& out) {
    const std::string_view name = table_name_of(json_->doc);
    if (name.empty())
        return canned(canned_.validation_error, 400);
    const Value* key_schema = create ? member(json_->doc, "KeySchema") : nullptr;
    const Value* definitions = create ? member(json_->doc, "AttributeDefinitions") : nullptr;
    out += create ? R"({"TableDescription":{"AttributeDefinitions":)"
                  : R"({"Table":{"AttributeDefinitions":)";
    if (definitions != nullptr && definitions->IsArray())
        append_json(*definitions, out);
    else
        out += default_attribute_definitions;
    out += R"(,"TableName":")";
    out += name;
    out += R"(","KeySchema":)";
    if (key_schema != nullptr && key_schema->IsArray())
        append_json(*key_schema, out);
    else
        out += default_key_schema;
    out += R"(,"TableStatus":")";
    out += create ? "CREATING" : "ACTIVE";
    out += R"(","CreationDateTime":1700000000.0,"ProvisionedThroughput":)"
           R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},)"
           R"("TableSizeBytes":0,"ItemCount":0,)"
           R"("TableArn":"arn:aws:dynamodb:us-east-1:000000000000:table/)";
    out += name;
    out += R"(","TableId":"00000000-0000-4000-8000-000000000000",)"
           R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST",)"
           R"("LastUpdateToPayPerRequestDateTime":1700000000.0},)"
           R"("DeletionProtectionEnabled":false}})";
    return built(out);
}

} // namespace dynaq::bench

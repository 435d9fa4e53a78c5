#include "table_spec.hpp"

#include <dynaq/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace dynaq_cli {

namespace {

// "NAME=REST" of --gsi/--lsi.
std::pair<std::string, std::string_view> index_spec(std::string_view spec,
                                                    std::string_view option) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        throw dynaq::InvalidArgumentError(std::string(option) + ": expected NAME=KEY..., got \"" +
                                          std::string(spec) + '"');
    return {std::string(spec.substr(0, eq)), spec.substr(eq + 1)};
}

} // namespace

dynaq::KeyDefinition parse_key_spec(std::string_view spec) {
    const std::size_t colon = spec.rfind(':');
    if (colon != std::string_view::npos) {
        const std::string_view type = spec.substr(colon + 1);
        const std::string name(spec.substr(0, colon));
        if (type == "S")
            return {name, dynaq::ScalarAttributeType::s};
        if (type == "N")
            return {name, dynaq::ScalarAttributeType::n};
        if (type == "B")
            return {name, dynaq::ScalarAttributeType::b};
    }
    return {std::string(spec), dynaq::ScalarAttributeType::s};
}

dynaq::TableSchema schema_from_flags(const TableFlags& flags) {
    if (!flags.pk)
        throw dynaq::InvalidArgumentError("create needs --pk NAME[:TYPE] or --from-file FILE");
    dynaq::TableSchema schema;
    schema.table_name = flags.table;
    schema.partition_key = parse_key_spec(*flags.pk);
    schema.sort_key.reset();
    if (flags.sk)
        schema.sort_key = parse_key_spec(*flags.sk);
    for (const std::string& g : flags.gsis) {
        const auto [name, keys] = index_spec(g, "--gsi");
        dynaq::SecondaryIndex index;
        index.name = name;
        const std::size_t comma = keys.find(',');
        index.partition_key = parse_key_spec(keys.substr(0, comma));
        if (comma != std::string_view::npos)
            index.sort_key = parse_key_spec(keys.substr(comma + 1));
        schema.global_secondary_indexes.push_back(std::move(index));
    }
    for (const std::string& l : flags.lsis) {
        const auto [name, key] = index_spec(l, "--lsi");
        dynaq::SecondaryIndex index;
        index.name = name;
        index.partition_key = schema.partition_key;
        index.sort_key = parse_key_spec(key);
        schema.local_secondary_indexes.push_back(std::move(index));
    }
    if (flags.rcu || flags.wcu) {
        if (!flags.rcu || !flags.wcu)
            throw dynaq::InvalidArgumentError("--rcu and --wcu go together");
        schema.throughput = dynaq::ProvisionedThroughput{*flags.rcu, *flags.wcu};
    }
    dynaq::validate(schema);
    return schema;
}

std::string create_table_body(std::string_view file_json, std::string_view table) {
    rapidjson::Document doc;
    doc.Parse(file_json.data(), file_json.size());
    if (doc.HasParseError())
        throw dynaq::InvalidArgumentError("--from-file: malformed JSON at offset " +
                                          std::to_string(doc.GetErrorOffset()) + ": " +
                                          rapidjson::GetParseError_En(doc.GetParseError()));
    if (!doc.IsObject())
        throw dynaq::InvalidArgumentError(
            "--from-file: expected a JSON object (CreateTable input)");
    auto& alloc = doc.GetAllocator();
    // HasMember/operator[] rather than FindMember: comparing RapidJSON 1.1's member
    // iterators is ambiguous under C++20's reversed operators (clang rejects it).
    if (doc.HasMember("TableName")) {
        const rapidjson::Value& name = doc["TableName"];
        if (!name.IsString() || std::string_view(name.GetString(), name.GetStringLength()) != table)
            throw dynaq::InvalidArgumentError("--from-file: its TableName differs from \"" +
                                              std::string(table) + '"');
    } else {
        doc.AddMember(
            "TableName",
            rapidjson::Value(table.data(), static_cast<rapidjson::SizeType>(table.size()), alloc),
            alloc);
    }
    if (!doc.HasMember("BillingMode") && !doc.HasMember("ProvisionedThroughput"))
        doc.AddMember("BillingMode", "PAY_PER_REQUEST", alloc);
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    doc.Accept(writer);
    return {out.GetString(), out.GetSize()};
}

} // namespace dynaq_cli

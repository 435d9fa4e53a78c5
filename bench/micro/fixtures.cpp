#include "fixtures.hpp"

#include "canned_bodies.hpp"

#include "codec/json.hpp"

#include <memory>

namespace dynaq::bench {

Item sample_item(std::size_t size) {
    // Decoding the sink's own filler keeps the two shapes identical by construction.
    std::string json = R"({"pk":{"S":"user#000042"},"sk":{"S":"profile#main"},)";
    json += filler_members(size > json.size() ? size - json.size() : 0);
    json += '}';
    const detail::JsonDocument doc(json);
    return detail::read_item(doc.root(), "item");
}

PutItemRequest sample_put(std::size_t item_size) {
    PutItemRequest put;
    put.table_name = "bench";
    put.item = sample_item(item_size);
    return put;
}

Credentials sample_credentials() {
    Credentials c;
    c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    c.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    return c;
}

ClientConfig null_server_client_config(const std::string& url) {
    ClientConfig config;
    config.region = "us-east-1";
    config.endpoint = url;
    config.credentials = std::make_shared<StaticCredentialsProvider>(sample_credentials());
    return config;
}

} // namespace dynaq::bench

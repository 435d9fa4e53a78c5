// libFuzzer target for everything that reads bytes from the network: the JSON parser, the
// AttributeValue decoder (on every member that could be an item or a list of items, as the
// operation decoders use it), the member helpers, the error document decoder, and the
// Number and base64 parsers. Besides "no crash, no undefined behaviour, only dynaq errors",
// it checks round trips: what decodes must encode and decode to an equal value, and that the
// one-pass item decoders (GetItem, Query, BatchGetItem, writes) agree with the DOM reader.
#include "client/operation_codec.hpp"
#include "codec/base64.hpp"
#include "codec/error_response.hpp"
#include "codec/json.hpp"
#include <dynaq/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace dynaq;
using namespace dynaq::detail;

void require(bool ok) {
    if (!ok)
        std::abort();
}

// An item that decodes must survive encoding unchanged. Encoding may refuse what DynamoDB
// would refuse (an empty set, say), since decoding does not police the server.
void check_round_trip(const Item& item) {
    std::string json;
    try {
        append_item(json, item, "fuzz");
    } catch (const InvalidArgumentError&) {
        return;
    }
    const JsonDocument again(json);
    require(read_item(again.root(), "again") == item);
}

// Runs `f`, for which a ProtocolError is an acceptable outcome.
template <class F>
void tolerate_protocol_error(F f) {
    try {
        f();
    } catch (const ProtocolError&) {
    }
}

void try_items(const JsonValue& v, int depth) {
    if (depth > 4)
        return;
    if (v.IsObject()) {
        tolerate_protocol_error([&] { check_round_trip(read_item(v, "fuzz")); });
        tolerate_protocol_error([&] { (void)read_value(v, "fuzz"); });
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
            try_items(it->value, depth + 1);
    } else if (v.IsArray()) {
        tolerate_protocol_error([&] { (void)read_items(v, "fuzz"); });
        for (const JsonValue& e : v.GetArray())
            try_items(e, depth + 1);
    }
}

void try_helpers(const JsonValue& root) {
    for (const char* name : {"Count", "ScannedCount", "TableName", "Items", "CapacityUnits", "x"}) {
        tolerate_protocol_error([&] { (void)optional_int(root, name, "r"); });
        tolerate_protocol_error([&] { (void)optional_double(root, name, "r"); });
        tolerate_protocol_error([&] { (void)optional_string(root, name, "r"); });
        tolerate_protocol_error([&] { (void)optional_bool(root, name, "r"); });
        tolerate_protocol_error([&] { (void)expect_array(require_member(root, name, "r"), "r"); });
    }
}

void try_scalars(std::string_view text) {
    try {
        const Number n(text);
        require(n == Number(n.text()));
        require((n <=> n) == 0);
        // Within DynamoDB's range no double underflows or overflows, so the signs agree.
        const double d = n.to_double();
        require((d > 0) == (n > Number(0)) && (d < 0) == (n < Number(0)));
        try {
            require(Number(n.to_int64()) == n);
        } catch (const TypeMismatchError&) {
        }
    } catch (const TypeMismatchError&) {
        std::abort(); // only the conversions may refuse, and they are caught above
    } catch (const InvalidArgumentError&) {
    }
    // The decoder accepts only canonical text, so encoding what it decoded gives it back.
    if (const auto bytes = base64_decode(text))
        require(base64_encode(*bytes) == text);
}

// The one-pass decoders of the responses that carry items. Where the DOM reader also accepts
// the text, both must give the same items; what they give must outlive the document.
void try_item_responses(std::string_view body) {
    tolerate_protocol_error([&] {
        QueryResponse q;
        decode_body(std::string(body), q);
        tolerate_protocol_error([&] {
            const JsonDocument dom(body);
            if (const JsonValue* items = find_member(dom.root(), "Items"))
                require(read_items(*items, "Items") == q.items);
        });
        for (const Item& item : q.items)
            check_round_trip(item);
    });
    tolerate_protocol_error([&] {
        GetItemResponse g;
        decode_body(std::string(body), g);
        if (g.item)
            check_round_trip(*g.item);
    });
    tolerate_protocol_error([&] {
        BatchGetItemResponse b;
        decode_body(std::string(body), b);
    });
    tolerate_protocol_error([&] {
        WriteItemResponse w;
        decode_body(std::string(body), w);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    (void)decode_error_response(body);
    try {
        throw_error_response(400, body, "fuzz");
    } catch (const ServiceError&) {
    }
    try {
        const JsonDocument doc(body);
        try_items(doc.root(), 0);
        try_helpers(doc.root());
    } catch (const ProtocolError&) {
    }
    try_item_responses(body);
    try_scalars(body);
    return 0;
}

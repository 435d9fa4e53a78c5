// libFuzzer target for the encoder: an arbitrary AttributeValue tree (any names, empty ones,
// odd numbers, sets with duplicates, deep nesting) is built from the input. Encoding it either
// refuses it with InvalidArgumentError or produces JSON that decodes to an equal item, through
// both the DOM reader and the public item_from_json.
#include "codec/json.hpp"
#include <dynaq/error.hpp>
#include <dynaq/json.hpp>
#include <dynaq/value.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace dynaq;

void require(bool ok) {
    if (!ok)
        std::abort();
}

// Deep enough to pass DynamoDB's 32 levels, so refusing them is exercised too.
constexpr int max_depth = 40;

Number number(FuzzedDataProvider& in) {
    const std::string text = in.ConsumeRandomLengthString(48);
    try {
        return Number(text);
    } catch (const InvalidArgumentError&) {
        return Number(in.ConsumeIntegral<std::int64_t>());
    }
}

AttributeValue value(FuzzedDataProvider& in, int depth);

// 0 to 3 members, duplicates and all (the encoder must refuse those).
template <class Set, class Make>
Set set_of(FuzzedDataProvider& in, Make make) {
    Set s;
    for (int i = in.ConsumeIntegralInRange<int>(0, 3); i > 0; --i)
        s.values.push_back(make(in));
    return s;
}

Item item(FuzzedDataProvider& in, int depth) {
    Item out;
    const auto n = in.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < n && in.remaining_bytes() > 0; ++i) {
        std::string name = in.ConsumeRandomLengthString(16);
        out.insert_or_assign(name, value(in, depth + 1));
    }
    return out;
}

AttributeValue value(FuzzedDataProvider& in, int depth) {
    const int kind = depth >= max_depth ? in.ConsumeIntegralInRange<int>(0, 3)
                                        : in.ConsumeIntegralInRange<int>(0, 9);
    switch (kind) {
    case 0:
        return AttributeValue(in.ConsumeRandomLengthString(32));
    case 1:
        return AttributeValue(number(in));
    case 2:
        return AttributeValue(Binary(in.ConsumeRandomLengthString(32)));
    case 3:
        return in.ConsumeBool() ? AttributeValue(in.ConsumeBool()) : AttributeValue(Null{});
    case 4:
        return AttributeValue(
            set_of<StringSet>(in, [](auto& i) { return i.ConsumeRandomLengthString(8); }));
    case 5:
        return AttributeValue(set_of<NumberSet>(in, [](auto& i) { return number(i); }));
    case 6:
        return AttributeValue(
            set_of<BinarySet>(in, [](auto& i) { return Binary(i.ConsumeRandomLengthString(8)); }));
    case 7: {
        List l;
        for (int i = in.ConsumeIntegralInRange<int>(0, 3); i > 0 && in.remaining_bytes() > 0; --i)
            l.push_back(value(in, depth + 1));
        return AttributeValue(std::move(l));
    }
    default:
        return AttributeValue(item(in, depth));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const Item built = item(in, 0);
    std::string json;
    try {
        detail::append_item(json, built, "fuzz");
    } catch (const InvalidArgumentError&) {
        return 0; // refused before anything would be sent: fine
    }
    const detail::JsonDocument doc(json);
    require(detail::read_item(doc.root(), "fuzz") == built);
    require(item_from_json(to_json(built)) == built);
    return 0;
}

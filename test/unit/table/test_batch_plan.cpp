// Batch bookkeeping without a server: key extraction, signatures, de-duplication and chunking.
#include "table/batch_plan.hpp"
#include "table/item_size.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace dynaq;
using namespace dynaq::detail;

namespace {

const std::vector<std::string> pk_only{"pk"};
const std::vector<std::string> pk_sk{"pk", "sk"};

std::string signature_of(AttributeValue pk) {
    return key_signature(Item{{"pk", std::move(pk)}});
}

PendingWrite put(const std::string& pk, int version) {
    return prepare_write(PutRequest{Item{{"pk", pk}, {"v", version}}}, pk_only);
}

PendingWrite del(const std::string& pk) {
    return prepare_write(DeleteRequest{Item{{"pk", pk}}}, pk_only);
}

// A write identified by its "v" attribute (puts) or -1 (deletes), to check order and identity.
int version_of(const PendingWrite& w) {
    if (const auto* p = std::get_if<PutRequest>(&w.request))
        return static_cast<int>(p->item.at("v").as_number().to_int64());
    return -1;
}

std::vector<int> versions(const std::vector<PendingWrite>& writes) {
    std::vector<int> out;
    for (const auto& w : writes)
        out.push_back(version_of(w));
    return out;
}

std::vector<PendingWrite> numbered_puts(int count) {
    std::vector<PendingWrite> writes;
    for (int i = 0; i < count; ++i)
        writes.push_back(put("k" + std::to_string(i), i));
    return writes;
}

// A write of a given size, for byte-based chunking.
PendingWrite sized(int version, std::size_t bytes) {
    PendingWrite w = put("k" + std::to_string(version), version);
    w.bytes = bytes;
    return w;
}

std::vector<std::size_t> chunk_sizes(const std::vector<std::vector<PendingWrite>>& chunks) {
    std::vector<std::size_t> out;
    for (const auto& c : chunks)
        out.push_back(c.size());
    return out;
}

std::vector<int> flattened_versions(const std::vector<std::vector<PendingWrite>>& chunks) {
    std::vector<int> out;
    for (const auto& c : chunks)
        for (const auto& w : c)
            out.push_back(version_of(w));
    return out;
}

std::vector<int> iota_versions(int count) {
    std::vector<int> out;
    for (int i = 0; i < count; ++i)
        out.push_back(i);
    return out;
}

std::vector<Item> numbered_rows(int count) {
    std::vector<Item> rows;
    for (int i = 0; i < count; ++i)
        rows.push_back(Item{{"pk", i}});
    return rows;
}

} // namespace

// ---- extract_key ---------------------------------------------------------------------------

TEST_CASE("extract_key: copies out only the key attributes") {
    const Item item{{"pk", "a"}, {"sk", 3}, {"data", List{1, 2}}, {"flag", true}};
    CHECK(extract_key(item, pk_only) == Item{{"pk", "a"}});
    CHECK(extract_key(item, pk_sk) == Item{{"pk", "a"}, {"sk", 3}});
    CHECK(extract_key(Item{{"pk", Binary("\x01")}}, pk_only) == Item{{"pk", Binary("\x01")}});
}

TEST_CASE("extract_key: a missing key attribute is named") {
    CHECK_THROWS_AS(extract_key(Item{{"pk", "a"}}, pk_sk), InvalidArgumentError);
    CHECK_THROWS_WITH(extract_key(Item{{"pk", "a"}}, pk_sk),
                      "item: key attribute \"sk\" is missing");
    CHECK_THROWS_WITH(extract_key(Item{{"sk", "a"}}, pk_sk),
                      "item: key attribute \"pk\" is missing");
    CHECK_THROWS_WITH(extract_key(Item{}, pk_only), "item: key attribute \"pk\" is missing");
}

TEST_CASE("extract_key: an invalid key value is named") {
    CHECK_THROWS_WITH(extract_key(Item{{"pk", ""}}, pk_only),
                      "item.pk: key attribute must not be an empty string");
    CHECK_THROWS_WITH(extract_key(Item{{"pk", Binary()}}, pk_only),
                      "item.pk: key attribute must not be empty binary");
    CHECK_THROWS_WITH(extract_key(Item{{"pk", "a"}, {"sk", true}}, pk_sk),
                      "item.sk: key attribute must be S, N or B, got BOOL");
    CHECK_THROWS_AS(extract_key(Item{{"pk", Map{}}}, pk_only), InvalidArgumentError);
    CHECK_THROWS_AS(extract_key(Item{{"pk", StringSet{"a"}}}, pk_only), InvalidArgumentError);
    CHECK_THROWS_AS(extract_key(Item{{"pk", "\xFF"}}, pk_only), InvalidArgumentError);
}

TEST_CASE("extract_key: a key has one or two distinct attribute names") {
    const Item item{{"a", 1}, {"b", 2}, {"c", 3}};
    CHECK_THROWS_AS(extract_key(item, std::vector<std::string>{}), InvalidArgumentError);
    CHECK_THROWS_AS(extract_key(item, std::vector<std::string>{"a", "b", "c"}),
                    InvalidArgumentError);
    CHECK_THROWS_AS(extract_key(item, std::vector<std::string>{"a", "a"}), InvalidArgumentError);
}

// ---- key_signature -------------------------------------------------------------------------

TEST_CASE("key_signature: numbers are equal by value") {
    const std::string one = signature_of(Number(1));
    for (const char* text :
         {"1", "1.0", "10e-1", "+1", "001", "0.1e1", "100E-2", "1.000e0", "0001.000", ".1e+1"}) {
        INFO(text);
        CHECK(signature_of(Number(text)) == one);
    }
    CHECK(signature_of(Number("1.5")) == signature_of(Number("15e-1")));
    CHECK(signature_of(Number("0.001")) == signature_of(Number("1e-3")));
    CHECK(signature_of(Number("-12.5")) == signature_of(Number("-125E-1")));
    CHECK(signature_of(Number("1200")) == signature_of(Number("1.2e3")));
}

TEST_CASE("key_signature: every zero is the same number") {
    const std::string zero = signature_of(Number(0));
    for (const char* text : {"0", "-0", "+0", "0.0", "000", "0e5", "-0.000E-7", ".0"}) {
        INFO(text);
        CHECK(signature_of(Number(text)) == zero);
    }
}

TEST_CASE("key_signature: different numbers differ") {
    const std::vector<const char*> texts{"1",  "-1",  "10",   "0.1",   "11", "1.1",
                                         "0",  "101", "1e10", "1e-10", "2",  "12",
                                         "21", "-10", "1.01", "10.1",  "110"};
    std::set<std::string> signatures;
    for (const char* text : texts)
        signatures.insert(signature_of(Number(text)));
    CHECK(signatures.size() == texts.size());
}

TEST_CASE("key_signature: distinct types never collide") {
    const std::string s = signature_of("1");
    const std::string n = signature_of(Number(1));
    const std::string b = signature_of(Binary("1"));
    CHECK(s != n);
    CHECK(s != b);
    CHECK(n != b);
    // Not even when the string holds a number's canonical form.
    CHECK(signature_of("1e0") != n);
}

TEST_CASE("key_signature: attribute names are part of the key") {
    CHECK(key_signature(Item{{"a", "x"}}) != key_signature(Item{{"b", "x"}}));
    CHECK(key_signature(Item{{"pk", "x"}, {"sk", "y"}}) !=
          key_signature(Item{{"pk", "x"}, {"sk2", "y"}}));
    CHECK(key_signature(Item{{"pk", "x"}, {"sk", "y"}}) ==
          key_signature(Item{{"sk", "y"}, {"pk", "x"}}));
}

TEST_CASE("key_signature: no collision between different splits of the same characters") {
    CHECK(key_signature(Item{{"a", "bc"}}) != key_signature(Item{{"ab", "c"}}));
    CHECK(key_signature(Item{{"a", "b"}, {"c", "d"}}) != key_signature(Item{{"a", "bcd"}}));
    CHECK(key_signature(Item{{"pk", "x"}, {"sk", "y"}}) !=
          key_signature(Item{{"pk", "x"}, {"sk", "y"}, {"z", "1"}}));
    // A string that contains what looks like the encoding of another attribute.
    const std::string one_attribute = key_signature(Item{{"a", "x"}});
    const std::string two_attributes = key_signature(Item{{"a", "x"}, {"b", "y"}});
    const std::string suffix = two_attributes.substr(one_attribute.size());
    CHECK(key_signature(Item{{"a", "x" + suffix}}) != two_attributes);
    CHECK(key_signature(Item{{"a", "1:x"}}) != key_signature(Item{{"a", "1"}, {"x", "1"}}));
    CHECK(key_signature(Item{{"1", "1"}}) != key_signature(Item{{"11", ""}}));
}

TEST_CASE("key_signature: binary keys compare every byte, NULs included") {
    const Binary a(std::string("a\0b", 3));
    CHECK(signature_of(a) == signature_of(Binary(std::string("a\0b", 3))));
    CHECK(signature_of(a) != signature_of(Binary(std::string("a\0c", 3))));
    CHECK(signature_of(Binary(std::string("a\0", 2))) != signature_of(Binary("a")));
    CHECK(signature_of(Binary(std::string("\0", 1))) !=
          signature_of(Binary(std::string("\0\0", 2))));
    CHECK(signature_of(a) != signature_of(std::string("a\0b", 3)));
}

TEST_CASE("key_signature: non-key values are encoded too, sets in any order") {
    CHECK(key_signature(Item{{"s", StringSet{"a", "b"}}}) ==
          key_signature(Item{{"s", StringSet{"b", "a"}}}));
    CHECK(key_signature(Item{{"n", NumberSet{Number(1), Number(2)}}}) ==
          key_signature(Item{{"n", NumberSet{Number("2.0"), Number("10e-1")}}}));
    CHECK(key_signature(Item{{"s", StringSet{"a", "b"}}}) !=
          key_signature(Item{{"s", StringSet{"ab"}}}));
    CHECK(key_signature(Item{{"l", List{"a", "b"}}}) != key_signature(Item{{"l", List{"ab"}}}));
    CHECK(key_signature(Item{{"l", List{1, 2}}}) != key_signature(Item{{"l", List{2, 1}}}));
    CHECK(key_signature(Item{{"x", true}}) != key_signature(Item{{"x", false}}));
    CHECK(key_signature(Item{{"x", Null{}}}) != key_signature(Item{{"x", List{}}}));
    CHECK(key_signature(Item{{"m", Map{}}}) != key_signature(Item{{"m", List{}}}));
}

// ---- describe_key --------------------------------------------------------------------------

TEST_CASE("describe_key: names and values, strings quoted") {
    CHECK(describe_key(Item{{"pk", "a"}, {"sk", 3}}) == "{pk: \"a\", sk: 3}");
    CHECK(describe_key(Item{{"pk", "a"}}) == "{pk: \"a\"}");
    CHECK(describe_key(Item{}) == "{}");
    // Numbers as they were written.
    CHECK(describe_key(Item{{"n", Number("1.50")}}) == "{n: 1.50}");
}

TEST_CASE("describe_key: quotes, backslashes and control characters are escaped") {
    CHECK(describe_key(Item{{"pk", "a\"b\\c\n"}}) == "{pk: \"a\\\"b\\\\c\\x0a\"}");
    CHECK(describe_key(Item{{"pk", std::string("a\0b", 3)}}) == "{pk: \"a\\x00b\"}");
    // UTF-8 is shown as it is.
    CHECK(describe_key(Item{{"pk", "\xC3\xA9"}}) == "{pk: \"\xC3\xA9\"}");
}

TEST_CASE("describe_key: long strings are cut, never inside a UTF-8 character") {
    CHECK(describe_key(Item{{"pk", std::string(100, 'x')}}) ==
          "{pk: \"" + std::string(64, 'x') + "...\"}");
    CHECK(describe_key(Item{{"pk", std::string(64, 'x')}}) ==
          "{pk: \"" + std::string(64, 'x') + "\"}");
    // "é" would straddle the 64-byte cut: it is left out whole.
    CHECK(describe_key(Item{{"pk", std::string(63, 'x') + "\xC3\xA9"}}) ==
          "{pk: \"" + std::string(63, 'x') + "...\"}");
}

TEST_CASE("describe_key: binary is shown as hex, long values cut with their length") {
    CHECK(describe_key(Item{{"id", Binary(std::string("\x00\xff\x10", 3))}}) == "{id: 0x00ff10}");
    const std::string long_bytes(40, '\xab');
    std::string expected = "{id: 0x";
    for (int i = 0; i < 32; ++i)
        expected += "ab";
    expected += "...(40 bytes)}";
    CHECK(describe_key(Item{{"id", Binary(long_bytes)}}) == expected);
}

TEST_CASE("describe_key: other types show only their type") {
    CHECK(describe_key(Item{{"m", Map{{"a", 1}}}, {"b", true}}) == "{b: <BOOL>, m: <M>}");
}

// ---- prepare_write -------------------------------------------------------------------------

TEST_CASE("prepare_write: a put is measured by its item and keyed by its key") {
    const Item item{{"pk", "a"}, {"sk", 3}, {"data", "hello"}};
    const PendingWrite w = prepare_write(PutRequest{item}, pk_sk);
    CHECK(std::get<PutRequest>(w.request).item == item);
    CHECK(w.signature == key_signature(Item{{"pk", "a"}, {"sk", 3}}));
    CHECK(w.bytes > item_size(item));
    CHECK(w.bytes < item_size(item) + 100); // a small overhead

    // The overhead is the same for every write: sizes differ by the item sizes.
    const Item bigger{{"pk", "a"}, {"sk", 3}, {"data", std::string(1000, 'x')}};
    const PendingWrite w2 = prepare_write(PutRequest{bigger}, pk_sk);
    CHECK(w2.bytes - w.bytes == item_size(bigger) - item_size(item));
}

TEST_CASE("prepare_write: a put without its key is rejected, naming the attribute") {
    CHECK_THROWS_WITH(prepare_write(PutRequest{Item{{"pk", "a"}}}, pk_sk),
                      "put item: key attribute \"sk\" is missing");
    CHECK_THROWS_WITH(prepare_write(PutRequest{Item{{"pk", ""}}}, pk_only),
                      "put item.pk: key attribute must not be an empty string");
}

TEST_CASE("prepare_write: a delete is measured by its key") {
    const Item key{{"pk", "a"}, {"sk", 3}};
    const PendingWrite w = prepare_write(DeleteRequest{key}, pk_sk);
    CHECK(std::get<DeleteRequest>(w.request).key == key);
    CHECK(w.signature == key_signature(key));
    CHECK(w.bytes > item_size(key));
    CHECK(w.bytes < item_size(key) + 100);
}

TEST_CASE("prepare_write: a delete's key must be exactly the primary key") {
    CHECK_THROWS_WITH(prepare_write(DeleteRequest{Item{{"pk", "a"}}}, pk_sk),
                      "delete key: key attribute \"sk\" is missing");
    CHECK_THROWS_WITH(prepare_write(DeleteRequest{Item{{"pk", "a"}, {"x", 1}}}, pk_only),
                      "delete key {pk: \"a\"} has attribute \"x\", which is not part of the "
                      "primary key");
    CHECK_THROWS_WITH(prepare_write(DeleteRequest{Item{{"pk", true}}}, pk_only),
                      "delete key.pk: key attribute must be S, N or B, got BOOL");
}

TEST_CASE("prepare_write: a put and a delete of the same key share a signature") {
    CHECK(put("a", 1).signature == del("a").signature);
    CHECK(put("a", 1).signature == put("a", 2).signature);
    CHECK(put("a", 1).signature != put("b", 1).signature);
    const auto n1 = prepare_write(PutRequest{Item{{"pk", 1}}}, pk_only);
    const auto n2 = prepare_write(DeleteRequest{Item{{"pk", Number("1.0")}}}, pk_only);
    CHECK(n1.signature == n2.signature);
}

// ---- dedupe_last_wins ----------------------------------------------------------------------

TEST_CASE("dedupe_last_wins: unique keys are left alone") {
    std::vector<PendingWrite> writes = numbered_puts(5);
    CHECK(dedupe_last_wins(writes) == 0);
    CHECK(versions(writes) == iota_versions(5));

    std::vector<PendingWrite> none;
    CHECK(dedupe_last_wins(none) == 0);
    CHECK(none.empty());
}

TEST_CASE("dedupe_last_wins: the last write of a key wins, at its own position") {
    std::vector<PendingWrite> writes{put("a", 1), put("b", 2), put("a", 3)};
    CHECK(dedupe_last_wins(writes) == 1);
    CHECK(versions(writes) == std::vector<int>{2, 3});

    std::vector<PendingWrite> thrice{put("a", 1), put("a", 2), put("a", 3)};
    CHECK(dedupe_last_wins(thrice) == 2);
    CHECK(versions(thrice) == std::vector<int>{3});
}

TEST_CASE("dedupe_last_wins: survivors keep their relative order") {
    std::vector<PendingWrite> writes{put("a", 1), put("b", 2), put("c", 3),
                                     put("b", 4), put("a", 5), put("d", 6)};
    CHECK(dedupe_last_wins(writes) == 2);
    CHECK(versions(writes) == std::vector<int>{3, 4, 5, 6});
    // Signatures moved along with their writes.
    for (const auto& w : writes)
        CHECK(w.signature ==
              key_signature(extract_key(std::get<PutRequest>(w.request).item, pk_only)));
}

TEST_CASE("dedupe_last_wins: a later delete beats an earlier put, and the other way round") {
    std::vector<PendingWrite> put_then_delete{put("a", 1), del("a")};
    CHECK(dedupe_last_wins(put_then_delete) == 1);
    REQUIRE(put_then_delete.size() == 1);
    CHECK(std::holds_alternative<DeleteRequest>(put_then_delete[0].request));

    std::vector<PendingWrite> delete_then_put{del("a"), put("a", 7)};
    CHECK(dedupe_last_wins(delete_then_put) == 1);
    CHECK(versions(delete_then_put) == std::vector<int>{7});
}

TEST_CASE("dedupe_last_wins: numerically equal keys are the same key") {
    std::vector<PendingWrite> writes{
        prepare_write(PutRequest{Item{{"pk", 1}, {"v", 1}}}, pk_only),
        prepare_write(PutRequest{Item{{"pk", Number("1.0")}, {"v", 2}}}, pk_only),
        prepare_write(PutRequest{Item{{"pk", "1"}, {"v", 3}}}, pk_only), // a string: another key
    };
    CHECK(dedupe_last_wins(writes) == 1);
    CHECK(versions(writes) == std::vector<int>{2, 3});
}

// ---- chunk_writes --------------------------------------------------------------------------

TEST_CASE("chunk_writes: at most 25 writes per request, in order") {
    const std::size_t unlimited = max_batch_request_bytes;
    for (const auto& [count, expected] :
         std::vector<std::pair<int, std::vector<std::size_t>>>{{0, {}},
                                                               {1, {1}},
                                                               {24, {24}},
                                                               {25, {25}},
                                                               {26, {25, 1}},
                                                               {50, {25, 25}},
                                                               {51, {25, 25, 1}}}) {
        INFO(count << " writes");
        const auto chunks = chunk_writes(numbered_puts(count), 25, unlimited);
        CHECK(chunk_sizes(chunks) == expected);
        CHECK(flattened_versions(chunks) == iota_versions(count));
    }
}

TEST_CASE("chunk_writes: requests are also split by bytes") {
    std::vector<PendingWrite> writes;
    for (int i = 0; i < 7; ++i)
        writes.push_back(sized(i, 10));
    // 30 bytes hold exactly three writes of 10.
    const auto chunks = chunk_writes(std::move(writes), 25, 30);
    CHECK(chunk_sizes(chunks) == std::vector<std::size_t>{3, 3, 1});
    CHECK(flattened_versions(chunks) == iota_versions(7));
}

TEST_CASE("chunk_writes: whichever limit comes first splits") {
    std::vector<PendingWrite> writes;
    for (int i = 0; i < 10; ++i)
        writes.push_back(sized(i, i < 5 ? 1 : 20));
    // The first five are small: the count limit (4) splits them; then bytes (40) do.
    const auto chunks = chunk_writes(std::move(writes), 4, 40);
    CHECK(chunk_sizes(chunks) == std::vector<std::size_t>{4, 2, 2, 2});
    CHECK(flattened_versions(chunks) == iota_versions(10));
}

TEST_CASE("chunk_writes: a write larger than the byte limit goes alone") {
    const auto middle = chunk_writes({sized(0, 10), sized(1, 100), sized(2, 10)}, 25, 30);
    CHECK(chunk_sizes(middle) == std::vector<std::size_t>{1, 1, 1});
    CHECK(flattened_versions(middle) == std::vector<int>{0, 1, 2});

    const auto first = chunk_writes({sized(0, 100), sized(1, 10), sized(2, 10)}, 25, 30);
    CHECK(chunk_sizes(first) == std::vector<std::size_t>{1, 2});

    const auto consecutive = chunk_writes({sized(0, 100), sized(1, 100)}, 25, 30);
    CHECK(chunk_sizes(consecutive) == std::vector<std::size_t>{1, 1});

    // A byte limit of zero: every write alone, and no empty request.
    const auto zero = chunk_writes({sized(0, 1), sized(1, 1), sized(2, 1)}, 25, 0);
    CHECK(chunk_sizes(zero) == std::vector<std::size_t>{1, 1, 1});
}

TEST_CASE("chunk_writes: huge sizes cannot overflow the running total") {
    const std::size_t huge = static_cast<std::size_t>(-1) - 5;
    const auto chunks = chunk_writes({sized(0, 10), sized(1, huge), sized(2, huge)}, 25, 30);
    CHECK(chunk_sizes(chunks) == std::vector<std::size_t>{1, 1, 1});
}

TEST_CASE("chunk_writes: a count limit of zero is rejected") {
    CHECK_THROWS_AS(chunk_writes(numbered_puts(3), 0, 100), InvalidArgumentError);
    CHECK_THROWS_AS(chunk_writes({}, 0, 100), InvalidArgumentError);
}

// ---- plan_gets -----------------------------------------------------------------------------

TEST_CASE("plan_gets: each key fetched once, fanned back out to every row") {
    const std::vector<Item> rows{
        {{"pk", "a"}}, {{"pk", "b"}}, {{"pk", "a"}}, {{"pk", "c"}}, {{"pk", "b"}}};
    const GetPlan plan = plan_gets(rows, pk_only, 100);
    CHECK(plan.keys == std::vector<Item>{{{"pk", "a"}}, {{"pk", "b"}}, {{"pk", "c"}}});
    REQUIRE(plan.signatures.size() == plan.keys.size());
    for (std::size_t i = 0; i < plan.keys.size(); ++i)
        CHECK(plan.signatures[i] == key_signature(plan.keys[i]));
    CHECK(plan.row_to_key == std::vector<std::size_t>{0, 1, 0, 2, 1});
    CHECK(plan.chunks == std::vector<std::vector<std::size_t>>{{0, 1, 2}});
}

TEST_CASE("plan_gets: rows may be full records; only their keys are fetched") {
    const std::vector<Item> rows{{{"pk", "a"}, {"sk", 1}, {"data", "x"}},
                                 {{"pk", "a"}, {"sk", 2}, {"other", true}}};
    const GetPlan plan = plan_gets(rows, pk_sk, 100);
    CHECK(plan.keys == std::vector<Item>{{{"pk", "a"}, {"sk", 1}}, {{"pk", "a"}, {"sk", 2}}});
    CHECK(plan.row_to_key == std::vector<std::size_t>{0, 1});
}

TEST_CASE("plan_gets: numerically equal keys are one key; the first spelling is kept") {
    const std::vector<Item> rows{
        {{"pk", Number("1")}}, {{"pk", Number("1.0")}}, {{"pk", Number("10e-1")}}, {{"pk", "1"}}};
    const GetPlan plan = plan_gets(rows, pk_only, 100);
    REQUIRE(plan.keys.size() == 2);
    CHECK(plan.keys[0].at("pk").as_number().text() == "1");
    CHECK(plan.keys[1].at("pk").is_string());
    CHECK(plan.row_to_key == std::vector<std::size_t>{0, 0, 0, 1});
}

TEST_CASE("plan_gets: at most max_count keys per request") {
    for (const auto& [count, expected] : std::vector<std::pair<int, std::vector<std::size_t>>>{
             {0, {}}, {1, {1}}, {100, {100}}, {101, {100, 1}}, {250, {100, 100, 50}}}) {
        INFO(count << " keys");
        const GetPlan plan = plan_gets(numbered_rows(count), pk_only, 100);
        std::vector<std::size_t> sizes;
        std::vector<std::size_t> all;
        for (const auto& chunk : plan.chunks) {
            sizes.push_back(chunk.size());
            all.insert(all.end(), chunk.begin(), chunk.end());
        }
        CHECK(sizes == expected);
        std::vector<std::size_t> in_order;
        for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i)
            in_order.push_back(i);
        CHECK(all == in_order);
        CHECK(plan.row_to_key == in_order);
    }
}

TEST_CASE("plan_gets: duplicates do not count toward the request limit") {
    std::vector<Item> rows = numbered_rows(100);
    const std::vector<Item> again = numbered_rows(100);
    rows.insert(rows.end(), again.begin(), again.end());
    const GetPlan plan = plan_gets(rows, pk_only, 100);
    CHECK(plan.keys.size() == 100);
    CHECK(plan.chunks.size() == 1);
    CHECK(plan.row_to_key[150] == 50);
}

TEST_CASE("plan_gets: a missing or invalid key names the row and the attribute") {
    const std::vector<Item> missing{{{"pk", "a"}}, {{"pk", "b"}}, {{"other", "c"}}};
    CHECK_THROWS_AS(plan_gets(missing, pk_only, 100), InvalidArgumentError);
    CHECK_THROWS_WITH(plan_gets(missing, pk_only, 100), "rows[2]: key attribute \"pk\" is missing");
    const std::vector<Item> invalid{{{"pk", "a"}}, {{"pk", ""}}};
    CHECK_THROWS_WITH(plan_gets(invalid, pk_only, 100),
                      "rows[1].pk: key attribute must not be an empty string");
}

TEST_CASE("plan_gets: a count limit of zero is rejected") {
    CHECK_THROWS_AS(plan_gets(numbered_rows(3), pk_only, 0), InvalidArgumentError);
    CHECK_THROWS_AS(plan_gets({}, pk_only, 0), InvalidArgumentError);
}

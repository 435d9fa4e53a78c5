#include "sigv4/crypto.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace dynaq::detail;

namespace {

std::vector<unsigned char> bytes(std::size_t n, unsigned char value) {
    return std::vector<unsigned char>(n, value);
}

std::string text(std::size_t n, char value) {
    return std::string(n, value);
}

std::string hmac_hex(std::span<const unsigned char> key, std::string_view data) {
    return to_hex(hmac_sha256(key, data));
}

std::string repeated_hex(std::span<const unsigned char> key, std::string_view data) {
    return to_hex(hmac_sha256_repeated_key(key, data));
}

// RFC 4231 test cases 1-4, 6, 7 (case 5 is a truncated output).
struct HmacCase {
    std::vector<unsigned char> key;
    std::string data;
    std::string_view expected;
};

std::vector<HmacCase> rfc4231() {
    std::vector<unsigned char> counting;
    for (unsigned char i = 1; i <= 25; ++i)
        counting.push_back(i);
    return {
        {bytes(20, 0x0b), "Hi There",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {{'J', 'e', 'f', 'e'},
         "what do ya want for nothing?",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {bytes(20, 0xaa), text(50, '\xdd'),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {counting, text(50, '\xcd'),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {bytes(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {bytes(131, 0xaa),
         "This is a test using a larger than block-size key and a larger than block-size data. "
         "The key needs to be hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
}

} // namespace

TEST_CASE("sha256 matches the FIPS 180-2 examples") {
    CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(to_hex(sha256("abc")) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(to_hex(sha256(std::string(1000000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 reuses its per-thread context without leaking state between calls") {
    const auto first = sha256("abc");
    CHECK(sha256(std::string(1000, 'x')) != first);
    CHECK(sha256("abc") == first);
}

TEST_CASE("hmac_sha256 matches RFC 4231") {
    for (const HmacCase& c : rfc4231()) {
        INFO("key size " << c.key.size() << ", data " << c.data.substr(0, 20));
        CHECK(hmac_hex(c.key, c.data) == c.expected);
        CHECK(repeated_hex(c.key, c.data) == c.expected);
    }
    CHECK(to_hex(hmac_sha256(std::string_view("Jefe"), "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("hmac_sha256 with an empty key and empty data") {
    CHECK(hmac_hex({}, "") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    // An empty key must not be mistaken for "reuse the previous key".
    (void)repeated_hex(bytes(20, 0x0b), "Hi There");
    CHECK(repeated_hex({}, "") ==
          "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("hmac_sha256_repeated_key gives the same MAC on reuse, key changes and mixing") {
    const auto cases = rfc4231();
    // Same key several times in a row (the reuse path), then alternating keys, then one-shot
    // calls in between, which re-key the shared context behind the remembered key's back.
    for (int round = 0; round < 3; ++round)
        CHECK(repeated_hex(cases[0].key, cases[0].data) == cases[0].expected);
    for (int round = 0; round < 2; ++round) {
        for (const HmacCase& c : cases)
            CHECK(repeated_hex(c.key, c.data) == c.expected);
    }
    CHECK(repeated_hex(cases[1].key, cases[1].data) == cases[1].expected);
    CHECK(hmac_hex(cases[0].key, cases[0].data) == cases[0].expected);
    CHECK(repeated_hex(cases[1].key, cases[1].data) == cases[1].expected);
    // A key of the same length and different content must not be taken for the remembered one.
    auto other = cases[0].key;
    other.back() ^= 1;
    CHECK(repeated_hex(other, cases[0].data) != cases[0].expected);
    CHECK(repeated_hex(cases[0].key, cases[0].data) == cases[0].expected);
}

TEST_CASE("hmac keys at and beyond the remembered size") {
    // 64 bytes is remembered, 65 is not; both must be right every time.
    for (int round = 0; round < 2; ++round) {
        CHECK(repeated_hex(bytes(64, 'k'), "data") ==
              "93244b031118b8060c6619e5900fcf916faefb2d8d020fecb22ae0f62275db08");
        CHECK(repeated_hex(bytes(65, 'k'), "data") ==
              "a79b53d0bf1cb4bb00c301979e6e60ef792a435cafabd76ab9e8989bbdef2dff");
    }
}

TEST_CASE("hashing from several threads gives the same results") {
    const auto cases = rfc4231();
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const HmacCase& c = cases[(t + static_cast<std::size_t>(i)) % cases.size()];
                if (repeated_hex(c.key, c.data) != c.expected)
                    ++failures[t];
                if (to_hex(sha256("abc")) !=
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                    ++failures[t];
            }
        });
    }
    for (auto& t : threads)
        t.join();
    for (const int f : failures)
        CHECK(f == 0);
}

TEST_CASE("hex helpers") {
    const std::vector<unsigned char> data{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    CHECK(to_hex(data) == "00017f80abff");
    std::string out = "x=";
    append_hex(out, data);
    CHECK(out == "x=00017f80abff");
    char buffer[4] = {'-', '-', '-', '-'};
    write_hex(std::span(data).subspan(4), buffer);
    CHECK(std::string(buffer, 4) == "abff");
    CHECK(to_hex({}).empty());
}

TEST_CASE("secure_zero clears the bytes") {
    std::array<unsigned char, 5> key{1, 2, 3, 4, 5};
    secure_zero(key);
    CHECK(key == std::array<unsigned char, 5>{});
}

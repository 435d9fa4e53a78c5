#include "http/http_crc32.hpp"

#include <boost/crc.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>

TEST_CASE("crc32: known vectors") {
    using dynaq::detail::crc32;
    CHECK(crc32("") == 0u);
    CHECK(crc32("a") == 0xE8B7BE43u);
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
}

TEST_CASE("crc32: agrees with Boost.CRC for every length and alignment up to 300") {
    std::mt19937 rng(42);
    std::string data(400, '\0');
    for (auto& c : data)
        c = static_cast<char>(rng());
    for (std::size_t offset = 0; offset < 8; ++offset) {
        for (std::size_t len = 0; len <= 300; ++len) {
            boost::crc_32_type ref;
            ref.process_bytes(data.data() + offset, len);
            REQUIRE(dynaq::detail::crc32(std::string_view(data).substr(offset, len)) ==
                    ref.checksum());
        }
    }
}

TEST_CASE("crc32: long inputs (the folded path) agree with Boost.CRC and with the tables") {
    std::mt19937 rng(7);
    std::string data((1u << 20) + 37, '\0');
    for (auto& c : data)
        c = static_cast<char>(rng());
    for (const std::size_t len : {64u, 65u, 79u, 80u, 4096u, 100'003u, (1u << 20) + 37u}) {
        INFO(len);
        const std::string_view part = std::string_view(data).substr(0, len);
        boost::crc_32_type ref;
        ref.process_bytes(part.data(), part.size());
        CHECK(dynaq::detail::crc32(part) == ref.checksum());
        CHECK(dynaq::detail::crc32_portable(part) == ref.checksum());
    }
    // All ones and all zeros exercise the carries (none) and the initial inversion.
    for (const char fill : {'\0', '\xFF'}) {
        const std::string same(1000, fill);
        boost::crc_32_type ref;
        ref.process_bytes(same.data(), same.size());
        CHECK(dynaq::detail::crc32(same) == ref.checksum());
    }
}

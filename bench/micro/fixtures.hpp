#pragma once
// The data the benchmarks work on: items shaped like the null server's (same filler, see
// bench/sink/canned_bodies.hpp), so the encode, decode and round-trip numbers describe the
// same bytes.
#include <dynaq/config.hpp>
#include <dynaq/operations.hpp>
#include <dynaq/sigv4.hpp>
#include <dynaq/value.hpp>

#include <cstddef>
#include <string>

namespace dynaq::bench {

/// An item with pk, sk and filler attributes, about `size` bytes of JSON.
[[nodiscard]] Item sample_item(std::size_t size);

/// A PutItem of sample_item(item_size) into table "bench": what encode_put_1k encodes and
/// sign_1k signs.
[[nodiscard]] PutItemRequest sample_put(std::size_t item_size);

/// Example long-term credentials (the AWS documentation's), of real lengths: the lengths
/// decide whether copies of them allocate.
[[nodiscard]] Credentials sample_credentials();

/// A client configuration for the null server at `url`: us-east-1, sample_credentials().
[[nodiscard]] ClientConfig null_server_client_config(const std::string& url);

} // namespace dynaq::bench

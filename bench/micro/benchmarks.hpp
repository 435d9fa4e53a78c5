#pragma once
// Every benchmark of dynaq-micro. Each runs its own warm-up and measurement (harness.hpp)
// and reports one result.
#include "harness.hpp"

namespace dynaq::bench {

/// dynaq::Signer on a PutItem POST with a 1 KB body, called as the transport calls it.
Result sign_1k(const Options& options);
/// The PutItem encoder (validation included) on a ~1 KB item.
Result encode_put_1k(const Options& options);
/// A ~1 MB Query page of 1,000 items parsed and decoded into a QueryResponse.
Result decode_query_1mb(const Options& options);
/// The response checksum over a ~1 MB page: the dispatching crc32, and the tables alone.
Result crc32_1mb(const Options& options);
Result crc32_1mb_tables(const Options& options);
/// A ~1 KB GetItem response decoded into a GetItemResponse: the allocations of the
/// response's own data, to set against roundtrip_get's.
Result decode_get_1k(const Options& options);
/// Client::get_item against the in-process null server, one call at a time (latency).
Result roundtrip_get_seq(const Options& options);
/// Client::get_item with 64 calls in flight on one I/O thread (throughput).
Result roundtrip_get_64(const Options& options);
/// A Table-layer scan of 200,000 items of 1 KB from the in-process null server, once, with
/// the peak RSS growth meanwhile (the stream must hold one page, not the table).
Result scan_200k_rss(const Options& options);
/// The same as a parallel scan of 4 segments.
Result scan_200k_4seg_rss(const Options& options);
/// The null server's per-request work for a GetItem, without the system calls: parsing the
/// head, echoing the key into the item, writing the response head.
Result sink_get_item(const Options& options);

} // namespace dynaq::bench

#pragma once
// Counts heap allocations made on the calling thread. dynaq-micro replaces the global
// operator new and delete (every form) with counting versions; a benchmark reads the counts
// before and after its measured loop and reports the difference per operation.
//
// Per thread, because an in-process benchmark runs the null server on other threads and only
// the client's allocations are of interest.
#include <cstdint>

namespace dynaq::bench {

struct AllocationCount {
    std::uint64_t allocations = 0; ///< calls of any operator new
    std::uint64_t bytes = 0;       ///< bytes they asked for
};

/// This thread's allocations since it started.
[[nodiscard]] AllocationCount thread_allocations() noexcept;

} // namespace dynaq::bench

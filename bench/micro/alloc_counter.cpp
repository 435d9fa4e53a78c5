// The replaced allocation functions. These counters are the one piece of global mutable
// state in the benchmarks, and they must be: operator new and malloc are global functions
// called with no context, so whatever they record can only live in a global -- thread-local,
// which keeps the counting free of atomic operations and of other threads' allocations.
//
// Two entry points are counted: every form of the global operator new, and (with glibc) the
// C allocator itself, which glibc lets a program replace by defining malloc and friends
// (ELF symbol interposition; "Replacing malloc" in the glibc manual). The second matters:
// RapidJSON's allocators and OpenSSL call malloc directly, so counting operator new alone
// would miss the JSON parser's buffers. Both forward to glibc's own allocator (__libc_malloc
// and friends), so each allocation is counted exactly once.
#include "alloc_counter.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <new>

#if defined(__GLIBC__)
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* p);
}
#endif

namespace dynaq::bench {

namespace {

thread_local AllocationCount counts;

void count(std::size_t size) noexcept {
    ++counts.allocations;
    counts.bytes += size;
}

#if defined(__GLIBC__)
void* raw_malloc(std::size_t size) noexcept {
    return __libc_malloc(size);
}
void* raw_aligned(std::size_t alignment, std::size_t size) noexcept {
    return __libc_memalign(alignment, size);
}
void raw_free(void* p) noexcept {
    __libc_free(p);
}
#else
void* raw_malloc(std::size_t size) noexcept {
    return std::malloc(size);
}
void* raw_aligned(std::size_t alignment, std::size_t size) noexcept {
    // aligned_alloc wants a multiple of the alignment.
    return std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}
void raw_free(void* p) noexcept {
    std::free(p);
}
#endif

void* counted_new(std::size_t size) noexcept {
    count(size);
    // malloc(0) may return nullptr, which operator new must not.
    return raw_malloc(size != 0 ? size : 1);
}

void* counted_new(std::size_t size, std::align_val_t alignment) noexcept {
    count(size);
    return raw_aligned(static_cast<std::size_t>(alignment), size != 0 ? size : 1);
}

void* or_throw(void* p) {
    if (p == nullptr)
        throw std::bad_alloc();
    return p;
}

} // namespace

AllocationCount thread_allocations() noexcept {
    return counts;
}

} // namespace dynaq::bench

using dynaq::bench::count;
using dynaq::bench::counted_new;
using dynaq::bench::or_throw;
using dynaq::bench::raw_free;

void* operator new(std::size_t size) {
    return or_throw(counted_new(size));
}
void* operator new[](std::size_t size) {
    return or_throw(counted_new(size));
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    return counted_new(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    return counted_new(size);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
    return or_throw(counted_new(size, alignment));
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
    return or_throw(counted_new(size, alignment));
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return counted_new(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
    return counted_new(size, alignment);
}

// Every form of delete frees: plain and aligned blocks come from the same allocator.
void operator delete(void* p) noexcept {
    raw_free(p);
}
void operator delete[](void* p) noexcept {
    raw_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    raw_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    raw_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    raw_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    raw_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    raw_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    raw_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    raw_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    raw_free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    raw_free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    raw_free(p);
}

#if defined(__GLIBC__)
// The C allocator. realloc counts as an allocation: it may move the block, and it is a call
// into the allocator either way, which is what "allocations per request" is about.
extern "C" {

void* malloc(std::size_t size) noexcept {
    count(size);
    return __libc_malloc(size);
}

void* calloc(std::size_t n, std::size_t size) noexcept {
    count(n * size);
    return __libc_calloc(n, size);
}

void* realloc(void* p, std::size_t size) noexcept {
    count(size);
    return __libc_realloc(p, size);
}

void free(void* p) noexcept {
    __libc_free(p);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
    count(size);
    return __libc_memalign(alignment, size);
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
    count(size);
    return __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
    if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    count(size);
    void* p = __libc_memalign(alignment, size);
    if (p == nullptr)
        return ENOMEM;
    *out = p;
    return 0;
}

} // extern "C"
#endif

#pragma once

// DYNAQ_API marks the declarations the shared library exports. The library is compiled with
// hidden visibility (-fvisibility=hidden -fvisibility-inlines-hidden), so everything else in
// it, the internal headers of lib/ above all, stays out of libdynaq.so's dynamic symbol table
// and can change without breaking the ABI.
//
// Only the public API carries it: the classes whose members, vtables or type_info are defined
// in the library (exported as a whole, so catch clauses and dynamic_cast work across the
// library's boundary), and the free functions defined there. Value types whose members are all
// inline need no mark.
//
// On ELF the same attribute serves both sides (building and using the library), and a static
// library ignores it, so no build-mode macro is needed.
#if defined(__GNUC__) || defined(__clang__)
#define DYNAQ_API __attribute__((visibility("default")))
#else
#define DYNAQ_API
#endif

/// @file export.h
/// Symbol visibility. The library is built with hidden visibility; SCAMGUARD_API marks what it
/// exports (the C++ API in namespace scamguard, the C API's scamguard_ functions), and the
/// shared library's version script (src/libscamguard.map) exports nothing else.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define SCAMGUARD_API __attribute__((visibility("default")))
#else
#define SCAMGUARD_API
#endif

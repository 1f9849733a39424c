// CS_ASSERT(condition, "why this cannot happen"): for programmer errors only, never for
// user input. Checked when SCAMGUARD_DEV_CHECKS is on; compiled out otherwise.
#pragma once

#if defined(SCAMGUARD_DEV_CHECKS)
#include <cstdio>
#include <cstdlib>
#define CS_ASSERT(condition, why)                                                                \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, #condition, \
                   why);                                                                         \
      std::abort();                                                                              \
    }                                                                                            \
  } while (false)
#else
#define CS_ASSERT(condition, why) ((void)0)
#endif

// Whether this test, and so the scamguardd it starts (one build, one SCAMGUARD_SANITIZE), runs
// under AddressSanitizer or ThreadSanitizer (the asan and tsan presets). GCC defines these
// macros for -fsanitize=address and -fsanitize=thread.
#pragma once

namespace scamguard::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif

// How much more memory a sanitized process takes for the same work, for the tests that bound
// a daemon's RSS: TSan maps shadow memory beside every application byte and ASan keeps freed
// blocks in quarantine (ChunkedBodiesAreLimitedWhileReading: +66 MiB under TSan against a
// 64 MiB bound). A body read whole, the defect those bounds catch, still exceeds them.
inline constexpr long kSanitizedMemoryFactor = kSanitizedBuild ? 4 : 1;

}  // namespace scamguard::testing

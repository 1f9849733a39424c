// Symbol visibility for the scamguard library. Everything not marked SCAMGUARD_API is hidden.
#pragma once

#if defined(SCAMGUARD_SHARED_BUILD)
#define SCAMGUARD_API __attribute__((visibility("default")))
#else
#define SCAMGUARD_API
#endif

/* @file scamguard_c.h
 * The C API of scamguard: the engine, one call at a time, for programs that cannot use C++
 * (an app's native layer, a binding generator, a SIP proxy module).
 *
 *   scamguard_engine_options options;
 *   scamguard_engine_options_init(&options);       // config_dir NULL: the installed conf/
 *   char* error = NULL;
 *   scamguard_engine* engine = scamguard_engine_load(&options, &error);
 *   if (!engine) { fprintf(stderr, "%s\n", error); scamguard_free(error); return 1; }
 *
 *   scamguard_call* call = scamguard_call_open(engine);
 *   scamguard_call_turn(call, SCAMGUARD_SPEAKER_REMOTE, "hello this is amazon", NULL);
 *   scamguard_verdict verdict;
 *   scamguard_call_verdict(call, &verdict);
 *   if (verdict.action != SCAMGUARD_ACTION_ALLOW) show_warning(verdict.reason);
 *   scamguard_call_free(call);
 *   scamguard_engine_free(engine);
 *
 * Errors: a function that can fail returns 0 (SCAMGUARD_OK) or an scamguard_error code, and
 * when `error` is not NULL stores a message there that the caller frees with scamguard_free
 * (one sentence naming what and where). Nothing in this API throws, prints, aborts or exits.
 * Strings in are NUL-terminated UTF-8 (any bytes are accepted in turn text); strings out are
 * NUL-terminated UTF-8.
 *
 * Thread safety (as RE2 states it for RE2 objects):
 *   - A scamguard_engine is immutable once loaded: any number of threads may use one engine
 *     at once (open calls, read the symbol catalogue) without locking.
 *   - A scamguard_call is not thread-safe: one thread at a time may use it. Different calls
 *     of one engine may be used on different threads at the same time.
 *   - A call keeps its engine's compiled state alive, so scamguard_engine_free may be called
 *     while calls of that engine are still open; free each call separately.
 *   - Pointers returned by scamguard_call_verdict stay valid until the next event on that
 *     call or until it is freed; those of the symbol catalogue until the engine is freed.
 */
#ifndef SCAMGUARD_SCAMGUARD_C_H_
#define SCAMGUARD_SCAMGUARD_C_H_

#include <stddef.h>
#include <stdint.h>

#include "scamguard/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scamguard_engine scamguard_engine;
typedef struct scamguard_call scamguard_call;

/* The same values as scamguard::ErrorCode (error.h). */
typedef enum scamguard_error {
  SCAMGUARD_OK = 0,
  SCAMGUARD_ERROR_INVALID_INPUT = 1, /* malformed event, NULL argument */
  SCAMGUARD_ERROR_CONFIG = 2,        /* configuration does not validate */
  SCAMGUARD_ERROR_MODEL_FORMAT = 3,
  SCAMGUARD_ERROR_UNAVAILABLE = 4, /* a backend cannot be reached */
  SCAMGUARD_ERROR_SESSION_IN_USE = 5,
  SCAMGUARD_ERROR_CANCELLED = 6,
  SCAMGUARD_ERROR_NOT_FOUND = 7, /* a named file does not exist */
  SCAMGUARD_ERROR_INTERNAL = 99  /* a bug in scamguard, or out of memory */
} scamguard_error;

/* Ordered from least to most severe, as scamguard::Action. */
typedef enum scamguard_action {
  SCAMGUARD_ACTION_ALLOW = 0,
  SCAMGUARD_ACTION_WARN = 1,
  SCAMGUARD_ACTION_BLOCK = 2
} scamguard_action;

typedef enum scamguard_speaker {
  SCAMGUARD_SPEAKER_REMOTE = 0, /* the other party */
  SCAMGUARD_SPEAKER_USER = 1,   /* the person scamguard protects */
  SCAMGUARD_SPEAKER_UNKNOWN = 2 /* not diarised */
} scamguard_speaker;

/* What Engine::load reads. NULL fields are unset. */
typedef struct scamguard_engine_options {
  const char* config_dir;   /* NULL: the configuration installed with the library */
  const char* local_dir;    /* optional: merged over config_dir, file by file */
  const char* override_dir; /* optional: replaces config_dir files of the same name */
  /* Optional: a writable directory for the compiled pattern database (see
   * docs/embedding.md). NULL: compile at every load, write nothing. */
  const char* pattern_cache_dir;
  /* Optional: a text model file instead of the configured one; "" runs without a model. */
  const char* model_path;
} scamguard_engine_options;

/* The call set-up (events.h CallSetup). NULL strings are empty; every field is optional. */
typedef struct scamguard_call_setup {
  const char* caller;
  const char* callee;
  const char* display_name;
  const char* direction; /* "inbound", "outbound" or NULL */
  const char* ingress;   /* "domestic", "international" or NULL */
  const char* ingress_country;
  const char* trunk;
  const char* attestation;
  const char* asserted_identity;
  int64_t time_ms; /* 0: now */
} scamguard_call_setup;

/* The verdict after the last event. `reason` is one human-readable line for a phone's
 * screen ("" while nothing was found). */
typedef struct scamguard_verdict {
  scamguard_action action;
  double score;
  double warn_score;
  double block_score;
  size_t finding_count;
  const char* reason;
} scamguard_verdict;

/* One entry of the symbol catalogue. */
typedef struct scamguard_symbol_info {
  const char* symbol;
  const char* group;
  const char* stage; /* "contact", "impersonation", ... */
  const char* description;
  double score;         /* in effect after configuration */
  double default_score; /* as the rule ships */
  int composite;        /* 1 for composites of composites.toml */
} scamguard_symbol_info;

/* "0.1.0". */
SCAMGUARD_API const char* scamguard_version(void);

/* "allow", "warn" or "block". */
SCAMGUARD_API const char* scamguard_action_name(scamguard_action action);

/* Frees a string this API returned (an error message, verdict JSON). NULL is ignored. */
SCAMGUARD_API void scamguard_free(void* pointer);

/* Sets every field to NULL. */
SCAMGUARD_API void scamguard_engine_options_init(scamguard_engine_options* options);

/* Loads an engine; NULL options means all defaults. Returns NULL on failure, with the
 * message in *error when error is not NULL. */
SCAMGUARD_API scamguard_engine* scamguard_engine_load(const scamguard_engine_options* options,
                                                      char** error);
SCAMGUARD_API void scamguard_engine_free(scamguard_engine* engine);

/* Problems that did not stop the load (an unreadable text model); 0 when none. */
SCAMGUARD_API size_t scamguard_engine_warning_count(const scamguard_engine* engine);
SCAMGUARD_API const char* scamguard_engine_warning(const scamguard_engine* engine, size_t index);

/* The symbol catalogue: rules first, then composites. `index` < symbol_count. */
SCAMGUARD_API size_t scamguard_engine_symbol_count(const scamguard_engine* engine);
SCAMGUARD_API int scamguard_engine_symbol(const scamguard_engine* engine, size_t index,
                                          scamguard_symbol_info* out);

/* Starts scoring a new call. NULL only when engine is NULL or memory runs out. */
SCAMGUARD_API scamguard_call* scamguard_call_open(const scamguard_engine* engine);
SCAMGUARD_API void scamguard_call_free(scamguard_call* call);

/* The events of a call, in arrival order (session.h). */
SCAMGUARD_API int scamguard_call_setup_event(scamguard_call* call,
                                             const scamguard_call_setup* setup, char** error);
SCAMGUARD_API int scamguard_call_turn(scamguard_call* call, scamguard_speaker speaker,
                                      const char* text, char** error);
/* `type`: "app_started", "app_stopped", "app_installed", "remote_session_started",
 * "remote_session_ended" or "banking_opened". */
SCAMGUARD_API int scamguard_call_device_event(scamguard_call* call, const char* type,
                                              const char* app, char** error);

/* The verdict after the last event, as a struct (pointers valid until the next event). */
SCAMGUARD_API int scamguard_call_verdict(const scamguard_call* call, scamguard_verdict* out);

/* The verdict as JSON (the shape of scamguard::to_json, verdict.h); free with scamguard_free.
 * NULL when call is NULL or memory runs out. */
SCAMGUARD_API char* scamguard_call_verdict_json(const scamguard_call* call);

#ifdef __cplusplus
}
#endif

#endif /* SCAMGUARD_SCAMGUARD_C_H_ */

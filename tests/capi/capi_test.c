/* The C API (include/scamguard/scamguard_c.h), from C, built with AddressSanitizer (and its
 * leak checker): every handle and string the API returns is freed, bad input gives an error
 * code and a message, never a crash. Usage: scamguard_capi_test CONF_DIR */
#include <scamguard/scamguard_c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define CHECK(condition)                                                            \
  do {                                                                              \
    if (!(condition)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

static void scores_the_news_report_call(const scamguard_engine* engine) {
  scamguard_call* call = scamguard_call_open(engine);
  CHECK(call != NULL);
  scamguard_call_setup setup;
  memset(&setup, 0, sizeof setup);
  setup.caller = "+61412345678";
  setup.direction = "inbound";
  setup.ingress = "international";
  setup.ingress_country = "IN";
  CHECK(scamguard_call_setup_event(call, &setup, NULL) == SCAMGUARD_OK);
  const char* turns[] = {
      "sir my name is david i am calling from amazon customer care you have been selected for a "
      "cashback of three hundred dollars",
      "to process the cashback you need to download one application any desk from the play store "
      "and read me the nine digit code showing on your screen",
      "no problem sir you just have to pay one forty nine dollars for the security repair"};
  for (size_t i = 0; i < sizeof turns / sizeof turns[0]; ++i) {
    CHECK(scamguard_call_turn(call, SCAMGUARD_SPEAKER_REMOTE, turns[i], NULL) == SCAMGUARD_OK);
  }
  CHECK(scamguard_call_device_event(call, "app_started", "anydesk", NULL) == SCAMGUARD_OK);

  scamguard_verdict verdict;
  CHECK(scamguard_call_verdict(call, &verdict) == SCAMGUARD_OK);
  CHECK(verdict.action == SCAMGUARD_ACTION_BLOCK);
  CHECK(verdict.score >= verdict.block_score);
  CHECK(verdict.finding_count > 0);
  CHECK(strncmp(verdict.reason, "Caller", 6) == 0);
  CHECK(strcmp(scamguard_action_name(verdict.action), "block") == 0);

  char* json = scamguard_call_verdict_json(call);
  CHECK(json != NULL && strstr(json, "\"action\":\"block\"") != NULL);
  CHECK(json != NULL && strstr(json, "\"reason\":\"Caller") != NULL);
  scamguard_free(json);
  scamguard_call_free(call);
}

static void bad_input_is_an_error_with_a_message(const scamguard_engine* engine) {
  scamguard_call* call = scamguard_call_open(engine);
  char* error = NULL;
  CHECK(scamguard_call_device_event(call, "teleported", "x", &error) ==
        SCAMGUARD_ERROR_INVALID_INPUT);
  CHECK(error != NULL && strstr(error, "teleported") != NULL);
  scamguard_free(error);

  CHECK(scamguard_call_turn(call, (scamguard_speaker)7, "hello", &error) ==
        SCAMGUARD_ERROR_INVALID_INPUT);
  scamguard_free(error);
  CHECK(scamguard_call_turn(call, SCAMGUARD_SPEAKER_REMOTE, NULL, NULL) ==
        SCAMGUARD_ERROR_INVALID_INPUT);

  /* A second set-up is refused and changes nothing. */
  scamguard_call_setup setup;
  memset(&setup, 0, sizeof setup);
  CHECK(scamguard_call_setup_event(call, &setup, NULL) == SCAMGUARD_OK);
  CHECK(scamguard_call_setup_event(call, &setup, &error) == SCAMGUARD_ERROR_INVALID_INPUT);
  scamguard_free(error);
  setup.direction = "sideways";
  CHECK(scamguard_call_setup_event(call, &setup, &error) == SCAMGUARD_ERROR_INVALID_INPUT);
  CHECK(error != NULL && strstr(error, "sideways") != NULL);
  scamguard_free(error);

  scamguard_verdict verdict;
  CHECK(scamguard_call_verdict(call, &verdict) == SCAMGUARD_OK);
  CHECK(verdict.action == SCAMGUARD_ACTION_ALLOW && verdict.reason[0] == '\0');
  CHECK(scamguard_call_verdict(NULL, &verdict) == SCAMGUARD_ERROR_INVALID_INPUT);
  CHECK(scamguard_call_verdict_json(NULL) == NULL);
  scamguard_call_free(call);
  scamguard_call_free(NULL);
}

static void symbol_catalogue(const scamguard_engine* engine) {
  size_t count = scamguard_engine_symbol_count(engine);
  CHECK(count > 50);
  int found = 0;
  for (size_t i = 0; i < count; ++i) {
    scamguard_symbol_info info;
    CHECK(scamguard_engine_symbol(engine, i, &info) == SCAMGUARD_OK);
    if (strcmp(info.symbol, "PAYMENT_GIFT_CARD") == 0) {
      found = 1;
      CHECK(strcmp(info.group, "payment") == 0 && info.score > 0 && !info.composite);
    }
  }
  CHECK(found);
  scamguard_symbol_info info;
  CHECK(scamguard_engine_symbol(engine, count, &info) == SCAMGUARD_ERROR_INVALID_INPUT);
}

static void load_failure_names_the_directory(void) {
  scamguard_engine_options options;
  scamguard_engine_options_init(&options);
  options.config_dir = "/no-such-scamguard-conf";
  char* error = NULL;
  CHECK(scamguard_engine_load(&options, &error) == NULL);
  CHECK(error != NULL && strstr(error, "/no-such-scamguard-conf") != NULL);
  scamguard_free(error);
}

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: scamguard_capi_test CONF_DIR [PATTERN_CACHE_DIR]\n");
    return 2;
  }
  scamguard_engine_options options;
  scamguard_engine_options_init(&options);
  options.config_dir = argv[1];
  if (argc == 3) options.pattern_cache_dir = argv[2];
  char* error = NULL;
  scamguard_engine* engine = scamguard_engine_load(&options, &error);
  if (!engine) {
    fprintf(stderr, "load: %s\n", error);
    scamguard_free(error);
    return 1;
  }
  CHECK(strcmp(scamguard_version(), "0.1.0") == 0);
  CHECK(scamguard_engine_warning_count(engine) == 0);
  scores_the_news_report_call(engine);
  bad_input_is_an_error_with_a_message(engine);
  symbol_catalogue(engine);
  load_failure_names_the_directory();

  /* A call keeps its engine's state alive after the engine is freed. */
  scamguard_call* call = scamguard_call_open(engine);
  scamguard_engine_free(engine);
  CHECK(scamguard_call_turn(call, SCAMGUARD_SPEAKER_REMOTE, "this is amazon", NULL) ==
        SCAMGUARD_OK);
  scamguard_call_free(call);

  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}

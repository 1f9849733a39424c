/* Embedding scamguard in C (include/scamguard/scamguard_c.h): score the `turn` and `event`
 * lines of a golden .call file (tests/calls/README.md), print the verdict as JSON after the
 * last event, then "ACTION SCORE REASON":
 *
 *   cc main.c $(pkg-config --cflags --libs scamguard) -o embed_c
 *   ./embed_c tests/calls/scam/amazon_cashback_anydesk_fee.call
 */
#include <scamguard/scamguard_c.h>
#include <stdio.h>
#include <string.h>

/* Copies the string value of "key": "value" from a one-line JSON object into out. */
static void field(const char* json, const char* key, char* out, size_t size) {
  char marker[64];
  snprintf(marker, sizeof marker, "\"%s\": \"", key);
  out[0] = '\0';
  const char* at = strstr(json, marker);
  if (!at) return;
  at += strlen(marker);
  const char* end = strchr(at, '"');
  size_t length = end ? (size_t)(end - at) : strlen(at);
  if (length >= size) length = size - 1;
  memcpy(out, at, length);
  out[length] = '\0';
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: embed_c FILE.call\n");
    return 2;
  }
  FILE* in = fopen(argv[1], "r");
  if (!in) {
    fprintf(stderr, "embed_c: cannot read %s\n", argv[1]);
    return 2;
  }
  char* error = NULL;
  scamguard_engine* engine = scamguard_engine_load(NULL, &error); /* the installed conf/ */
  if (!engine) {
    fprintf(stderr, "embed_c: %s\n", error);
    scamguard_free(error);
    fclose(in);
    return 1;
  }
  scamguard_call* call = scamguard_call_open(engine);

  char line[4096];
  int status = SCAMGUARD_OK;
  while (status == SCAMGUARD_OK && fgets(line, sizeof line, in)) {
    if (strncmp(line, "turn ", 5) == 0) {
      char* text = strchr(line, '"');
      char* end = strrchr(line, '"');
      if (!text || end == text) continue;
      *end = '\0';
      scamguard_speaker speaker = strncmp(line + 5, "remote", 6) == 0 ? SCAMGUARD_SPEAKER_REMOTE
                                  : strncmp(line + 5, "user", 4) == 0 ? SCAMGUARD_SPEAKER_USER
                                                                      : SCAMGUARD_SPEAKER_UNKNOWN;
      status = scamguard_call_turn(call, speaker, text + 1, &error);
    } else if (strncmp(line, "event ", 6) == 0) {
      char type[64], app[128];
      field(line, "type", type, sizeof type);
      field(line, "app", app, sizeof app);
      status = scamguard_call_device_event(call, type, app, &error);
    }
  }
  fclose(in);
  if (status != SCAMGUARD_OK) {
    fprintf(stderr, "embed_c: %s\n", error);
    scamguard_free(error);
  } else {
    char* json = scamguard_call_verdict_json(call);
    printf("%s\n", json);
    scamguard_free(json);
    scamguard_verdict verdict;
    scamguard_call_verdict(call, &verdict);
    printf("%s %.2f %s\n", scamguard_action_name(verdict.action), verdict.score, verdict.reason);
  }
  scamguard_call_free(call);
  scamguard_engine_free(engine);
  return status == SCAMGUARD_OK ? 0 : 1;
}

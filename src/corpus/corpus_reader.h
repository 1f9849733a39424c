// Reader for the shared call corpus format (JSON Lines, one call per line; see
// docs/ARCHITECTURE.md and ../shared/data/README.md).
//
// Unknown extra fields are accepted. A malformed line (including one nested deeper than
// codec::kMaxJsonDepth) is reported with its file and line and skipped; reading goes on with
// the next line.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/event_json.h"
#include "scamguard/error.h"
#include "scamguard/events.h"

namespace scamguard::corpus {

// The set-up, turn, device-event and call-end objects are read by codec/event_json.h.
using codec::TimedDeviceEvent;

struct CorpusCall {
  std::string id;
  std::string source;
  std::string label;  // "scam" or "legit"
  std::string type;
  bool real = false;
  Direction direction = Direction::kUnknown;
  std::vector<Turn> turns;
  std::optional<int> critical_turn;
  std::optional<CallSetup> setup;
  std::vector<TimedDeviceEvent> events;
  // Optional "started_at": unix seconds (a number) or ISO 8601 UTC ("2026-11-29T12:40:00Z").
  // Used to order calls in campaigns (docs/campaigns.md); absent in most corpora.
  std::optional<int64_t> started_at;
  std::optional<CallEnd> end;  // "end": {"answered": true, "duration": 42.5, "time": ...}

  bool is_scam() const { return label == "scam"; }
};

// Parses one line. Errors name the field at fault ("turns[3].speaker: ...").
Result<CorpusCall> parse_call(std::string_view line);

// Parses a "started_at" value: unix seconds, or ISO 8601 in UTC ("2026-11-29T12:40:00Z",
// "2026-11-29T12:40:00+00:00", "2026-11-29"). The error names the bad value.
Result<int64_t> parse_started_at(std::string_view json_value);

struct LineError {
  std::string file;
  int line;
  std::string message;
};

// The corpus files `path` names: a directory's *.jsonl files in name order, or `path` itself.
std::vector<std::string> corpus_files(const std::string& path);

// Reads every call of `path`: a .jsonl file, a directory (its *.jsonl files in name order)
// or "-" for standard input. Returns false if the path cannot be read at all.
Status read_corpus(const std::string& path, const std::function<void(CorpusCall&&)>& on_call,
                   const std::function<void(const LineError&)>& on_error);

}  // namespace scamguard::corpus

// Golden call files (.call): a call's events with expectations between them, so that a test
// checks not only what the engine concludes but *when* (see tests/calls/README.md).
//
//   # description: "Amazon" cashback, then AnyDesk
//   setup {"caller": "+61412345678", "ingress": "international", "direction": "inbound"}
//   turn remote "hello I am calling from amazon about your cashback"
//   expect symbol BRAND_CLAIM option "brand=amazon"
//   expect action allow
//   turn remote "please download any desk and read me the nine digit code"
//   expect action >= warn
//   event {"type": "app_started", "app": "anydesk"}
//   expect no symbol USER_INITIATED_CALL
//
// Lines: `setup JSON`, `turn remote|user|unknown "JSON string"`, `event JSON` (a device
// event object), `expect action [>=] ACTION`, `expect symbol NAME [option "TEXT"]`,
// `expect no symbol NAME`, `expect score >= N` / `expect score < N`. '#' starts a comment.
#pragma once

#include <string>
#include <vector>

#include "corpus/corpus_reader.h"
#include "scamguard/engine.h"

namespace scamguard::corpus {

struct Expectation {
  enum class Kind { kActionIs, kActionAtLeast, kSymbol, kNoSymbol, kScoreAtLeast, kScoreBelow };
  Kind kind;
  Action action = Action::kAllow;
  std::string symbol;
  std::string option;  // optional for kSymbol
  double score = 0.0;
};

struct GoldenStep {
  enum class Kind { kSetup, kTurn, kEvent, kExpect };
  Kind kind;
  int line;
  CallSetup setup;
  Turn turn;
  DeviceEvent event;
  Expectation expectation;
};

struct GoldenCall {
  std::string path;
  std::string description;
  std::vector<GoldenStep> steps;

  // The events only, as a corpus call (expectations dropped), for `explain` and `scan`.
  CorpusCall to_corpus_call() const;
};

// Parses a .call file's text; errors name the path and line.
Result<GoldenCall> parse_golden_call(std::string_view text, const std::string& path);

// Plays the call through `engine` and checks every expectation where it stands.
// Returns one message per failed expectation ("path:line: expected ..., got ...").
std::vector<std::string> check_golden_call(const Engine& engine, const GoldenCall& call);

}  // namespace scamguard::corpus

// The one line a phone shows the person (Verdict::reason), built from the findings'
// descriptions and evidence.
#pragma once

#include <array>
#include <string>

#include "scamguard/verdict.h"

namespace scamguard::detail {

class EngineState;

// A symbol's description worded for the person: "Remote party asks the user to" becomes
// "Caller asks you to", and "(lists/...)" and "(option ...)" asides are dropped. Done once
// per symbol at load (SymbolDef::phone_wording).
std::string phone_wording(std::string_view description);

// Keeps Verdict::reason up to date for one call: who the caller claims to be (the strongest
// impersonation finding) and the most advanced thing the call came to (the latest stage from
// remote access to theft, its strongest finding), each worded for the person ("Remote party
// asks the user to" becomes "Caller asks you to"; "(lists/...)" and "(option ...)" asides
// are dropped) with its first piece of evidence: "Caller names a well-known company (amazon);
// caller asks you to read out an ID or code shown on screen (9 digit code)". With neither,
// the strongest finding alone; empty when nothing was found.
class ReasonLine {
 public:
  void update(const EngineState& engine, Verdict& verdict);
  void reset();  // as new: the next update rebuilds the line

 private:
  std::array<std::string, 4> key_;  // symbol and evidence of the findings last told
};

}  // namespace scamguard::detail

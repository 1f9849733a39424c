// The one line a phone shows the person (Verdict::reason), built from the findings'
// descriptions and evidence.
#pragma once

#include <string>
#include <string_view>

#include "scamguard/verdict.h"

namespace scamguard::detail {

class EngineState;

// A rule's description as the person on the phone reads it: "Remote party asks the user to
// pay a fee" becomes "Caller asks you to pay a fee"; references for analysts ("(lists/...)",
// "(option ...)") are dropped.
std::string phone_wording(std::string_view description);

// Who the caller claims to be (the strongest impersonation finding) and the most advanced
// thing the call came to (the latest stage from remote access to theft, its strongest
// finding), each with its first piece of evidence: "Caller names a well-known company
// (amazon); caller asks you to read out an ID or code shown on screen (9 digit code)". With
// neither, the strongest finding alone; empty when nothing was found.
std::string verdict_reason(const EngineState& engine, const Verdict& verdict);

}  // namespace scamguard::detail

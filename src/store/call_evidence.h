// The case report's evidence for one call (campaign/report.h, CallEvidence), read from the
// call store: what was said turn by turn, the final verdict's findings and the device events.
// The daemon and `scamguard campaigns --report` both use it, so their reports agree.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "campaign/report.h"
#include "store/call_store.h"

namespace scamguard::store {

// The evidence in one stored call. Findings JSON that does not parse gives no findings
// rather than a wrong report.
campaign::CallEvidence call_evidence(const CallRecord& record);

// A lookup over `store` for ReportContext::evidence: nullopt for a call the store does not
// hold (or cannot read). `store` must outlive the lookup.
std::function<std::optional<campaign::CallEvidence>(const std::string&)> call_evidence_lookup(
    const CallStore& store);

}  // namespace scamguard::store

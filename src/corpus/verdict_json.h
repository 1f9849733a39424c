// The verdict line `scamguard scan` writes for each call (docs/verdict-json.md): the verdict
// object of the HTTP API and the C and Python APIs (src/core/verdict_json.h, the one encoder),
// plus the call's id and the first turns that reached warn and block:
//
//   {"id": ..., "first_warn_turn": 0|null, "first_block_turn": 3|null,
//    "action": ..., "score": ..., "warn_score": ..., "block_score": ..., "reason": ...,
//    "findings": [{"symbol": ..., "group": ..., "stage": ..., "score": ..., "turn": 0|null,
//                  "options": [...]}],
//    "symbols": [{"name": ..., "score": ..., "turn": ..., "options": [...]}]}
//
// `symbols` repeats `findings` in the shape of ../shared/data/README.md's verdict line format,
// which existing readers follow; it is deprecated (readers should use `findings`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "corpus/replay.h"

namespace scamguard::corpus {

nlohmann::json verdict_line(const std::string& id, const ReplayResult& result);

}  // namespace scamguard::corpus

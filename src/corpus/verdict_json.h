// The verdict line of the shared format:
//   {"id": ..., "action": ..., "score": ..., "first_warn_turn": ..., "first_block_turn": ...,
//    "reason": ..., "symbols": [{"name": ..., "score": ..., "turn": ..., "options": [...]}]}
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "corpus/replay.h"

namespace scamguard::corpus {

nlohmann::json finding_json(const Finding& finding);
nlohmann::json verdict_line(const std::string& id, const ReplayResult& result);

}  // namespace scamguard::corpus

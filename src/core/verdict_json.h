// The verdict object (docs/http-api.md "Verdict object"), for scamguard::to_json and the
// daemon's codec: one encoder, one shape.
#pragma once

#include <nlohmann/json.hpp>

#include "scamguard/engine.h"
#include "scamguard/verdict.h"

namespace scamguard::detail {

nlohmann::json findings_json(const Verdict& verdict);
nlohmann::json verdict_json(const Verdict& verdict);
// One catalogue entry, as `scamguard symbols --json` and GET /v1/symbols write it.
nlohmann::json symbol_json(const SymbolInfo& symbol);

}  // namespace scamguard::detail

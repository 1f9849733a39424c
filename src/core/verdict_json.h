// The verdict object (docs/http-api.md "Verdict object"), for scamguard::to_json and the
// daemon's codec: one encoder, one shape.
#pragma once

#include <nlohmann/json.hpp>

#include "scamguard/verdict.h"

namespace scamguard::detail {

nlohmann::json findings_json(const Verdict& verdict);
nlohmann::json verdict_json(const Verdict& verdict);

}  // namespace scamguard::detail

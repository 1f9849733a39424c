#include <cmath>
#include <nlohmann/json.hpp>

#include "scamguard/verdict.h"

namespace scamguard {

std::string to_json(const Verdict& verdict) {
  // Two decimals are what a reader compares; more is noise from the group-cap scaling.
  auto rounded = [](double value) { return std::round(value * 100.0) / 100.0; };
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& finding : verdict.findings) {
    findings.push_back(
        {{"symbol", finding.symbol},
         {"group", finding.group},
         {"stage", to_string(finding.stage)},
         {"score", rounded(finding.score)},
         {"turn", finding.turn < 0 ? nlohmann::json(nullptr) : nlohmann::json(finding.turn)},
         {"options", finding.options}});
  }
  nlohmann::json out = {{"action", to_string(verdict.action)},
                        {"score", rounded(verdict.score)},
                        {"warn_score", verdict.warn_score},
                        {"block_score", verdict.block_score},
                        {"reason", verdict.reason},
                        {"findings", std::move(findings)}};
  // Turn text is any bytes; invalid UTF-8 in evidence is replaced, never thrown.
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace scamguard

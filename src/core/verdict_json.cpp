#include "core/verdict_json.h"

#include <cmath>

namespace scamguard {
namespace detail {
namespace {
// Two decimals are what a reader compares; more is noise from the group-cap scaling.
double rounded(double value) { return std::round(value * 100.0) / 100.0; }
}  // namespace

nlohmann::json findings_json(const Verdict& verdict) {
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
  return findings;
}

nlohmann::json verdict_json(const Verdict& verdict) {
  return {{"action", to_string(verdict.action)},
          {"score", rounded(verdict.score)},
          {"warn_score", verdict.warn_score},
          {"block_score", verdict.block_score},
          {"reason", verdict.reason},
          {"findings", findings_json(verdict)}};
}

nlohmann::json symbol_json(const SymbolInfo& symbol) {
  return {{"symbol", symbol.symbol},
          {"group", symbol.group},
          {"stage", to_string(symbol.stage)},
          {"score", symbol.score},
          {"default_score", symbol.default_score},
          {"composite", symbol.composite},
          {"description", symbol.description}};
}

}  // namespace detail

std::string to_json(const Verdict& verdict) {
  // Turn text is any bytes; invalid UTF-8 in evidence is replaced, never thrown.
  return detail::verdict_json(verdict).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace);
}

}  // namespace scamguard

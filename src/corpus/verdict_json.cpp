#include "corpus/verdict_json.h"

#include <cmath>

namespace scamguard::corpus {

namespace {
// Two decimals are what a reader compares; more is noise from the group-cap scaling.
double rounded(double value) { return std::round(value * 100.0) / 100.0; }

nlohmann::json optional_turn(const std::optional<int>& turn) {
  return turn ? nlohmann::json(*turn) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json finding_json(const Finding& finding) {
  nlohmann::json symbol = {{"name", finding.symbol}, {"score", rounded(finding.score)}};
  symbol["turn"] = finding.turn < 0 ? nlohmann::json(nullptr) : nlohmann::json(finding.turn);
  symbol["options"] = finding.options;
  return symbol;
}

nlohmann::json verdict_line(const std::string& id, const ReplayResult& result) {
  nlohmann::json line;
  line["id"] = id;
  line["action"] = to_string(result.verdict.action);
  line["score"] = rounded(result.verdict.score);
  line["first_warn_turn"] = optional_turn(result.first_warn_turn);
  line["first_block_turn"] = optional_turn(result.first_block_turn);
  line["reason"] = result.verdict.reason;
  nlohmann::json symbols = nlohmann::json::array();
  for (const Finding& finding : result.verdict.findings) symbols.push_back(finding_json(finding));
  line["symbols"] = std::move(symbols);
  return line;
}

}  // namespace scamguard::corpus

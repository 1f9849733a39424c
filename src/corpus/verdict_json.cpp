#include "corpus/verdict_json.h"

#include "core/verdict_json.h"

namespace scamguard::corpus {

namespace {
nlohmann::json optional_turn(const std::optional<int>& turn) {
  return turn ? nlohmann::json(*turn) : nlohmann::json(nullptr);
}

// The shared format's entry for one finding, made from the verdict object's own entry so that
// the two can never disagree (same rounding, same null for the set-up).
nlohmann::json legacy_symbol(const nlohmann::json& finding) {
  return {{"name", finding["symbol"]},
          {"score", finding["score"]},
          {"turn", finding["turn"]},
          {"options", finding["options"]}};
}
}  // namespace

nlohmann::json verdict_line(const std::string& id, const ReplayResult& result) {
  nlohmann::json line = detail::verdict_json(result.verdict);
  line["id"] = id;
  line["first_warn_turn"] = optional_turn(result.first_warn_turn);
  line["first_block_turn"] = optional_turn(result.first_block_turn);
  nlohmann::json symbols = nlohmann::json::array();
  for (const nlohmann::json& finding : line["findings"]) symbols.push_back(legacy_symbol(finding));
  line["symbols"] = std::move(symbols);
  return line;
}

}  // namespace scamguard::corpus

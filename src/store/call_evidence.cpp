#include "store/call_evidence.h"

#include <nlohmann/json.hpp>

namespace scamguard::store {

campaign::CallEvidence call_evidence(const CallRecord& record) {
  campaign::CallEvidence evidence;
  for (const TurnRecord& turn : record.turns) {
    if (turn.index < 0) continue;
    if (static_cast<size_t>(turn.index) >= evidence.turns.size()) {
      evidence.turns.resize(static_cast<size_t>(turn.index) + 1);
    }
    evidence.turns[static_cast<size_t>(turn.index)] = {turn.speaker, turn.text};
  }
  for (const DeviceEventRecord& event : record.events) {
    std::string line = event.type;
    if (!event.app.empty()) line += " " + event.app;
    line += event.after_turn < 0 ? " before the first turn"
                                 : " after turn " + std::to_string(event.after_turn);
    evidence.device_events.push_back(std::move(line));
  }
  if (record.verdicts.empty()) return evidence;
  const nlohmann::json findings =
      nlohmann::json::parse(record.verdicts.back().findings_json, nullptr, false);
  if (!findings.is_array()) return evidence;
  for (const nlohmann::json& item : findings) {
    if (!item.is_object()) continue;
    campaign::ReportFinding finding;
    finding.symbol = item.value("symbol", "");
    finding.stage = item.value("stage", "");
    finding.score = item.value("score", 0.0);
    const nlohmann::json turn = item.value("turn", nlohmann::json());
    finding.turn = turn.is_number_integer() ? turn.get<int>() : campaign::kSetupTurn;
    for (const nlohmann::json& option : item.value("options", nlohmann::json::array())) {
      if (option.is_string()) finding.options.push_back(option.get<std::string>());
    }
    evidence.findings.push_back(std::move(finding));
  }
  return evidence;
}

std::function<std::optional<campaign::CallEvidence>(const std::string&)> call_evidence_lookup(
    const CallStore& store) {
  return [&store](const std::string& id) -> std::optional<campaign::CallEvidence> {
    Result<CallRecord> record = store.load_call(id);
    if (!record) return std::nullopt;
    return call_evidence(*record);
  };
}

}  // namespace scamguard::store

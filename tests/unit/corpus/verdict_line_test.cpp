// The verdict line of `scamguard scan` (corpus/verdict_json.h) is the HTTP API's verdict object
// plus the call's id and first warn/block turns, with the deprecated shared-format `symbols`.

#include <gtest/gtest.h>

#include "core/verdict_json.h"
#include "corpus/verdict_json.h"

namespace scamguard::corpus {
namespace {

ReplayResult sample_result() {
  ReplayResult result;
  result.verdict.action = Action::kWarn;
  result.verdict.score = 7.005;
  result.verdict.warn_score = 5.0;
  result.verdict.block_score = 10.0;
  result.verdict.reason = "Caller names a well-known company (amazon)";
  Finding setup_finding;
  setup_finding.symbol = "CID_INTL_PRESENTS_DOMESTIC";
  setup_finding.group = "signalling";
  setup_finding.score = 3.0;
  setup_finding.turn = -1;  // fired on the set-up
  Finding turn_finding;
  turn_finding.symbol = "BRAND_CLAIM";
  turn_finding.group = "impersonation";
  turn_finding.score = 4.005;
  turn_finding.stage = Stage::kImpersonation;
  turn_finding.turn = 2;
  turn_finding.options = {"brand=amazon"};
  result.verdict.findings = {setup_finding, turn_finding};
  result.first_warn_turn = 2;
  return result;
}

TEST(VerdictLine, IsTheVerdictObjectPlusIdAndFirstTurns) {
  const ReplayResult result = sample_result();
  nlohmann::json line = verdict_line("call-1", result);
  EXPECT_EQ(line["id"], "call-1");
  EXPECT_EQ(line["first_warn_turn"], 2);
  EXPECT_TRUE(line["first_block_turn"].is_null());
  // Every field of the verdict object, with the same values as the daemon and to_json write.
  const nlohmann::json object = detail::verdict_json(result.verdict);
  for (const auto& [key, value] : object.items()) {
    ASSERT_TRUE(line.contains(key)) << key;
    EXPECT_EQ(line[key], value) << key;
  }
}

TEST(VerdictLine, SetUpFindingsHaveANullTurn) {
  nlohmann::json line = verdict_line("call-1", sample_result());
  ASSERT_EQ(line["findings"].size(), 2u);
  EXPECT_EQ(line["findings"][0]["symbol"], "CID_INTL_PRESENTS_DOMESTIC");
  EXPECT_TRUE(line["findings"][0]["turn"].is_null());
  EXPECT_EQ(line["findings"][1]["turn"], 2);
  EXPECT_EQ(line["findings"][1]["stage"], "impersonation");
}

TEST(VerdictLine, KeepsTheSharedFormatSymbolsForOldReaders) {
  nlohmann::json line = verdict_line("call-1", sample_result());
  ASSERT_EQ(line["symbols"].size(), 2u);
  EXPECT_EQ(line["symbols"][1]["name"], "BRAND_CLAIM");
  EXPECT_EQ(line["symbols"][1]["score"], line["findings"][1]["score"]);
  EXPECT_TRUE(line["symbols"][0]["turn"].is_null());
  EXPECT_EQ(line["symbols"][1]["options"], nlohmann::json::array({"brand=amazon"}));
}

}  // namespace
}  // namespace scamguard::corpus

// The verdict's text form (append_verdict_json, core/verdict_json.h) must be byte for byte what
// dumping its tree form writes: the daemon sends and stores the text, the console and the
// event streams embed the tree, and a client may compare the two. Checked on every verdict of
// the synthetic corpus, turn by turn, and on hand-made verdicts with the awkward strings and
// numbers (escapes, control characters, UTF-8 valid and not, -0, NaN, huge and tiny scores).

#include "core/verdict_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>

#include "corpus/corpus_reader.h"
#include "corpus/replay.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

std::string tree_text(const Verdict& verdict) {
  return detail::verdict_json(verdict).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace);
}

std::string text(const Verdict& verdict) {
  std::string out = "prefix:";  // appends, never replaces
  detail::append_verdict_json(out, verdict);
  return out.substr(7);
}

void expect_same_forms(const Verdict& verdict) {
  EXPECT_EQ(text(verdict), tree_text(verdict));
  std::string findings;
  detail::append_findings_json(findings, verdict);
  EXPECT_EQ(findings, detail::findings_json(verdict).dump(
                          -1, ' ', false, nlohmann::json::error_handler_t::replace));
  EXPECT_EQ(to_json(verdict), tree_text(verdict));
}

TEST(VerdictJson, EmptyVerdict) { expect_same_forms(Verdict{}); }

TEST(VerdictJson, AwkwardStrings) {
  Verdict verdict;
  verdict.action = Action::kWarn;
  verdict.reason =
      "he said \"press 1\" \\ then\ttab\nnewline \x01\x1f\x7f caf\xc3\xa9 \xf0\x9f\x93\x9e";
  Finding finding;
  finding.symbol = "REMOTE_ACCESS_TOOL";
  finding.group = "remote_access";
  finding.stage = Stage::kRemoteAccess;
  finding.score = 2.675;
  finding.turn = 0;
  finding.options = {"tool=anydesk", "", "bad=\xff\xfe", "cut=\xe2\x82", "quote=\"", "\r\b\f"};
  verdict.findings.push_back(finding);
  finding.options.clear();
  finding.turn = 12345;
  finding.symbol = "";
  verdict.findings.push_back(finding);
  expect_same_forms(verdict);
}

TEST(VerdictJson, AwkwardNumbers) {
  for (const double value :
       {0.0, -0.0, 1e-7, 0.0001, 0.00001, 1e15, 1e16, 1e20, 123456789012345678.0, -3.14159, 10.0,
        0.1 + 0.2, std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
    Verdict verdict;
    verdict.score = value;
    verdict.warn_score = value;
    verdict.block_score = -value;
    Finding finding;
    finding.score = value;
    finding.turn = -1;
    verdict.findings.push_back(finding);
    SCOPED_TRACE(value);
    expect_same_forms(verdict);
  }
}

TEST(VerdictJson, EveryVerdictOfTheSyntheticCorpus) {
  Result<Engine> engine = testing::load_shipped_engine();
  ASSERT_TRUE(engine.has_value()) << engine.error().message;
  std::ifstream in(testing::source_dir() / "data" / "synthetic" / "scamguard-synthetic.jsonl");
  ASSERT_TRUE(in) << "data/synthetic/scamguard-synthetic.jsonl";
  std::string line;
  size_t verdicts = 0;
  size_t findings = 0;
  while (std::getline(in, line)) {
    Result<corpus::CorpusCall> call = corpus::parse_call(line);
    ASSERT_TRUE(call.has_value()) << call.error().message;
    corpus::replay(*engine, *call, [&](const corpus::ReplayStep& step) {
      ++verdicts;
      findings += step.verdict.findings.size();
      ASSERT_EQ(text(step.verdict), tree_text(step.verdict)) << call->id;
    });
  }
  EXPECT_GT(verdicts, 1000u);
  EXPECT_GT(findings, 1000u);
}

}  // namespace
}  // namespace scamguard

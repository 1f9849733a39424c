// The symbol catalogue (STYLE.md 3.6): every symbol is described and scored, every scam
// symbol is exercised by a golden call, and no legit golden call ends in an alert.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpus/golden_call.h"
#include "corpus/replay.h"
#include "scamguard/engine.h"
#include "support/test_paths.h"

namespace scamguard {
namespace {

namespace fs = std::filesystem;

// Symbols that describe the call rather than a scam, or the engine itself: they need not fire
// in a scam call. (TEXT_MODEL_SCAM is scam evidence: the shipped model must fire somewhere.)
const std::set<std::string> kNotScamEvidence = {"USER_INITIATED_CALL", "RULE_FAILED"};

// Traffic symbols need many calls, which a single .call file cannot hold; their behaviour is
// covered by tests/unit/traffic and the generator run in bench/README.md.
bool is_scam_evidence(const SymbolInfo& info) {
  return info.stage != Stage::kContext && info.group != "internal" && info.group != "context" &&
         info.group != "traffic" && !kNotScamEvidence.count(info.symbol);
}

std::vector<fs::path> call_files(const std::string& kind) {
  std::vector<fs::path> files;
  const fs::path dir = testing::golden_calls_dir() / kind;
  if (!fs::is_directory(dir)) return files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".call") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Replayed {
  std::set<std::string> fired;  // every symbol present at any step
  Verdict final_verdict;
};

Replayed replay_file(const Engine& engine, const fs::path& path) {
  Replayed out;
  Result<corpus::GoldenCall> golden =
      corpus::parse_golden_call(testing::read_text(path), path.string());
  EXPECT_TRUE(golden.has_value()) << (golden ? "" : golden.error().message);
  if (!golden) return out;
  corpus::ReplayResult result =
      corpus::replay(engine, golden->to_corpus_call(), [&](const corpus::ReplayStep& step) {
        for (const Finding& finding : step.verdict.findings) out.fired.insert(finding.symbol);
      });
  for (const Finding& finding : result.verdict.findings) out.fired.insert(finding.symbol);
  out.final_verdict = result.verdict;
  return out;
}

class CatalogueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<Engine> loaded = testing::load_shipped_engine();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    engine_ = new Engine(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static const Engine& engine() { return *engine_; }

 private:
  static inline Engine* engine_ = nullptr;
};

TEST_F(CatalogueTest, EverySymbolHasDescriptionAndFiniteScore) {
  const std::vector<SymbolInfo> symbols = engine().symbols();
  ASSERT_FALSE(symbols.empty());
  for (const SymbolInfo& info : symbols) {
    EXPECT_FALSE(info.description.empty()) << info.symbol << " has no description";
    EXPECT_FALSE(info.group.empty()) << info.symbol << " has no group";
    EXPECT_TRUE(std::isfinite(info.score)) << info.symbol << " score " << info.score;
    EXPECT_TRUE(std::isfinite(info.default_score)) << info.symbol;
  }
}

TEST_F(CatalogueTest, SymbolNamesAreUniqueUpperSnake) {
  std::set<std::string> seen;
  for (const SymbolInfo& info : engine().symbols()) {
    EXPECT_TRUE(seen.insert(info.symbol).second) << info.symbol << " listed twice";
    for (char c : info.symbol) {
      EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
          << info.symbol << " is not UPPER_SNAKE";
    }
  }
}

TEST_F(CatalogueTest, EveryScamSymbolFiresInAScamCall) {
  const std::vector<fs::path> files = call_files("scam");
  ASSERT_FALSE(files.empty()) << "no .call files under " << testing::golden_calls_dir() / "scam";
  std::map<std::string, std::vector<std::string>> fired_in;
  for (const fs::path& file : files) {
    for (const std::string& symbol : replay_file(engine(), file).fired) {
      fired_in[symbol].push_back(file.filename().string());
    }
  }
  std::vector<std::string> missing;
  for (const SymbolInfo& info : engine().symbols()) {
    if (!is_scam_evidence(info)) continue;
    if (!fired_in.count(info.symbol)) missing.push_back(info.symbol);
  }
  std::string list;
  for (const std::string& symbol : missing) list += "\n  " + symbol;
  EXPECT_TRUE(missing.empty()) << missing.size()
                               << " symbol(s) fire in no tests/calls/scam/*.call file:" << list;
}

TEST_F(CatalogueTest, NoLegitCallEndsInAlert) {
  const std::vector<fs::path> files = call_files("legit");
  ASSERT_FALSE(files.empty()) << "no .call files under " << testing::golden_calls_dir() / "legit";
  for (const fs::path& file : files) {
    const Replayed replayed = replay_file(engine(), file);
    std::string findings;
    for (const Finding& finding : replayed.final_verdict.findings) {
      findings += " " + finding.symbol + "(" + std::to_string(finding.score) + ")";
    }
    EXPECT_EQ(replayed.final_verdict.action, Action::kAllow)
        << file.filename().string() << " ends " << to_string(replayed.final_verdict.action)
        << " score " << replayed.final_verdict.score << ":" << findings;
  }
}

TEST_F(CatalogueTest, EveryScamCallEndsInAlert) {
  for (const fs::path& file : call_files("scam")) {
    const Replayed replayed = replay_file(engine(), file);
    EXPECT_NE(replayed.final_verdict.action, Action::kAllow)
        << file.filename().string() << " ends allow, score " << replayed.final_verdict.score;
  }
}

}  // namespace
}  // namespace scamguard

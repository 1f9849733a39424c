#include "campaign/script_fingerprint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "campaign_test_support.h"

namespace scamguard::campaign {
namespace {

using testing::remote_turns;

constexpr uint32_t kPinnedSignatureWord = 241543547;

TEST(ScriptFingerprint, FillersCaseAndPunctuationDoNotChangeShingles) {
  EXPECT_EQ(script_shingles(remote_turns({"So, OKAY: please turn on your computer now!"})),
            script_shingles(remote_turns({"turn on your computer"})));
  EXPECT_NE(script_shingles(remote_turns({"turn on your computer"})),
            script_shingles(remote_turns({"turn off your computer"})));
}

TEST(ScriptFingerprint, TurnBoundariesDoNotChangeShingles) {
  EXPECT_EQ(
      script_shingles(remote_turns({"open your browser and type", "the address i give you"})),
      script_shingles(remote_turns({"open your browser", "and type the address i give you"})));
}

TEST(ScriptFingerprint, UserTurnsAreLeftOut) {
  std::vector<Turn> turns = remote_turns({"open your browser and type the address"});
  const std::vector<uint64_t> remote_only = script_shingles(turns);
  turns.push_back({Speaker::kUser, "which browser do you mean exactly"});
  EXPECT_EQ(script_shingles(turns), remote_only);
  EXPECT_EQ(remote_only.size(), 4u);  // "the" is a filler: 6 words, 4 trigrams
}

TEST(ScriptFingerprint, StreamGivesTheSameShinglesIncrementally) {
  ShingleStream stream;
  std::vector<uint64_t> incremental;
  stream.add(" open your ", incremental);
  EXPECT_TRUE(incremental.empty());
  stream.add(" browser and type ", incremental);
  std::sort(incremental.begin(), incremental.end());
  EXPECT_EQ(incremental, script_shingles(remote_turns({"open your browser and type"})));
}

TEST(ScriptFingerprint, MinHashEstimatesJaccard) {
  std::mt19937_64 random(7);
  std::vector<uint64_t> shared(400), a_only(400), b_only(400);
  for (auto* part : {&shared, &a_only, &b_only}) {
    for (uint64_t& value : *part) value = random();
  }
  std::vector<uint64_t> a = shared, b = shared;
  a.insert(a.end(), a_only.begin(), a_only.end());
  b.insert(b.end(), b_only.begin(), b_only.end());
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double exact = jaccard(a, b);
  EXPECT_NEAR(exact, 1.0 / 3.0, 1e-9);
  EXPECT_NEAR(estimate_jaccard(minhash(a), minhash(b)), exact, 0.15);
  EXPECT_EQ(estimate_jaccard(minhash(a), minhash(a)), 1.0);
  EXPECT_LT(estimate_jaccard(minhash(a_only), minhash(b_only)), 0.1);
}

TEST(ScriptFingerprint, EqualBandsGiveEqualKeysAndBandsAreDistinct) {
  const std::vector<uint64_t> set = {1, 2, 3, 4, 5};
  const Signature signature = minhash(set);
  std::set<uint64_t> keys;
  for (int band = 0; band < kBands; ++band) {
    EXPECT_EQ(band_key(signature, band), band_key(minhash(set), band));
    keys.insert(band_key(signature, band));
  }
  EXPECT_EQ(keys.size(), static_cast<size_t>(kBands));
}

TEST(ScriptFingerprint, HashesAreFixedSoStoredSignaturesStayValid) {
  // Signatures and shingles are stored in the case store; changing these functions would
  // silently split every stored campaign from its new calls. Change kCampaignSchemaVersion
  // and re-fingerprint stored calls if this value must change.
  const std::vector<uint64_t> shingles = script_shingles(remote_turns({"turn on your computer"}));
  ASSERT_EQ(shingles.size(), 2u);
  EXPECT_EQ(minhash(shingles)[0] ^ minhash(shingles)[kSignatureSize - 1], kPinnedSignatureWord);
}

}  // namespace
}  // namespace scamguard::campaign

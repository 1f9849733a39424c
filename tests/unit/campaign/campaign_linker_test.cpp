#include "campaign/campaign_linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace scamguard::campaign {
namespace {

// A script: `size` shingles of which the first `shared` come from `base`.
std::vector<uint64_t> script(uint64_t base, size_t shared, size_t size, uint64_t own) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i < shared; ++i) out.push_back(base * 1000003 + i);
  for (size_t i = shared; i < size; ++i) out.push_back(own * 7919 + i + (uint64_t{1} << 40));
  std::sort(out.begin(), out.end());
  return out;
}

LinkOutcome add(CampaignLinker& linker, const std::vector<uint64_t>& shingles,
                std::vector<Indicator> indicators = {}) {
  return linker.add_call(minhash(shingles), shingles.size(), indicators);
}

TEST(CampaignLinker, NearDuplicateScriptsAreOneCampaign) {
  CampaignLinker linker;
  add(linker, script(1, 120, 200, 1));
  LinkOutcome second = add(linker, script(1, 120, 200, 2));  // Jaccard 120/280 = 0.43
  ASSERT_EQ(second.links.size(), 1u);
  EXPECT_TRUE(second.links[0].by_script);
  EXPECT_EQ(second.links[0].other, 0u);
  EXPECT_GT(second.links[0].similarity, 0.25);
  EXPECT_EQ(second.campaign, 0u);
  EXPECT_TRUE(second.absorbed.empty());
}

TEST(CampaignLinker, UnrelatedScriptsStayApart) {
  CampaignLinker linker;
  add(linker, script(1, 200, 200, 1));
  LinkOutcome other = add(linker, script(2, 200, 200, 2));
  EXPECT_TRUE(other.links.empty());
  EXPECT_EQ(other.campaign, 1u);
  // A little shared stock phrasing is not a script.
  LinkOutcome stock = add(linker, script(1, 8, 200, 3));
  EXPECT_TRUE(stock.links.empty());
}

TEST(CampaignLinker, SharedStrongIndicatorLinksDifferentScripts) {
  CampaignLinker linker;
  add(linker, script(1, 200, 200, 1), {{IndicatorKind::kCallbackNumber, "+18445550123", 3}});
  LinkOutcome second =
      add(linker, script(2, 200, 200, 2), {{IndicatorKind::kCallbackNumber, "+18445550123", 5}});
  ASSERT_EQ(second.links.size(), 1u);
  EXPECT_FALSE(second.links[0].by_script);
  EXPECT_EQ(second.links[0].indicator_kind, IndicatorKind::kCallbackNumber);
  EXPECT_EQ(second.links[0].indicator_value, "+18445550123");
  EXPECT_EQ(second.campaign, 0u);
}

TEST(CampaignLinker, WeakIndicatorsNeverLink) {
  CampaignLinker linker;
  add(linker, script(1, 200, 200, 1),
      {{IndicatorKind::kRemoteTool, "anydesk", 2}, {IndicatorKind::kBrand, "amazon", 0}});
  LinkOutcome second =
      add(linker, script(2, 200, 200, 2),
          {{IndicatorKind::kRemoteTool, "anydesk", 2}, {IndicatorKind::kBrand, "amazon", 0}});
  EXPECT_TRUE(second.links.empty());
}

TEST(CampaignLinker, IndicatorLinksCanBeSwitchedOff) {
  LinkerOptions options;
  options.link_by_indicators = false;
  CampaignLinker linker(options);
  add(linker, script(1, 200, 200, 1), {{IndicatorKind::kRemoteId, "482913", 3}});
  EXPECT_TRUE(
      add(linker, script(2, 200, 200, 2), {{IndicatorKind::kRemoteId, "482913", 3}}).links.empty());
}

TEST(CampaignLinker, MergingKeepsTheEarliestCampaign) {
  CampaignLinker linker;
  add(linker, script(1, 200, 200, 1), {{IndicatorKind::kRemoteId, "111111", 1}});
  add(linker, script(2, 200, 200, 2), {{IndicatorKind::kRemoteId, "222222", 1}});
  add(linker, script(3, 200, 200, 3), {{IndicatorKind::kRemoteId, "222222", 1}});
  EXPECT_EQ(linker.campaign_of(2), 1u);
  LinkOutcome bridge =
      add(linker, script(4, 200, 200, 4),
          {{IndicatorKind::kRemoteId, "222222", 1}, {IndicatorKind::kRemoteId, "111111", 1}});
  EXPECT_EQ(bridge.campaign, 0u);
  EXPECT_EQ(bridge.absorbed, std::vector<uint32_t>{1u});
  for (uint32_t call = 0; call < 4; ++call) EXPECT_EQ(linker.campaign_of(call), 0u);
}

TEST(CampaignLinker, ShortScriptsAreNeverLinkedByScript) {
  CampaignLinker linker;
  add(linker, script(1, 5, 5, 1));
  EXPECT_TRUE(add(linker, script(1, 5, 5, 2)).links.empty());
}

TEST(CampaignLinker, PlanChangesNothingUntilCommitted) {
  CampaignLinker linker;
  add(linker, script(1, 200, 200, 1));
  const std::vector<uint64_t> shingles = script(1, 150, 200, 2);
  LinkOutcome planned = linker.plan(minhash(shingles), shingles.size(), {});
  EXPECT_EQ(linker.size(), 1u);
  EXPECT_EQ(planned.call, 1u);
  EXPECT_EQ(planned.campaign, 0u);
  linker.commit(planned, minhash(shingles), shingles.size(), {});
  EXPECT_EQ(linker.size(), 2u);
  EXPECT_EQ(linker.campaign_of(1), 0u);
}

TEST(CampaignLinker, StillFindsTheCampaignAfterTheBandTableGrows) {
  CampaignLinker linker;
  add(linker, script(99, 200, 200, 1));
  for (uint64_t noise = 0; noise < 3000; ++noise) add(linker, script(1000 + noise, 60, 60, noise));
  LinkOutcome late = add(linker, script(99, 150, 200, 5));
  EXPECT_EQ(late.campaign, 0u);
}

}  // namespace
}  // namespace scamguard::campaign

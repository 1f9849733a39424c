#include "campaign/campaign_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>

#include "campaign/campaign_tracker.h"
#include "store/schemas.h"
#include "store/sqlite_campaign_store.h"
#include "store/store_url.h"
#ifdef SCAMGUARD_TEST_POSTGRES
#include "support/postgres_server.h"
#endif
#include "campaign_test_support.h"

namespace scamguard::campaign {
namespace {

using store::kCampaignSchemaVersion;
using store::open_sqlite_campaign_store;

namespace fs = std::filesystem;

[[maybe_unused]] fs::path temp_db(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("scamguard-campaign-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

[[maybe_unused]] void sql(const fs::path& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

CallUpdate update(const std::string& id, const std::string& campaign, int64_t started_at = 0) {
  CallUpdate update;
  update.call.id = id;
  update.call.campaign = campaign;
  update.call.suspect = !campaign.empty();
  update.call.action = campaign.empty() ? "allow" : "warn";
  update.call.score = campaign.empty() ? 0.5 : 7.25;
  update.call.started_at = started_at;
  update.call.time_known = started_at != 0;
  update.call.indicators = {{IndicatorKind::kCallbackNumber, "+18445550123", 3},
                            {IndicatorKind::kTrunk, "gw-07", kSetupTurn}};
  update.call.shingles = {11, 22, 33};
  return update;
}

// Each test runs against every backend: memory and SQLite here, PostgreSQL in the integration
// binary built from this file with SCAMGUARD_TEST_POSTGRES.
class CampaignStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "memory") {
      store_ = make_memory_campaign_store();
      return;
    }
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) {
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
#ifdef SCAMGUARD_TEST_POSTGRES
    testing::PostgresServer& server = testing::shared_postgres();
    ASSERT_TRUE(server.running()) << server.error();
    location_ = server.create_database("campaigns_" + name);
#else
    location_ = temp_db(name + ".sqlite").string();
#endif
    store_ = open_again();
  }
  // Another connection to the same store (a second node).
  std::unique_ptr<CampaignStore> open_again() {
    auto opened = store::open_campaign_store(location_);
    EXPECT_TRUE(opened.has_value()) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }
  std::unique_ptr<CampaignStore> store_;
  std::string location_;
};

TEST_P(CampaignStoreTest, StoresAndReadsBackACall) {
  Result<int64_t> seq = store_->apply(update("c-1", "cmp-1", 1764000000));
  ASSERT_TRUE(seq.has_value()) << seq.error().message;
  EXPECT_EQ(*seq, 1);
  auto calls = store_->campaign_calls("cmp-1");
  ASSERT_TRUE(calls.has_value());
  ASSERT_EQ(calls->size(), 1u);
  const StoredCall& call = (*calls)[0];
  EXPECT_EQ(call.id, "c-1");
  EXPECT_EQ(call.seq, 1);
  EXPECT_EQ(call.started_at, 1764000000);
  EXPECT_TRUE(call.time_known);
  EXPECT_EQ(call.action, "warn");
  EXPECT_DOUBLE_EQ(call.score, 7.25);
  EXPECT_TRUE(call.suspect);
  EXPECT_EQ(call.indicators, update("c-1", "cmp-1").call.indicators);
  EXPECT_EQ(call.shingles, (std::vector<uint64_t>{11, 22, 33}));
  EXPECT_EQ(*store_->call_count(), 1);
}

TEST_P(CampaignStoreTest, DuplicateCallIsRefusedAndChangesNothing) {
  ASSERT_TRUE(store_->apply(update("c-1", "cmp-1")));
  ASSERT_TRUE(store_->apply(update("c-2", "cmp-2")));
  CallUpdate again = update("c-1", "cmp-1");
  again.absorbed = {"cmp-2"};
  Result<int64_t> refused = store_->apply(again);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().message.find("c-1"), std::string::npos);
  EXPECT_EQ(*store_->call_count(), 2);
  EXPECT_EQ(store_->campaign_calls("cmp-2")->size(), 1u);  // the merge was not applied
}

TEST_P(CampaignStoreTest, MergeMovesCallsAndLinks) {
  ASSERT_TRUE(store_->apply(update("c-1", "cmp-1")));
  CallUpdate second = update("c-2", "cmp-2");
  ASSERT_TRUE(store_->apply(second));
  CallUpdate third = update("c-3", "cmp-2");
  third.links = {{"c-3", "c-2", "script", "0.41"}};
  ASSERT_TRUE(store_->apply(third));
  CallUpdate bridge = update("c-4", "cmp-1");
  bridge.absorbed = {"cmp-2"};
  bridge.links = {{"c-4", "c-1", "remote_id", "482913"}, {"c-4", "c-2", "script", "0.33"}};
  ASSERT_TRUE(store_->apply(bridge));

  auto calls = store_->campaign_calls("cmp-1");
  ASSERT_TRUE(calls.has_value());
  std::vector<std::string> ids;
  for (const StoredCall& call : *calls) ids.push_back(call.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"c-1", "c-2", "c-3", "c-4"}));
  EXPECT_FALSE(store_->campaign_calls("cmp-2").has_value());
  auto links = store_->campaign_links("cmp-1");
  ASSERT_TRUE(links.has_value());
  EXPECT_EQ(links->size(), 3u);
}

TEST_P(CampaignStoreTest, ListsCampaignsWithEnoughCallsLargestFirst) {
  ASSERT_TRUE(store_->apply(update("a", "cmp-1", 300)));
  ASSERT_TRUE(store_->apply(update("b", "cmp-2", 100)));
  ASSERT_TRUE(store_->apply(update("c", "cmp-2", 200)));
  ASSERT_TRUE(store_->apply(update("d", "", 50)));  // not suspect: in no campaign
  auto listed = store_->list_campaigns(2);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, "cmp-2");
  EXPECT_EQ((*listed)[0].calls, 2);
  EXPECT_EQ((*listed)[0].first_seen, 100);
  EXPECT_EQ((*listed)[0].last_seen, 200);
  EXPECT_TRUE((*listed)[0].time_known);
  EXPECT_EQ(store_->list_campaigns(1)->size(), 2u);
  int suspects = 0;
  ASSERT_TRUE(store_->for_each_suspect_call([&](const StoredCall&) { ++suspects; }));
  EXPECT_EQ(suspects, 3);
}

TEST_P(CampaignStoreTest, UnknownCampaignIsNotFound) {
  auto calls = store_->campaign_calls("cmp-404");
  ASSERT_FALSE(calls.has_value());
  EXPECT_EQ(calls.error().code, ErrorCode::kNotFound);
  EXPECT_NE(calls.error().message.find("cmp-404"), std::string::npos);
  EXPECT_FALSE(store_->campaign_links("cmp-404").has_value());
}

TEST_P(CampaignStoreTest, AnUpdateAtATakenSeqIsAConflictAndChangesNothing) {
  ASSERT_TRUE(store_->apply(update("c-1", "cmp-1")));
  CallUpdate stale = update("c-2", "cmp-1");
  stale.call.seq = 1;  // a tracker that has not seen c-1
  Result<int64_t> refused = store_->apply(stale);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << refused.error().message;
  EXPECT_EQ(*store_->call_count(), 1);
  stale.call.seq = 2;
  EXPECT_EQ(*store_->apply(stale), 2);
  std::vector<std::string> after;
  ASSERT_TRUE(
      store_->for_each_call_after(1, [&](const StoredCall& call) { after.push_back(call.id); }));
  EXPECT_EQ(after, std::vector<std::string>{"c-2"});
}

// Two nodes' trackers on one store: each catches up with the other's calls and both grow the
// same campaign, as one tracker would.
TEST_P(CampaignStoreTest, TwoTrackersOnOneStoreBuildOneCampaign) {
  if (GetParam() == "memory") GTEST_SKIP() << "one process, one store object";
  std::unique_ptr<CampaignStore> other = open_again();
  ASSERT_TRUE(other);
  const std::vector<Turn> script = testing::remote_turns(
      {"hello i am calling from the technical department about your internet connection",
       "our system shows that your router has been hacked and your address is used by criminals",
       "please download the program from the website so i can check the router settings"});
  auto first = CampaignTracker::open(*store_, testing::shipped_extractor());
  auto second = CampaignTracker::open(*other, testing::shipped_extractor());
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(first->add_call({"a", std::nullopt, nullptr, script, Action::kWarn, 6}));
  auto b = second->add_call({"b", std::nullopt, nullptr, script, Action::kWarn, 6});
  ASSERT_TRUE(b.has_value()) << b.error().message;
  EXPECT_EQ(b->call.seq, 2);
  EXPECT_EQ(b->call.campaign, "cmp-1");
  auto c = first->add_call({"c", std::nullopt, nullptr, script, Action::kBlock, 11});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->call.campaign, "cmp-1");
  auto duplicate = second->add_call({"c", std::nullopt, nullptr, script, Action::kBlock, 11});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->campaign_calls("cmp-1")->size(), 3u);
}

#ifdef SCAMGUARD_TEST_POSTGRES
INSTANTIATE_TEST_SUITE_P(Backends, CampaignStoreTest, ::testing::Values("postgres"));
#else
INSTANTIATE_TEST_SUITE_P(Backends, CampaignStoreTest, ::testing::Values("memory", "sqlite"));

TEST(SqliteCampaignStore, ReopeningKeepsEverything) {
  const fs::path path = temp_db("reopen.sqlite");
  {
    auto store = open_sqlite_campaign_store(path.string());
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->apply(update("c-1", "cmp-1")));
  }
  auto store = open_sqlite_campaign_store(path.string());
  ASSERT_TRUE(store.has_value()) << store.error().message;
  EXPECT_EQ(*(*store)->call_count(), 1);
  EXPECT_EQ((*store)->campaign_calls("cmp-1")->size(), 1u);
}

TEST(SqliteCampaignStore, SharesAFileWithOtherTablesInWalMode) {
  const fs::path path = temp_db("shared.sqlite");
  sql(path, "CREATE TABLE call (id TEXT); INSERT INTO call VALUES ('daemon-owned')");
  auto store = open_sqlite_campaign_store(path.string());
  ASSERT_TRUE(store.has_value()) << store.error().message;
  ASSERT_TRUE((*store)->apply(update("c-1", "cmp-1")));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT (SELECT COUNT(*) FROM call), "
                               "(SELECT MAX(version) FROM campaign_schema_version)",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  EXPECT_EQ(sqlite3_column_int(stmt, 1), kCampaignSchemaVersion);
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SqliteCampaignStore, NewerSchemaIsRefusedAndLeftAlone) {
  const fs::path path = temp_db("newer.sqlite");
  sql(path,
      "CREATE TABLE campaign_schema_version (version INTEGER NOT NULL);"
      "INSERT INTO campaign_schema_version VALUES (99)");
  auto store = open_sqlite_campaign_store(path.string());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kConfig);
  EXPECT_NE(store.error().message.find(path.string()), std::string::npos);
  EXPECT_NE(store.error().message.find("99"), std::string::npos);
  // Nothing was migrated into it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'campaign_call'", -1,
                         &stmt, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SqliteCampaignStore, NotADatabaseIsAClearError) {
  const fs::path path = temp_db("garbage.sqlite");
  {
    std::ofstream out(path);
    out << "this is not a database, just some text that is long enough to have a header......";
  }
  auto store = open_sqlite_campaign_store(path.string());
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find(path.string()), std::string::npos);
  auto missing_dir = open_sqlite_campaign_store("/nonexistent-dir/x.sqlite");
  ASSERT_FALSE(missing_dir.has_value());
  EXPECT_NE(missing_dir.error().message.find("/nonexistent-dir/x.sqlite"), std::string::npos);
}

// --- the tracker on top of a store ------------------------------------------------------------

const std::vector<Turn> kScript = testing::remote_turns(
    {"hello i am calling from the technical department about your internet connection",
     "our system shows that your router has been hacked and your address is used by criminals",
     "please download the program from the website so i can check the router settings",
     "if we get disconnected call me back on 1800 123 456"});

TEST(CampaignTracker, LinksScriptsAndRefusesDuplicates) {
  auto store = make_memory_campaign_store();
  auto tracker = CampaignTracker::open(*store, testing::shipped_extractor());
  ASSERT_TRUE(tracker.has_value());
  auto first = tracker->add_call({"a", std::nullopt, nullptr, kScript, Action::kWarn, 6});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->call.campaign, "cmp-1");
  EXPECT_EQ(first->call.started_at, 1);  // arrival order stands in for time
  EXPECT_FALSE(first->call.time_known);
  auto second = tracker->add_call({"b", 1764000000, nullptr, kScript, Action::kBlock, 12});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->call.campaign, "cmp-1");
  ASSERT_FALSE(second->links.empty());
  auto again = tracker->add_call({"b", std::nullopt, nullptr, kScript, Action::kBlock, 12});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store->campaign_calls("cmp-1")->size(), 2u);
}

TEST(CampaignTracker, CallsBelowWarnAreStoredButNeverLinked) {
  auto store = make_memory_campaign_store();
  auto tracker = CampaignTracker::open(*store, testing::shipped_extractor());
  ASSERT_TRUE(tracker.has_value());
  ASSERT_TRUE(tracker->add_call({"scam", std::nullopt, nullptr, kScript, Action::kWarn, 6}));
  auto legit = tracker->add_call({"legit", std::nullopt, nullptr, kScript, Action::kAllow, 1});
  ASSERT_TRUE(legit.has_value());
  EXPECT_TRUE(legit->call.campaign.empty());
  EXPECT_TRUE(legit->links.empty());
  EXPECT_TRUE(legit->call.shingles.empty());
  EXPECT_FALSE(legit->call.indicators.empty());  // still recorded for the case file
  EXPECT_EQ(*store->call_count(), 2);
  EXPECT_TRUE(store->list_campaigns(2)->empty());
}

TEST(CampaignTracker, ReopenedTrackerContinuesTheSameCampaigns) {
  const fs::path path = temp_db("tracker.sqlite");
  {
    auto store = open_sqlite_campaign_store(path.string());
    ASSERT_TRUE(store.has_value());
    auto tracker = CampaignTracker::open(**store, testing::shipped_extractor());
    ASSERT_TRUE(tracker.has_value());
    ASSERT_TRUE(tracker->add_call({"legit", std::nullopt, nullptr, {}, Action::kAllow, 0}));
    ASSERT_TRUE(tracker->add_call({"a", std::nullopt, nullptr, kScript, Action::kWarn, 6}));
  }
  auto store = open_sqlite_campaign_store(path.string());
  ASSERT_TRUE(store.has_value());
  auto tracker = CampaignTracker::open(**store, testing::shipped_extractor());
  ASSERT_TRUE(tracker.has_value()) << tracker.error().message;
  auto next = tracker->add_call({"b", std::nullopt, nullptr, kScript, Action::kWarn, 6});
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->call.seq, 3);
  EXPECT_EQ(next->call.campaign, "cmp-2");  // named after call "a", the campaign's first
  EXPECT_EQ((*store)->campaign_calls("cmp-2")->size(), 2u);
}

#endif  // SCAMGUARD_TEST_POSTGRES

}  // namespace
}  // namespace scamguard::campaign

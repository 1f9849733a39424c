// The daemon's campaign service behind CallService: closed calls (by request and by idle
// timeout) reach the campaign store and the live matcher; a failing campaign store neither
// fails the close nor loses the call.
#include "server/campaign_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "corpus/corpus_reader.h"
#include "server/call_service.h"
#include "store/sqlite_call_store.h"
#include "support/test_paths.h"

namespace scamguard::server {
namespace {

using scamguard::testing::TempDir;

constexpr const char* kScamSetup =
    R"({"caller": "+61412345678", "display_name": "AMAZON AU", "ingress": "international",
        "ingress_country": "IN"})";

const std::vector<std::string> kScript = {
    "hello this is david from the amazon security department calling about a suspicious order "
    "on your account",
    "to cancel it and get your refund you need to go to your computer and download anydesk from "
    "anydesk dot com",
    "please read me the nine digit code on your screen so our refund officer can connect to your "
    "computer",
    "oh no we sent too much you must buy google play gift cards to return the extra money"};

class CampaignServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = scamguard::testing::load_shipped_engine();
    if (engine) engine_ = std::make_shared<Engine>(std::move(*engine));
  }
  static void TearDownTestSuite() { engine_.reset(); }

  void SetUp() override {
    ASSERT_TRUE(engine_) << "the shipped engine did not load";
    auto sqlite = store::SqliteCallStore::open({.path = db()});
    ASSERT_TRUE(sqlite) << sqlite.error().message;
    store_ = std::move(*sqlite);
    matcher_ = std::make_shared<campaign::CampaignScriptMatcher>();
    auto campaigns = CampaignService::open(db(), *engine_, matcher_, [this](std::string_view line) {
      std::lock_guard lock(log_mutex_);
      log_ += std::string(line) + "\n";
    });
    ASSERT_TRUE(campaigns) << campaigns.error().message;
    campaigns_ = std::move(*campaigns);
    context_ = std::make_unique<ServerContext>(engine_, nullptr, Limits{}, *store_,
                                               [](std::string_view) {});
    context_->campaigns = campaigns_.get();
    service_ = std::make_unique<CallService>(*context_);
  }

  std::string db() const { return (dir_.path() / "calls.db").string(); }

  // Opens call `id` and reads the script (or `turns`) as the remote party; leaves it open.
  void run_call(const std::string& id, const std::vector<std::string>& turns = kScript) {
    auto setup = codec::parse_setup_json(kScamSetup);
    ASSERT_TRUE(setup);
    ASSERT_TRUE(service_->open_call(id, *setup, kScamSetup).ok());
    for (const std::string& text : turns) {
      ASSERT_TRUE(service_->add_turn(id, {Speaker::kRemote, text}, std::nullopt).ok());
    }
  }

  bool wait_for_index(uint64_t calls) {
    for (int i = 0; i < 400 && campaigns_->indexed_calls() < calls; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return campaigns_->indexed_calls() >= calls;
  }

  std::optional<ScriptMatch> live_match() const {
    auto state = matcher_->start_call();
    std::optional<ScriptMatch> match;
    for (const std::string& text : kScript) match = matcher_->add_turn(*state, text);
    return match;
  }

  static inline std::shared_ptr<const Engine> engine_;
  TempDir dir_;
  std::unique_ptr<store::SqliteCallStore> store_;
  std::shared_ptr<campaign::CampaignScriptMatcher> matcher_;
  std::unique_ptr<CampaignService> campaigns_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<CallService> service_;
  std::mutex log_mutex_;
  std::string log_;
};

TEST_F(CampaignServiceTest, ClosedAndIdleClosedCallsBuildACampaignTheMatcherKnows) {
  EXPECT_FALSE(live_match());
  run_call("a");
  ASSERT_TRUE(service_->close_call("a", "hangup").ok());
  run_call("b");
  const int64_t later = ServerContext::now_ms() + int64_t{Limits{}.idle_timeout_seconds} * 1000 + 1;
  ASSERT_EQ(service_->close_idle_calls(later), 1u);
  ASSERT_TRUE(wait_for_index(2));
  EXPECT_EQ(campaigns_->calls(), 2u);
  EXPECT_EQ(campaigns_->errors(), 0u);

  auto list = campaigns_->list_campaigns();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  auto calls = campaigns_->campaign_calls((*list)[0].id);
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 2u);
  EXPECT_EQ((*calls)[0].id, "a");
  EXPECT_EQ((*calls)[1].id, "b");
  EXPECT_EQ(campaigns_->scripts(), 1u);
  std::optional<ScriptMatch> match = live_match();
  ASSERT_TRUE(match);
  EXPECT_EQ(match->campaign, (*list)[0].id);
}

TEST_F(CampaignServiceTest, AFailingCampaignStoreNeitherFailsTheCloseNorLosesTheCall) {
  // Break the campaign tables behind the service's back (a corrupted or foreign-edited file).
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db().c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 5000);
  ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE campaign_indicator", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);

  run_call("a");
  auto closed = service_->close_call("a", "hangup");
  ASSERT_TRUE(closed.ok()) << closed.error.message;
  EXPECT_TRUE(closed.value->closed);
  auto stored = store_->load_call("a");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->summary.state, store::CallState::kClosed);
  EXPECT_EQ(stored->turns.size(), kScript.size());
  EXPECT_EQ(campaigns_->errors(), 1u);
  EXPECT_EQ(campaigns_->calls(), 0u);
  std::lock_guard lock(log_mutex_);
  EXPECT_NE(log_.find("campaigns: call a not added"), std::string::npos) << log_;
}

TEST_F(CampaignServiceTest, CallsClosedWithoutACampaignUpdateAreFedByTheCatchUp) {
  // As after a crash between the close and the campaign update: the call store has them
  // closed, the campaign store does not.
  context_->campaigns = nullptr;
  for (const char* id : {"a", "b", "c"}) {
    run_call(id);
    ASSERT_TRUE(service_->close_call(id, "hangup").ok());
  }
  run_call("still-open");
  context_->campaigns = campaigns_.get();
  EXPECT_EQ(campaigns_->calls(), 0u);

  // Calls closed before `since` are left alone.
  auto none = campaigns_->catch_up(*store_, ServerContext::now_ms() + 60'000);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(*none, 0u);
  auto fed = campaigns_->catch_up(*store_, 0);
  ASSERT_TRUE(fed) << fed.error().message;
  EXPECT_EQ(*fed, 3u);
  EXPECT_EQ(campaigns_->calls(), 3u);
  auto list = campaigns_->list_campaigns();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  auto calls = campaigns_->campaign_calls((*list)[0].id);
  ASSERT_TRUE(calls);
  ASSERT_EQ(calls->size(), 3u);
  EXPECT_EQ((*calls)[0].id, "a");  // fed in the order the calls were opened
  EXPECT_EQ((*calls)[2].id, "c");
  // Already there: a second catch-up adds nothing.
  auto again = campaigns_->catch_up(*store_, 0);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(campaigns_->calls(), 3u);
  EXPECT_EQ(campaigns_->errors(), 0u);
}

}  // namespace
}  // namespace scamguard::server

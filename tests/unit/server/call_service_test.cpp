#include "server/call_service.h"

#include <gtest/gtest.h>

#include <atomic>

#include "store/sqlite_call_store.h"
#include "support/test_paths.h"

namespace scamguard::server {
namespace {

using scamguard::testing::TempDir;

// The SQLite store, with appends that fail on demand (a full disk, an I/O error).
class FlakyStore final : public store::CallStore {
 public:
  explicit FlakyStore(std::unique_ptr<store::SqliteCallStore> inner) : inner_(std::move(inner)) {}
  std::atomic<bool> fail_appends{false};

  Status create_call(const store::NewCall& call) override { return inner_->create_call(call); }
  Status append_step(const store::CallStep& step) override {
    if (fail_appends) return make_error(ErrorCode::kUnavailable, "disk full (test)");
    return inner_->append_step(step);
  }
  Status close_call(const store::CloseCall& close) override { return inner_->close_call(close); }
  Result<store::CallRecord> load_call(const std::string& id) const override {
    return inner_->load_call(id);
  }
  Result<std::vector<store::CallSummary>> list_calls(const store::CallQuery& q) const override {
    return inner_->list_calls(q);
  }
  Result<std::vector<store::CallRecord>> load_open_calls() const override {
    return inner_->load_open_calls();
  }
  store::StoreStats stats() const override { return inner_->stats(); }

 private:
  std::unique_ptr<store::SqliteCallStore> inner_;
};

class CallServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = scamguard::testing::load_shipped_engine();
    ASSERT_TRUE(engine) << engine.error().message;
    engine_ = std::make_shared<Engine>(std::move(*engine));
    open_store();
  }

  void open_store() {
    context_.reset();
    store_.reset();
    auto sqlite = store::SqliteCallStore::open({.path = (dir_.path() / "calls.db").string()});
    ASSERT_TRUE(sqlite) << sqlite.error().message;
    store_ = std::make_unique<FlakyStore>(std::move(*sqlite));
    context_ = std::make_unique<ServerContext>(engine_, nullptr, Limits{}, *store_,
                                               [](std::string_view) {});
    service_ = std::make_unique<CallService>(*context_);
  }

  TempDir dir_;
  std::shared_ptr<const Engine> engine_;
  std::unique_ptr<FlakyStore> store_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<CallService> service_;
};

TEST_F(CallServiceTest, AFailedStoreWriteIsNotAcknowledgedAndLeavesTheSessionAsStored) {
  auto opened = service_->open_call(std::string("c1"), CallSetup{}, "{}");
  ASSERT_TRUE(opened.ok());
  const Turn brand{Speaker::kRemote, "hello I am calling from amazon about a refund"};
  ASSERT_TRUE(service_->add_turn("c1", brand, 0).ok());
  const Verdict stored_verdict =
      service_->add_turn("c1", {Speaker::kUser, "okay"}, 1).value->verdict;

  store_->fail_appends = true;
  auto failed = service_->add_turn(
      "c1", {Speaker::kRemote, "please install anydesk and read me the nine digit code"}, 2);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error.status, 503);
  EXPECT_EQ(failed.error.code, "unavailable");

  // Memory was rebuilt from the store: the next turn is still turn 2, and the verdict is the
  // one before the refused turn.
  store_->fail_appends = false;
  auto live = service_->live_call("c1");
  ASSERT_TRUE(live.ok());
  EXPECT_EQ((*live.value)->turn_count, 2);
  // The session itself, not only the cached verdict, is back to the stored two turns.
  EXPECT_EQ((*live.value)->session->turn_count(), 2);
  EXPECT_DOUBLE_EQ((*live.value)->session->verdict().score, stored_verdict.score);
  EXPECT_EQ((*live.value)->session->verdict().find("REMOTE_TOOL_NAMED"), nullptr);
  auto retried = service_->add_turn(
      "c1", {Speaker::kRemote, "please install anydesk and read me the nine digit code"}, 2);
  ASSERT_TRUE(retried.ok()) << retried.error.message;
  EXPECT_EQ(retried.value->turn_index, 2);
  EXPECT_EQ(store_->load_call("c1")->turns.size(), 3u);
}

TEST_F(CallServiceTest, RestoredCallsScoreLikeCallsThatNeverStopped) {
  const Turn turns[] = {{Speaker::kRemote, "hello I am calling from amazon about a refund"},
                        {Speaker::kRemote, "please install anydesk and read me the code"}};
  ASSERT_TRUE(service_->open_call(std::string("c1"), CallSetup{}, "{}").ok());
  ASSERT_TRUE(service_->add_turn("c1", turns[0], 0).ok());
  ASSERT_TRUE(service_->add_event("c1", {DeviceEventType::kAppStarted, "anydesk"}).ok());
  const Verdict before = service_->add_turn("c1", turns[1], 1).value->verdict;

  open_store();  // a restart: fresh memory, same file
  auto restored = service_->restore_open_calls();
  ASSERT_TRUE(restored);
  EXPECT_EQ(*restored, 1u);
  auto live = service_->live_call("c1");
  ASSERT_TRUE(live.ok());
  EXPECT_EQ((*live.value)->turn_count, 2);
  EXPECT_EQ((*live.value)->verdict.action, before.action);
  EXPECT_DOUBLE_EQ((*live.value)->verdict.score, before.score);
  EXPECT_EQ((*live.value)->verdict.findings.size(), before.findings.size());
}

TEST_F(CallServiceTest, IdleCallsCloseAndBusyOnesDoNot) {
  ASSERT_TRUE(service_->open_call(std::string("idle"), CallSetup{}, "{}").ok());
  const int64_t later = ServerContext::now_ms() + int64_t{Limits{}.idle_timeout_seconds} * 1000 + 1;
  EXPECT_EQ(service_->close_idle_calls(ServerContext::now_ms()), 0u);
  EXPECT_EQ(service_->close_idle_calls(later), 1u);
  EXPECT_EQ(store_->load_call("idle")->summary.close_reason, "idle_timeout");
  auto late = service_->add_turn("idle", {Speaker::kRemote, "hello"}, std::nullopt);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error.code, "call_closed");
}

}  // namespace
}  // namespace scamguard::server

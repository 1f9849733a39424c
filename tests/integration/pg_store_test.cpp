// What only the PostgreSQL backend has: its schema versions, refusing a newer schema
// untouched, several nodes migrating at once, and the change notifications (LISTEN/NOTIFY)
// that keep every node's copy of a call current. The tests every backend passes are in
// unit/store/call_store_test.cpp and unit/campaign/campaign_store_test.cpp, built into this
// binary too.

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/pg_call_store.h"
#include "store/schemas.h"
#include "store/store_url.h"
#include "support/postgres_server.h"

namespace scamguard::store {
namespace {

using testing::PostgresServer;
using testing::shared_postgres;

PostgresServer& server() {
  PostgresServer& pg = shared_postgres();
  EXPECT_TRUE(pg.running()) << pg.error();
  return pg;
}

NewCall new_call(const std::string& id) {
  return {id, "{}", 1000, {0, -1, 1000, "allow", 0.0, "[]"}};
}

TEST(PgStore, CreatesBothSchemasAndRecordsTheirVersions) {
  const std::string url = server().create_database("pg_versions");
  ASSERT_TRUE(open_call_store(url));
  ASSERT_TRUE(open_campaign_store(url));
  EXPECT_EQ(server().query("SELECT MAX(version) FROM scamguard_calls_schema", "pg_versions"),
            std::to_string(kCallSchemaVersion));
  EXPECT_EQ(server().query("SELECT MAX(version) FROM campaign_schema_version", "pg_versions"),
            std::to_string(kCampaignSchemaVersion));
  // Reopening migrates nothing.
  ASSERT_TRUE(open_call_store(url));
  EXPECT_EQ(server().query("SELECT COUNT(*) FROM scamguard_calls_schema", "pg_versions"),
            std::to_string(kCallSchemaVersion));
}

TEST(PgStore, RefusesANewerSchemaAndLeavesTheDatabaseUntouched) {
  const std::string url = server().create_database("pg_newer");
  ASSERT_TRUE(
      server().exec("CREATE TABLE scamguard_calls_schema (version INTEGER NOT NULL);"
                    "INSERT INTO scamguard_calls_schema VALUES (" +
                        std::to_string(kCallSchemaVersion + 1) +
                        ");"
                        "CREATE TABLE campaign_schema_version (version INTEGER NOT NULL);"
                        "INSERT INTO campaign_schema_version VALUES (99);",
                    "pg_newer"));
  auto calls = open_call_store(url);
  ASSERT_FALSE(calls);
  EXPECT_EQ(calls.error().code, ErrorCode::kConfig);
  EXPECT_NE(calls.error().message.find("newer"), std::string::npos) << calls.error().message;
  EXPECT_NE(calls.error().message.find("127.0.0.1"), std::string::npos) << calls.error().message;
  auto campaigns = open_campaign_store(url);
  ASSERT_FALSE(campaigns);
  EXPECT_NE(campaigns.error().message.find("99"), std::string::npos);
  // No table was created, no version row added.
  EXPECT_EQ(
      server().query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", "pg_newer"),
      "2");
  EXPECT_EQ(server().query("SELECT COUNT(*) FROM scamguard_calls_schema", "pg_newer"), "1");
}

TEST(PgStore, NodesStartingTogetherMigrateOnce) {
  const std::string url = server().create_database("pg_together");
  std::vector<std::thread> nodes;
  std::atomic<int> opened{0};
  for (int i = 0; i < 4; ++i) {
    nodes.emplace_back([&] {
      auto calls = open_call_store(url);
      auto campaigns = open_campaign_store(url);
      EXPECT_TRUE(calls) << calls.error().message;
      EXPECT_TRUE(campaigns) << campaigns.error().message;
      if (calls && campaigns) ++opened;
    });
  }
  for (std::thread& node : nodes) node.join();
  EXPECT_EQ(opened.load(), 4);
  EXPECT_EQ(server().query("SELECT COUNT(*) FROM scamguard_calls_schema", "pg_together"),
            std::to_string(kCallSchemaVersion));
}

TEST(PgStore, AnUnreachableServerIsAClearError) {
  auto calls = open_call_store("postgresql://scamguard:secret@127.0.0.1:1/none");
  ASSERT_FALSE(calls);
  EXPECT_EQ(calls.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(calls.error().message.find("127.0.0.1:1"), std::string::npos) << calls.error().message;
  EXPECT_EQ(calls.error().message.find("secret"), std::string::npos) << "password in a message";
}

TEST(PgStore, EveryNodeHearsEveryCommittedChange) {
  const std::string url = server().create_database("pg_notify");
  auto writer = PgCallStore::open({.url = url});
  auto listener = PgCallStore::open({.url = url});
  ASSERT_TRUE(writer && listener);
  std::mutex mutex;
  std::condition_variable heard;
  std::vector<std::pair<std::string, int>> changes;
  ASSERT_TRUE((*listener)->watch([&](const std::string& id, int seq) {
    std::lock_guard lock(mutex);
    changes.emplace_back(id, seq);
    heard.notify_all();
  }));
  ASSERT_TRUE((*writer)->create_call(new_call("a")));
  CallStep step;
  step.call_id = "a";
  step.turn = TurnRecord{0, 1, 2000, "remote", "hello"};
  step.action = "allow";
  ASSERT_TRUE((*writer)->append_step(step));
  ASSERT_FALSE((*writer)->append_step(step));  // refused: nothing to hear
  ASSERT_TRUE((*writer)->close_call({"a", 3000, "hangup", "allow", 0.0}));
  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard.wait_for(lock, std::chrono::seconds(10), [&] { return changes.size() >= 2; }));
  EXPECT_EQ(changes[0], (std::pair<std::string, int>{"a", 1}));
  EXPECT_EQ(changes[1], (std::pair<std::string, int>{"a", kClosedSeq}));
  lock.unlock();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  lock.lock();
  EXPECT_EQ(changes.size(), 2u);
}

TEST(PgStore, AStoreWhoseServerRestartedReconnects) {
  // The shared server is restarted here; other tests in this process reconnect as well.
  PostgresServer& pg = server();
  const std::string url = pg.create_database("pg_restart");
  auto store = open_call_store(url);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->create_call(new_call("before")));
  pg.stop();
  Status down = (*store)->create_call(new_call("during"));
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(down.error().message.find("127.0.0.1"), std::string::npos) << down.error().message;
  ASSERT_TRUE(pg.start()) << pg.error();
  ASSERT_TRUE((*store)->create_call(new_call("after")));
  EXPECT_TRUE((*store)->load_call("before"));
  EXPECT_FALSE((*store)->load_call("during"));
}

}  // namespace
}  // namespace scamguard::store

#include <gtest/gtest.h>

#include <thread>

#include "store/call_schema.h"
#include "store/sqlite_call_store.h"
#include "support/test_paths.h"

namespace scamguard::store {
namespace {

using scamguard::testing::read_text;
using scamguard::testing::TempDir;

NewCall new_call(const std::string& id) {
  return {id, R"({"caller":"+61412345678"})", 1000, {0, -1, 1000, "allow", 0.0, "[]"}};
}

CallStep turn_step(const std::string& id, int index, const std::string& text) {
  CallStep step;
  step.call_id = id;
  step.turn = TurnRecord{index, index + 1, 2000 + index, "remote", text};
  step.action = "allow";
  return step;
}

TEST(SqliteCallStore, CreatesTheSchemaAndRecordsItsVersion) {
  TempDir dir;
  const std::string path = (dir.path() / "calls.db").string();
  {
    auto store = SqliteCallStore::open({.path = path});
    ASSERT_TRUE(store) << store.error().message;
  }
  auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(db);
  auto version = read_call_schema_version(*db);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, kCallSchemaVersion);
}

TEST(SqliteCallStore, RefusesANewerSchemaAndLeavesTheFileUntouched) {
  TempDir dir;
  const std::string path = (dir.path() / "calls.db").string();
  {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        db->exec("CREATE TABLE scamguard_calls_schema (version INTEGER NOT NULL);"
                 "INSERT INTO scamguard_calls_schema VALUES (" +
                 std::to_string(kCallSchemaVersion + 1) + ");"));
  }
  const std::string before = read_text(path);
  auto store = SqliteCallStore::open({.path = path});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kConfig);
  EXPECT_NE(store.error().message.find("newer"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
  EXPECT_EQ(read_text(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteCallStore, LeavesOtherTablesAlone) {
  TempDir dir;
  const std::string path = (dir.path() / "calls.db").string();
  {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(
        db->exec("CREATE TABLE campaign_schema (version INTEGER);"
                 "INSERT INTO campaign_schema VALUES (7);"));
  }
  { ASSERT_TRUE(SqliteCallStore::open({.path = path})); }
  { ASSERT_TRUE(SqliteCallStore::open({.path = path})); }  // reopening migrates nothing
  auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
  auto row = db->prepare("SELECT version FROM campaign_schema");
  ASSERT_TRUE(row);
  ASSERT_TRUE(*row->step());
  EXPECT_EQ(row->column_int(0), 7);
}

TEST(SqliteCallStore, StoresACallItsTurnsEventsAndVerdictChanges) {
  TempDir dir;
  auto store = SqliteCallStore::open({.path = (dir.path() / "calls.db").string()});
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->create_call(new_call("a")));
  ASSERT_TRUE((*store)->append_step(turn_step("a", 0, "hello")));
  CallStep event;
  event.call_id = "a";
  event.event = DeviceEventRecord{2, 0, 3000, "app_started", "anydesk"};
  event.verdict = VerdictChange{2, 0, 3000, "warn", 6.0, R"([{"symbol":"X"}])"};
  event.action = "warn";
  event.score = 6.0;
  ASSERT_TRUE((*store)->append_step(event));

  auto record = (*store)->load_call("a");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->summary.state, CallState::kOpen);
  EXPECT_EQ(record->summary.action, "warn");
  EXPECT_EQ(record->summary.turn_count, 1);
  EXPECT_EQ(record->summary.event_count, 1);
  ASSERT_EQ(record->turns.size(), 1u);
  EXPECT_EQ(record->turns[0].text, "hello");
  ASSERT_EQ(record->events.size(), 1u);
  EXPECT_EQ(record->events[0].app, "anydesk");
  ASSERT_EQ(record->verdicts.size(), 2u);
  EXPECT_EQ(record->verdicts[1].action, "warn");

  auto open = (*store)->load_open_calls();
  ASSERT_TRUE(open);
  EXPECT_EQ(open->size(), 1u);
  ASSERT_TRUE((*store)->close_call({"a", 4000, "closed", "warn", 6.0}));
  open = (*store)->load_open_calls();
  EXPECT_EQ(open->size(), 0u);
  EXPECT_EQ((*store)->load_call("a")->summary.close_reason, "closed");
}

TEST(SqliteCallStore, RefusedWritesChangeNothing) {
  TempDir dir;
  auto store = SqliteCallStore::open({.path = (dir.path() / "calls.db").string()});
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->create_call(new_call("a")));
  ASSERT_TRUE((*store)->append_step(turn_step("a", 0, "hello")));

  Status duplicate = (*store)->create_call(new_call("a"));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kInvalidInput);
  // The same turn index twice: the summary update before it must be rolled back too.
  Status twice = (*store)->append_step(turn_step("a", 0, "again"));
  ASSERT_FALSE(twice);
  Status unknown = (*store)->append_step(turn_step("nope", 0, "x"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  auto record = (*store)->load_call("a");
  EXPECT_EQ(record->summary.turn_count, 1);
  ASSERT_EQ(record->turns.size(), 1u);
  EXPECT_EQ(record->turns[0].text, "hello");

  ASSERT_TRUE((*store)->close_call({"a", 4000, "closed", "allow", 0.0}));
  Status after_close = (*store)->append_step(turn_step("a", 1, "late"));
  ASSERT_FALSE(after_close);
  EXPECT_EQ((*store)->load_call("a")->turns.size(), 1u);
}

TEST(SqliteCallStore, ConcurrentWritersAreAllCommitted) {
  TempDir dir;
  auto store = SqliteCallStore::open({.path = (dir.path() / "calls.db").string()});
  ASSERT_TRUE(store);
  constexpr int kThreads = 8;
  constexpr int kTurns = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string id = "call-" + std::to_string(t);
      ASSERT_TRUE((*store)->create_call(new_call(id)));
      for (int i = 0; i < kTurns; ++i) {
        ASSERT_TRUE((*store)->append_step(turn_step(id, i, "turn " + std::to_string(i))));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    auto record = (*store)->load_call("call-" + std::to_string(t));
    ASSERT_TRUE(record);
    EXPECT_EQ(record->turns.size(), static_cast<size_t>(kTurns));
  }
  const StoreStats stats = (*store)->stats();
  EXPECT_EQ(stats.writes, static_cast<uint64_t>(kThreads * (kTurns + 1)));
  EXPECT_LE(stats.commits, stats.writes);
}

TEST(SqliteCallStore, ListsNewestFirstWithFiltersAndPaging) {
  TempDir dir;
  auto store = SqliteCallStore::open({.path = (dir.path() / "calls.db").string()});
  ASSERT_TRUE(store);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*store)->create_call(new_call("c" + std::to_string(i))));
  ASSERT_TRUE((*store)->close_call({"c1", 5000, "closed", "block", 12.0}));

  CallQuery first_page;
  first_page.limit = 2;
  auto page = (*store)->list_calls(first_page);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, "c4");
  CallQuery next = first_page;
  next.before_row = page->back().row;
  auto second = (*store)->list_calls(next);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].id, "c2");

  CallQuery blocked;
  blocked.action = "block";
  auto only = (*store)->list_calls(blocked);
  ASSERT_EQ(only->size(), 1u);
  EXPECT_EQ((*only)[0].id, "c1");
  CallQuery recent;
  recent.since = 4500;
  EXPECT_EQ((*store)->list_calls(recent)->size(), 1u);
}

}  // namespace
}  // namespace scamguard::store

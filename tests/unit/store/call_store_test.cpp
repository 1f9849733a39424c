#include <gtest/gtest.h>

#include <cctype>
#include <thread>

#include "store/schemas.h"
#include "store/sqlite_call_store.h"
#include "store/store_url.h"
#include "support/test_paths.h"
#ifdef SCAMGUARD_TEST_POSTGRES
#include "support/postgres_server.h"
#endif

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

#ifndef SCAMGUARD_TEST_POSTGRES
TEST(SqliteCallStore, CreatesTheSchemaAndRecordsItsVersion) {
  TempDir dir;
  const std::string path = (dir.path() / "calls.db").string();
  {
    auto store = SqliteCallStore::open({.path = path});
    ASSERT_TRUE(store) << store.error().message;
  }
  auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(db);
  SqliteMigrationTarget target(*db);
  auto version = read_schema_version(target, kSqliteCallSchema);
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

TEST(SqliteCallStore, MigratesAVersionOneDatabaseAndKeepsItsCalls) {
  TempDir dir;
  const std::string path = (dir.path() / "calls.db").string();
  {
    auto db = SqliteDb::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db);
    SqliteMigrationTarget target(*db);
    const Schema first{kSqliteCallSchema.part, kSqliteCallSchema.version_table,
                       kSqliteCallSchema.migrations.first(1)};
    ASSERT_TRUE(migrate_schema(target, first));
    ASSERT_TRUE(
        db->exec("INSERT INTO calls (id, state, setup_json, opened_at, updated_at, action, score) "
                 "VALUES ('old', 'open', '{}', 1, 1, 'allow', 0)"));
  }
  auto store = SqliteCallStore::open({.path = path});
  ASSERT_TRUE(store) << store.error().message;
  auto old = (*store)->load_call("old");
  ASSERT_TRUE(old) << old.error().message;
  EXPECT_EQ(old->setup_traffic, "");
  ASSERT_TRUE((*store)->create_call({"new", "{}", 2, {0, -1, 2, "allow", 0.0, "[]"}, "t1 0 0"}));
  EXPECT_EQ((*store)->load_call("new")->setup_traffic, "t1 0 0");
  auto db = SqliteDb::open(path, SQLITE_OPEN_READONLY);
  SqliteMigrationTarget target(*db);
  EXPECT_EQ(*read_schema_version(target, kSqliteCallSchema), 2);
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
#endif

// The tests every backend passes: SQLite here, PostgreSQL in the integration binary built
// from this file with SCAMGUARD_TEST_POSTGRES (tests/integration/pg_store_test.cpp).
class CallStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  Result<std::unique_ptr<CallStore>> open() {
    if (GetParam() == "sqlite") return open_call_store((dir_.path() / "calls.db").string());
#ifdef SCAMGUARD_TEST_POSTGRES
    testing::PostgresServer& server = testing::shared_postgres();
    EXPECT_TRUE(server.running()) << server.error();
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) {
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
    return open_call_store(server.create_database("calls_" + name));
#else
    return make_error(ErrorCode::kConfig, "no backend " + GetParam());
#endif
  }
  TempDir dir_;
};

TEST_P(CallStoreTest, StoresACallItsTurnsEventsAndVerdictChanges) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
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

TEST_P(CallStoreTest, RefusedWritesChangeNothing) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
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

TEST_P(CallStoreTest, ConcurrentWritersAreAllCommitted) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
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

TEST_P(CallStoreTest, ListsNewestFirstWithFiltersAndPaging) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
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

TEST_P(CallStoreTest, AStepThatIsNotTheNextOneIsAConflictAndChangesNothing) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->create_call(new_call("a")));
  ASSERT_TRUE((*store)->append_step(turn_step("a", 0, "first")));
  // Another node, whose copy of the call is one turn behind, writes "its" turn 0 (seq 1).
  CallStep stale = turn_step("a", 0, "from a stale node");
  Status refused = (*store)->append_step(stale);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << refused.error().message;
  // Ahead is refused too (seq 3 while the next is 2).
  CallStep ahead = turn_step("a", 2, "from the future");
  EXPECT_EQ((*store)->append_step(ahead).error().code, ErrorCode::kConflict);
  auto record = (*store)->load_call("a");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->turns.size(), 1u);
  EXPECT_EQ(record->turns[0].text, "first");
  EXPECT_EQ(record->summary.turn_count, 1);
}

TEST_P(CallStoreTest, ClosesOnlyWhenItsConditionsHold) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->create_call(new_call("a")));
  ASSERT_TRUE((*store)->append_step(turn_step("a", 0, "hello")));  // updated_at 2000
  CloseCall stale{"a", 5000, "closed", "allow", 0.0, /*next_seq=*/1, std::nullopt};
  EXPECT_EQ((*store)->close_call(stale).error().code, ErrorCode::kConflict);
  CloseCall not_idle{"a", 5000, "idle_timeout", "allow", 0.0, std::nullopt, /*idle_before=*/2000};
  EXPECT_EQ((*store)->close_call(not_idle).error().code, ErrorCode::kConflict);
  EXPECT_EQ((*store)->load_call("a")->summary.state, CallState::kOpen);

  CloseCall idle{"a", 5000, "idle_timeout", "allow", 0.0, 2, 2001};
  ASSERT_TRUE((*store)->close_call(idle));
  // The second node to try closes nothing.
  Status again = (*store)->close_call(idle);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ((*store)->load_call("a")->summary.close_reason, "idle_timeout");
}

TEST_P(CallStoreTest, ListsOpenCallsIdleSinceATime) {
  auto store = open();
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->create_call(new_call("quiet")));  // updated_at 1000
  ASSERT_TRUE((*store)->create_call(new_call("busy")));
  ASSERT_TRUE((*store)->append_step(turn_step("busy", 0, "hello")));  // updated_at 2000
  CallQuery idle;
  idle.state = CallState::kOpen;
  idle.updated_before = 1500;
  auto found = (*store)->list_calls(idle);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "quiet");
}

#ifdef SCAMGUARD_TEST_POSTGRES
INSTANTIATE_TEST_SUITE_P(Backends, CallStoreTest, ::testing::Values("postgres"));
#else
INSTANTIATE_TEST_SUITE_P(Backends, CallStoreTest, ::testing::Values("sqlite"));
#endif

}  // namespace
}  // namespace scamguard::store

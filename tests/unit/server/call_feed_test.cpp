#include "server/call_feed.h"

#include <gtest/gtest.h>

#include "server/call_registry.h"

namespace scamguard::server {
namespace {

TEST(CallFeed, ChangesSinceAVersionComeOnceEachOldestFirst) {
  CallFeed feed;
  feed.publish("a");
  const uint64_t seen = feed.version();
  feed.publish("b");
  feed.publish("a");
  feed.publish("b");
  CallFeed::Since since = feed.since(seen);
  EXPECT_FALSE(since.resync);
  EXPECT_EQ(since.ids, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(since.version, feed.version());
  EXPECT_TRUE(feed.since(feed.version()).ids.empty());
}

TEST(CallFeed, AStreamFurtherBehindThanWhatIsKeptStartsAgain) {
  CallFeed feed;
  for (size_t i = 0; i < CallFeed::kKept + 2; ++i) feed.publish("c-" + std::to_string(i));
  EXPECT_TRUE(feed.since(0).resync);
  EXPECT_TRUE(feed.since(1).resync);
  EXPECT_FALSE(feed.since(2).resync);  // the oldest change kept is version 3
  EXPECT_EQ(feed.since(2).ids.size(), CallFeed::kKept);
}

TEST(CallFeed, WatchersAreWokenUntilTheirStreamLetsGo) {
  CallFeed feed;
  int woken = 0;
  auto watcher = std::make_shared<const std::function<void()>>([&] { ++woken; });
  feed.watch(watcher);
  feed.publish("a");
  EXPECT_EQ(woken, 1);
  watcher.reset();
  feed.publish("b");  // dropped, not called
  EXPECT_EQ(woken, 1);
}

TEST(CallFeed, TheRegistryPublishesOpensChangesAndCloses) {
  CallRegistry registry;
  auto call = std::make_shared<LiveCall>();
  call->id = "c-1";
  ASSERT_EQ(registry.insert(call, 10), CallRegistry::InsertResult::kInserted);
  EXPECT_EQ(registry.feed().since(0).ids, std::vector<std::string>{"c-1"});
  const uint64_t opened = registry.feed().version();
  {
    std::lock_guard lock(call->mutex);
    call->record_change(Verdict{});
  }
  EXPECT_EQ(registry.feed().since(opened).ids, std::vector<std::string>{"c-1"});
  const uint64_t changed = registry.feed().version();
  registry.erase("c-1");
  EXPECT_EQ(registry.feed().since(changed).ids, std::vector<std::string>{"c-1"});
  const uint64_t closed = registry.feed().version();
  registry.erase("c-1");  // not there any more: nothing to tell
  EXPECT_EQ(registry.feed().version(), closed);
}

}  // namespace
}  // namespace scamguard::server

// corpus/transcript_view.h: the speaker-blind and opening views of a corpus call.

#include "corpus/transcript_view.h"

#include <gtest/gtest.h>

namespace scamguard::corpus {
namespace {

CorpusCall three_turns() {
  CorpusCall call;
  call.id = "c";
  call.turns = {{Speaker::kRemote, "hello this is amazon"},
                {Speaker::kUser, "yes"},
                {Speaker::kRemote, "please install any desk now"}};
  call.critical_turn = 2;
  call.events = {{.after_turn = 2, .event = {DeviceEventType::kAppStarted, "anydesk"}}};
  return call;
}

TEST(TranscriptView, SpeakerBlindMergesEveryTurnIntoOneUnknownTurn) {
  CorpusCall blind = speaker_blind(three_turns());
  ASSERT_EQ(blind.turns.size(), 1u);
  EXPECT_EQ(blind.turns[0].speaker, Speaker::kUnknown);
  EXPECT_EQ(blind.turns[0].text, "hello this is amazon yes please install any desk now");
  EXPECT_EQ(blind.critical_turn, 0);
  ASSERT_EQ(blind.events.size(), 1u);
  EXPECT_EQ(blind.events[0].after_turn, 0);
}

TEST(TranscriptView, OpeningCutsAtAWordAndDropsWhatComesAfter) {
  // "hello this is amazon" (20) + " yes" (4) = 24; the third turn starts at 25.
  CorpusCall cut = opening(three_turns(), 32);
  ASSERT_EQ(cut.turns.size(), 3u);
  EXPECT_EQ(cut.turns[2].text, "please");
  EXPECT_EQ(cut.critical_turn, 2);
  EXPECT_EQ(cut.events.size(), 1u);

  CorpusCall short_cut = opening(three_turns(), 22);
  ASSERT_EQ(short_cut.turns.size(), 1u);
  EXPECT_EQ(short_cut.turns[0].text, "hello this is amazon");
  EXPECT_FALSE(short_cut.critical_turn.has_value());
  EXPECT_TRUE(short_cut.events.empty());
}

TEST(TranscriptView, OpeningNeverSplitsAUtf8Sequence) {
  CorpusCall call;
  call.turns = {{Speaker::kUnknown, "\xc3\xa9\xc3\xa9\xc3\xa9"}};  // no space in reach
  CorpusCall cut = opening(call, 3);
  ASSERT_EQ(cut.turns.size(), 1u);
  EXPECT_EQ(cut.turns[0].text, "\xc3\xa9");
}

TEST(TranscriptView, OpeningLongerThanTheCallKeepsItWhole) {
  CorpusCall cut = opening(three_turns(), 10000);
  EXPECT_EQ(cut.turns.size(), 3u);
  EXPECT_EQ(cut.turns[2].text, "please install any desk now");
}

}  // namespace
}  // namespace scamguard::corpus

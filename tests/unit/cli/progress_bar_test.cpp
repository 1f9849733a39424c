// The progress line of the long commands (apps/cli_common/progress_bar.h), with a fake clock.

#include "progress_bar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>

namespace scamguard::cli {
namespace {

struct FakeClock {
  double now = 100.0;
  ProgressBar::Clock clock() {
    return [this] { return now; };
  }
};

TEST(ProgressBar, KnownTotalShowsBarShareRateAndTimeLeft) {
  FakeClock time;
  ProgressBar bar("train", 200, "examples", nullptr, time.clock());
  // 50 of 200 in 10 s: 5/s, 150 left = 30 s.
  EXPECT_EQ(bar.render(50, 10.0),
            "train [######..................]  25% 50/200 examples, 5.0/s, 0:30 left");
}

TEST(ProgressBar, UnknownTotalShowsCountRateAndElapsed) {
  FakeClock time;
  ProgressBar bar("campaigns", 0, "calls", nullptr, time.clock());
  EXPECT_EQ(bar.render(1500, 3.0), "campaigns 1500 calls, 500/s, 0:03 elapsed");
}

TEST(ProgressBar, FinishedShowsFullBarAndElapsed) {
  FakeClock time;
  ProgressBar bar("gen-traffic", 4096, "calls", nullptr, time.clock());
  EXPECT_EQ(bar.render(4096, 3725.0),
            "gen-traffic [########################] 100% 4096/4096 calls, 1.1/s, 1:02:05 elapsed");
}

TEST(ProgressBar, SilentWithoutAStream) {
  FakeClock time;
  ProgressBar bar("x", 10, "items", nullptr, time.clock());
  EXPECT_FALSE(bar.drawing());
  bar.advance(5);
  bar.finish();  // nothing to write to, nothing crashes
}

TEST(ProgressBar, RedrawsAtMostEveryTenthOfASecondThenEndsTheLine) {
  FakeClock time;
  std::ostringstream out;
  {
    ProgressBar bar("eval", 3, "sources", &out, time.clock());
    bar.advance();  // first draw
    time.now += 0.05;
    bar.advance();  // too soon: not drawn
    EXPECT_EQ(out.str().find("2/3"), std::string::npos);
    time.now += 0.1;
    bar.advance();
    EXPECT_NE(out.str().find("3/3"), std::string::npos);
  }  // the destructor finishes: one newline at the end
  EXPECT_EQ(out.str().back(), '\n');
  EXPECT_EQ(out.str().find('\n'), out.str().size() - 1);
  EXPECT_EQ(out.str().front(), '\r');
}

TEST(ProgressBar, NoteFollowsTheFigures) {
  FakeClock time;
  std::ostringstream out;
  ProgressBar bar("eval --loso", 10, "sources", &out, time.clock());
  bar.set_note("leaving out dstc11");
  EXPECT_NE(out.str().find("0/10 sources, 0:00 elapsed (leaving out dstc11)"), std::string::npos);
}

TEST(ProgressBar, StderrBarIsSilentWhenNotATerminal) {
  // ctest runs tests with standard error on a pipe.
  ProgressBar bar = ProgressBar::on_stderr("x", 1, "items");
  EXPECT_EQ(bar.drawing(), ::isatty(2) != 0);
}

TEST(FormatDuration, MinutesAndHours) {
  EXPECT_EQ(format_duration(0), "0:00");
  EXPECT_EQ(format_duration(65.4), "1:05");
  EXPECT_EQ(format_duration(43209), "12:00:09");
  EXPECT_EQ(format_duration(-3), "0:00");
}

}  // namespace
}  // namespace scamguard::cli

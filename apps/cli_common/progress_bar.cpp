#include "progress_bar.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace scamguard::cli {

namespace {
constexpr int kBarWidth = 24;
constexpr double kRedrawSeconds = 0.1;

std::string rate_text(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, per_second >= 100 ? "%.0f" : "%.1f", per_second);
  return text;
}
}  // namespace

double ProgressBar::steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string format_duration(double seconds) {
  const long total = std::lround(std::max(0.0, seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

ProgressBar::ProgressBar(std::string label, uint64_t total, std::string unit, std::ostream* out,
                         Clock clock)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      out_(out),
      clock_(std::move(clock)),
      start_(clock_()) {}

ProgressBar ProgressBar::on_stderr(std::string label, uint64_t total, std::string unit) {
  // Not a terminal (a log file, a pipe, CI): no carriage-return animation in it.
  std::ostream* out = ::isatty(STDERR_FILENO) ? &std::cerr : nullptr;
  return ProgressBar(std::move(label), total, std::move(unit), out);
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::advance(uint64_t count) {
  done_ += count;
  draw(false);
}

void ProgressBar::set(uint64_t done) {
  done_ = done;
  draw(false);
}

void ProgressBar::set_note(std::string note) {
  note_ = std::move(note);
  draw(true);
}

void ProgressBar::finish() {
  if (finished_) return;
  finished_ = true;
  if (!out_) return;
  draw(true);
  *out_ << "\n" << std::flush;
}

std::string ProgressBar::render(uint64_t done, double elapsed) const {
  std::string line = label_ + " ";
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  if (total_ > 0) {
    const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    const int filled = static_cast<int>(share * kBarWidth);
    line += "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
    char percent[8];
    std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(share * 100));
    line += std::string(percent) + " " + std::to_string(done) + "/" + std::to_string(total_) + " " +
            unit_;
  } else {
    line += std::to_string(done) + " " + unit_;
  }
  if (elapsed > 0 && done > 0) line += ", " + rate_text(rate) + "/s";
  if (total_ > 0 && done > 0 && done < total_ && rate > 0) {
    line += ", " + format_duration(static_cast<double>(total_ - done) / rate) + " left";
  } else {
    line += ", " + format_duration(elapsed) + " elapsed";
  }
  if (!note_.empty()) line += " (" + note_ + ")";
  return line;
}

void ProgressBar::draw(bool force) {
  if (!out_) return;
  const double now = clock_();
  if (!force && last_draw_ >= 0 && now - last_draw_ < kRedrawSeconds) return;
  last_draw_ = now;
  // \r back to the start of the line, then \x1b[K clears what a longer earlier line left.
  *out_ << "\r" << render(done_, now - start_) << "\x1b[K" << std::flush;
}

}  // namespace scamguard::cli

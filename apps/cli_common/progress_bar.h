// A progress line on standard error for long commands (train, eval --loso, gen-traffic,
// campaigns): a bar with the share done, the count, the rate and the time left when the total
// is known; the count, rate and time so far when it is not. Drawn only when the stream is a
// terminal: piped or redirected output stays exactly what it was.
//
//   ProgressBar progress = ProgressBar::on_stderr("scoring", calls, "calls");
//   for (...) { ...; progress.advance(); }
//   progress.finish();   // also done by the destructor
//
// Redraws are limited to one every 100 ms, so advance() may be called for every item.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace scamguard::cli {

class ProgressBar {
 public:
  using Clock = std::function<double()>;  // seconds, monotonic

  // `out` nullptr: silent. `total` 0: unknown. `unit` names what is counted ("calls").
  ProgressBar(std::string label, uint64_t total, std::string unit, std::ostream* out,
              Clock clock = steady_seconds);
  // On std::cerr when standard error is a terminal (isatty), else silent.
  static ProgressBar on_stderr(std::string label, uint64_t total, std::string unit);

  // Not movable: a moved-from bar would end a line it never drew. on_stderr() returns a
  // prvalue, so `auto bar = ProgressBar::on_stderr(...)` needs no move.
  ProgressBar(ProgressBar&&) = delete;
  ProgressBar& operator=(ProgressBar&&) = delete;
  ~ProgressBar();

  void advance(uint64_t count = 1);
  void set(uint64_t done);
  // The total once it is known (0: unknown).
  void reset_total(uint64_t total) { total_ = total; }
  // A short note shown after the figures (e.g. the source being left out).
  void set_note(std::string note);
  // Draws the final state and ends the line; later calls do nothing.
  void finish();

  bool drawing() const { return out_ != nullptr; }

  // The line for `done` items after `elapsed` seconds, without the carriage return: the part
  // tests check.
  std::string render(uint64_t done, double elapsed) const;

  static double steady_seconds();

 private:
  void draw(bool force);

  std::string label_;
  uint64_t total_;
  std::string unit_;
  std::ostream* out_;
  Clock clock_;
  std::string note_;
  double start_;
  double last_draw_ = -1.0;
  uint64_t done_ = 0;
  bool finished_ = false;
};

// "1:05", "12:00:09": a duration for the progress line.
std::string format_duration(double seconds);

}  // namespace scamguard::cli

// Small hand-written SVG charts for `scamguard eval --plots` (Debian has no C++ plotting
// library): self-contained files that a browser, an image viewer or a README shows as they are.
// Every label is escaped; numbers are printed with fixed precision, so the same data gives the
// same file byte for byte.
#pragma once

#include <string>
#include <vector>

namespace scamguard::cli {

struct BarRow {
  std::string label;  // e.g. "dstc11-natcs"
  std::string kind;   // the legend entry, e.g. "recall" or "false-positive rate"
  double value = 0;   // 0..1
  std::string note;   // printed after the value, e.g. "n=913"
};

// Horizontal bars, one row each, 0..100 %; one colour per distinct `kind`.
std::string bar_chart_svg(const std::string& title, const std::string& subtitle,
                          const std::vector<BarRow>& rows);

struct ReliabilityPoint {
  double mean_probability = 0;  // x
  double observed_share = 0;    // y
  int calls = 0;                // point area
};

// A reliability diagram: predicted probability against the observed share of scams, with the
// diagonal of perfect calibration; bins without calls are left out.
std::string reliability_svg(const std::string& title, const std::string& subtitle,
                            const std::vector<ReliabilityPoint>& points);

// Vertical bars of counts, one per label (e.g. turn 0, 1, ..., "20+").
std::string histogram_svg(const std::string& title, const std::string& subtitle,
                          const std::vector<std::string>& labels, const std::vector<int>& counts,
                          const std::string& x_title);

}  // namespace scamguard::cli

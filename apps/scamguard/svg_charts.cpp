#include "svg_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "util/strings.h"

namespace scamguard::cli {

namespace {

// Colour-blind-safe (Okabe-Ito) colours, one per series.
constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"};
constexpr const char* kFont = "font-family=\"sans-serif\"";

std::string number(double value, int decimals = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string header(int width, int height, const std::string& title, const std::string& subtitle) {
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << " " << height << "\" " << kFont << ">\n"
      << "<title>" << escape_markup(title) << "</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\">" << escape_markup(title)
      << "</text>\n"
      << "<text x=\"16\" y=\"46\" font-size=\"12\" fill=\"#555\">" << escape_markup(subtitle)
      << "</text>\n";
  return out.str();
}

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::string& subtitle,
                          const std::vector<BarRow>& rows) {
  constexpr int kLeft = 250, kBarWidth = 420, kRow = 24, kTop = 86;
  const int width = kLeft + kBarWidth + 130;
  const int height = kTop + kRow * static_cast<int>(rows.size()) + 40;
  std::map<std::string, int> colour_of;  // kind -> colour, in order of first appearance
  for (const BarRow& row : rows) colour_of.emplace(row.kind, static_cast<int>(colour_of.size()));
  std::ostringstream out;
  out << header(width, height, title, subtitle);
  // Legend, then the 0/50/100 % grid.
  int legend_x = 16;
  std::vector<std::pair<int, std::string>> legend;
  for (const auto& [kind, colour] : colour_of) legend.emplace_back(colour, kind);
  std::sort(legend.begin(), legend.end());
  for (const auto& [colour, kind] : legend) {
    out << "<rect x=\"" << legend_x << "\" y=\"58\" width=\"12\" height=\"12\" fill=\""
        << kColours[colour % 5] << "\"/><text x=\"" << legend_x + 16
        << "\" y=\"69\" font-size=\"12\">" << escape_markup(kind) << "</text>\n";
    legend_x += 30 + static_cast<int>(kind.size()) * 7;
  }
  for (int percent = 0; percent <= 100; percent += 25) {
    const double x = kLeft + kBarWidth * percent / 100.0;
    out << "<line x1=\"" << number(x) << "\" y1=\"" << kTop - 4 << "\" x2=\"" << number(x)
        << "\" y2=\"" << height - 34 << "\" stroke=\"#ddd\"/>"
        << "<text x=\"" << number(x) << "\" y=\"" << height - 20
        << "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">" << percent << "%</text>\n";
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const BarRow& row = rows[i];
    const int y = kTop + kRow * static_cast<int>(i);
    const double length = kBarWidth * std::clamp(row.value, 0.0, 1.0);
    out << "<text x=\"" << kLeft - 8 << "\" y=\"" << y + 15
        << "\" font-size=\"12\" text-anchor=\"end\">" << escape_markup(row.label) << "</text>"
        << "<rect x=\"" << kLeft << "\" y=\"" << y + 3 << "\" width=\"" << number(length)
        << "\" height=\"" << kRow - 6 << "\" fill=\"" << kColours[colour_of[row.kind] % 5]
        << "\"><title>"
        << escape_markup(row.label + ": " + row.kind + " " + number(row.value * 100) + "%")
        << "</title></rect>"
        << "<text x=\"" << number(kLeft + length + 6) << "\" y=\"" << y + 15
        << "\" font-size=\"12\">" << number(row.value * 100) << "%"
        << (row.note.empty() ? "" : "  " + escape_markup(row.note)) << "</text>\n";
  }
  out << "</svg>\n";
  return out.str();
}

std::string reliability_svg(const std::string& title, const std::string& subtitle,
                            const std::vector<ReliabilityPoint>& points) {
  constexpr int kLeft = 70, kTop = 70, kSize = 360;
  const int width = 680;  // room for the subtitle beside the square plot
  const int height = kTop + kSize + 60;
  auto x_of = [&](double p) { return kLeft + kSize * p; };
  auto y_of = [&](double p) { return kTop + kSize * (1.0 - p); };
  std::ostringstream out;
  out << header(width, height, title, subtitle);
  for (int tick = 0; tick <= 10; tick += 2) {
    const double p = tick / 10.0;
    out << "<line x1=\"" << number(x_of(p)) << "\" y1=\"" << kTop << "\" x2=\"" << number(x_of(p))
        << "\" y2=\"" << kTop + kSize << "\" stroke=\"#eee\"/>"
        << "<line x1=\"" << kLeft << "\" y1=\"" << number(y_of(p)) << "\" x2=\"" << kLeft + kSize
        << "\" y2=\"" << number(y_of(p)) << "\" stroke=\"#eee\"/>"
        << "<text x=\"" << number(x_of(p)) << "\" y=\"" << kTop + kSize + 16
        << "\" font-size=\"11\" text-anchor=\"middle\">" << number(p) << "</text>"
        << "<text x=\"" << kLeft - 6 << "\" y=\"" << number(y_of(p) + 4)
        << "\" font-size=\"11\" text-anchor=\"end\">" << number(p) << "</text>\n";
  }
  out << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kSize << "\" height=\""
      << kSize << "\" fill=\"none\" stroke=\"#888\"/>\n"
      << "<line x1=\"" << number(x_of(0)) << "\" y1=\"" << number(y_of(0)) << "\" x2=\""
      << number(x_of(1)) << "\" y2=\"" << number(y_of(1))
      << "\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
      << "<text x=\"" << kLeft + kSize / 2 << "\" y=\"" << kTop + kSize + 36
      << "\" font-size=\"12\" text-anchor=\"middle\">mean predicted probability of scam</text>\n"
      << "<text x=\"18\" y=\"" << kTop + kSize / 2 << "\" font-size=\"12\" text-anchor=\"middle\" "
      << "transform=\"rotate(-90 18 " << kTop + kSize / 2 << ")\">share that are scams</text>\n";
  int most = 1;
  for (const ReliabilityPoint& point : points) most = std::max(most, point.calls);
  std::string path;
  for (const ReliabilityPoint& point : points) {
    if (point.calls == 0) continue;
    path += (path.empty() ? "M" : " L") + number(x_of(point.mean_probability)) + " " +
            number(y_of(point.observed_share));
  }
  if (!path.empty()) {
    out << "<path d=\"" << path << "\" fill=\"none\" stroke=\"" << kColours[0]
        << "\" stroke-width=\"1.5\"/>\n";
  }
  for (const ReliabilityPoint& point : points) {
    if (point.calls == 0) continue;
    // Area proportional to the calls in the bin: a bin of three calls should not look certain.
    const double radius = 3.0 + 9.0 * std::sqrt(static_cast<double>(point.calls) / most);
    out << "<circle cx=\"" << number(x_of(point.mean_probability)) << "\" cy=\""
        << number(y_of(point.observed_share)) << "\" r=\"" << number(radius) << "\" fill=\""
        << kColours[0] << "\" fill-opacity=\"0.6\"><title>" << point.calls << " calls, mean p "
        << number(point.mean_probability, 3) << ", scam share " << number(point.observed_share, 3)
        << "</title></circle>\n";
  }
  out << "</svg>\n";
  return out.str();
}

std::string histogram_svg(const std::string& title, const std::string& subtitle,
                          const std::vector<std::string>& labels, const std::vector<int>& counts,
                          const std::string& x_title) {
  constexpr int kLeft = 60, kTop = 70, kHeight = 260, kBar = 26;
  const int width = kLeft + kBar * static_cast<int>(labels.size()) + 40;
  const int height = kTop + kHeight + 60;
  int most = 1;
  for (int count : counts) most = std::max(most, count);
  std::ostringstream out;
  out << header(std::max(width, 480), height, title, subtitle);
  for (int i = 0; i <= 4; ++i) {
    const int value = static_cast<int>(std::lround(most * i / 4.0));
    const double y = kTop + kHeight - kHeight * static_cast<double>(value) / most;
    out << "<line x1=\"" << kLeft << "\" y1=\"" << number(y) << "\" x2=\"" << width - 30
        << "\" y2=\"" << number(y) << "\" stroke=\"#eee\"/><text x=\"" << kLeft - 6 << "\" y=\""
        << number(y + 4) << "\" font-size=\"11\" text-anchor=\"end\">" << value << "</text>\n";
  }
  for (size_t i = 0; i < labels.size() && i < counts.size(); ++i) {
    const double bar_height = kHeight * static_cast<double>(counts[i]) / most;
    const int x = kLeft + kBar * static_cast<int>(i);
    out << "<rect x=\"" << x + 2 << "\" y=\"" << number(kTop + kHeight - bar_height)
        << "\" width=\"" << kBar - 4 << "\" height=\"" << number(bar_height) << "\" fill=\""
        << kColours[0] << "\"><title>" << escape_markup(labels[i]) << ": " << counts[i]
        << "</title></rect><text x=\"" << x + kBar / 2 << "\" y=\"" << kTop + kHeight + 16
        << "\" font-size=\"11\" text-anchor=\"middle\">" << escape_markup(labels[i]) << "</text>\n";
  }
  out << "<text x=\"" << kLeft + kBar * static_cast<int>(labels.size()) / 2 << "\" y=\""
      << kTop + kHeight + 38 << "\" font-size=\"12\" text-anchor=\"middle\">"
      << escape_markup(x_title) << "</text>\n</svg>\n";
  return out.str();
}

}  // namespace scamguard::cli

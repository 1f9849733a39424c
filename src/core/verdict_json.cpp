#include "core/verdict_json.h"

#include <array>
#include <charconv>
#include <cmath>

namespace scamguard {
namespace detail {
namespace {
// Two decimals are what a reader compares; more is noise from the group-cap scaling.
double rounded(double value) { return std::round(value * 100.0) / 100.0; }

// How nlohmann's dump writes a string with ensure_ascii off and invalid UTF-8 replaced. Most
// strings (symbols, groups, reasons, options) are printable ASCII with nothing to escape and are
// copied; anything else (quotes, control characters, any byte above 0x7F, which may be invalid
// UTF-8) goes through nlohmann itself, so the rare case cannot drift from the tree's form.
constexpr std::array<bool, 256> kPlainBytes = [] {
  std::array<bool, 256> plain{};
  for (int byte = 0x20; byte <= 0x7e; ++byte) plain[byte] = byte != '"' && byte != '\\';
  return plain;
}();

void append_string(std::string& out, std::string_view text) {
  // A table and no branch per byte: the comparisons with an early exit were ~8 instructions a
  // byte, a fifth of the whole verdict's text.
  bool plain = true;
  for (const char c : text) plain &= kPlainBytes[static_cast<unsigned char>(c)];
  if (plain) {
    out.push_back('"');
    out.append(text);
    out.push_back('"');
    return;
  }
  out.append(nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// nlohmann's form of a double: its own shortest round-trip digits (to_chars), "null" when not
// finite.
void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  char digits[64];
  const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, static_cast<size_t>(end - digits));
}

void append_number(std::string& out, int value) {
  char digits[16];
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<size_t>(end - digits));
}
}  // namespace

nlohmann::json findings_json(const Verdict& verdict) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& finding : verdict.findings) {
    findings.push_back(
        {{"symbol", finding.symbol},
         {"group", finding.group},
         {"stage", to_string(finding.stage)},
         {"score", rounded(finding.score)},
         {"turn", finding.turn < 0 ? nlohmann::json(nullptr) : nlohmann::json(finding.turn)},
         {"options", finding.options}});
  }
  return findings;
}

nlohmann::json verdict_json(const Verdict& verdict) {
  return {{"action", to_string(verdict.action)},
          {"score", rounded(verdict.score)},
          {"warn_score", verdict.warn_score},
          {"block_score", verdict.block_score},
          {"reason", verdict.reason},
          {"findings", findings_json(verdict)}};
}

// Keys in the tree's order: nlohmann's object is a std::map, so sorted.
void append_findings_json(std::string& out, const Verdict& verdict) {
  out.push_back('[');
  for (const Finding& finding : verdict.findings) {
    if (&finding != verdict.findings.data()) out.push_back(',');
    out.append(R"({"group":)");
    append_string(out, finding.group);
    out.append(R"(,"options":[)");
    for (const std::string& option : finding.options) {
      if (&option != finding.options.data()) out.push_back(',');
      append_string(out, option);
    }
    out.append(R"(],"score":)");
    append_number(out, rounded(finding.score));
    out.append(R"(,"stage":)");
    append_string(out, to_string(finding.stage));
    out.append(R"(,"symbol":)");
    append_string(out, finding.symbol);
    out.append(R"(,"turn":)");
    if (finding.turn < 0) {
      out.append("null");
    } else {
      append_number(out, finding.turn);
    }
    out.push_back('}');
  }
  out.push_back(']');
}

void append_verdict_json(std::string& out, const Verdict& verdict) {
  out.append(R"({"action":)");
  append_string(out, to_string(verdict.action));
  out.append(R"(,"block_score":)");
  append_number(out, verdict.block_score);
  out.append(R"(,"findings":)");
  append_findings_json(out, verdict);
  out.append(R"(,"reason":)");
  append_string(out, verdict.reason);
  out.append(R"(,"score":)");
  append_number(out, rounded(verdict.score));
  out.append(R"(,"warn_score":)");
  append_number(out, verdict.warn_score);
  out.push_back('}');
}

nlohmann::json symbol_json(const SymbolInfo& symbol) {
  return {{"symbol", symbol.symbol},
          {"group", symbol.group},
          {"stage", to_string(symbol.stage)},
          {"score", symbol.score},
          {"default_score", symbol.default_score},
          {"composite", symbol.composite},
          {"description", symbol.description}};
}

}  // namespace detail

std::string to_json(const Verdict& verdict) {
  // Turn text is any bytes; invalid UTF-8 in evidence is replaced, never thrown.
  std::string out;
  detail::append_verdict_json(out, verdict);
  return out;
}

}  // namespace scamguard

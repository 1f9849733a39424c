// scamguard explain: one call, readable, turn by turn.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "core/verdict_json.h"
#include "corpus/replay.h"
#include "corpus/verdict_json.h"

namespace scamguard::cli {
namespace {

std::string options_text(const Finding& finding) {
  std::string text;
  for (const std::string& option : finding.options) text += (text.empty() ? "" : ", ") + option;
  return text.empty() ? "" : " (" + text + ")";
}

// The symbol column is as wide as the engine's longest symbol name, so that the score column
// lines up for every call rather than being pushed out by a long composite.
int symbol_width(const Engine& engine) {
  size_t width = 24;
  for (const SymbolInfo& symbol : engine.symbols()) width = std::max(width, symbol.symbol.size());
  return static_cast<int>(width);
}

// The findings of `verdict` whose symbols are not in `shown` yet (and adds them to it).
std::vector<const Finding*> new_findings(const Verdict& verdict, std::set<std::string>& shown) {
  std::vector<const Finding*> fresh;
  for (const Finding& finding : verdict.findings) {
    if (shown.insert(finding.symbol).second) fresh.push_back(&finding);
  }
  return fresh;
}

void explain_text(const Engine& engine, const corpus::CorpusCall& call) {
  const int width = symbol_width(engine);
  std::cout << "call " << call.id;
  if (!call.label.empty()) std::cout << "  (labelled " << call.label << ", " << call.type << ")";
  std::cout << "\n";
  std::set<std::string> shown;
  std::cout << std::fixed << std::setprecision(2);
  corpus::ReplayResult result = corpus::replay(engine, call, [&](const corpus::ReplayStep& step) {
    switch (step.kind) {
      case corpus::ReplayStep::Kind::kSetup:
        std::cout << "  set-up\n";
        break;
      case corpus::ReplayStep::Kind::kTurn:
        std::cout << "  [" << step.turn << "] " << to_string(step.turn_data->speaker) << ": "
                  << step.turn_data->text << "\n";
        break;
      case corpus::ReplayStep::Kind::kDeviceEvent:
        std::cout << "  device: " << to_string(step.event->event.type) << " "
                  << step.event->event.app << "\n";
        break;
    }
    for (const Finding* finding : new_findings(step.verdict, shown)) {
      std::cout << "      + " << std::left << std::setw(width) << finding->symbol << std::right
                << std::showpos << std::setw(7) << finding->score << std::noshowpos << "  ["
                << to_string(finding->stage) << "]" << options_text(*finding) << "\n";
    }
    std::cout << "      = " << step.verdict.score << " -> " << to_string(step.verdict.action)
              << "\n";
  });
  std::cout << "verdict: " << to_string(result.verdict.action) << ", score " << result.verdict.score
            << " (warn at " << result.verdict.warn_score << ", block at "
            << result.verdict.block_score << ")\n";
  for (const Finding& finding : result.verdict.findings) {
    std::cout << "  " << std::left << std::setw(width) << finding.symbol << std::right
              << std::showpos << std::setw(7) << finding.score << std::noshowpos << "  turn "
              << (finding.turn < 0 ? std::string("set-up") : std::to_string(finding.turn))
              << options_text(finding) << "\n";
  }
}

// The same replay as one JSON object: scan's verdict line for the call (docs/verdict-json.md)
// plus its label and type, and `steps`, what each event changed.
void explain_json(const Engine& engine, const corpus::CorpusCall& call) {
  std::set<std::string> shown;
  nlohmann::json steps = nlohmann::json::array();
  corpus::ReplayResult result = corpus::replay(engine, call, [&](const corpus::ReplayStep& step) {
    nlohmann::json entry;
    switch (step.kind) {
      case corpus::ReplayStep::Kind::kSetup:
        entry["event"] = "setup";
        break;
      case corpus::ReplayStep::Kind::kTurn:
        entry["event"] = "turn";
        entry["speaker"] = to_string(step.turn_data->speaker);
        entry["text"] = step.turn_data->text;
        break;
      case corpus::ReplayStep::Kind::kDeviceEvent:
        entry["event"] = "device";
        entry["type"] = to_string(step.event->event.type);
        entry["app"] = step.event->event.app;
        break;
    }
    entry["turn"] = step.turn < 0 ? nlohmann::json(nullptr) : nlohmann::json(step.turn);
    // The verdict object's own entries for the symbols this step fired first.
    const nlohmann::json all = detail::findings_json(step.verdict);
    nlohmann::json fresh = nlohmann::json::array();
    for (const nlohmann::json& finding : all) {
      if (shown.insert(finding["symbol"].get<std::string>()).second) fresh.push_back(finding);
    }
    entry["new_findings"] = std::move(fresh);
    entry["score"] = detail::verdict_json(step.verdict)["score"];
    entry["action"] = to_string(step.verdict.action);
    steps.push_back(std::move(entry));
  });
  nlohmann::json out = corpus::verdict_line(call.id, result);
  out["label"] = call.label;
  out["type"] = call.type;
  out["steps"] = std::move(steps);
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

struct ExplainArgs {
  EngineOptions engine = default_engine_options();
  std::string path;
  std::optional<std::string> id;
  bool json = false;
};

int run_explain(const ExplainArgs& args) {
  std::optional<Engine> engine = load_engine(args.engine);
  if (!engine) return kExitUsage;
  const std::optional<std::string>& wanted = args.id;
  bool found = false;
  long calls = 0;  // in the file, to say which one is shown when there are several
  std::string shown_id;
  const int rejected = for_each_call(args.path, [&](corpus::CorpusCall&& call) {
    ++calls;
    if (found || (wanted && call.id != *wanted)) return;
    found = true;
    shown_id = call.id;
    if (args.json) {
      explain_json(*engine, call);
    } else {
      explain_text(*engine, call);
    }
  });
  if (found && !wanted && calls > 1) {
    std::cerr << "scamguard explain: " << args.path << " holds " << calls
              << " calls; this is the first, " << shown_id << " (choose another with --id)\n";
  }
  if (rejected < 0) return kExitUsage;
  if (!found) {
    std::cerr << "scamguard: no call" << (wanted ? " with id '" + *wanted + "'" : std::string())
              << " in " << args.path << "\n";
    return kExitUsage;
  }
  return rejected > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_explain_command(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* command =
      app.add_subcommand("explain", "one call, turn by turn: what fired, running score and action");
  command->footer(
      "Replay one call turn by turn: each turn, the symbols it fired with their score, stage "
      "and evidence, the running score and action; then the verdict.");
  command
      ->add_option("path", args->path,
                   "a .call file, or a corpus (JSON Lines file, directory or -) whose first call "
                   "(or the one named by --id) is explained")
      ->type_name("FILE|DIR|-")
      ->required();
  command
      ->add_option_function<std::string>(
          "--id", [args](const std::string& id) { args->id = id; },
          "explain the call with this id rather than the first")
      ->type_name("ID");
  command->add_flag("--json", args->json,
                    "print one JSON object: the call's verdict line (as scan writes it) with "
                    "its label, type and steps, what each event fired and the score after it");
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_explain(*args); }};
}

}  // namespace scamguard::cli

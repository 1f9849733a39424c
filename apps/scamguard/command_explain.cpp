// scamguard explain: one call, readable, turn by turn.
#include <iomanip>
#include <iostream>
#include <set>

#include "call_source.h"
#include "cli_options.h"
#include "commands.h"
#include "corpus/replay.h"

namespace scamguard::cli {
namespace {

std::string options_text(const Finding& finding) {
  std::string text;
  for (const std::string& option : finding.options) text += (text.empty() ? "" : ", ") + option;
  return text.empty() ? "" : " (" + text + ")";
}

// Prints what is new in `verdict` compared with the symbols already shown.
void print_new_findings(const Verdict& verdict, std::set<std::string>& shown) {
  for (const Finding& finding : verdict.findings) {
    if (!shown.insert(finding.symbol).second) continue;
    std::cout << "      + " << std::left << std::setw(32) << finding.symbol << std::right
              << std::showpos << std::setw(6) << finding.score << std::noshowpos << "  ["
              << to_string(finding.stage) << "]" << options_text(finding) << "\n";
  }
}

void explain(const Engine& engine, const corpus::CorpusCall& call) {
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
    print_new_findings(step.verdict, shown);
    std::cout << "      = " << step.verdict.score << " -> " << to_string(step.verdict.action)
              << "\n";
  });
  std::cout << "verdict: " << to_string(result.verdict.action) << ", score " << result.verdict.score
            << " (warn at " << result.verdict.warn_score << ", block at "
            << result.verdict.block_score << ")\n";
  for (const Finding& finding : result.verdict.findings) {
    std::cout << "  " << std::left << std::setw(32) << finding.symbol << std::right << std::showpos
              << std::setw(6) << finding.score << std::noshowpos << "  turn "
              << (finding.turn < 0 ? std::string("set-up") : std::to_string(finding.turn))
              << options_text(finding) << "\n";
  }
}

struct ExplainArgs {
  EngineOptions engine = default_engine_options();
  std::string path;
  std::optional<std::string> id;
};

int run_explain(const ExplainArgs& args) {
  std::optional<Engine> engine = load_engine(args.engine);
  if (!engine) return kExitUsage;
  const std::optional<std::string>& wanted = args.id;
  bool found = false;
  const int rejected = for_each_call(args.path, [&](corpus::CorpusCall&& call) {
    if (found || (wanted && call.id != *wanted)) return;
    found = true;
    explain(*engine, call);
  });
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
  CLI::App* command = app.add_subcommand("explain", "one call, turn by turn: what fired, running score and action");
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
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_explain(*args); }};
}

}  // namespace scamguard::cli

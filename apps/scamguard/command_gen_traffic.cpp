// scamguard gen-traffic: generate carrier traffic (corpus/traffic_generator.h), score every
// set-up before answer in-process, feed call ends back, and report what was flagged.
//
// Calls are generated in batches of 4096 and then scored; only the scoring (open_call,
// on_signalling, verdict, and recording the call ends due by then) is timed, with the
// thread's CPU clock, so the figure is set-ups per second per core.
#include <time.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <queue>
#include <vector>

#include "cli_options.h"
#include "commands.h"
#include "corpus/traffic_generator.h"
#include "progress_bar.h"

namespace scamguard::cli {
namespace {

using corpus::GeneratedCall;
using corpus::TrafficSource;

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct PendingEnd {
  int64_t time_ms;
  CallSetup setup;  // caller and trunk only
  CallEnd end;
  bool operator>(const PendingEnd& other) const { return time_ms > other.time_ms; }
};

struct Tally {
  uint64_t calls = 0;
  uint64_t warned = 0;  // warn or block
  uint64_t blocked = 0;
  uint64_t traffic = 0;                     // a traffic symbol fired
  std::map<std::string, uint64_t> symbols;  // on flagged calls
};

std::string share(uint64_t part, uint64_t whole) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3)
      << (whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0) << " %";
  return out.str();
}

nlohmann::json call_json(const GeneratedCall& call, const CallEnd& end) {
  const CallSetup& s = call.setup;
  nlohmann::json setup = {{"caller", s.caller},
                          {"callee", s.callee},
                          {"direction", to_string(s.direction)},
                          {"ingress", to_string(s.ingress)},
                          {"trunk", s.trunk},
                          {"time", static_cast<double>(s.time_ms) / 1000.0}};
  if (!s.ingress_country.empty()) setup["ingress_country"] = s.ingress_country;
  if (!s.attestation.empty()) setup["attestation"] = s.attestation;
  return {{"id", "gen-" + std::to_string(call.id)},
          {"source", "gen-traffic"},
          {"label", call.source == TrafficSource::kCallCentre ? "scam" : "legit"},
          {"type", to_string(call.source)},
          {"real", false},
          {"direction", "inbound"},
          {"turns", nlohmann::json::array()},
          {"setup", setup},
          {"end",
           {{"answered", end.answered},
            {"duration", end.duration_seconds},
            {"time", static_cast<double>(end.time_ms) / 1000.0}}}};
}

struct GenTrafficArgs {
  EngineOptions engine = default_engine_options();
  corpus::TrafficOptions traffic;
  uint64_t calls = 1'000'000;
  std::optional<std::string> out;
  bool no_score = false;
};

int run_gen_traffic(const GenTrafficArgs& args) {
  const corpus::TrafficOptions& traffic = args.traffic;
  const uint64_t calls = args.calls;
  if (!(traffic.call_centre_share > 0.0) || !(traffic.call_centre_share < 1.0)) {
    std::cerr << "scamguard gen-traffic: --share: " << traffic.call_centre_share
              << " is not between 0 and 1 (exclusive)\n";
    return kExitUsage;
  }
  const bool score = !args.no_score;
  std::optional<Engine> engine;
  if (score) {
    engine = load_engine(args.engine);
    if (!engine) return kExitUsage;
  }
  std::ofstream out;
  if (const std::optional<std::string>& path = args.out) {
    out.open(*path, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "scamguard gen-traffic: cannot write " << *path << "\n";
      return kExitUsage;
    }
  }

  corpus::TrafficGenerator generator(traffic);
  std::priority_queue<PendingEnd, std::vector<PendingEnd>, std::greater<>> ends;
  std::map<TrafficSource, Tally> tallies;
  std::vector<GeneratedCall> batch;
  std::vector<Action> actions;
  double scoring_cpu = 0.0;
  uint64_t ends_recorded = 0;
  uint64_t rejected = 0;
  uint64_t done = 0;
  const double run_start = thread_cpu_seconds();
  // A million calls take a few seconds; more, minutes. Drawn between batches, so never timed.
  ProgressBar progress = ProgressBar::on_stderr("gen-traffic", calls, "calls");

  while (done < calls) {
    batch.clear();
    const uint64_t size = std::min<uint64_t>(4096, calls - done);
    for (uint64_t i = 0; i < size; ++i) batch.push_back(generator.next());
    actions.assign(batch.size(), Action::kAllow);
    std::vector<std::vector<std::string>> fired(batch.size());

    const double start = thread_cpu_seconds();
    for (size_t i = 0; i < batch.size() && score; ++i) {
      const GeneratedCall& call = batch[i];
      while (!ends.empty() && ends.top().time_ms <= call.setup.time_ms) {
        if (!engine->record_call_end(ends.top().setup, ends.top().end)) ++rejected;
        ++ends_recorded;
        ends.pop();
      }
      CallSession session = engine->open_call();
      if (!session.on_signalling(call.setup)) ++rejected;
      const Verdict& verdict = session.verdict();
      actions[i] = verdict.action;
      if (verdict.action != Action::kAllow) {
        for (const Finding& finding : verdict.findings) fired[i].push_back(finding.symbol);
      }
      // A blocked call never connects; the others end as generated.
      PendingEnd pending;
      pending.setup.caller = call.setup.caller;
      pending.setup.trunk = call.setup.trunk;
      const bool connects = verdict.action != Action::kBlock;
      pending.end.answered = connects && call.answered;
      pending.end.duration_seconds = pending.end.answered ? call.talk_seconds : 0.0;
      const double seconds = connects ? call.ring_seconds + pending.end.duration_seconds : 0.5;
      pending.time_ms = call.setup.time_ms + static_cast<int64_t>(seconds * 1000.0);
      pending.end.time_ms = pending.time_ms;
      ends.push(std::move(pending));
    }
    scoring_cpu += thread_cpu_seconds() - start;

    for (size_t i = 0; i < batch.size(); ++i) {
      const GeneratedCall& call = batch[i];
      Tally& tally = tallies[call.source];
      ++tally.calls;
      if (actions[i] != Action::kAllow) ++tally.warned;
      if (actions[i] == Action::kBlock) ++tally.blocked;
      bool traffic_fired = false;
      for (const std::string& symbol : fired[i]) {
        ++tally.symbols[symbol];
        traffic_fired |= symbol.rfind("TRAFFIC_", 0) == 0;
      }
      tally.traffic += traffic_fired;
      if (out.is_open()) {
        CallEnd end;
        end.answered = call.answered;
        end.duration_seconds = call.talk_seconds;
        end.time_ms = call.setup.time_ms +
                      static_cast<int64_t>((call.ring_seconds + call.talk_seconds) * 1000.0);
        out << call_json(call, end).dump() << "\n";
      }
    }
    done += batch.size();
    progress.set(done);
  }
  progress.finish();
  const double run_cpu = thread_cpu_seconds() - run_start;

  std::cout << "gen-traffic: " << calls << " calls, seed " << traffic.seed << ", " << traffic.agents
            << " agents x " << traffic.lines_per_agent << " lines, " << traffic.subscribers
            << " subscribers\n";
  if (!score) return kExitOk;
  Tally ordinary;
  for (const auto& [source, tally] : tallies) {
    if (source == TrafficSource::kCallCentre) continue;
    ordinary.calls += tally.calls;
    ordinary.warned += tally.warned;
    ordinary.blocked += tally.blocked;
  }
  std::cout << std::left << std::setw(20) << "source" << std::right << std::setw(10) << "calls"
            << std::setw(14) << ">= warn" << std::setw(14) << "block" << std::setw(16)
            << "traffic symbol"
            << "\n";
  for (const auto& [source, tally] : tallies) {
    std::cout << std::left << std::setw(20) << to_string(source) << std::right << std::setw(10)
              << tally.calls << std::setw(14) << share(tally.warned, tally.calls) << std::setw(14)
              << share(tally.blocked, tally.calls) << std::setw(16)
              << share(tally.traffic, tally.calls) << "\n";
  }
  std::cout << std::left << std::setw(20) << "all ordinary" << std::right << std::setw(10)
            << ordinary.calls << std::setw(14) << share(ordinary.warned, ordinary.calls)
            << std::setw(14) << share(ordinary.blocked, ordinary.calls) << "\n";
  for (const auto& [source, tally] : tallies) {
    std::cout << "symbols on flagged " << to_string(source) << " calls:";
    std::vector<std::pair<uint64_t, std::string>> top;
    for (const auto& [symbol, count] : tally.symbols) top.push_back({count, symbol});
    std::sort(top.rbegin(), top.rend());
    for (size_t i = 0; i < top.size() && i < 8; ++i) {
      std::cout << " " << top[i].second << "=" << top[i].first;
    }
    std::cout << "\n";
  }
  std::cout << std::fixed << std::setprecision(0) << "pre-answer scoring: " << calls
            << " set-ups and " << ends_recorded << " call ends in " << std::setprecision(3)
            << scoring_cpu << " s CPU = " << std::setprecision(0)
            << static_cast<double>(calls) / scoring_cpu << " set-ups/s per core (whole run "
            << std::setprecision(3) << run_cpu << " s CPU incl. generation)\n";
  if (rejected) std::cout << "rejected events: " << rejected << "\n";
  return rejected ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_gen_traffic_command(CLI::App& app) {
  auto args = std::make_shared<GenTrafficArgs>();
  CLI::App* command = app.add_subcommand(
      "gen-traffic", "carrier traffic with a dialler call centre, scored before answer");
  command->footer(
      "Generate carrier traffic with a dialler call centre among ordinary subscribers, score "
      "every call set-up before answer (feeding call ends back), and report the flagged share "
      "per source and the set-ups scored per second per core. Same seed and options, same "
      "calls.");
  command->add_option("--calls", args->calls, "how many calls to generate")
      ->type_name("N")
      ->default_val(args->calls);
  command->add_option("--seed", args->traffic.seed, "the generator's seed")
      ->type_name("S")
      ->default_val(args->traffic.seed);
  command->add_option("--agents", args->traffic.agents, "call-centre agents, each with dial lines")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->default_val(args->traffic.agents);
  command
      ->add_option("--share", args->traffic.call_centre_share,
                   "share of all calls placed by the call centre, between 0 and 1 (exclusive)")
      ->type_name("X")
      ->default_val(args->traffic.call_centre_share);
  command->add_option("--subscribers", args->traffic.subscribers, "ordinary subscribers")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->default_val(args->traffic.subscribers);
  command
      ->add_option_function<std::string>(
          "--out", [args](const std::string& path) { args->out = path; },
          "also write every generated call (set-up and end) as a corpus line")
      ->type_name("FILE.jsonl");
  command->add_flag("--no-score", args->no_score, "only generate (with --out); score nothing");
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_gen_traffic(*args); }};
}

}  // namespace scamguard::cli

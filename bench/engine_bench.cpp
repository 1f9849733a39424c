// Engine benchmarks: loading the shipped configuration, scoring single turns of the visible
// corpora (throughput and per-turn latency), and a whole scripted scam call.
//
// Check, then time: every benchmark first verifies its input (the corpus has turns, the
// scripted call ends in block) and calls SkipWithError otherwise, so a broken engine never
// produces a fast-looking number.
//
// Run: build/<dir>/bench/scamguard_bench [--benchmark_filter=...]
// The corpus directory is SCAMGUARD_SHARED_DATA_DIR/calls at build time; set
// SCAMGUARD_BENCH_DATA to another directory holding calls/*.jsonl to override it.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/engine_access.h"
#include "core/engine_state.h"
#include "corpus/corpus_reader.h"
#include "corpus/replay.h"
#include "scamguard/engine.h"

namespace {

using scamguard::Engine;
using scamguard::EngineOptions;
using scamguard::corpus::CorpusCall;

// The shipped configuration, with the compiled databases cached under the build directory
// as a deployment caches them (EngineOptions::pattern_cache_dir).
EngineOptions default_options() {
  EngineOptions options;
  options.config_dir = SCAMGUARD_BENCH_CONF_DIR;
  options.pattern_cache_dir = SCAMGUARD_BENCH_CACHE_DIR;
  return options;
}

// The first Engine::load of the process, timed in main() before any benchmark runs: what a
// daemon or `scamguard scan` pays at start (libphonenumber's metadata, the model file, the
// cached databases read for the first time).
struct ColdLoad {
  double seconds = 0.0;
  bool from_cache = false;
  bool loaded = false;
};
ColdLoad& cold_load() {
  static ColdLoad cold;
  return cold;
}

// One Engine shared by every benchmark and every thread (an Engine is immutable after load).
const Engine* shared_engine() {
  static const Engine* engine = []() -> const Engine* {
    scamguard::Result<Engine> loaded = Engine::load(default_options());
    if (!loaded) {
      std::cerr << "scamguard_bench: cannot load " << SCAMGUARD_BENCH_CONF_DIR << ": "
                << loaded.error().message << "\n";
      return nullptr;
    }
    return new Engine(std::move(*loaded));
  }();
  return engine;
}

// Used only when the shared corpora are not available: a few turns in the styles the corpora
// hold (speech-recogniser robocall text, a tech-support script, ordinary service calls).
const char* const kBuiltInCalls[] = {
    R"({"id":"builtin-1","label":"scam","turns":[{"speaker":"unknown","text":"this is a message from amazon we have detected a suspicious order placed on your account for an iphone for 999 dollars if you did not authorize this purchase press one to speak with our representative"}]})",
    R"({"id":"builtin-2","label":"scam","turns":[{"speaker":"remote","text":"hello I am calling from microsoft technical department your computer has been sending us error messages"},{"speaker":"user","text":"really what kind of errors"},{"speaker":"remote","text":"your windows licence is expired and hackers are getting into your system please switch on your computer"},{"speaker":"user","text":"okay it is on now"},{"speaker":"remote","text":"now type w w w dot any desk dot com and tell me the nine digit code"}]})",
    R"({"id":"builtin-3","label":"legit","turns":[{"speaker":"user","text":"hi I would like to check the balance of my savings account please"},{"speaker":"remote","text":"sure I can help with that can you confirm your date of birth"},{"speaker":"user","text":"yes it is the fourth of march nineteen eighty"},{"speaker":"remote","text":"thank you your balance is two thousand four hundred dollars"}]})",
    R"({"id":"builtin-4","label":"legit","turns":[{"speaker":"remote","text":"good afternoon you are through to the insurance team how can I help"},{"speaker":"user","text":"I want to add my daughter to my car insurance policy"},{"speaker":"remote","text":"no problem that will change your premium by about fifteen dollars a month"}]})",
};

struct Corpus {
  std::vector<CorpusCall> calls;
  std::string origin;  // where the calls came from, for the benchmark label
  size_t turns = 0;
  size_t bytes = 0;
};

const Corpus& visible_corpus() {
  static const Corpus corpus = [] {
    Corpus loaded;
    const char* override_dir = std::getenv("SCAMGUARD_BENCH_DATA");
    const std::filesystem::path dir =
        std::filesystem::path(override_dir ? override_dir : SCAMGUARD_BENCH_DATA_DIR) / "calls";
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) {
      (void)scamguard::corpus::read_corpus(
          dir.string(), [&](CorpusCall&& call) { loaded.calls.push_back(std::move(call)); },
          [](const scamguard::corpus::LineError&) {});
      loaded.origin = dir.string();
    }
    if (loaded.calls.empty()) {
      for (const char* line : kBuiltInCalls) {
        scamguard::Result<CorpusCall> call = scamguard::corpus::parse_call(line);
        if (call) loaded.calls.push_back(std::move(*call));
      }
      loaded.origin = "built-in turns";
    }
    for (const CorpusCall& call : loaded.calls) {
      loaded.turns += call.turns.size();
      for (const scamguard::Turn& turn : call.turns) loaded.bytes += turn.text.size();
    }
    return loaded;
  }();
  return corpus;
}

// ---------------------------------------------------------------------------------------------

// Loads after the first, in the same process: with the cache (what a reload costs) and
// without it (every pattern compiled, as on the first start after a rule change).
void engine_load(benchmark::State& state, bool cached) {
  EngineOptions options = default_options();
  if (!cached) options.pattern_cache_dir.clear();
  for (auto _ : state) {
    scamguard::Result<Engine> engine = Engine::load(options);
    if (!engine) {
      state.SkipWithError(engine.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(engine);
  }
}
void BM_EngineLoad_warm(benchmark::State& state) { engine_load(state, true); }
void BM_EngineLoad_compile(benchmark::State& state) { engine_load(state, false); }
BENCHMARK(BM_EngineLoad_warm)->Name("BM_EngineLoad/warm_cached")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineLoad_compile)
    ->Name("BM_EngineLoad/compile_uncached")
    ->Unit(benchmark::kMillisecond);

// The cold load timed in main(), reported as one iteration of manual time.
void BM_EngineLoad_cold(benchmark::State& state) {
  const ColdLoad& cold = cold_load();
  if (!cold.loaded) {
    state.SkipWithError("engine failed to load");
    return;
  }
  for (auto _ : state) state.SetIterationTime(cold.seconds);
  state.SetLabel(cold.from_cache ? "first load of the process, databases from the cache"
                                 : "first load of the process, cache empty: compiled");
}
BENCHMARK(BM_EngineLoad_cold)
    ->Name("BM_EngineLoad/cold_process")
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1);

// Scores every turn of the visible corpora, call by call: a fresh CallSession per call (its
// cost is included, as it is in a live deployment), then one on_turn per turn. Each thread
// has its own sessions over the one shared Engine and starts at a different call.
void BM_ScoreTurn(benchmark::State& state) {
  const Engine* engine = shared_engine();
  const Corpus& corpus = visible_corpus();
  if (engine == nullptr) {
    state.SkipWithError("engine failed to load");
    return;
  }
  if (corpus.turns == 0) {
    state.SkipWithError("no turns to score");
    return;
  }
  const size_t calls = corpus.calls.size();
  size_t next = (calls * static_cast<size_t>(state.thread_index())) /
                static_cast<size_t>(std::max(state.threads(), 1));
  int64_t turns = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    // One iteration is one call; the rates below count turns and text bytes.
    const CorpusCall& call = corpus.calls[next];
    next = next + 1 == calls ? 0 : next + 1;
    scamguard::CallSession session = engine->open_call();
    for (const scamguard::Turn& turn : call.turns) {
      scamguard::Status status = session.on_turn(turn);
      benchmark::DoNotOptimize(status);
      bytes += static_cast<int64_t>(turn.text.size());
    }
    benchmark::DoNotOptimize(session.verdict().score);
    turns += static_cast<int64_t>(call.turns.size());
  }
  state.SetItemsProcessed(turns);
  state.SetBytesProcessed(bytes);
  state.SetLabel(corpus.origin);
}
// Threads sweep over the one shared Engine, reported two ways:
//  - .../process_time/threads:N: rates per CPU-second of the whole process, i.e. per core;
//  - .../process_time/real_time/threads:N: rates per wall-clock second, i.e. the aggregate.
BENCHMARK(BM_ScoreTurn)
    ->Name("BM_ScoreTurn/visible_corpora")
    ->Unit(benchmark::kMicrosecond)
    ->MeasureProcessCPUTime()
    ->Threads(1)
    ->Threads(2);
BENCHMARK(BM_ScoreTurn)
    ->Name("BM_ScoreTurn/visible_corpora")
    ->Unit(benchmark::kMicrosecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2);

double percentile(std::vector<double>& sorted_or_not, double p) {
  if (sorted_or_not.empty()) return 0.0;
  const size_t rank =
      static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted_or_not.size())));
  const size_t index = std::min(std::max<size_t>(rank, 1) - 1, sorted_or_not.size() - 1);
  std::nth_element(sorted_or_not.begin(), sorted_or_not.begin() + static_cast<long>(index),
                   sorted_or_not.end());
  return sorted_or_not[index];
}

// Per-turn latency: each on_turn is timed with steady_clock, one iteration per turn, cycling
// through the corpus call by call. Reports p50/p99/p99.9/max in microseconds over every turn
// timed. Opening a session at a call boundary is outside the timed region.
void BM_TurnLatency(benchmark::State& state) {
  const Engine* engine = shared_engine();
  const Corpus& corpus = visible_corpus();
  if (engine == nullptr || corpus.turns == 0) {
    state.SkipWithError(engine == nullptr ? "engine failed to load" : "no turns to score");
    return;
  }
  std::vector<double> micros;
  micros.reserve(static_cast<size_t>(state.max_iterations));
  size_t call_index = 0;
  size_t turn_index = 0;
  scamguard::CallSession session = engine->open_call();
  int64_t bytes = 0;
  for (auto _ : state) {
    while (turn_index == corpus.calls[call_index].turns.size()) {
      call_index = call_index + 1 == corpus.calls.size() ? 0 : call_index + 1;
      turn_index = 0;
      session = engine->open_call();
    }
    const scamguard::Turn& turn = corpus.calls[call_index].turns[turn_index++];
    const auto start = std::chrono::steady_clock::now();
    scamguard::Status status = session.on_turn(turn);
    const auto stop = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(status);
    micros.push_back(std::chrono::duration<double, std::micro>(stop - start).count());
    bytes += static_cast<int64_t>(turn.text.size());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
  state.counters["p50_us"] = percentile(micros, 50.0);
  state.counters["p99_us"] = percentile(micros, 99.0);
  state.counters["p999_us"] = percentile(micros, 99.9);
  state.counters["max_us"] = micros.empty() ? 0.0 : *std::max_element(micros.begin(), micros.end());
  state.SetLabel(corpus.origin);
}
// A fixed iteration count: about three passes over the visible corpora (40,299 turns), so
// every turn is timed several times and the tail comes from the real mix of turn lengths.
BENCHMARK(BM_TurnLatency)
    ->Name("BM_TurnLatency/visible_corpora")
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(120000);

// A scripted tech-support call: a fake "Amazon" cashback, AnyDesk and its code, a claim that
// the computer's security has crashed, a 149 AUD fee and a request to log in to the bank,
// with the device events a phone would report. The whole call, set-up to last event, through
// corpus::replay exactly as `scamguard scan` plays it.
constexpr const char* kTechSupportCall = R"({"id":"bench-tech-support","source":"bench",
  "label":"scam","type":"tech_support","real":false,"direction":"inbound",
  "setup":{"caller":"+919876543210","display_name":"AMAZON AU","ingress":"international",
           "ingress_country":"IN"},
  "turns":[
    {"speaker":"remote","text":"hello this is david calling from amazon customer service about your amazon prime account"},
    {"speaker":"user","text":"oh okay what is this about"},
    {"speaker":"remote","text":"you are eligible for a cashback refund of 149 dollars because your prime membership was charged twice"},
    {"speaker":"user","text":"really how do i get that"},
    {"speaker":"remote","text":"to process the cashback please go to your computer and download any desk from the website"},
    {"speaker":"user","text":"okay it is downloading now"},
    {"speaker":"remote","text":"please read me the nine digit code on the screen"},
    {"speaker":"user","text":"it says one two three four five six seven eight nine"},
    {"speaker":"remote","text":"i can see your computer security has crashed and there are hackers on your system"},
    {"speaker":"user","text":"oh no what do i do"},
    {"speaker":"remote","text":"there is a fee of 149 AUD to fix the security and process your refund"},
    {"speaker":"remote","text":"now please log in to your bank account so i can deposit the cashback, do it quickly or the offer expires today"}],
  "events":[{"after_turn":5,"type":"app_started","app":"anydesk"},
            {"after_turn":7,"type":"remote_session_started","app":"anydesk"},
            {"after_turn":11,"type":"banking_opened","app":"commbank"}],
  "critical_turn":4})";

void BM_FullCall(benchmark::State& state) {
  const Engine* engine = shared_engine();
  if (engine == nullptr) {
    state.SkipWithError("engine failed to load");
    return;
  }
  std::string line = kTechSupportCall;
  std::replace(line.begin(), line.end(), '\n', ' ');
  scamguard::Result<CorpusCall> call = scamguard::corpus::parse_call(line);
  if (!call) {
    state.SkipWithError(call.error().message.c_str());
    return;
  }
  // Check, then time: the scripted call must end in block, or the timing means nothing.
  const scamguard::corpus::ReplayResult check = scamguard::corpus::replay(*engine, *call);
  if (check.verdict.action != scamguard::Action::kBlock || !check.rejected.empty()) {
    const std::string message = std::string("expected final action block, got ") +
                                scamguard::to_string(check.verdict.action);
    state.SkipWithError(message.c_str());
    return;
  }
  size_t bytes_per_call = 0;
  for (const scamguard::Turn& turn : call->turns) bytes_per_call += turn.text.size();
  for (auto _ : state) {
    scamguard::corpus::ReplayResult result = scamguard::corpus::replay(*engine, *call);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(call->turns.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes_per_call));
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  // The final score of the checked replay (averaged, not summed, over threads).
  state.counters["score"] =
      benchmark::Counter(check.verdict.score, benchmark::Counter::kAvgThreads);
}
// Same two views as BM_ScoreTurn: per CPU-second (per core) and per wall-clock second.
BENCHMARK(BM_FullCall)
    ->Name("BM_FullCall/tech_support_anydesk")
    ->Unit(benchmark::kMicrosecond)
    ->MeasureProcessCPUTime()
    ->Threads(1)
    ->Threads(2);
BENCHMARK(BM_FullCall)
    ->Name("BM_FullCall/tech_support_anydesk")
    ->Unit(benchmark::kMicrosecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2);

}  // namespace

int main(int argc, char** argv) {
  {
    const auto start = std::chrono::steady_clock::now();
    scamguard::Result<Engine> engine = Engine::load(default_options());
    const auto stop = std::chrono::steady_clock::now();
    ColdLoad& cold = cold_load();
    cold.seconds = std::chrono::duration<double>(stop - start).count();
    cold.loaded = engine.has_value();
    cold.from_cache = engine && scamguard::detail::engine_state(*engine).patterns.from_cache();
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

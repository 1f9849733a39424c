// Pre-answer benchmarks: what a SIP proxy's check costs per call set-up, in-process.
//
//   BM_PreAnswer/<mix>       open_call + on_signalling + verdict for a rotating mix of
//                            set-ups, traffic state in memory (the embedded default)
//   BM_NumberingPlan/fast    caller-ID facts through the home-country fast path
//   BM_NumberingPlan/libphonenumber   the same numbers straight through libphonenumber
//   BM_MemoryTrafficStore           one attempt recorded under two keys (caller ID and trunk)
//
// Check, then time: each benchmark first scores its inputs once and compares the action or
// facts with what they must be (a 1300 caller ID blocks, an ordinary mobile is allowed, the
// fast path equals libphonenumber) and calls SkipWithError on a mismatch.
//
// Run: build/<dir>/bench/scamguard_signalling_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "scamguard/engine.h"
#include "signalling/numbering_plan.h"

namespace {

using namespace scamguard;

constexpr int64_t kT0 = 1'764'400'000'000;

const Engine* shared_engine() {
  static const Engine* engine = []() -> const Engine* {
    EngineOptions options;
    options.config_dir = SCAMGUARD_BENCH_CONF_DIR;
    Result<Engine> loaded = Engine::load(options);
    if (!loaded) {
      std::cerr << "cannot load " << SCAMGUARD_BENCH_CONF_DIR << ": " << loaded.error().message
                << "\n";
      return nullptr;
    }
    return new Engine(std::move(*loaded));
  }();
  return engine;
}

// Ordinary subscribers: valid AU mobiles and landlines on domestic trunks, 4096 distinct.
std::vector<CallSetup> ordinary_setups() {
  std::vector<CallSetup> setups;
  std::mt19937_64 random(7);
  const char* prefixes[] = {"+614", "+612", "+613", "+617", "+618"};
  auto plan = signalling::NumberingPlan::create("AU");
  while (setups.size() < 4096) {
    CallSetup s;
    s.caller = prefixes[random() % 5] + std::to_string(10'000'000 + random() % 89'999'999);
    if (!plan || !(*plan)->classify(s.caller).valid) continue;
    s.callee = "+614" + std::to_string(10'000'000 + random() % 89'999'999);
    s.direction = Direction::kInbound;
    s.ingress = Ingress::kDomestic;
    s.trunk = "dom-" + std::to_string(random() % 20);
    s.attestation = "A";
    setups.push_back(std::move(s));
  }
  return setups;
}

// A call centre's: spoofed AU numbers from international trunks, sequential callees.
std::vector<CallSetup> dialler_setups() {
  std::vector<CallSetup> setups;
  std::mt19937_64 random(11);
  for (int i = 0; i < 4096; ++i) {
    CallSetup s;
    s.caller =
        (random() % 3 ? "+614" : "+612") + std::to_string(10'000'000 + random() % 89'999'999);
    s.callee = "+61" + std::to_string(412'000'000 + i);
    s.direction = Direction::kInbound;
    s.ingress = Ingress::kInternational;
    s.ingress_country = "IN";
    s.trunk = "intl-gw-" + std::to_string(random() % 3);
    s.attestation = "C";
    setups.push_back(std::move(s));
  }
  return setups;
}

void pre_answer(benchmark::State& state, const std::vector<CallSetup>& input,
                Action expected_first) {
  const Engine* engine = shared_engine();
  if (!engine) {
    state.SkipWithError("engine did not load");
    return;
  }
  std::vector<CallSetup> setups = input;
  {
    // Google Benchmark runs this function several times on one shared Engine; each check
    // gets a day of its own so that earlier runs' traffic cannot change its verdict.
    static int64_t run = 0;
    CallSetup first = setups.front();
    first.time_ms = kT0 - (++run) * 86'400'000;
    CallSession check = engine->open_call();
    if (!check.on_signalling(first) || check.verdict().action != expected_first) {
      std::string found;
      for (const Finding& f : check.verdict().findings) found += " " + f.symbol;
      state.SkipWithError(("the first set-up did not give the expected action:" + found).c_str());
      return;
    }
  }
  int64_t time = kT0;
  size_t i = 0;
  int64_t blocked = 0;
  for (auto _ : state) {
    CallSetup& setup = setups[i++ & (setups.size() - 1)];
    setup.time_ms = time += 7;  // 140 set-ups a second of simulated time
    CallSession call = engine->open_call();
    (void)call.on_signalling(setup);
    blocked += call.verdict().action == Action::kBlock;
    benchmark::DoNotOptimize(blocked);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["blocked_share"] =
      static_cast<double>(blocked) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_PreAnswer_ordinary(benchmark::State& state) {
  static const std::vector<CallSetup> setups = ordinary_setups();
  pre_answer(state, setups, Action::kAllow);
}
BENCHMARK(BM_PreAnswer_ordinary)
    ->Name("BM_PreAnswer/ordinary_subscribers")
    ->MeasureProcessCPUTime();

void BM_PreAnswer_dialler(benchmark::State& state) {
  static const std::vector<CallSetup> setups = dialler_setups();
  pre_answer(state, setups, Action::kBlock);
}
BENCHMARK(BM_PreAnswer_dialler)->Name("BM_PreAnswer/call_centre_spoofed")->MeasureProcessCPUTime();

std::vector<std::string> plan_numbers() {
  std::vector<std::string> numbers;
  for (const CallSetup& setup : ordinary_setups()) numbers.push_back(setup.caller);
  return numbers;
}

void numbering_plan(benchmark::State& state, bool fast) {
  Result<std::shared_ptr<const signalling::NumberingPlan>> plan =
      signalling::NumberingPlan::create("AU");
  if (!plan) {
    state.SkipWithError(plan.error().message.c_str());
    return;
  }
  static const std::vector<std::string> numbers = plan_numbers();
  for (const std::string& number : numbers) {
    const signalling::NumberFacts a = (*plan)->classify(number);
    const signalling::NumberFacts b = (*plan)->classify_slow(number);
    if (a.type != b.type || a.valid != b.valid || a.length != b.length) {
      state.SkipWithError(("fast path differs from libphonenumber on " + number).c_str());
      return;
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    const std::string& number = numbers[i++ & (numbers.size() - 1)];
    signalling::NumberFacts facts =
        fast ? (*plan)->classify(number) : (*plan)->classify_slow(number);
    benchmark::DoNotOptimize(facts);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_NumberingPlan_fast(benchmark::State& state) { numbering_plan(state, true); }
void BM_NumberingPlan_slow(benchmark::State& state) { numbering_plan(state, false); }
BENCHMARK(BM_NumberingPlan_fast)->Name("BM_NumberingPlan/fast_path");
BENCHMARK(BM_NumberingPlan_slow)->Name("BM_NumberingPlan/libphonenumber");

void BM_MemoryTrafficStore(benchmark::State& state) {
  std::shared_ptr<TrafficStore> backend = make_memory_traffic_store();
  TrafficWindows windows;
  std::mt19937_64 random(3);
  std::vector<std::string> callers;
  for (int i = 0; i < 4096; ++i)
    callers.push_back("cli:+614" + std::to_string(random() % 100000000));
  int64_t time = kT0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& caller = callers[i & 4095];
    const std::string trunk = "trunk:dom-" + std::to_string(i % 20);
    AttemptRecord records[2] = {{caller, time += 7, 61400000000 + (random() % 100000000)},
                                {trunk, time, 61400000000 + (random() % 100000000)}};
    TrafficStats stats[2];
    (void)backend->record_attempts(records, windows, stats);
    benchmark::DoNotOptimize(stats);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MemoryTrafficStore);

}  // namespace

BENCHMARK_MAIN();

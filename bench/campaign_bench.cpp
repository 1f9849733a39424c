// Campaign benchmarks: the cost of linking one more call as the store grows (10k, 100k and 1M
// calls already linked), and the per-call pieces around it (indicators, fingerprint) and the
// per-turn cost of the live script match.
//
// The prefilled linkers hold synthetic signatures: campaigns of ~20 calls whose signatures
// agree pairwise on 0.2-0.42 of their positions (what MinHash gives two readings at that
// Jaccard similarity), and one call in ten a one-off. That is what MinHash signatures
// of such calls look like, without spending minutes fingerprinting a million transcripts.
//
// Check, then time: each size first links a fresh reading of a known campaign and a fresh
// unrelated call, and calls SkipWithError unless the first joins its campaign and the second
// joins none.
//
// Run: build/<dir>/bench/scamguard_campaign_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "campaign/campaign_linker.h"
#include "campaign/campaign_store.h"
#include "campaign/indicators.h"
#include "campaign/script_fingerprint.h"
#include "campaign/script_index.h"
#include "core/engine_access.h"
#include "scamguard/engine.h"
#include "text/normalizer.h"

namespace {

using namespace scamguard;
using namespace scamguard::campaign;

constexpr size_t kCallsPerCampaign = 20;

class SignatureFactory {
 public:
  explicit SignatureFactory(uint64_t seed) : random_(seed) {}

  Signature fresh() {
    Signature signature;
    for (uint32_t& value : signature) value = static_cast<uint32_t>(random_());
    return signature;
  }

  // A reading of `script`: each position kept with probability 0.45-0.65, so that two readings
  // agree on 0.2-0.42 of their positions, as MinHash signatures at Jaccard 0.2-0.42 do.
  Signature reading(const Signature& script) {
    std::uniform_real_distribution<double> share(0.45, 0.65);
    const double keep = share(random_);
    Signature signature = fresh();
    std::bernoulli_distribution same(keep);
    for (int i = 0; i < kSignatureSize; ++i) {
      if (same(random_)) signature[i] = script[i];
    }
    return signature;
  }

  std::mt19937_64& random() { return random_; }

 private:
  std::mt19937_64 random_;
};

struct Prefilled {
  CampaignLinker linker;
  std::vector<Signature> scripts;    // campaign -> its script signature
  std::vector<uint32_t> first_call;  // campaign -> index of its first call
};

// Built once per size and kept for the process (the 1M linker takes about a second).
Prefilled& prefilled(size_t calls) {
  static std::map<size_t, std::unique_ptr<Prefilled>> cache;
  std::unique_ptr<Prefilled>& slot = cache[calls];
  if (slot) return *slot;
  slot = std::make_unique<Prefilled>();
  slot->linker.reserve(calls);
  SignatureFactory factory(calls);
  for (size_t i = 0; i < calls; ++i) {
    Signature signature;
    if (i % 10 == 9) {
      signature = factory.fresh();  // a one-off call
    } else {
      const size_t campaign = (i / 10) * 9 / kCallsPerCampaign;  // ~20 readings each, spread
      while (slot->scripts.size() <= campaign) {
        slot->scripts.push_back(factory.fresh());
        slot->first_call.push_back(static_cast<uint32_t>(i));
      }
      signature = factory.reading(slot->scripts[campaign]);
    }
    slot->linker.add_call(signature, 200, {});
  }
  return *slot;
}

void BM_LinkCall(benchmark::State& state) {
  const auto calls = static_cast<size_t>(state.range(0));
  Prefilled& store = prefilled(calls);
  SignatureFactory factory(42);
  // Check: a new reading of campaign 0 joins it; a new unrelated call joins nothing.
  const LinkOutcome member = store.linker.plan(factory.reading(store.scripts.front()), 200, {});
  const LinkOutcome stranger = store.linker.plan(factory.fresh(), 200, {});
  if (member.campaign != store.linker.campaign_of(store.first_call.front()) ||
      !stranger.links.empty()) {
    state.SkipWithError("linking check failed: the known campaign was not found");
    return;
  }
  // Half the new calls are readings of known campaigns, half are one-offs.
  std::vector<Signature> incoming;
  for (size_t i = 0; i < 4096; ++i) {
    incoming.push_back(i % 2 ? factory.fresh()
                             : factory.reading(store.scripts[i * 7919 % store.scripts.size()]));
  }
  size_t i = 0, linked = 0, checked = 0;
  for (auto _ : state) {
    // plan() is the whole search (LSH candidates, signature checks, indicator look-ups);
    // commit() adds kBands chain heads and is timed separately by BM_LinkAndCommit.
    LinkOutcome outcome = store.linker.plan(incoming[i++ % incoming.size()], 200, {});
    linked += !outcome.links.empty();
    checked += outcome.candidates_checked;
    benchmark::DoNotOptimize(outcome);
  }
  state.counters["stored_calls"] = static_cast<double>(calls);
  state.counters["candidates"] = static_cast<double>(checked) / static_cast<double>(i);
  state.counters["linked_share"] = static_cast<double>(linked) / static_cast<double>(i);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkCall)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

void BM_LinkAndCommit(benchmark::State& state) {
  // The whole add_call on a linker that keeps growing from `range(0)` calls.
  const auto calls = static_cast<size_t>(state.range(0));
  Prefilled& store = prefilled(calls);
  CampaignLinker linker = store.linker;    // a copy, so the shared prefill is not grown
  linker.reserve(linker.size() + 20'000);  // as a tracker does on open: no table rebuild here
  SignatureFactory factory(7);
  std::vector<Signature> incoming;
  for (size_t i = 0; i < 4096; ++i) {
    incoming.push_back(i % 2 ? factory.fresh()
                             : factory.reading(store.scripts[i * 7919 % store.scripts.size()]));
  }
  size_t i = 0;
  for (auto _ : state) {
    LinkOutcome outcome = linker.add_call(incoming[i++ % incoming.size()], 200, {});
    benchmark::DoNotOptimize(outcome);
  }
  state.counters["stored_calls"] = static_cast<double>(linker.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkAndCommit)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Iterations(20'000)
    ->Unit(benchmark::kMicrosecond);

// A tech-support call of the generator's kind, ten remote turns.
const std::vector<Turn>& sample_call() {
  static const std::vector<Turn> turns = {
      {Speaker::kRemote,
       "good afternoon i am calling from microsoft windows technical support "
       "we are receiving error reports from your computer"},
      {Speaker::kUser, "oh really"},
      {Speaker::kRemote,
       "your computer has been infected with a dangerous virus that is sending "
       "your personal information to hackers overseas"},
      {Speaker::kRemote,
       "now please go to any desk dot com and install the program so that our "
       "certified engineer can remove the virus"},
      {Speaker::kRemote,
       "to connect to your machine enter the session code four eight two nine "
       "one three in the box and click on connect"},
      {Speaker::kRemote,
       "to remove the virus permanently you need our lifetime protection plan "
       "which costs 399 dollars"},
      {Speaker::kRemote,
       "the payment has to be made with google play gift cards from your local "
       "store because the bank system is compromised"},
      {Speaker::kRemote,
       "if we get cut off call me back on one eight four four five five five "
       "zero one two three"},
  };
  return turns;
}

const Engine* shipped_engine() {
  static const Engine* engine = []() -> const Engine* {
    EngineOptions options;
    options.config_dir = SCAMGUARD_BENCH_CONF_DIR;
    Result<Engine> loaded = Engine::load(options);
    if (!loaded) {
      std::cerr << "campaign_bench: " << loaded.error().message << "\n";
      return nullptr;
    }
    return new Engine(std::move(*loaded));
  }();
  return engine;
}

void BM_ExtractIndicators(benchmark::State& state) {
  const Engine* engine = shipped_engine();
  if (!engine) {
    state.SkipWithError("cannot load conf/");
    return;
  }
  const EngineConfig& config = detail::engine_state(*engine).config;
  Result<IndicatorExtractor> extractor =
      IndicatorExtractor::create(config.lists, config.home_country_code);
  if (!extractor || extractor->extract(nullptr, sample_call()).size() < 6) {
    state.SkipWithError("indicator check failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(extractor->extract(nullptr, sample_call()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExtractIndicators)->Unit(benchmark::kMicrosecond);

void BM_FingerprintCall(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<uint64_t> shingles = script_shingles(sample_call());
    benchmark::DoNotOptimize(minhash(shingles));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FingerprintCall)->Unit(benchmark::kMicrosecond);

void BM_ScriptMatchTurn(benchmark::State& state) {
  // The live per-turn cost against `range(0)` known campaigns of ~600 script shingles each.
  const auto campaigns = static_cast<size_t>(state.range(0));
  auto index = std::make_shared<ScriptIndex>();
  std::mt19937_64 random(3);
  const std::vector<uint64_t> real = script_shingles(sample_call());
  for (size_t c = 0; c < campaigns; ++c) {
    index->scripts.push_back({"cmp-" + std::to_string(c), 600});
    for (int s = 0; s < 600; ++s) index->postings[random()].push_back(static_cast<uint32_t>(c));
  }
  const auto known = static_cast<uint32_t>(index->scripts.size());
  index->scripts.push_back({"cmp-known", real.size()});
  for (uint64_t shingle : real) index->postings[shingle].push_back(known);
  CampaignScriptMatcher matcher(index);
  std::vector<std::string> canonical;
  for (const Turn& turn : sample_call()) canonical.push_back(text::normalize(turn.text));
  {
    auto check = matcher.start_call();
    std::optional<ScriptMatch> match;
    for (const std::string& text : canonical) {
      if (!match) match = matcher.add_turn(*check, text);
    }
    if (!match || match->campaign != "cmp-known") {
      state.SkipWithError("script match check failed");
      return;
    }
  }
  std::unique_ptr<ScriptMatcher::CallState> call = matcher.start_call();
  size_t turn = 0;
  for (auto _ : state) {
    if (turn == canonical.size()) {
      state.PauseTiming();
      call = matcher.start_call();
      turn = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(matcher.add_turn(*call, canonical[turn++]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScriptMatchTurn)->Arg(10)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

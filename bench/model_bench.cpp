// Text-model benchmarks: scoring one turn with the shipped model (conf/models/text_model.sgtm),
// from canonical text (the model alone) and from raw text (with the engine's normaliser).
// Throughput is reported in tokens (words of canonical text) per second; the goal for
// the model alone is >= 1 million tokens per second per core.
//
// Check, then time: before timing, the model must load and rate the scam turns of the input
// higher on average than the legit ones; otherwise the benchmark reports an error.
//
// Input: the remote turns of the project's own synthetic calls (data/synthetic/), always
// present, so the figure never depends on what corpora are beside the checkout.
//
// Run: build/<dir>/bench/scamguard_model_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "classifier/model.h"
#include "classifier/model_file.h"
#include "corpus/corpus_reader.h"
#include "text/normalizer.h"

namespace {

using scamguard::classifier::Model;
using scamguard::classifier::ModelState;

struct Input {
  std::vector<std::string> raw;
  std::vector<std::string> canonical;
  long tokens = 0;
  std::string error;  // set when the check failed
};

const Model* shipped_model() {
  static const Model* model = []() -> const Model* {
    auto loaded = scamguard::classifier::load_model(SCAMGUARD_BENCH_MODEL);
    return loaded ? new Model(std::move(*loaded)) : nullptr;
  }();
  return model;
}

const Input& input() {
  static const Input in = [] {
    Input out;
    const Model* model = shipped_model();
    if (!model) {
      out.error = "cannot load " SCAMGUARD_BENCH_MODEL;
      return out;
    }
    double scam_sum = 0, legit_sum = 0;
    int scams = 0, legit = 0;
    std::string canonical;
    auto status = scamguard::corpus::read_corpus(
        SCAMGUARD_BENCH_SYNTHETIC,
        [&](scamguard::corpus::CorpusCall&& call) {
          for (const scamguard::Turn& turn : call.turns) {
            if (turn.speaker == scamguard::Speaker::kUser) continue;
            scamguard::text::normalize(turn.text, canonical);
            out.raw.push_back(turn.text);
            out.canonical.push_back(canonical);
            out.tokens += std::count(canonical.begin(), canonical.end(), ' ') + 1;
            const double p = model->predict(turn.text);
            (call.is_scam() ? scam_sum : legit_sum) += p;
            (call.is_scam() ? scams : legit) += 1;
          }
        },
        [&](const scamguard::corpus::LineError& line) {
          out.error = line.file + ":" + std::to_string(line.line) + ": " + line.message;
        });
    if (!out.error.empty()) return out;
    if (!status || out.raw.empty()) {
      out.error = "no turns in " SCAMGUARD_BENCH_SYNTHETIC;
    } else if (scam_sum / scams <= legit_sum / legit) {
      out.error = "the model does not rate scam turns above legit ones";
    }
    return out;
  }();
  return in;
}

// Scores every turn of `turns` with `add(model, call_state, turn)`, as one call per pass.
template <class Add>
void score_turns(benchmark::State& state, const std::vector<std::string> Input::*turns, Add add) {
  const Input& in = input();
  if (!in.error.empty()) return state.SkipWithError(in.error.c_str());
  const Model& model = *shipped_model();
  ModelState call;
  double sink = 0;
  for (auto _ : state) {
    for (const std::string& turn : in.*turns) {
      add(model, call, turn);
      sink += model.probability(call);
    }
    call.reset();
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * in.tokens);
  state.counters["turns/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * (in.*turns).size()), benchmark::Counter::kIsRate);
}

// The model alone: features and weights of canonical text.
void BM_ModelCanonicalTurn(benchmark::State& state) {
  score_turns(state, &Input::canonical,
              [](const Model& model, ModelState& call, const std::string& turn) {
                model.add_canonical(call, turn);
              });
}
BENCHMARK(BM_ModelCanonicalTurn)->Unit(benchmark::kMillisecond);

// As the engine runs it: raw recogniser text, normalised, then scored.
void BM_ModelRawTurn(benchmark::State& state) {
  score_turns(state, &Input::raw,
              [](const Model& model, ModelState& call, const std::string& turn) {
                model.add_text(call, turn);
              });
}
BENCHMARK(BM_ModelRawTurn)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

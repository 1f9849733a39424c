// The trained text model (src/classifier/) as one more piece of evidence: TEXT_MODEL_SCAM
// fires once, at the first turn where the model's scam probability over everything the remote
// party (or an unknown speaker) has said so far reaches the configured threshold. The user's
// own words are not scored: a victim's replies are not evidence about the caller.
//
// It is one symbol with a configurable score (conf/scores.toml, group text_model), never the
// whole verdict: rules and composites still decide most calls, and a site can set its score
// to 0 to watch the model without acting on it.
//
// Configuration (scamguard.toml):
//   [model]
//   path = "models/text_model.sgtm"   # relative to the configuration directory
//   threshold = 0.9                   # p(scam) at which the symbol fires
//   min_words = 40                    # ... once the caller has said at least this many words
// min_words keeps the model from counting an introduction ("hello this is sam from the bank's
// fraud team") that the impersonation rules already score: scammers and the real bank say
// the same opening, and the model's confidence on it is the training mix, not evidence.
// No path: the rule compiles to a no-op. A configured path that cannot be loaded (missing,
// wrong magic, truncated, newer format, corrupted) does not stop the engine: it runs on its
// rules, Engine::warnings() names the file and the problem, and every verdict carries
// TEXT_MODEL_UNAVAILABLE (score 0) with the reason, so the gap is never silent. `scamguard
// configtest` exits non-zero on it, and a daemon reloading keeps the engine it already has.
//
// Cost per turn: the features of that turn only (classifier/model.h).

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "classifier/model_file.h"
#include "core/rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kInfo{
    .symbol = "TEXT_MODEL_SCAM",
    .group = "text_model",
    .stage = Stage::kPretext,
    .default_score = 3.0,
    .description =
        "The trained text model rates what the caller has said so far as a scam "
        "(option p= its probability)",
};

constexpr RuleInfo kUnavailable{
    .symbol = "TEXT_MODEL_UNAVAILABLE",
    .group = "text_model",
    .stage = Stage::kContext,
    .default_score = 0.0,
    .description =
        "The configured text model could not be loaded; the call is scored by the "
        "rules alone (option: the reason)",
};
constexpr RuleInfo kSymbols[] = {kInfo, kUnavailable};

struct TextModelCallState final : RuleCallState {
  classifier::ModelState model;
  uint64_t words = 0;
  bool fired = false;  // the call's one finding (either symbol) is out
};

class TextModel final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    const ModelSettings& settings = compiler.model();
    threshold_ = settings.threshold;
    min_words_ = settings.min_words;
    if (settings.path.empty()) return {};
    Result<classifier::Model> model = classifier::load_model(settings.path);
    if (!model) {
      unavailable_ = model.error().message;
      compiler.warn(unavailable_ + "; scoring without the text model");
      return {};
    }
    model_ = std::make_shared<const classifier::Model>(std::move(*model));
    return {};
  }

  bool wants_every_turn() const override { return model_ != nullptr || !unavailable_.empty(); }

  std::unique_ptr<RuleCallState> make_call_state() const override {
    return std::make_unique<TextModelCallState>();
  }

  // Called for every turn only when a model was configured (wants_every_turn).
  void on_turn(const TurnInput& turn, FindingSink& out) const override {
    auto* state = static_cast<TextModelCallState*>(out.call_state());
    if (!state || state->fired) return;
    if (!model_) {  // configured but unreadable: say so once per call
      state->fired = true;
      out.add(1, unavailable_);
      return;
    }
    if (turn.speaker == Speaker::kUser) return;
    model_->add_canonical(state->model, turn.text);
    if (!turn.text.empty()) state->words += 1 + std::count(turn.text.begin(), turn.text.end(), ' ');
    const double probability = model_->probability(state->model);
    if (probability < threshold_ || state->words < min_words_) return;
    state->fired = true;
    char option[16];
    std::snprintf(option, sizeof option, "p=%.2f", probability);
    out.add(0, option);
  }

 private:
  std::shared_ptr<const classifier::Model> model_;
  std::string unavailable_;  // why the configured model could not be loaded
  double threshold_ = 0.9;
  uint64_t min_words_ = 0;
};

SCAMGUARD_REGISTER_RULE(TextModel);

}  // namespace
}  // namespace scamguard::rules

// Traffic across calls, per caller ID and per ingress trunk: how a dialler looks from the
// network before anyone answers. Stage 0 (contact). The figures come from the state backend
// (include/scamguard/traffic_store.h) when the set-up is recorded; thresholds from [traffic.caller]
// and [traffic.trunk] in scamguard.toml. Each symbol carries the figures as evidence.
//
//   TRAFFIC_<SCOPE>_RATE               attempts over the short or long window limit
//   TRAFFIC_<SCOPE>_LOW_ASR            answered / ended below the limit (diallers ring many
//                                      numbers nobody picks up)
//   TRAFFIC_<SCOPE>_SHORT_CALLS        average talk time low or most answered calls short
//   TRAFFIC_<SCOPE>_MANY_DESTINATIONS  distinct callees over the limit
//   TRAFFIC_<SCOPE>_SEQUENTIAL         earlier callees numerically next to this one (a lead
//                                      list worked in order, or number-range sweeping)
//   STATE_UNAVAILABLE                  the state backend could not be reached; the verdict
//                                      lacks these checks (score 0: it says, never guesses)
//
// Look-alikes: legitimate contact centres also have low ASR and many destinations (hence
// moderate scores, and ratios only after min_ended calls); a busy domestic trunk carries
// thousands of ordinary calls (so trunk rate and destination limits are off by default, and
// sequential needs several neighbours in a block of 100 numbers, which random dialling
// almost never produces).

#include <string>

#include "core/option_text.h"
#include "core/rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kSymbols[] = {
    {.symbol = "TRAFFIC_CALLER_RATE",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 4.0,
     .description = "The caller ID placed more calls in the window than the configured limit"},
    {.symbol = "TRAFFIC_CALLER_LOW_ASR",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "Few of the caller ID's recent calls were answered"},
    {.symbol = "TRAFFIC_CALLER_SHORT_CALLS",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "The caller ID's answered calls are mostly very short"},
    {.symbol = "TRAFFIC_CALLER_MANY_DESTINATIONS",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 3.0,
     .description = "The caller ID called many distinct numbers in the window"},
    {.symbol = "TRAFFIC_CALLER_SEQUENTIAL",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 5.0,
     .description = "The caller ID is dialling numbers close together in numeric order"},
    {.symbol = "TRAFFIC_TRUNK_RATE",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "The ingress trunk carried more calls in the window than its limit"},
    {.symbol = "TRAFFIC_TRUNK_LOW_ASR",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "Few of the ingress trunk's recent calls were answered"},
    {.symbol = "TRAFFIC_TRUNK_SHORT_CALLS",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "The ingress trunk's answered calls are mostly very short"},
    {.symbol = "TRAFFIC_TRUNK_MANY_DESTINATIONS",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 2.0,
     .description = "The ingress trunk called many distinct numbers in the window"},
    {.symbol = "TRAFFIC_TRUNK_SEQUENTIAL",
     .group = "traffic",
     .stage = Stage::kContact,
     .default_score = 5.0,
     .description = "Calls on the ingress trunk go to numbers close together in numeric order"},
    {.symbol = "STATE_UNAVAILABLE",
     .group = "traffic",
     .stage = Stage::kContext,
     .default_score = 0.0,
     .description = "The traffic state backend could not be reached; traffic checks skipped"},
};
enum Symbol : size_t { kRate, kLowAsr, kShortCalls, kManyDestinations, kSequential };
constexpr size_t kTrunkOffset = 5;
constexpr size_t kStateUnavailable = 10;

class Traffic final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    settings_ = compiler.traffic();
    const TrafficWindows& windows = settings_.windows;
    short_label_ = std::to_string(windows.bucket_ms * windows.short_buckets / 1000) + "s";
    long_label_ = std::to_string(windows.bucket_ms * windows.long_buckets / 1000) + "s";
    return {};
  }

  bool sees_setup() const override { return true; }
  void on_setup(const CallSetup& /*setup*/, FindingSink& out) const override {
    const TrafficFacts& traffic = out.facts().traffic;
    if (!traffic.checked) return;
    if (traffic.unavailable) {
      out.add(kStateUnavailable, (OptionText(out) << "error=" << traffic.error).view());
      return;
    }
    if (traffic.has_caller) check(traffic.caller, settings_.caller, 0, out);
    if (traffic.has_trunk) check(traffic.trunk, settings_.trunk, kTrunkOffset, out);
  }

 private:
  void check(const TrafficStats& stats, const TrafficThresholds& limits, size_t offset,
             FindingSink& out) const {
    const bool over_short =
        limits.max_attempts_short && stats.attempts_short > limits.max_attempts_short;
    const bool over_long =
        limits.max_attempts_long && stats.attempts_long > limits.max_attempts_long;
    if (over_short || over_long) {
      out.add(offset + kRate,
              (OptionText(out) << "attempts_" << short_label_ << "=" << stats.attempts_short
                               << ",attempts_" << long_label_ << "=" << stats.attempts_long)
                  .view());
    }
    if (stats.ended >= limits.min_ended && stats.ended > 0) {
      const double asr = static_cast<double>(stats.answered) / stats.ended;
      if (limits.min_asr > 0 && asr < limits.min_asr) {
        out.add(offset + kLowAsr,
                (OptionText(out).format("asr=%.2f", asr) << ",ended=" << stats.ended).view());
      }
      if (stats.answered > 0) {
        const double acd = static_cast<double>(stats.duration_ms) / 1000.0 / stats.answered;
        const double short_share = static_cast<double>(stats.short_calls) / stats.answered;
        const bool low_acd = limits.max_acd_seconds > 0 && acd < limits.max_acd_seconds;
        const bool many_short = limits.max_short_share > 0 && short_share > limits.max_short_share;
        if (low_acd || many_short) {
          out.add(offset + kShortCalls,
                  (OptionText(out).format("acd=%.0fs", acd).format(",short_share=%.2f", short_share)
                   << ",answered=" << stats.answered)
                      .view());
        }
      }
    }
    if (limits.max_destinations && stats.distinct_destinations > limits.max_destinations) {
      out.add(offset + kManyDestinations, (OptionText(out) << "destinations_" << long_label_ << "="
                                                           << stats.distinct_destinations)
                                              .view());
    }
    if (limits.min_sequential && stats.sequential_neighbours >= limits.min_sequential) {
      out.add(offset + kSequential,
              (OptionText(out) << "neighbours=" << stats.sequential_neighbours
                               << ",block=" << settings_.windows.sequential_block)
                  .view());
    }
  }

  TrafficSettings settings_;
  std::string short_label_;
  std::string long_label_;
};

SCAMGUARD_REGISTER_RULE(Traffic);

}  // namespace
}  // namespace scamguard::rules

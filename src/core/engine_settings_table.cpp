// The keys of scamguard.toml and actions.toml (core/option_table.h). Adding a setting to the
// engine means adding its row here: the loader, `scamguard configdump` and docs/config.md
// follow from it.
#include <cstdint>

#include "core/config.h"
#include "signalling/numbering_plan.h"

namespace scamguard {
namespace {

using Config = EngineConfig;
constexpr int64_t kMaxCount = UINT32_MAX;

// [traffic.caller] and [traffic.trunk] share their keys.
void add_thresholds(std::vector<Option<Config>>& options, const std::string& scope) {
  auto pick = [scope](auto& config) -> auto& {
    return scope == "caller" ? config.traffic.caller : config.traffic.trunk;
  };
  const std::string in = "traffic." + scope + ".";
  options.push_back(integer_option<Config>(
      in + "max_attempts_short", 0, kMaxCount,
      "RATE: more call attempts than this in the short window (0: off)", [pick](auto& c) -> auto& {
        return pick(c).max_attempts_short;
      }));
  options.push_back(integer_option<Config>(
      in + "max_attempts_long", 0, kMaxCount,
      "RATE: or more than this in the long window (0: off)", [pick](auto& c) -> auto& {
        return pick(c).max_attempts_long;
      }));
  options.push_back(integer_option<Config>(
      in + "min_ended", 0, kMaxCount,
      "the three ratios need this many ended calls in the long window", [pick](auto& c) -> auto& {
        return pick(c).min_ended;
      }));
  options.push_back(number_option<Config>(
      in + "min_asr", 0.0, 1.0,
      "LOW_ASR: answered / ended calls below this", [pick](auto& c) -> auto& {
        return pick(c).min_asr;
      }));
  options.push_back(number_option<Config>(
      in + "max_acd_seconds", 0.0, 1e9,
      "SHORT_CALLS: the average answered call is shorter", [pick](auto& c) -> auto& {
        return pick(c).max_acd_seconds;
      }));
  options.push_back(number_option<Config>(
      in + "max_short_share", 0.0, 1.0,
      "SHORT_CALLS: or more than this share of answered calls are short", [pick](auto& c) -> auto& {
        return pick(c).max_short_share;
      }));
  options.push_back(integer_option<Config>(
      in + "max_destinations", 0, kMaxCount,
      "MANY_DESTINATIONS: more distinct callees than this in the long window (0: off)",
      [pick](auto& c) -> auto& { return pick(c).max_destinations; }));
  options.push_back(integer_option<Config>(
      in + "min_sequential", 0, kMaxCount,
      "SEQUENTIAL: a new callee has at least this many earlier callees in its block or the next "
      "ones (0: off)",
      [pick](auto& c) -> auto& { return pick(c).min_sequential; }));
}

std::vector<std::string> stage_names() {
  std::vector<std::string> names;
  for (int stage = 0; stage < kStageCount; ++stage) {
    names.emplace_back(to_string(static_cast<Stage>(stage)));
  }
  return names;
}

// [signalling] home_country sets the calling code too, so it is not a plain field.
Option<Config> home_country_option() {
  Option<Config> option;
  option.info = option_info("signalling.home_country", OptionKind::kString,
                            "ISO 3166 alpha-2 code of the protected subscribers' country: its "
                            "numbering plan is the domestic one, and it sets the calling code");
  option.set = [](Config& config, const OptionValue& value, const std::string& where) -> Status {
    const std::string& region = std::get<std::string>(value);
    const int code = signalling::calling_code_for_region(region);
    if (region.size() != 2 || code == 0) {
      return make_error(ErrorCode::kConfig, where +
                                                ": 'signalling.home_country' must be an ISO "
                                                "3166 alpha-2 code such as \"AU\", not '" +
                                                region + "'");
    }
    config.home_region = region;
    config.home_country_code = std::to_string(code);
    return {};
  };
  option.get = [](const Config& config) -> OptionValue { return config.home_region; };
  return option;
}

// Written in seconds, kept in milliseconds.
Option<Config> short_call_option() {
  Option<Config> option;
  option.info = option_info("traffic.short_call_seconds", OptionKind::kInteger,
                            "an answered call shorter than this is \"short\"", 1, 86400);
  option.set = [](Config& config, const OptionValue& value, const std::string&) -> Status {
    config.traffic.windows.short_call_ms = std::get<int64_t>(value) * 1000;
    return {};
  };
  option.get = [](const Config& config) -> OptionValue {
    return config.traffic.windows.short_call_ms / 1000;
  };
  return option;
}

std::vector<Option<Config>> engine_settings() {
  std::vector<Option<Config>> options;
  options.push_back(integer_option<Config>(
      "engine.max_turn_bytes", 1, int64_t{1} << 30, "a longer turn is refused, not truncated",
      [](auto& c) -> auto& { return c.max_turn_bytes; }));
  options.push_back(string_option<Config>(
      "engine.home_country_code",
      "E.164 calling code of the protected subscribers; [signalling] home_country sets it too",
      [](auto& c) -> auto& { return c.home_country_code; }));
  options.push_back(home_country_option());
  options.push_back(field_option<Config>(
      option_info("model.path", OptionKind::kPath,
                  "the text model file, relative to the configuration directory; empty: rules "
                  "only (docs/model.md)"),
      [](auto& c) -> auto& { return c.model_path; }));
  OptionInfo threshold =
      option_info("model.threshold", OptionKind::kNumber,
                  "TEXT_MODEL_SCAM fires when the model's scam probability reaches this", 0.0, 1.0);
  threshold.min_open = threshold.max_open = true;
  options.push_back(field_option<Config>(
      threshold, [](auto& c) -> auto& { return c.model_threshold; }));
  options.push_back(integer_option<Config>(
      "model.min_words", 0, 10000, "... and the remote party has said at least this many words",
      [](auto& c) -> auto& { return c.model_min_words; }));
  options.push_back(bool_option<Config>(
      "traffic.enabled", "false: no traffic state is touched and no traffic symbol fires",
      [](auto& c) -> auto& { return c.traffic.enabled; }));
  options.push_back(integer_option<Config>(
      "traffic.bucket_seconds", 1, 86400, "the windows slide in steps of this",
      [](auto& c) -> auto& { return c.traffic_seconds.bucket; }));
  options.push_back(integer_option<Config>(
      "traffic.short_window_seconds", 1, 3600 * 86400,
      "the short rate window; a whole multiple of bucket_seconds",
      [](auto& c) -> auto& { return c.traffic_seconds.short_window; }));
  options.push_back(integer_option<Config>(
      "traffic.long_window_seconds", 1, 3600 * 86400,
      "the long rate window, also used for the ratios; a whole multiple of bucket_seconds, at "
      "most 3600 buckets",
      [](auto& c) -> auto& { return c.traffic_seconds.long_window; }));
  options.push_back(short_call_option());
  options.push_back(integer_option<Config>(
      "traffic.sequential_block", 1, 1000000000,
      "callees in the same or an adjacent block of this many numbers are neighbours",
      [](auto& c) -> auto& { return c.traffic.windows.sequential_block; }));
  add_thresholds(options, "caller");
  add_thresholds(options, "trunk");
  return options;
}

}  // namespace

const OptionTable<EngineConfig>& engine_settings_table() {
  static const OptionTable<EngineConfig> table("scamguard.toml", engine_settings(), {"rules"});
  return table;
}

const OptionTable<EngineConfig>& actions_table() {
  static const OptionTable<EngineConfig> table(
      "actions.toml",
      {number_option<Config>(
           "warn", 0.0, 1e6, "a call scoring at least this is warned about",
           [](auto& c) -> auto& { return c.warn_score; }),
       number_option<Config>(
           "block", 0.0, 1e6, "a call scoring at least this is blocked (above warn)",
           [](auto& c) -> auto& { return c.block_score; })});
  return table;
}

const OptionTable<CompositeConfig>& composite_table() {
  static const OptionTable<CompositeConfig> table = [] {
    using Composite = CompositeConfig;
    Option<Composite> stage;
    stage.info = option_info("stage", OptionKind::kString,
                             "the stage of the scam the composite marks; `context` when it "
                             "marks none");
    stage.info.choices = stage_names();
    stage.set = [](Composite& composite, const OptionValue& value, const std::string&) -> Status {
      composite.stage = *parse_stage(std::get<std::string>(value));  // a checked choice
      return {};
    };
    stage.get = [](const Composite& composite) -> OptionValue {
      return std::string(to_string(composite.stage));
    };
    return OptionTable<Composite>(
        "composites.toml",
        {string_option<Composite>(
             "expression", "required: symbols and @stages with | & > ! and parentheses",
             [](auto& c) -> auto& { return c.expression; }),
         number_option<Composite>(
             "score", -1e6, 1e6, "added when the expression holds",
             [](auto& c) -> auto& { return c.score; }),
         string_option<Composite>(
             "description", "what the composite means, for explanations",
             [](auto& c) -> auto& { return c.description; }),
         stage});
  }();
  return table;
}

}  // namespace scamguard

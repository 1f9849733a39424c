// The rule interface. A rule is one .cpp file under src/rules/<group>/ with one or more
// constexpr RuleInfo descriptors and a self-registration line; nothing else in the engine
// changes when a rule is added (see docs/writing-rules.md).
//
// Rules are compiled once per Engine (compile()) and then only read: on_setup, on_turn and
// on_device are const and may run on many threads at once, each with its own call. Rules
// never do I/O on the turn path and never throw: the engine catches anything that escapes
// and records RULE_FAILED instead, so one broken rule cannot fail a call.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/call_facts.h"
#include "core/lists.h"
#include "core/rule_settings.h"
#include "core/warning_context.h"
#include "scamguard/error.h"
#include "scamguard/events.h"
#include "scamguard/script_matcher.h"
#include "scamguard/verdict.h"
#include "text/pattern_set.h"
#include "traffic/traffic.h"

namespace scamguard::signalling {
class NumberingPlan;
}

namespace scamguard {

struct RuleInfo {
  std::string_view symbol;  // UPPER_SNAKE, names what was observed
  std::string_view group;   // equals the src/rules/ folder
  Stage stage;
  double default_score;
  std::string_view description;
};

// The [model] section of scamguard.toml, as rules see it.
struct ModelSettings {
  std::string path;  // absolute or relative to the working directory; empty: no model
  double threshold = 0.9;
  uint32_t min_words = 0;  // words the remote party must have said before the model may fire
};

// What a rule may use while it is compiled: the pattern set and the configured lists.
class RuleCompiler {
 public:
  RuleCompiler(text::PatternSetBuilder& patterns, const ListSet& lists,
               std::string home_country_code, ModelSettings model = {},
               std::string home_region = "AU", TrafficSettings traffic = {})
      : patterns_(patterns),
        lists_(lists),
        home_country_code_(std::move(home_country_code)),
        model_(std::move(model)),
        home_region_(std::move(home_region)),
        traffic_(std::move(traffic)) {}

  // Registers a pattern (see text/pattern_set.h for the syntax). Matches are handed back to
  // this rule's on_turn with `tag`.
  void add_pattern(std::string_view pattern, uint32_t tag, bool need_span = false);

  // A configured list (conf/lists/<name>.txt), or an error naming the missing file.
  Result<const PhraseList*> list(std::string_view name) const;

  // This rule's own setting `key`: the [rules.<group>] table of scamguard.toml for the
  // group of the rule being compiled (core/rule_settings.h). nullptr when it is not set.
  // Asking makes the key known; a key that no rule of its group asked for is an error.
  const RuleSettingValue* setting(std::string_view key);
  // A string setting, or `fallback` when it is not set; an error naming the file and line
  // when it is set to something else.
  Result<std::string> setting_string(std::string_view key, std::string_view fallback);
  // After every rule compiled: an error for the first key no rule of its group asked for.
  Status check_settings_read() const;
  void set_rule_settings(const RuleSettings* settings) { settings_ = settings; }

  // E.164 country code of the protected subscribers ("61" for Australia).
  std::string_view home_country_code() const { return home_country_code_; }

  // ISO 3166 alpha-2 of the protected subscribers ([signalling] home_country, "AU").
  std::string_view home_region() const { return home_region_; }

  // [traffic] thresholds and windows.
  const TrafficSettings& traffic() const { return traffic_; }

  // The configured text model ([model] in scamguard.toml); path is empty when none is.
  const ModelSettings& model() const { return model_; }

  // Where compiled databases are cached (EngineOptions::pattern_cache_dir); may be empty.
  const std::string& cache_dir() const { return cache_dir_; }
  void set_cache_dir(std::string dir) { cache_dir_ = std::move(dir); }

  // The home country's numbering plan (signalling/numbering_plan.h), built on first use and
  // shared by every rule of the engine: building it is a database compile.
  Result<std::shared_ptr<const signalling::NumberingPlan>> numbering_plan();

  // Known campaign scripts (EngineOptions::script_matcher), or nullptr.
  const std::shared_ptr<const ScriptMatcher>& script_matcher() const { return script_matcher_; }
  void set_script_matcher(std::shared_ptr<const ScriptMatcher> matcher) {
    script_matcher_ = std::move(matcher);
  }

  // A problem that does not stop the engine (a configured model that cannot be read): the
  // rule carries on without what failed, and Engine::warnings() reports the message.
  void warn(std::string message) { warnings_.push_back(std::move(message)); }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Set by the engine before each rule compiles; patterns are attributed to it.
  void begin_rule(uint32_t rule_index, std::string origin, std::string_view group = {}) {
    rule_index_ = rule_index;
    origin_ = std::move(origin);
    group_ = group;
  }

  struct Owner {
    uint32_t rule_index;
    uint32_t tag;
  };
  // The owner of the engine's warning-context patterns (core/warning_context.h): matched in
  // every turn, handed to every rule as TurnInput::warnings.
  static constexpr uint32_t kWarningContextOwner = UINT32_MAX;
  void add_warning_context_patterns();
  const std::vector<Owner>& owners() const { return owners_; }

 private:
  text::PatternSetBuilder& patterns_;
  const ListSet& lists_;
  std::string home_country_code_;
  ModelSettings model_;
  std::vector<std::string> warnings_;
  std::string home_region_;
  TrafficSettings traffic_;
  std::vector<Owner> owners_;
  std::shared_ptr<const ScriptMatcher> script_matcher_;
  std::string cache_dir_;
  std::shared_ptr<const signalling::NumberingPlan> numbering_plan_;
  uint32_t rule_index_ = 0;
  std::string origin_;
  std::string_view group_;
  const RuleSettings* settings_ = nullptr;
  std::map<std::string, std::vector<std::string>, std::less<>> settings_asked_;  // group -> keys
};

// One pattern match inside the current turn, in this rule's own tags.
struct RuleMatch {
  uint32_t tag;
  uint32_t from;  // valid only for need_span patterns
  uint32_t to;
};

struct TurnInput {
  int index;
  Speaker speaker;
  std::string_view text;  // canonical form (text/normalizer.h)
  std::span<const RuleMatch> matches;
  // Where this turn warns about scams (core/warning_context.h). A rule's match that is
  // near_any() of these is the warning's own words, not the scam's.
  std::span<const TextSpan> warnings = {};
};

// Per-call memory a rule keeps between events (the text model's running sums). Most rules
// need none. Created by Rule::make_call_state the first time the rule asks for it in a call.
class RuleCallState {
 public:
  virtual ~RuleCallState() = default;
};

// Where a rule reports what it saw. `symbol` indexes the rule's own symbols() span.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void add(size_t symbol, std::string_view option = {}) = 0;
  virtual const CallFacts& facts() const = 0;
  // This call's state for the running rule (see Rule::make_call_state), or nullptr.
  virtual RuleCallState* call_state() { return nullptr; }
  // An empty string the sink keeps from call to call, for a rule to build an option in
  // ("amount=" and the amount) and pass to add() without allocating on every turn.
  std::string& option_buffer() {
    option_buffer_.clear();
    return option_buffer_;
  }

 private:
  std::string option_buffer_;
};

class Rule {
 public:
  virtual ~Rule() = default;

  // Every symbol this rule can emit; the first is its main symbol.
  virtual std::span<const RuleInfo> symbols() const = 0;

  // Registers patterns and reads lists. Errors name the list or pattern at fault.
  virtual Status compile(RuleCompiler& /*compiler*/) { return {}; }

  // Called for the call set-up when sees_setup() is true: a carrier's proxy checks every
  // call, so the rules with nothing to say about a set-up are not called for one (a test
  // gives every other rule set-ups of each kind and expects nothing from them).
  virtual void on_setup(const CallSetup& /*setup*/, FindingSink& /*out*/) const {}
  virtual bool sees_setup() const { return false; }
  // Called for a turn in which at least one of this rule's patterns matched, or for every
  // turn when wants_every_turn() is true.
  virtual void on_turn(const TurnInput& /*turn*/, FindingSink& /*out*/) const {}
  virtual void on_device(const DeviceEvent& /*event*/, FindingSink& /*out*/) const {}
  virtual bool wants_every_turn() const { return false; }
  // A rule that remembers something across a call's events returns a fresh state here;
  // FindingSink::call_state() hands it back to that rule for the rest of the call.
  virtual std::unique_ptr<RuleCallState> make_call_state() const { return nullptr; }
};

using RuleFactory = std::unique_ptr<Rule> (*)();

// Every rule registered by SCAMGUARD_REGISTER_RULE, in registration order.
std::vector<RuleFactory>& rule_registry();

// Refers to every rule file's anchor (generated rule_units.cpp, see src/CMakeLists.txt), so
// that a program linking the static library links every rule; always 0.
int rule_units_linked() noexcept;

struct RuleRegistrar {
  explicit RuleRegistrar(RuleFactory factory) { rule_registry().push_back(factory); }
};

#define SCAMGUARD_REGISTER_RULE_CONCAT_(a, b) a##b
#define SCAMGUARD_REGISTER_RULE_NAME_(line) SCAMGUARD_REGISTER_RULE_CONCAT_(kRegistrar, line)
// Registers a Rule subclass with a default constructor.
#define SCAMGUARD_REGISTER_RULE(RuleType)                                                    \
  [[maybe_unused]] const ::scamguard::RuleRegistrar SCAMGUARD_REGISTER_RULE_NAME_(__LINE__)( \
      []() -> std::unique_ptr<::scamguard::Rule> { return std::make_unique<RuleType>(); })

// The anchor of the rule file being compiled (the build names it): rule_units_linked() refers
// to it, which keeps this file's registrations in a static link.
#ifdef SCAMGUARD_RULE_UNIT
namespace rule_units {
extern const int SCAMGUARD_RULE_UNIT;
const int SCAMGUARD_RULE_UNIT = 0;
}  // namespace rule_units
#endif

}  // namespace scamguard

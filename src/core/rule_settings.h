// A rule's own settings: the [rules.<group>] table of scamguard.toml, e.g.
//
//   [rules.context]
//   official_numbers = "official_numbers"   # lists/official_numbers.txt
//
// The configuration loader keeps these tables as it found them; the rules of <group> read
// them through RuleCompiler::setting() while they compile, and a key no rule of the group
// read is an error naming the file and line. So a new setting is one line in the rule that
// owns it, not a field threaded through the config, the compiler and the engine.
#pragma once

#include <map>
#include <string>
#include <variant>

namespace scamguard {

struct RuleSettingValue {
  std::variant<std::string, double, bool> value;
  std::string origin;  // "scamguard.toml:12"
};

// group -> key -> value.
using RuleSettingTable = std::map<std::string, RuleSettingValue, std::less<>>;
using RuleSettings = std::map<std::string, RuleSettingTable, std::less<>>;

}  // namespace scamguard

// What the user's device reports during the call. Stages 3 and 7.
//
//   DEVICE_REMOTE_TOOL_STARTED        a remote-access app started or was installed during
//                                     the call, or a remote session began
//   DEVICE_BANKING_DURING_REMOTE      banking opened while a remote session or tool is live:
//                                     the moment the money moves in the news report
//
// Look-alike: the user's own helpdesk session. The tool starting is still reported (it is
// what happened); banking during someone else's remote session is dangerous whoever called.

#include <algorithm>
#include <cctype>

#include "core/phrase_rule.h"

namespace scamguard::rules {
namespace {

constexpr RuleInfo kSymbols[] = {
    {.symbol = "DEVICE_REMOTE_TOOL_STARTED",
     .group = "device",
     .stage = Stage::kRemoteAccess,
     .default_score = 3.0,
     .description = "A remote-access tool started or was installed during the call, or a "
                    "remote session began"},
    {.symbol = "DEVICE_BANKING_DURING_REMOTE",
     .group = "device",
     .stage = Stage::kTheft,
     .default_score = 6.0,
     .description = "Banking app or site opened while a remote-access session or tool is live"},
};
enum Symbol : size_t { kToolStarted, kBankingDuringRemote };

class DeviceEvents final : public Rule {
 public:
  std::span<const RuleInfo> symbols() const override { return kSymbols; }

  Status compile(RuleCompiler& compiler) override {
    Result<const PhraseList*> list = compiler.list("remote_tools");
    if (!list) return Unexpected{list.error()};
    tools_ = *list;
    return {};
  }

  void on_device(const DeviceEvent& event, FindingSink& out) const override {
    switch (event.type) {
      case DeviceEventType::kAppStarted:
      case DeviceEventType::kAppInstalled:
        if (std::string_view tool = tool_name(event.app); !tool.empty()) {
          out.add(kToolStarted, "app=" + std::string(tool));
        }
        break;
      case DeviceEventType::kRemoteSessionStarted:
        out.add(kToolStarted, event.app.empty() ? "session" : "session=" + event.app);
        break;
      case DeviceEventType::kBankingOpened:
        if (remote_live(out.facts())) {
          out.add(kBankingDuringRemote, event.app.empty() ? "" : "app=" + event.app);
        }
        break;
      case DeviceEventType::kAppStopped:
      case DeviceEventType::kRemoteSessionEnded:
        break;
    }
  }

 private:
  // Device event app ids are package or product names ("anydesk", "com.teamviewer.host").
  std::string_view tool_name(const std::string& app) const {
    std::string lowered;
    for (char c : app) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const ListEntry& entry : tools_->entries) {
      std::string compact = entry.name;
      compact.erase(std::remove(compact.begin(), compact.end(), ' '), compact.end());
      if (lowered.find(compact) != std::string::npos) return entry.name;
    }
    return {};
  }

  bool remote_live(const CallFacts& facts) const {
    if (facts.remote_session_active) return true;
    for (const std::string& app : facts.running_apps) {
      if (!tool_name(app).empty()) return true;
    }
    return false;
  }

  const PhraseList* tools_ = nullptr;
};

SCAMGUARD_REGISTER_RULE(DeviceEvents);

}  // namespace
}  // namespace scamguard::rules

#include "core/phrase_rule.h"

#include <string>

namespace scamguard {

bool speaker_allowed(SpeakerPolicy policy, Speaker speaker) {
  switch (policy) {
    case SpeakerPolicy::kRemoteOrUnknown:
      return speaker != Speaker::kUser;
    case SpeakerPolicy::kAny:
      return true;
    case SpeakerPolicy::kUserOnly:
      return speaker == Speaker::kUser;
    case SpeakerPolicy::kUserOrUnknown:
      return speaker != Speaker::kRemote;
  }
  return false;
}

Status PhraseRule::compile(RuleCompiler& compiler) {
  for (size_t i = 0; i < spec_.patterns.size(); ++i) {
    const bool need_span = spec_.patterns[i].option.find("{match}") != std::string_view::npos;
    compiler.add_pattern(spec_.patterns[i].pattern, static_cast<uint32_t>(i), need_span);
  }
  for (size_t i = 0; i < spec_.suppressors.size(); ++i) {
    compiler.add_pattern(spec_.suppressors[i], kSuppressorTag | static_cast<uint32_t>(i),
                         /*need_span=*/true);
  }
  if (!spec_.list.empty()) {
    Result<const PhraseList*> list = compiler.list(spec_.list);
    if (!list) return Unexpected{list.error()};
    list_ = *list;
    for (size_t i = 0; i < list_->entries.size(); ++i) {
      for (const std::string& form : list_->entries[i].forms) {
        compiler.add_pattern(form, kListTag | static_cast<uint32_t>(i));
      }
    }
  }
  return {};
}

// vectorscan reports every end offset of a pattern with an optional tail ("9 digit" and
// "9 digit code"); evidence keeps only the longest match from each start.
bool PhraseRule::is_shorter_duplicate(const RuleMatch& match, std::span<const RuleMatch> all) {
  for (const RuleMatch& other : all) {
    if (other.tag == match.tag && other.from == match.from && other.to > match.to) return true;
  }
  return false;
}

// Suppressors (negations, disclaimers) and warning context act near where they were said,
// not over the whole turn: an undiarised turn can hold a whole call.
bool PhraseRule::is_suppressed(const RuleMatch& match, const TurnInput& turn) {
  for (const RuleMatch& other : turn.matches) {
    if ((other.tag & kSuppressorTag) && is_near(match.to, {other.from, other.to})) return true;
  }
  return near_any(match.to, turn.warnings);
}

void PhraseRule::on_turn(const TurnInput& turn, FindingSink& out) const {
  if (!speaker_allowed(spec_.speakers, turn.speaker)) return;
  if (spec_.max_turn >= 0 && turn.index > spec_.max_turn) return;
  for (const RuleMatch& match : turn.matches) {
    if ((match.tag & kSuppressorTag) || is_suppressed(match, turn)) continue;
    if (is_shorter_duplicate(match, turn.matches)) continue;
    if (match.tag & kListTag) {
      const ListEntry& entry = list_->entries[match.tag & ~kListTag];
      std::string& option = out.option_buffer();
      option += spec_.list_option;
      option += '=';
      option += entry.name;
      out.add(0, option);
      continue;
    }
    std::string_view option = spec_.patterns[match.tag].option;
    const size_t placeholder = option.find("{match}");
    if (placeholder == std::string_view::npos) {
      out.add(0, option);
      continue;
    }
    std::string& filled = out.option_buffer();
    filled += option.substr(0, placeholder);
    if (match.to <= turn.text.size() && match.from < match.to) {
      filled += turn.text.substr(match.from, match.to - match.from);
    }
    filled += option.substr(placeholder + 7);
    out.add(0, filled);
  }
}

}  // namespace scamguard

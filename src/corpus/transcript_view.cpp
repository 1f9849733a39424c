#include "corpus/transcript_view.h"

#include <algorithm>

namespace scamguard::corpus {
namespace {

// The longest prefix of `text` no longer than `limit` bytes that ends before a space. With no
// space in reach: nothing, or (for the call's first words, which must show something) the
// longest prefix that ends on a UTF-8 sequence boundary.
size_t cut_point(const std::string& text, size_t limit, bool may_split_word) {
  if (text.size() <= limit) return text.size();
  const size_t space = text.rfind(' ', limit);
  if (space != std::string::npos && space > 0) return space;
  if (!may_split_word) return 0;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

CorpusCall speaker_blind(CorpusCall call) {
  if (call.turns.empty()) return call;
  Turn merged{Speaker::kUnknown, {}};
  for (const Turn& turn : call.turns) {
    if (turn.text.empty()) continue;
    if (!merged.text.empty()) merged.text += ' ';
    merged.text += turn.text;
  }
  call.turns.assign(1, std::move(merged));
  for (TimedDeviceEvent& event : call.events) event.after_turn = std::min(event.after_turn, 0);
  if (call.critical_turn) call.critical_turn = 0;
  return call;
}

CorpusCall opening(CorpusCall call, size_t max_chars) {
  size_t used = 0;
  size_t kept = 0;
  for (; kept < call.turns.size(); ++kept) {
    std::string& text = call.turns[kept].text;
    const size_t separator = kept > 0 ? 1 : 0;  // the space that joins it to the previous turn
    if (used + separator >= max_chars) break;
    const size_t cut = cut_point(text, max_chars - used - separator, kept == 0);
    if (cut == 0 && !text.empty()) break;
    const bool whole = cut == text.size();
    text.resize(cut);
    used += separator + cut;
    if (!whole) {
      ++kept;
      break;
    }
  }
  call.turns.resize(kept);
  const int last_kept = static_cast<int>(kept) - 1;
  std::erase_if(call.events,
                [&](const TimedDeviceEvent& event) { return event.after_turn > last_kept; });
  if (call.critical_turn && *call.critical_turn > last_kept) call.critical_turn.reset();
  return call;
}

}  // namespace scamguard::corpus

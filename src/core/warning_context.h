// Warning context: what genuine callers say to warn about scams ("we will never ask you for
// a code", "never share your password with anyone", "if anyone asks you to install
// something, hang up, it is a scam"). Banks, the tax office and couriers say it every day,
// and it is full of the words of every stage: codes, remote access, gift cards, moving money.
//
// The engine scans these phrases with every turn (one pattern set for the whole engine) and
// hands their places to every rule (TurnInput::warnings). A phrase a rule matched inside or
// just after a warning is the warning's own words and does not fire. The window is local, not
// the whole turn, because undiarised transcripts deliver a whole call as one turn: a warning
// at its start must not hide the ask that comes a minute later.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace scamguard {

struct TextSpan {
  uint32_t from;
  uint32_t to;
};

// The warning phrases, in the syntax of text/pattern_set.h.
std::span<const std::string_view> warning_context_patterns();

// True when a match that ends at byte `match_end` is inside or just around `span` (a warning,
// or a rule's own suppressor such as "no refundable" for "refund"): from a few words before
// the span starts to a dozen after it ends.
bool is_near(uint32_t match_end, TextSpan span);
bool near_any(uint32_t match_end, std::span<const TextSpan> spans);

}  // namespace scamguard

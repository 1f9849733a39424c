// Transcript normalisation: turns what a speech recogniser or a chat log wrote into one
// canonical form that phrase patterns and the text model both read.
//
// Why: real calls arrive as unpunctuated, mis-cased, mis-heard text ("any desk", "one forty
// nine dollars", "amazon dot com"), synthetic corpora as tidy prose with artefacts
// ("[ORGANIZATION]", "I ' Ve"). Rules written against one canonical form work on both, and
// dataset artefacts carry no signal.
//
// The canonical form:
//   - lower-case ASCII words separated by single spaces, with one leading and one trailing
//     space so that a pattern can anchor on " word ";
//   - apostrophes dropped inside words ("don't" -> "dont"), other punctuation is a space;
//   - numbers said as words become digits ("nine digit code" -> "9 digit code",
//     "one forty nine" -> "149", "eight four four" -> "844");
//   - amounts keep their currency after the number ("$1,537.35" -> "1537.35 dollars",
//     "A$149" -> "149 aud");
//   - a '.' between letters is spoken as " dot " ("amazon.com.au" -> "amazon dot com dot au");
//   - filler words ("um", "uh", "erm") and bracketed placeholders ("[Company]") are removed;
//   - invalid UTF-8 is a separator; other non-ASCII text is kept as is (it simply does not
//     match English patterns).
#pragma once

#include <string>
#include <string_view>

namespace scamguard::text {

// Writes the canonical form of `input` to `out` (replacing its contents). Never fails.
// Cost: linear in the input, no allocation once `out` has grown to size.
void normalize(std::string_view input, std::string& out);

// Convenience form for tests and tools.
std::string normalize(std::string_view input);

}  // namespace scamguard::text

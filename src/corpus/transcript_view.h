// A corpus call as a worse recogniser would deliver it, for measuring what rules and model do
// on the input they will really get: `scamguard eval --speakers unknown --opening 750`.
//
//   speaker_blind  every turn merged into one `unknown` turn: no diarisation, one stream
//   opening        only the first N characters of the transcript: what a recorder or a
//                  recogniser has delivered some 45 seconds into the call (~750 characters)
#pragma once

#include <cstddef>

#include "corpus/corpus_reader.h"

namespace scamguard::corpus {

// One `unknown` turn holding every turn's text in order. Device events follow that turn;
// a known critical turn becomes turn 0.
CorpusCall speaker_blind(CorpusCall call);

// The call cut after its first `max_chars` characters of transcript (turn texts counted as
// if joined by one space), the last kept turn cut at a word boundary and never inside a
// UTF-8 sequence. Turns, device events and the critical turn after the cut are dropped.
CorpusCall opening(CorpusCall call, size_t max_chars);

}  // namespace scamguard::corpus

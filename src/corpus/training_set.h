// Turning labelled corpus calls into text-model training examples, and scoring a call with a
// model the way the engine does. Shared by `scamguard train` and leave-one-source-out
// evaluation, so that what is measured is exactly what ships.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/model.h"
#include "classifier/trainer.h"
#include "corpus/corpus_reader.h"

namespace scamguard::corpus {

// What a shipped model may be trained on is data, not code: each corpus directory carries a
// `sources.tsv` (../shared/data/sources.tsv for the shared corpora, data/synthetic/sources.tsv
// for the project's own calls) with one row per source: its `source` field, its `file`
// (relative to the table), its licence and `train_shipped` (yes: a shipped model may be trained
// on it; no: tune and test only). Lines starting with '#' are comments; the first other line
// names the columns, in any order; fields are tab-separated.
struct SourceRow {
  std::string source;
  std::string file;  // as written in the table: relative to the table's directory
  bool train_shipped = false;
  int line = 0;
};

class SourceTable {
 public:
  // Errors name the table and line: a missing column, a row with too few fields, a
  // train_shipped other than yes/no, a source listed twice.
  static Result<SourceTable> parse(std::string_view text, const std::string& path);
  static Result<SourceTable> read(const std::string& path);

  // The table that governs a corpus path: the first of <dir>/sources.tsv and
  // <dir>/../sources.tsv, where <dir> is the path itself for a directory and its parent for a
  // file. kNotFound naming both places when neither exists.
  static Result<SourceTable> find_for(const std::string& corpus_path);

  // Whether a call whose `source` field is `source`, read from `file`, may train a shipped
  // model: yes when a row lists its source or its file and every such row says yes (a file
  // marked no cannot be laundered by a source field marked yes, nor the other way round).
  // kNotFound naming the source, the file and the table when no row lists either.
  Result<bool> may_train(std::string_view source, const std::string& file) const;

  const std::string& path() const { return path_; }
  const std::vector<SourceRow>& rows() const { return rows_; }

 private:
  std::string path_;
  std::vector<SourceRow> rows_;
};

// Reads every call of `path` (a .jsonl file, or a directory's *.jsonl files in name order) and
// gives each to `on_call` with whether it may train a shipped model, as the SourceTable that
// governs `path` says. Fails when there is no table, the table is broken, or a call's source
// and file are not listed (no further call is delivered after that); a malformed line goes to
// `on_error` and reading goes on.
Status read_training_corpus(const std::string& path,
                            const std::function<void(CorpusCall&&, bool may_train)>& on_call,
                            const std::function<void(const LineError&)>& on_error);

// The sources a shipped model may be trained on, decided call by call: a source is trainable
// only when every call of it was allowed. Anything never recorded is not trainable.
class TrainableSources {
 public:
  void record(const std::string& source, bool may_train);
  bool contains(std::string_view source) const { return trainable_.contains(source); }
  // Sources recorded with at least one call that may not train.
  const std::set<std::string, std::less<>>& test_only() const { return test_only_; }

 private:
  std::set<std::string, std::less<>> trainable_;
  std::set<std::string, std::less<>> test_only_;
};

// The text the model reads for a call: what the remote party (or an unknown speaker) said,
// the same turns the TEXT_MODEL_SCAM rule scores. A call with no such turn (a lone customer
// request) gives its user turns, so that its legit wording still teaches the model.
std::vector<std::string> model_turns(const CorpusCall& call);

// How a call becomes examples. kPrefix (the default) trains on every prefix of the call's
// model turns, each weighted 1/turns so that a call counts once, because the engine scores the
// call after every turn; kCall trains on whole calls; kTurn on single turns.
enum class ExampleUnit { kPrefix, kCall, kTurn };

void add_training_examples(const CorpusCall& call, ExampleUnit unit,
                           std::vector<classifier::TrainExample>& out);

// The model's scam probability for a call streamed turn by turn (user turns skipped), as the
// engine computes it: the highest probability after any turn (an alert fires at the first
// crossing), and the probability after the last turn (for calibration). Both are the prior
// when the call has no model turn.
struct StreamedScore {
  double max_probability = 0.0;
  double final_probability = 0.0;
  int model_turns = 0;
  std::vector<double> after_turn;  // indexed by the call's turn index (user turns repeat)

  // The first turn index whose probability reaches `threshold`, or -1.
  int first_turn_at(double threshold) const;
};
StreamedScore stream_model_score(const classifier::Model& model, const CorpusCall& call);

}  // namespace scamguard::corpus

namespace scamguard::corpus {

// The lowest threshold at which every legit source alerts on at most `max_fpr` of its calls
// (a call alerts when its score is >= the threshold). `legit_scores` maps each legit source
// to its calls' scores; it is sorted in place. 0 when there is no legit call.
double threshold_at_fpr(std::map<std::string, std::vector<double>>& legit_scores, double max_fpr);

}  // namespace scamguard::corpus

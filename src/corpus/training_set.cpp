#include "corpus/training_set.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include "util/files.h"
#include "util/strings.h"

namespace scamguard::corpus {

namespace fs = std::filesystem;

namespace {

// The same file whatever the spelling ("calls/../calls/x.jsonl", a relative path).
std::string comparable_path(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  if (error) canonical = fs::absolute(path, error).lexically_normal();
  return canonical.string();
}

}  // namespace

Result<SourceTable> SourceTable::parse(std::string_view text, const std::string& path) {
  SourceTable table;
  table.path_ = path;
  std::optional<size_t> source_column;
  std::optional<size_t> file_column;
  std::optional<size_t> train_column;
  size_t columns = 0;
  bool header_seen = false;
  int line_number = 0;
  auto fail = [&](const std::string& message) {
    return make_error(ErrorCode::kInvalidInput,
                      path + ":" + std::to_string(line_number) + ": " + message);
  };
  for (std::string_view line : split_lines(text)) {
    ++line_number;
    if (trim(line).empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = split(line, '\t');
    if (!header_seen) {
      header_seen = true;
      columns = fields.size();
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string_view name = trim(fields[i]);
        if (name == "source") source_column = i;
        if (name == "file") file_column = i;
        if (name == "train_shipped") train_column = i;
      }
      if (!source_column || !file_column || !train_column) {
        return fail("the header needs the tab-separated columns source, file and train_shipped");
      }
      continue;
    }
    if (fields.size() != columns) {
      return fail("expected " + std::to_string(columns) + " tab-separated fields, found " +
                  std::to_string(fields.size()));
    }
    SourceRow row;
    row.source = std::string(trim(fields[*source_column]));
    row.file = std::string(trim(fields[*file_column]));
    row.line = line_number;
    const std::string_view train = trim(fields[*train_column]);
    if (train != "yes" && train != "no") {
      return fail("train_shipped of '" + row.source + "' is '" + std::string(train) +
                  "', expected yes or no");
    }
    row.train_shipped = train == "yes";
    if (row.source.empty()) return fail("empty source");
    for (const SourceRow& other : table.rows_) {
      if (other.source == row.source) {
        return fail("source '" + row.source + "' is listed twice (also on line " +
                    std::to_string(other.line) + ")");
      }
    }
    table.rows_.push_back(std::move(row));
  }
  if (!header_seen) {
    return make_error(ErrorCode::kInvalidInput,
                      path + ": no header line (source, file, train_shipped)");
  }
  return table;
}

Result<SourceTable> SourceTable::read(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) return Unexpected{text.error()};
  return parse(*text, path);
}

Result<SourceTable> SourceTable::find_for(const std::string& corpus_path) {
  std::error_code error;
  const fs::path path(corpus_path);
  const fs::path dir = fs::is_directory(path, error) ? path : path.parent_path();
  const fs::path here = (dir.empty() ? fs::path(".") : dir) / "sources.tsv";
  const fs::path above = (dir.empty() ? fs::path(".") : dir) / ".." / "sources.tsv";
  for (const fs::path& candidate : {here, above}) {
    if (fs::is_regular_file(candidate, error)) return read(candidate.lexically_normal().string());
  }
  return make_error(ErrorCode::kNotFound, "no sources.tsv says what " + corpus_path +
                                              " may be trained on: looked for " +
                                              here.lexically_normal().string() + " and " +
                                              above.lexically_normal().string());
}

Result<bool> SourceTable::may_train(std::string_view source, const std::string& file) const {
  const fs::path table_dir = fs::path(path_).parent_path();
  const std::string wanted_file = comparable_path(file);
  bool listed = false;
  bool allowed = true;
  for (const SourceRow& row : rows_) {
    if (row.source == source || comparable_path(table_dir / row.file) == wanted_file) {
      listed = true;
      allowed = allowed && row.train_shipped;
    }
  }
  if (!listed) {
    return make_error(ErrorCode::kNotFound, "source '" + std::string(source) + "' (" + file +
                                                ") is not listed in " + path_ +
                                                ": add a row saying whether it may train a "
                                                "shipped model");
  }
  return allowed;
}

Status read_training_corpus(const std::string& path,
                            const std::function<void(CorpusCall&&, bool may_train)>& on_call,
                            const std::function<void(const LineError&)>& on_error) {
  Result<SourceTable> table = SourceTable::find_for(path);
  if (!table) return Unexpected{table.error()};
  const std::vector<std::string> files = corpus_files(path);
  std::optional<Error> failure;
  for (const std::string& file : files) {
    Status status = read_corpus(
        file,
        [&](CorpusCall&& call) {
          if (failure) return;
          Result<bool> allowed = table->may_train(call.source, file);
          if (!allowed) {
            failure = allowed.error();
            return;
          }
          on_call(std::move(call), *allowed);
        },
        on_error);
    if (!status) return status;
    if (failure) return Unexpected{*failure};
  }
  return {};
}

void TrainableSources::record(const std::string& source, bool may_train) {
  if (!may_train || test_only_.contains(source)) {
    test_only_.insert(source);
    trainable_.erase(source);
    return;
  }
  trainable_.insert(source);
}

std::vector<std::string> model_turns(const CorpusCall& call) {
  std::vector<std::string> turns;
  for (const Turn& turn : call.turns) {
    if (turn.speaker != Speaker::kUser) turns.push_back(turn.text);
  }
  if (turns.empty()) {
    for (const Turn& turn : call.turns) turns.push_back(turn.text);
  }
  return turns;
}

void add_training_examples(const CorpusCall& call, ExampleUnit unit,
                           std::vector<classifier::TrainExample>& out) {
  std::vector<std::string> turns = model_turns(call);
  if (turns.empty()) return;
  if (unit == ExampleUnit::kCall) {
    out.push_back({std::move(turns), call.is_scam(), 1.0});
    return;
  }
  const double weight = 1.0 / static_cast<double>(turns.size());
  for (size_t i = 0; i < turns.size(); ++i) {
    if (unit == ExampleUnit::kTurn) {
      out.push_back({{turns[i]}, call.is_scam(), weight});
    } else {
      out.push_back(
          {{turns.begin(), turns.begin() + static_cast<long>(i) + 1}, call.is_scam(), weight});
    }
  }
}

StreamedScore stream_model_score(const classifier::Model& model, const CorpusCall& call) {
  classifier::ModelState state;
  StreamedScore score;
  score.max_probability = score.final_probability = model.probability(state);
  score.after_turn.reserve(call.turns.size());
  for (const Turn& turn : call.turns) {
    if (turn.speaker != Speaker::kUser) {
      model.add_text(state, turn.text);
      const double p = model.probability(state);
      score.max_probability = score.model_turns == 0 ? p : std::max(score.max_probability, p);
      score.final_probability = p;
      ++score.model_turns;
    }
    score.after_turn.push_back(score.final_probability);
  }
  return score;
}

int StreamedScore::first_turn_at(double threshold) const {
  for (size_t i = 0; i < after_turn.size(); ++i) {
    if (after_turn[i] >= threshold) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace scamguard::corpus

namespace scamguard::corpus {

double threshold_at_fpr(std::map<std::string, std::vector<double>>& legit_scores, double max_fpr) {
  double threshold = 0.0;
  for (auto& [source, scores] : legit_scores) {
    if (scores.empty()) continue;
    std::sort(scores.begin(), scores.end());
    // `allowed` calls may score at or above the threshold; the next one down must not.
    const auto allowed =
        static_cast<size_t>(std::floor(max_fpr * static_cast<double>(scores.size())));
    const double highest_kept_below = scores[scores.size() - 1 - allowed];
    threshold = std::max(threshold, std::nextafter(highest_kept_below, 2.0));
  }
  return threshold;
}

}  // namespace scamguard::corpus

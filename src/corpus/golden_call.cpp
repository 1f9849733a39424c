#include "corpus/golden_call.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "util/strings.h"

namespace scamguard::corpus {
namespace {

Unexpected line_error(const std::string& path, int line, const std::string& what) {
  return make_error(ErrorCode::kInvalidInput, path + ":" + std::to_string(line) + ": " + what);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Result<Expectation> parse_expectation(std::string_view rest) {
  Expectation expectation;
  auto fail = [](const std::string& what) { return make_error(ErrorCode::kInvalidInput, what); };
  if (starts_with(rest, "action ")) {
    std::string_view value = trim(rest.substr(7));
    expectation.kind = Expectation::Kind::kActionIs;
    if (starts_with(value, ">=")) {
      expectation.kind = Expectation::Kind::kActionAtLeast;
      value = trim(value.substr(2));
    }
    std::optional<Action> action = parse_action(value);
    if (!action) {
      return fail("unknown action '" + std::string(value) + "' (allowed: " + allowed_actions() +
                  ")");
    }
    expectation.action = *action;
    return expectation;
  }
  if (starts_with(rest, "no symbol ")) {
    expectation.kind = Expectation::Kind::kNoSymbol;
    expectation.symbol = std::string(trim(rest.substr(10)));
    return expectation;
  }
  if (starts_with(rest, "symbol ")) {
    expectation.kind = Expectation::Kind::kSymbol;
    std::string_view value = trim(rest.substr(7));
    const size_t option = value.find(" option ");
    expectation.symbol = std::string(trim(value.substr(0, option)));
    if (option != std::string_view::npos) {
      nlohmann::json text = nlohmann::json::parse(value.substr(option + 8), nullptr, false);
      if (!text.is_string()) return fail("option must be a JSON string");
      expectation.option = text.get<std::string>();
    }
    return expectation;
  }
  if (starts_with(rest, "score ")) {
    std::string_view value = trim(rest.substr(6));
    if (starts_with(value, ">=")) {
      expectation.kind = Expectation::Kind::kScoreAtLeast;
    } else if (starts_with(value, "<") && !starts_with(value, "<=")) {
      expectation.kind = Expectation::Kind::kScoreBelow;
    } else {
      return fail("score expectation must be '>= N' or '< N'");
    }
    value = trim(value.substr(expectation.kind == Expectation::Kind::kScoreBelow ? 1 : 2));
    try {
      expectation.score = std::stod(std::string(value));
    } catch (...) {
      return fail("score must be a number");
    }
    return expectation;
  }
  return fail("unknown expectation '" + std::string(rest) + "'");
}

std::string describe(const Expectation& expectation) {
  switch (expectation.kind) {
    case Expectation::Kind::kActionIs:
      return std::string("action ") + to_string(expectation.action);
    case Expectation::Kind::kActionAtLeast:
      return std::string("action >= ") + to_string(expectation.action);
    case Expectation::Kind::kSymbol:
      return "symbol " + expectation.symbol +
             (expectation.option.empty() ? "" : " with option \"" + expectation.option + "\"");
    case Expectation::Kind::kNoSymbol:
      return "no symbol " + expectation.symbol;
    case Expectation::Kind::kScoreAtLeast:
      return "score >= " + std::to_string(expectation.score);
    case Expectation::Kind::kScoreBelow:
      return "score < " + std::to_string(expectation.score);
  }
  return "?";
}

std::string summarize(const Verdict& verdict) {
  std::ostringstream out;
  out << to_string(verdict.action) << " score " << verdict.score << " [";
  for (size_t i = 0; i < verdict.findings.size(); ++i) {
    out << (i ? " " : "") << verdict.findings[i].symbol;
  }
  out << "]";
  return out.str();
}

bool holds(const Expectation& expectation, const Verdict& verdict) {
  switch (expectation.kind) {
    case Expectation::Kind::kActionIs:
      return verdict.action == expectation.action;
    case Expectation::Kind::kActionAtLeast:
      return verdict.action >= expectation.action;
    case Expectation::Kind::kSymbol: {
      const Finding* finding = verdict.find(expectation.symbol);
      if (!finding) return false;
      if (expectation.option.empty()) return true;
      for (const std::string& option : finding->options) {
        if (option == expectation.option) return true;
      }
      return false;
    }
    case Expectation::Kind::kNoSymbol:
      return verdict.find(expectation.symbol) == nullptr;
    case Expectation::Kind::kScoreAtLeast:
      return verdict.score >= expectation.score;
    case Expectation::Kind::kScoreBelow:
      return verdict.score < expectation.score;
  }
  return false;
}

}  // namespace

Result<GoldenCall> parse_golden_call(std::string_view text, const std::string& path) {
  GoldenCall call;
  call.path = path;
  int line_number = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_number;
    line = trim(line);
    if (line.empty()) continue;
    if (line.front() == '#') {
      if (starts_with(line, "# description:"))
        call.description = std::string(trim(line.substr(14)));
      continue;
    }
    GoldenStep step{};
    step.line = line_number;
    const size_t space = line.find(' ');
    const std::string_view keyword = line.substr(0, space);
    const std::string_view rest =
        space == std::string_view::npos ? "" : trim(line.substr(space + 1));
    if (keyword == "setup") {
      Result<CallSetup> setup = codec::parse_setup_json(rest);
      if (!setup) return line_error(path, line_number, setup.error().message);
      step.kind = GoldenStep::Kind::kSetup;
      step.setup = std::move(*setup);
    } else if (keyword == "turn") {
      const size_t quote = rest.find(' ');
      std::optional<Speaker> speaker = parse_speaker(rest.substr(0, quote));
      if (!speaker || quote == std::string_view::npos) {
        return line_error(path, line_number, "expected: turn remote|user|unknown \"text\"");
      }
      nlohmann::json text_json = nlohmann::json::parse(rest.substr(quote + 1), nullptr, false);
      if (!text_json.is_string()) {
        return line_error(path, line_number, "turn text must be a JSON string in double quotes");
      }
      step.kind = GoldenStep::Kind::kTurn;
      step.turn = {*speaker, text_json.get<std::string>()};
    } else if (keyword == "event") {
      Result<TimedDeviceEvent> event = codec::parse_event_json(rest);
      if (!event) return line_error(path, line_number, event.error().message);
      step.kind = GoldenStep::Kind::kEvent;
      step.event = event->event;
    } else if (keyword == "expect") {
      Result<Expectation> expectation = parse_expectation(rest);
      if (!expectation) return line_error(path, line_number, expectation.error().message);
      step.kind = GoldenStep::Kind::kExpect;
      step.expectation = std::move(*expectation);
    } else {
      return line_error(path, line_number, "unknown line kind '" + std::string(keyword) + "'");
    }
    call.steps.push_back(std::move(step));
  }
  return call;
}

CorpusCall GoldenCall::to_corpus_call() const {
  CorpusCall call;
  call.id = path;
  call.source = "golden";
  for (const GoldenStep& step : steps) {
    switch (step.kind) {
      case GoldenStep::Kind::kSetup:
        call.setup = step.setup;
        call.direction = step.setup.direction;
        break;
      case GoldenStep::Kind::kTurn:
        call.turns.push_back(step.turn);
        break;
      case GoldenStep::Kind::kEvent:
        call.events.push_back({static_cast<int>(call.turns.size()) - 1, step.event});
        break;
      case GoldenStep::Kind::kExpect:
        break;
    }
  }
  return call;
}

std::vector<std::string> check_golden_call(const Engine& engine, const GoldenCall& call) {
  std::vector<std::string> failures;
  CallSession session = engine.open_call();
  for (const GoldenStep& step : call.steps) {
    Status status;
    switch (step.kind) {
      case GoldenStep::Kind::kSetup:
        status = session.on_signalling(step.setup);
        break;
      case GoldenStep::Kind::kTurn:
        status = session.on_turn(step.turn);
        break;
      case GoldenStep::Kind::kEvent:
        status = session.on_device_event(step.event);
        break;
      case GoldenStep::Kind::kExpect:
        if (!holds(step.expectation, session.verdict())) {
          failures.push_back(call.path + ":" + std::to_string(step.line) + ": expected " +
                             describe(step.expectation) + ", got " + summarize(session.verdict()));
        }
        break;
    }
    if (!status) {
      failures.push_back(call.path + ":" + std::to_string(step.line) +
                         ": event refused: " + status.error().message);
    }
  }
  return failures;
}

}  // namespace scamguard::corpus

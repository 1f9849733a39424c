#include "core/option_table.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace scamguard {
namespace {

// The shortest text that reads back as the same double; whole numbers in full (1000000, not
// 1e+06).
std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

const char* kind_name(OptionKind kind) {
  switch (kind) {
    case OptionKind::kBool:
      return "boolean";
    case OptionKind::kInteger:
      return "integer";
    case OptionKind::kNumber:
      return "number";
    case OptionKind::kString:
      return "string";
    case OptionKind::kPath:
      return "path";
  }
  return "value";
}

bool in_range(const OptionInfo& info, double value) {
  const bool above_min = info.min_open ? value > info.min : value >= info.min;
  const bool below_max = info.max_open ? value < info.max : value <= info.max;
  return above_min && below_max;
}

std::string range_text(const OptionInfo& info) {
  if (info.min_open || info.max_open) {
    return std::string(info.min_open ? "above " : "from ") + number_text(info.min) +
           (info.max_open ? " and below " : " to ") + number_text(info.max);
  }
  return "from " + number_text(info.min) + " to " + number_text(info.max);
}

std::string choices_text(const OptionInfo& info) {
  std::string text;
  for (const std::string& choice : info.choices) text += (text.empty() ? "" : ", ") + choice;
  return text;
}

}  // namespace

std::string describe_allowed(const OptionInfo& info) {
  switch (info.kind) {
    case OptionKind::kBool:
      return "true or false";
    case OptionKind::kInteger:
      return "an integer " + range_text(info);
    case OptionKind::kNumber:
      return "a number " + range_text(info);
    case OptionKind::kString:
      return info.choices.empty() ? "a string" : "one of " + choices_text(info);
    case OptionKind::kPath:
      return "a path (relative paths are taken from the file's directory)";
  }
  return "a value";
}

Result<OptionValue> parse_option(const OptionInfo& info, const toml::node& node,
                                 const std::string& where) {
  auto refuse = [&]() -> Result<OptionValue> {
    return make_error(ErrorCode::kConfig,
                      where + ": '" + info.key + "' must be " + describe_allowed(info));
  };
  switch (info.kind) {
    case OptionKind::kBool:
      if (auto flag = node.value_exact<bool>()) return OptionValue{*flag};
      return refuse();
    case OptionKind::kInteger: {
      // value<int64_t> also takes 20.0; a boolean or 20.5 is refused.
      if (node.is_boolean()) return refuse();
      auto integer = node.value<int64_t>();
      if (!integer || !in_range(info, static_cast<double>(*integer))) return refuse();
      return OptionValue{*integer};
    }
    case OptionKind::kNumber: {
      if (node.is_boolean()) return refuse();
      auto number = node.value<double>();
      if (!number || !std::isfinite(*number) || !in_range(info, *number)) return refuse();
      return OptionValue{*number};
    }
    case OptionKind::kString:
    case OptionKind::kPath: {
      auto text = node.value_exact<std::string>();
      if (!text) return refuse();
      if (!info.choices.empty()) {
        bool allowed = false;
        for (const std::string& choice : info.choices) allowed = allowed || choice == *text;
        if (!allowed) {
          return make_error(ErrorCode::kConfig, where + ": '" + info.key + "' is '" + *text +
                                                    "', must be " + describe_allowed(info));
        }
      }
      return OptionValue{*text};
    }
  }
  return refuse();
}

std::string format_option(const OptionValue& value) {
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const int64_t* integer = std::get_if<int64_t>(&value)) return std::to_string(*integer);
  if (const double* number = std::get_if<double>(&value)) {
    std::string text = number_text(*number);
    // A TOML float keeps its point, so the dump reads back as the same type.
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  }
  // A TOML basic string: quotes, backslashes and control characters escaped.
  std::string text = "\"";
  for (const char c : std::get<std::string>(value)) {
    if (c == '"' || c == '\\') {
      text += '\\';
      text += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
      text += escaped;
    } else {
      text += c;
    }
  }
  return text + "\"";
}

std::string source_of(const toml::node& node, const std::string& fallback) {
  const toml::source_region& source = node.source();
  if (source.path && source.begin.line > 0) {
    return *source.path + ":" + std::to_string(source.begin.line);
  }
  return fallback;
}

std::string dump_line(const std::string& name, const std::string& value,
                      const std::string& origin) {
  std::string line = name + " = " + value;
  constexpr size_t kCommentColumn = 44;
  line.append(line.size() < kCommentColumn ? kCommentColumn - line.size() : 1, ' ');
  return line + "# " + origin + "\n";
}

std::string reference_header() {
  return "| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n";
}

std::string reference_row(const OptionInfo& info, const OptionValue& default_value) {
  std::string allowed;
  if (info.kind == OptionKind::kInteger || info.kind == OptionKind::kNumber) {
    allowed = range_text(info);
  } else if (!info.choices.empty()) {
    allowed = choices_text(info);
  }
  std::string shown = format_option(default_value);
  std::string description = info.description;
  for (size_t at = description.find('|'); at != std::string::npos;
       at = description.find('|', at + 2)) {
    description.replace(at, 1, "\\|");
  }
  return "| `" + info.key + "` | " + kind_name(info.kind) + " | `" + shown + "` | " + allowed +
         " | " + description + " |\n";
}

}  // namespace scamguard

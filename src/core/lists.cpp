#include "core/lists.h"

#include "util/strings.h"

namespace scamguard {
namespace {

// Splits on '|' outside parentheses: "amazon | amazon customer (care|service)" is two forms.
std::vector<std::string_view> split_forms(std::string_view forms) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < forms.size(); ++i) {
    if (forms[i] == '(') ++depth;
    if (forms[i] == ')') --depth;
    if (forms[i] == '|' && depth == 0) {
      parts.push_back(forms.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(forms.substr(start));
  return parts;
}

}  // namespace

std::string_view PhraseList::canonical(std::string_view word) const {
  for (const ListEntry& entry : entries) {
    if (entry.name == word) return entry.name;
    for (const std::string& form : entry.forms) {
      if (form == word) return entry.name;
    }
  }
  return {};
}

Result<std::vector<ListEntry>> parse_list(std::string_view text, const std::string& path) {
  std::vector<ListEntry> entries;
  int line_number = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::string origin = path + ":" + std::to_string(line_number);
    ListEntry entry;
    entry.origin = origin;
    size_t colon = line.find(':');
    std::string_view forms = line;
    if (colon != std::string_view::npos) {
      entry.name = std::string(trim(line.substr(0, colon)));
      forms = line.substr(colon + 1);
    }
    for (std::string_view form : split_forms(forms)) {
      form = trim(form);
      if (form.empty()) continue;
      if (!is_canonical_phrase(form)) {
        return make_error(ErrorCode::kConfig,
                          origin + ": form '" + std::string(form) +
                              "' must be lower-case words as the normaliser writes them");
      }
      entry.forms.emplace_back(form);
    }
    if (entry.forms.empty()) {
      return make_error(ErrorCode::kConfig, origin + ": entry has no forms");
    }
    if (entry.name.empty()) entry.name = entry.forms.front();
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace scamguard

// Plain-text lists under conf/lists/: brands, authorities, remote-access tools, ...
//
// Format, one entry per line:
//   # comment
//   anydesk: anydesk | any desk | annie desk
// The name before ':' is the canonical value reported as evidence (tool=anydesk); the forms
// after it, separated by '|', are how people say or a recogniser writes it, each a pattern
// in the syntax of text/pattern_set.h. A line without ':' is its own single form.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scamguard/error.h"

namespace scamguard {

struct ListEntry {
  std::string name;
  std::vector<std::string> forms;
  std::string origin;  // "path:line", for error messages
};

struct PhraseList {
  std::string name;
  std::vector<ListEntry> entries;

  // The canonical name whose forms include `word` exactly, or empty.
  std::string_view canonical(std::string_view word) const;
};

// Parses one list file's text. `path` is used only in error messages.
Result<std::vector<ListEntry>> parse_list(std::string_view text, const std::string& path);

using ListSet = std::map<std::string, PhraseList, std::less<>>;

}  // namespace scamguard

// A man page written from a CLI11 App: the same option definitions that parse the command
// line and print --help, so the page cannot drift from the program. Both binaries print theirs
// with the hidden flag --help-man, and the build writes scamguard.1 and scamguardd.8 from it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace scamguard::cli {

struct ManPage {
  std::string section;   // "1" for user commands, "8" for daemons
  std::string summary;   // the NAME line after "name \-", e.g. "score phone calls for scams"
  std::string version;   // shown in the footer
  std::string synopsis;  // e.g. "scamguard COMMAND [OPTIONS] [ARGS]"
  // Sections after the options and commands, e.g. {"EXIT STATUS", "..."}; paragraphs are
  // separated by blank lines.
  std::vector<std::pair<std::string, std::string>> extra_sections;
};

// The page in man(7) format: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS (one subsection
// per subcommand with its arguments and options), then `page.extra_sections`.
std::string man_page(const CLI::App& app, const ManPage& page);

// `text` made safe for a roff line: backslashes, and a leading dot or quote.
std::string roff_escape(const std::string& text);

}  // namespace scamguard::cli

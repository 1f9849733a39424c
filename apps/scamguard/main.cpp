// scamguard: score call transcripts from the command line. See `scamguard --help`.
#include <iostream>

#include "commands.h"
#include "man_page.h"
#include "scamguard/version.h"

namespace {

using scamguard::cli::Command;

constexpr const char* kFooter = R"(
Every command takes --conf DIR, --local DIR, --override DIR, --pattern-cache DIR and
--model FILE; 'scamguard COMMAND --help' explains its own options.

Exit status: 0 success; 1 finished, but some input lines were rejected; 2 usage or
configuration error.)";

const scamguard::cli::ManPage kManPage = {
    .section = "1",
    .summary = "score phone calls for scam patterns, turn by turn, and explain every point",
    .version = SCAMGUARD_VERSION_STRING,
    .synopsis = "scamguard COMMAND [options] [FILE|DIR|-]...",
    .extra_sections =
        {
            {"EXIT STATUS",
             "0 success; 1 the run finished, but some input lines were rejected (each reported on "
             "standard error with its file and line); 2 usage or configuration error."},
            {"ENVIRONMENT",
             "SCAMGUARD_CONF: the configuration directory when --conf is not given.\n\n"
             "XDG_CACHE_HOME, HOME: compiled patterns are cached in $XDG_CACHE_HOME/scamguard or "
             "~/.cache/scamguard unless --pattern-cache says otherwise."},
            {"SEE ALSO",
             "scamguardd(8). The verdict JSON: docs/verdict-json.md; the configuration: "
             "docs/config.md; the HTTP API: docs/http-api.md."},
        },
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "scamguard scores phone calls for scam patterns, turn by turn, and explains "
      "every point of the score.",
      "scamguard");
  app.set_version_flag("--version", "scamguard " SCAMGUARD_VERSION_STRING,
                       "print the version and exit");
  // At most one command. Not "exactly one": CLI11 would then report a missing command before
  // an unknown option or command, instead of naming it.
  app.require_subcommand(0, 1);
  std::vector<Command> commands = {
      scamguard::cli::add_scan_command(app),        scamguard::cli::add_explain_command(app),
      scamguard::cli::add_eval_command(app),        scamguard::cli::add_symbols_command(app),
      scamguard::cli::add_configtest_command(app),  scamguard::cli::add_configdump_command(app),
      scamguard::cli::add_train_command(app),       scamguard::cli::add_campaigns_command(app),
      scamguard::cli::add_gen_traffic_command(app),
  };
  // `scamguard help [COMMAND]`, kept from the hand-written parser.
  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "this overview, or a command's help");
  help->add_option("command", help_topic, "the command to explain")->type_name("COMMAND");

  // Hidden (no group): the build writes scamguard.1 with it (apps/cli_common/man_page.h).
  bool help_man = false;
  app.add_flag("--help-man", help_man, "print the man page (man(7) format) and exit")->group("");
  app.footer(kFooter);  // after the subcommands, which would inherit it
  app.get_formatter()->column_width(26);

  if (argc < 2) {  // no command: the overview, as a usage error
    std::cout << app.help();
    return scamguard::cli::kExitUsage;
  }
  if (std::optional<int> done = scamguard::cli::parse_command_line(app, argc, argv)) return *done;
  if (help_man) {
    std::cout << scamguard::cli::man_page(app, kManPage);
    return scamguard::cli::kExitOk;
  }
  if (help->parsed()) {
    if (help_topic.empty()) {
      // Not app.help(): after parsing, it prints the help of the chosen subcommand, `help`.
      std::cout << app.get_formatter()->make_help(&app, "scamguard", CLI::AppFormatMode::Normal);
      return scamguard::cli::kExitOk;
    }
    for (const Command& command : commands) {
      if (command.app->get_name() == help_topic) {
        std::cout << command.app->help("scamguard");
        return scamguard::cli::kExitOk;
      }
    }
    std::cerr << "scamguard help: no command '" << help_topic << "'\n";
    return scamguard::cli::kExitUsage;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  std::cerr << "scamguard: no command given\nrun 'scamguard --help' for the commands\n";
  return scamguard::cli::kExitUsage;
}

// scamguard campaigns: link the calls of a corpus into campaigns and print one JSON line per
// campaign; or print one campaign's case report from a store.
//
//   scamguard campaigns calls.jsonl                      in memory, one line per campaign
//   scamguard campaigns calls.jsonl --store cases.sqlite calls added to a persistent store
//   scamguard campaigns --store cases.sqlite --report cmp-3 [--html]
//   scamguard campaigns --store cases.sqlite --list     the campaigns already stored
//   --scripts-only: link by script similarity alone, not by shared indicators (to measure)
//
// Each call is scored by the engine first (turn by turn, as scan does); only calls that reach
// warn are linked (campaign/campaign_linker.h). Calls are taken in file order; a call's
// "started_at" (unix seconds or ISO 8601 UTC) is kept for first/last seen and the timeline,
// and without it the arrival position stands in for time.
#include <ctime>
#include <iostream>

#include "call_source.h"
#include "campaign/campaign_tracker.h"
#include "campaign/report.h"
#include "cli_options.h"
#include "commands.h"
#include "core/engine_access.h"
#include "corpus/replay.h"
#include "progress_bar.h"
#include "scamguard/version.h"
#include "store/call_evidence.h"
#include "store/store_url.h"

namespace scamguard::cli {
namespace {

struct CampaignsArgs {
  EngineOptions engine = default_engine_options();
  std::vector<std::string> paths;
  std::optional<std::string> store;
  std::optional<std::string> report;
  bool html = false;
  bool list = false;
  bool scripts_only = false;
};

int print_report(campaign::CampaignStore& store, const std::string& store_path,
                 const std::string& id, bool html) {
  Result<std::vector<campaign::StoredCall>> calls = store.campaign_calls(id);
  if (!calls) {
    std::cerr << "scamguard: " << calls.error().message << "\n";
    return kExitUsage;
  }
  Result<std::vector<campaign::StoredLink>> links = store.campaign_links(id);
  if (!links) {
    std::cerr << "scamguard: " << links.error().message << "\n";
    return kExitUsage;
  }
  // The per-call findings and words live in the call tables of the same store (a daemon's
  // --db); a store the CLI built from corpus files has none, and the report says so.
  campaign::ReportContext context;
  context.generated_at = std::time(nullptr);
  context.version = SCAMGUARD_VERSION_STRING;
  Result<std::unique_ptr<store::CallStore>> call_store = store::open_call_store(store_path);
  if (call_store) context.evidence = store::call_evidence_lookup(**call_store);
  nlohmann::json report = campaign::campaign_report_json(id, *calls, *links, context);
  if (html) {
    std::cout << campaign::campaign_report_html(report);
  } else {
    std::cout << report.dump(2) << "\n";
  }
  return kExitOk;
}

int run_campaigns(const CampaignsArgs& args) {
  const std::optional<std::string>& store_path = args.store;
  const std::optional<std::string>& report = args.report;
  const bool list_only = args.list;
  if ((report || list_only) && (!args.paths.empty() || !store_path)) {
    std::cerr << "scamguard campaigns: --report and --list read a --store and take no input "
                 "path\n";
    return kExitUsage;
  }
  if (!report && !list_only && args.paths.empty()) {
    std::cerr << "scamguard campaigns: give the calls to link (FILE|DIR|-), or --store with "
                 "--report or --list\nrun 'scamguard campaigns --help' for the options\n";
    return kExitUsage;
  }

  std::unique_ptr<campaign::CampaignStore> store;
  if (store_path) {
    Result<std::unique_ptr<campaign::CampaignStore>> opened =
        store::open_campaign_store(*store_path);
    if (!opened) {
      std::cerr << "scamguard: " << opened.error().message << "\n";
      return kExitUsage;
    }
    store = std::move(*opened);
  } else {
    store = campaign::make_memory_campaign_store();
  }
  if (report) return print_report(*store, *store_path, *report, args.html);

  int rejected = 0;  // malformed lines
  int refused = 0;   // calls the store refused (a call id already stored)
  if (!list_only) {
    std::optional<Engine> engine = load_engine(args.engine);
    if (!engine) return kExitUsage;
    const EngineConfig& config = detail::engine_state(*engine).config;
    Result<campaign::IndicatorExtractor> extractor =
        campaign::IndicatorExtractor::create(config.lists, config.home_country_code);
    if (!extractor) {
      std::cerr << "scamguard: " << extractor.error().message << "\n";
      return kExitUsage;
    }
    campaign::LinkerOptions linker_options;
    linker_options.link_by_indicators = !args.scripts_only;
    Result<campaign::CampaignTracker> tracker =
        campaign::CampaignTracker::open(*store, *extractor, linker_options);
    if (!tracker) {
      std::cerr << "scamguard: " << tracker.error().message << "\n";
      return kExitUsage;
    }
    bool failed = false;
    // A big corpus is minutes of scoring and linking; its size is not known before reading.
    ProgressBar progress = ProgressBar::on_stderr("campaigns", 0, "calls");
    auto link = [&](corpus::CorpusCall&& call) {
      progress.advance();
      if (failed) return;
      corpus::ReplayResult result = corpus::replay(*engine, call);
      campaign::CallObservation observation{
          call.id,    call.started_at,       call.setup ? &*call.setup : nullptr,
          call.turns, result.verdict.action, result.verdict.score};
      Result<campaign::CallUpdate> added = tracker->add_call(observation);
      if (!added) {
        std::cerr << "scamguard: " << call.id << ": " << added.error().message << "\n";
        if (added.error().code == ErrorCode::kInvalidInput) {
          ++refused;
        } else {
          failed = true;  // the store is failing: stop rather than lose calls silently
        }
      }
    };
    for (const std::string& path : args.paths) {
      const int errors = for_each_call(path, link);
      if (errors < 0 || failed) return kExitUsage;
      rejected += errors;
    }
    progress.finish();
  }

  Result<std::vector<campaign::CampaignSummary>> campaigns = store->list_campaigns();
  if (!campaigns) {
    std::cerr << "scamguard: " << campaigns.error().message << "\n";
    return kExitUsage;
  }
  std::ios::sync_with_stdio(false);
  for (const campaign::CampaignSummary& summary : *campaigns) {
    Result<std::vector<campaign::StoredCall>> calls = store->campaign_calls(summary.id);
    if (!calls) {
      std::cerr << "scamguard: " << calls.error().message << "\n";
      return kExitUsage;
    }
    std::cout << campaign::campaign_json(summary.id, *calls).dump() << '\n';
  }
  return rejected > 0 || refused > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace

Command add_campaigns_command(CLI::App& app) {
  auto args = std::make_shared<CampaignsArgs>();
  CLI::App* command =
      app.add_subcommand("campaigns", "link calls into campaigns; case reports from a store");
  command->footer(
      "Score each call, link the calls that reach warn into campaigns (shared script and "
      "indicators) and print one JSON line per campaign; or print one stored campaign's case "
      "report (--report), or list the stored campaigns (--list).");
  command
      ->add_option("paths", args->paths,
                   "the calls to link: corpus files (JSON Lines), directories, .call files or -, "
                   "in order (a call's started_at gives first/last seen)")
      ->type_name("FILE|DIR|-");
  command
      ->add_option_function<std::string>(
          "--store", [args](const std::string& url) { args->store = url; },
          "a persistent case store, FILE.sqlite or postgresql://...: linked calls are added to "
          "it (default: in memory)")
      ->type_name("DB");
  command
      ->add_option_function<std::string>(
          "--report", [args](const std::string& id) { args->report = id; },
          "print this campaign's case report (JSON) from --store")
      ->type_name("CAMPAIGN");
  command->add_flag("--html", args->html, "with --report: the report as printable HTML");
  command->add_flag("--list", args->list, "print the campaigns already in --store");
  command->add_flag("--scripts-only", args->scripts_only,
                    "link by script similarity alone, not by shared indicators (to measure)");
  add_engine_options(*command, args->engine);
  return {command, [args] { return run_campaigns(*args); }};
}

}  // namespace scamguard::cli

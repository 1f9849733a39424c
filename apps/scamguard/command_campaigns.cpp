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
#include "scamguard/version.h"
#include "store/call_evidence.h"
#include "store/store_url.h"

namespace scamguard::cli {
namespace {

constexpr const char* kCampaignsUsage =
    "usage: scamguard campaigns FILE|DIR|- [--store FILE.sqlite|postgresql://...] "
    "[--scripts-only]\n"
    "                           [--conf DIR]\n"
    "       scamguard campaigns --store FILE.sqlite --report CAMPAIGN [--html]\n"
    "       scamguard campaigns --store FILE.sqlite --list\n";

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

}  // namespace

int run_campaigns(int argc, char** argv) {
  std::optional<CommonOptions> options =
      parse_options(argc, argv, {"--store", "--report"}, {"--html", "--list", "--scripts-only"});
  if (!options) {
    std::cerr << kCampaignsUsage;
    return kExitUsage;
  }
  const std::optional<std::string> store_path = options->flag("--store");
  const std::optional<std::string> report = options->flag("--report");
  const bool list_only = options->has_flag("--list");
  if ((report || list_only) ? !options->positional.empty() || !store_path
                            : options->positional.size() != 1) {
    std::cerr << kCampaignsUsage;
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
  if (report) return print_report(*store, *store_path, *report, options->has_flag("--html"));

  int rejected = 0;  // malformed lines
  int refused = 0;   // calls the store refused (a call id already stored)
  if (!list_only) {
    std::optional<Engine> engine = load_engine(options->engine);
    if (!engine) return kExitUsage;
    const EngineConfig& config = detail::engine_state(*engine).config;
    Result<campaign::IndicatorExtractor> extractor =
        campaign::IndicatorExtractor::create(config.lists, config.home_country_code);
    if (!extractor) {
      std::cerr << "scamguard: " << extractor.error().message << "\n";
      return kExitUsage;
    }
    campaign::LinkerOptions linker_options;
    linker_options.link_by_indicators = !options->has_flag("--scripts-only");
    Result<campaign::CampaignTracker> tracker =
        campaign::CampaignTracker::open(*store, *extractor, linker_options);
    if (!tracker) {
      std::cerr << "scamguard: " << tracker.error().message << "\n";
      return kExitUsage;
    }
    bool failed = false;
    rejected = for_each_call(options->positional[0], [&](corpus::CorpusCall&& call) {
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
    });
    if (rejected < 0 || failed) return kExitUsage;
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

}  // namespace scamguard::cli

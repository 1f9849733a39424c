// GET /healthz (no auth: load balancers and orchestrators probe it) and GET /metrics
// (Prometheus text format; read scope when auth is on).
#include "server/campaign_service.h"
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

void register_ops_routes(Router& router, ServerContext& context) {
  add_route(router, context, Method::kGet, "/healthz", "healthz", Scope::kNone,
            [&context](const Request&, Response& res) {
              const bool stopping = context.stopping.load();
              send_json(res, stopping ? 503 : 200,
                        {{"status", stopping ? "stopping" : "ok"},
                         {"open_calls", context.calls.size()},
                         {"engine_generation", context.engine_generation.load()}});
            });
  add_route(router, context, Method::kGet, "/metrics", "metrics", Scope::kRead,
            [&context](const Request&, Response& res) {
              const store::StoreStats stats = context.store.stats();
              GaugeSnapshot gauges;
              gauges.open_calls = context.calls.size();
              gauges.open_streams = context.open_streams.load();
              gauges.store_errors = stats.errors;
              gauges.store_commits = stats.commits;
              gauges.store_writes = stats.writes;
              gauges.engine_generation = context.engine_generation.load();
              if (const CampaignService* campaigns = context.campaigns) {
                gauges.campaign_errors = campaigns->errors();
                gauges.campaign_calls = campaigns->calls();
                gauges.campaign_indexed_calls = campaigns->indexed_calls();
                gauges.campaign_scripts = campaigns->scripts();
              }
              res.set_content(context.metrics.render(gauges), "text/plain; version=0.0.4");
            });
}

}  // namespace scamguard::server

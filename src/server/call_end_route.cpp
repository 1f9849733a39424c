// POST /v1/call-ends: how a call that was checked with /v1/check ended, for the traffic
// statistics of its caller ID and ingress trunk (answer-seizure ratio, average duration,
// share of very short calls). The SIP proxy sends it when the dialog ends (Kamailio's
// dialog or acc module):
//
//   {"setup": {"caller": "+61412345678", "trunk": "intl-gw-1"},
//    "end": {"answered": true, "duration": 42.5, "time": 1764457260}}
//
// 200 {"recorded": true}; 400 for a malformed body; 503 state_unavailable when the state
// backend (Redis) cannot be reached.
#include "codec/event_json.h"
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

using nlohmann::json;

void register_call_end_route(Router& router, ServerContext& context) {
  add_route(router, context, Method::kPost, "/v1/call-ends", "call_end", Scope::kWrite,
            [&context](const Request& req, Response& res) {
              Result<json> parsed = parse_body(req.body);
              if (!parsed) return send_error(res, 400, "invalid_json", parsed.error().message);
              const json& body = *parsed;
              if (!body.is_object()) {
                return send_error(res, 400, "invalid_json", "the body must be a JSON object");
              }
              auto setup_node = body.find("setup");
              auto end_node = body.find("end");
              if (setup_node == body.end() || end_node == body.end()) {
                return send_error(res, 400, "invalid_input",
                                  "the body needs \"setup\" and \"end\" objects");
              }
              Result<CallSetup> setup = codec::setup_from_json(*setup_node, "setup.");
              if (!setup) return send_error(res, 400, "invalid_input", setup.error().message);
              Result<CallEnd> end = codec::end_from_json(*end_node, "end.");
              if (!end) return send_error(res, 400, "invalid_input", end.error().message);
              Status recorded = context.engine()->record_call_end(*setup, *end);
              if (!recorded) {
                if (recorded.error().code == ErrorCode::kUnavailable) {
                  return send_error(res, 503, "state_unavailable", recorded.error().message);
                }
                return send_error(res, 400, "invalid_input", recorded.error().message);
              }
              send_json(res, 200, {{"recorded", true}});
            });
}

}  // namespace scamguard::server

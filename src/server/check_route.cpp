// POST /v1/check: a stateless pre-answer verdict for a SIP proxy, from the call set-up alone.
// Nothing is stored and no call is opened, so it costs one session and one JSON round trip.
#include "core/verdict_json.h"
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

using nlohmann::json;

void register_check_route(Router& router, ServerContext& context) {
  auto service = std::make_shared<CallService>(context);
  add_route(router, context, Method::kPost, "/v1/check", "check", Scope::kRead,
            [service](const Request& req, Response& res) {
              Result<json> body = parse_body(req.body);
              if (!body) return send_error(res, 400, "invalid_json", body.error().message);
              Result<OpenCallRequest> request = decode_open_call(*body);
              if (!request) return send_error(res, 400, "invalid_input", request.error().message);
              Outcome<Verdict> verdict = service->check(request->setup);
              if (!verdict.ok()) return send_error(res, verdict.error);
              // The verdict's text form, not its tree: see core/verdict_json.h for the cost.
              std::string answer;
              answer.reserve(2048);  // a verdict with a handful of findings, grown once at most
              answer.append(R"({"verdict":)");
              detail::append_verdict_json(answer, *verdict.value);
              answer.push_back('}');
              res.status = 200;
              res.set_content(std::move(answer), "application/json");
            });
}

}  // namespace scamguard::server
